import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(__dirname, "..", "..", "..");
export const NOTEBOOKS = join(ROOT, "notebooks");
export const ARTIFACTS = join(ROOT, "test", ".artifacts");

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

/**
 * The environment for a kernel: no FORCE_COLOR (uvu sets it, and a kernel's output is no
 * terminal) and no NO_COLOR (beside FORCE_COLOR, Node warns on every kernel's stderr).
 */
export function quietEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  return env;
}

/** What setup found: the Python with Jupyter, and where the project's kernel spec is. */
export function settings(): { python: string; jupyterPath: string } {
  return JSON.parse(readFileSync(join(ROOT, ".jupyter", "setup.json"), "utf8"));
}

export interface Execution {
  first: Notebook;
  second?: Notebook;
  seconds: number[];
  stderr: string;
  status: number | null;
}

/**
 * Runs a notebook in a fresh tslab kernel with nbclient, twice in the same kernel, and returns
 * both executed copies.
 */
export function executeNotebook(name: string, env: NodeJS.ProcessEnv = {}): Execution {
  const { python, jupyterPath } = settings();
  mkdirSync(ARTIFACTS, { recursive: true });
  const first = join(ARTIFACTS, `${name}.executed.ipynb`);
  const second = join(ARTIFACTS, `${name}.second.ipynb`);
  const result = spawnSync(
    python,
    [join(__dirname, "execute_notebook.py"), join(NOTEBOOKS, `${name}.ipynb`), first, "--second", second],
    {
      encoding: "utf8",
      env: { ...quietEnv(), JUPYTER_PATH: jupyterPath, ...env },
      timeout: 180_000,
    },
  );
  const seconds = result.stdout ? JSON.parse(result.stdout.trim().split("\n").pop() ?? "{}").seconds : [];
  let secondRun: Notebook | undefined;
  try {
    secondRun = readNotebook(second);
  } catch {}
  return { first: readNotebook(first), second: secondRun, seconds, stderr: result.stderr, status: result.status };
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
