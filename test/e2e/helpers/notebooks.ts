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

/** A notebook's two runs in one fresh kernel (the shared build's, sharedBuild in site.ts). */
export interface Execution {
  first: Notebook;
  second?: Notebook;
  stderr: string;
  status: number | null;
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
