// CSV text into rows and targets, for a data set of one's own: parsed by papaparse (quotes,
// separators and line endings as RFC 4180 and spreadsheets write them), then every cell checked,
// with errors that name the line and the column.

import Papa from "papaparse";
import { describe } from "../checks/validate";

/** A data set read from CSV: the input columns' names, a row of numbers and a target per line. */
export interface CsvData {
  /** The input columns, in order (the header's names, the target's left out). */
  columns: string[];
  /** The target column's name. */
  target: string;
  rows: number[][];
  /** A number per row: the target column's value, or its class's index in `classes`. */
  targets: number[];
  /** When the target column holds names (setosa, …): each name once, in the order they first come. */
  classes: string[] | null;
}

/**
 * Reads CSV text whose first line names the columns: every column but the target becomes a row of
 * finite numbers, the target a number per row (or, if it holds names, the index of its name).
 *
 * @param text - the CSV, header first
 * @param options - `target`: the target column's name (default: the last column)
 * @example
 * readCsv("x1,x2,y\n0,1,1\n1,1,0\n").rows; // returns [[0, 1], [1, 1]]
 */
export function readCsv(text: string, options: { target?: string } = {}): CsvData {
  const { data, problems } = checkCsv(text, options);
  if (problems.length > 0) throw new RangeError(`readCsv(text): ${problems[0]}`);
  return data as CsvData;
}

/**
 * readCsv's work, every bad line found, not only the first: the data when there is none, else what
 * is wrong, one message a line (or one for the whole text: no header, no rows, no such target).
 * Each names the line (the header is line 1) and the column.
 *
 * @param text - the CSV, header first
 * @param options - `target`: the target column's name (default: the last column)
 */
export function checkCsv(
  text: string,
  options: { target?: string } = {},
): { data: CsvData | null; problems: string[] } {
  const where = "readCsv(text)";
  if (typeof text !== "string") throw new TypeError(`${where}: text must be a string of CSV, got ${describe(text)}`);
  const none = (problem: string) => ({ data: null, problems: [problem] });
  const parsed = Papa.parse<string[]>(text.replace(/\r?\n$/, ""), { header: false, skipEmptyLines: false });
  // (a text papaparse cannot tell the separator of is read with commas: not an error)
  const [error] = parsed.errors.filter((e) => e.code !== "UndetectableDelimiter");
  if (error) return none(`${error.row === undefined ? "" : `line ${error.row + 1}: `}${error.message}`);
  const [header, ...lines] = parsed.data;
  if (!header || lines.length === 0) return none("it needs a header line and at least one row");
  const names = header.map((name) => name.trim());
  const target = options?.target ?? names[names.length - 1];
  const t = names.indexOf(target);
  if (t < 0) return none(`options.target ${JSON.stringify(target)} is not a column (${names.join(", ")})`);
  if (names.length < 2) return none("it needs at least one input column beside the target");
  const problems: string[] = [];
  const rows: number[][] = [];
  const raw: string[] = [];
  lines.forEach((cells, i) => {
    const line = i + 2;
    if (cells.length !== names.length) {
      problems.push(`line ${line} has ${cells.length} values, the header ${names.length}`);
      return;
    }
    const row: number[] = [];
    cells.forEach((cell, j) => {
      if (j === t) return;
      const value = cell.trim() === "" ? Number.NaN : Number(cell);
      if (Number.isFinite(value)) row.push(value);
      else problems.push(`line ${line}, column "${names[j]}": ${JSON.stringify(cell)} is not a finite number`);
    });
    const label = cells[t].trim();
    if (label === "") problems.push(`line ${line}, column "${target}": the target is empty`);
    rows.push(row);
    raw.push(label);
  });
  if (problems.length > 0) return { data: null, problems };
  const numeric = raw.every((cell) => Number.isFinite(Number(cell)));
  const classes = numeric ? null : [...new Set(raw)];
  const targets = numeric ? raw.map(Number) : raw.map((cell) => (classes as string[]).indexOf(cell));
  return { data: { columns: names.filter((_, j) => j !== t), target, rows, targets, classes }, problems };
}
