// The notebooks as the tests read them, and the one runner (scripts/run-notebook.py) running them.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "../../../scripts/setup.mjs";

export const ROOT = root;
export const NOTEBOOKS = join(ROOT, "notebooks");
export const ARTIFACTS = join(ROOT, "test", ".artifacts");
export const RUNNER = join(ROOT, "scripts", "run-notebook.py");

export interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}

export interface Cell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: { tags?: string[] };
  outputs?: Output[];
  execution_count?: number | null;
}

export interface Notebook {
  cells: Cell[];
  metadata: { kernelspec?: { name: string } };
}

/** The notebooks in reading order: notebooks/NN-name.ipynb. */
export function notebookNames(): string[] {
  return readdirSync(NOTEBOOKS)
    .filter((f) => /^\d\d-.*\.ipynb$/.test(f))
    .sort()
    .map((f) => f.replace(/\.ipynb$/, ""));
}

export const text = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join("") : (value ?? ""));

export function readNotebook(path: string): Notebook {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** A notebook's runs in one fresh kernel (the shared build's, sharedBuild in site.ts). */
export interface Execution {
  first: Notebook;
  /**
   * Second, every cell again in the same kernel, with the parameters cell edited (editFor), as a
   * reader reruns a notebook; how that run failed, if it did.
   */
  edited?: { edit: Edit; notebook?: Notebook; failure: string | null };
  stderr: string;
  status: number | null;
}

/** An edit of a notebook's parameters cell: a line, and what it becomes. */
export interface Edit {
  from: string;
  to: string;
}

/** The source of a notebook's first code cell, its parameters. */
export const parametersOf = (nb: Notebook) => text(nb.cells.find((c) => c.cell_type === "code")?.source);

/**
 * The edit a reader might make: the seed one up where the notebook has one, else the first number
 * of the parameters cell halved.
 */
export function editFor(parameters: string): Edit {
  const seed = /^const seed = (\d+);/m.exec(parameters);
  if (seed) return { from: seed[0], to: `const seed = ${Number(seed[1]) + 1};` };
  const first = /^const (\w+) = (\d+(?:\.\d+)?);/m.exec(parameters);
  if (!first) throw new Error(`no number to edit in the parameters cell:\n${parameters}`);
  return { from: first[0], to: `const ${first[1]} = ${Number(first[2]) / 2};` };
}

/** The notebook `name` with its parameters cell edited (editFor), and the edit. */
export function editedNotebook(name: string): { notebook: Notebook; edit: Edit } {
  const notebook = readNotebook(join(NOTEBOOKS, `${name}.ipynb`));
  const cell = notebook.cells.find((c) => c.cell_type === "code");
  if (!cell) throw new Error(`${name} has no code cell`);
  const edit = editFor(parametersOf(notebook));
  cell.source = parametersOf(notebook).replace(edit.from, edit.to);
  return { notebook, edit };
}

/** Every output of the notebook's code cells, in order. */
export function outputs(nb: Notebook): Output[] {
  return nb.cells.flatMap((cell) => cell.outputs ?? []);
}

/** The lines the notebook printed on stdout. */
export function printedLines(nb: Notebook): string[] {
  return outputs(nb)
    .filter((o) => o.output_type === "stream" && o.name === "stdout")
    .flatMap((o) => text(o.text).split("\n"))
    .filter((line) => line.trim() !== "");
}
