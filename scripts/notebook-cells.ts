// The notebooks as check-notebooks.ts reads them: each notebook's code cells, in order, as one
// module, and a finding's place in it mapped back to its cell (as Jupyter counts them, and among
// code cells) and the line in the cell.
import { readFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";

export const root = resolve(__dirname, "..");
export const bin = (name: string) => join(root, "node_modules", ".bin", name);
/** The notebooks' line width: narrower than src/'s 120 columns, to fit a notebook's cell. */
export const NOTEBOOK_LINE_WIDTH = 100;

export interface Finding {
  /** The notebook's path, relative to the working directory when inside it. */
  notebook: string;
  /** The cell's number among all cells, as Jupyter shows them (1 = the first). */
  cell: number;
  /** The cell's number among code cells. */
  codeCell: number;
  /** The line in the cell (1 = the first). */
  line: number;
  message: string;
  /** Who found it: "tsc TS6133", "biome lint/…", "biome format", "tslab shorthand". */
  source: string;
}

export interface Cell {
  cell: number;
  codeCell: number;
  source: string;
  /** Its first line in the notebook's module. */
  start: number;
}

export interface NotebookJson {
  cells: { cell_type: string; source: string | string[] }[];
}

export interface Notebook {
  path: string;
  json: NotebookJson;
  cells: Cell[];
  /** The module: the code cells in order, a blank line between two. */
  text: string;
  /** Where TypeScript sees the module: beside the notebook, so that imports resolve from there. */
  virtualPath: string;
}

/** A notebook's code cells as one module, and where each cell starts in it. */
export function readNotebook(path: string): Notebook {
  let json: NotebookJson;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path}: not a notebook: ${(error as Error).message}`);
  }
  const cells: Cell[] = [];
  let start = 1;
  json.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    cells.push({ cell: i + 1, codeCell: cells.length + 1, source, start });
    start += source.split("\n").length + 1;
  });
  const text = `${cells.map((c) => c.source).join("\n\n")}\n`;
  return { path, json, cells, text, virtualPath: path.replace(/\.ipynb$/, ".ipynb.ts") };
}

/** The cell holding line `line` of the notebook's module. */
export function cellAt(notebook: Notebook, line: number): Cell {
  return [...notebook.cells].reverse().find((c) => c.start <= line) ?? notebook.cells[0];
}

/** A finding at line `line` of the notebook's module, placed in its cell. */
export function finding(notebook: Notebook, line: number, message: string, source: string): Finding {
  const cell = cellAt(notebook, line);
  const path = relative(process.cwd(), notebook.path);
  return {
    notebook: path.startsWith("..") || isAbsolute(path) ? notebook.path : path,
    cell: cell.cell,
    codeCell: cell.codeCell,
    line: line - cell.start + 1,
    message,
    source,
  };
}

export const formatFinding = (f: Finding) =>
  `${f.notebook}, cell ${f.cell} (code cell ${f.codeCell}), line ${f.line}: ${f.message} (${f.source})`;
