// The notebooks as the tests read them, and the one runner (scripts/run-notebook.py) running them.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { jupyterEnv, readSetup, root } from "../../../scripts/setup.mjs";

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

export interface Execution {
  first: Notebook;
  second?: Notebook;
  stderr: string;
  status: number | null;
}

/**
 * Runs a notebook in a fresh tslab kernel with the project's runner (scripts/run-notebook.py),
 * twice in the same kernel, and resolves with both executed copies (the first also when a cell failed).
 */
export function executeNotebook(name: string): Promise<Execution> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const first = join(ARTIFACTS, `${name}.executed.ipynb`);
  const second = join(ARTIFACTS, `${name}.second.ipynb`);
  for (const copy of [first, second]) rmSync(copy, { force: true });
  const notebook = join(NOTEBOOKS, `${name}.ipynb`);
  return new Promise((resolve, reject) => {
    const child = spawn(readSetup().python, [RUNNER, notebook, "--executed", first, "--again", second], {
      env: jupyterEnv(),
      timeout: 180_000,
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", (error) => {
      stderr += `\n${error.message}`;
    });
    child.on("close", (status) => {
      if (!existsSync(first)) {
        reject(new Error(`${name}: the runner wrote no executed copy (exit ${status}):\n${stderr}`));
        return;
      }
      resolve({
        first: readNotebook(first),
        second: existsSync(second) ? readNotebook(second) : undefined,
        stderr,
        status,
      });
    });
  });
}

/**
 * Runs every notebook in `names` as executeNotebook does, `atOnce` at a time (a run waits on its
 * kernel more than on the processor); each run's promise, by name, at once.
 */
export function executeNotebooks(names: string[], atOnce = 2): Map<string, Promise<Execution>> {
  const runs = new Map<string, Promise<Execution>>();
  // the lanes: each run waits for the one before it in its lane; a failure is its own suite's to
  // report (the catch also marks it handled, so it cannot end the process before that suite runs)
  const chain: Promise<unknown>[] = Array.from({ length: atOnce }, () => Promise.resolve());
  names.forEach((name, i) => {
    const lane = i % atOnce;
    const run = chain[lane].then(() => executeNotebook(name));
    chain[lane] = run.catch(() => undefined);
    runs.set(name, run);
  });
  return runs;
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
