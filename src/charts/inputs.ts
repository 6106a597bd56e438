// The checks the chart functions (lines, bars, grid, cube, scatter) share: a chart's description
// read once, each mistake a TypeError (the wrong kind of value) or a RangeError (the right kind, the
// wrong size), its message naming the function and the argument, as the rest of the module does.

import { checkFinite, checkOptions, describe, isRow, readable } from "../checks/validate";

/** Throws unless `value` is a plain object whose keys are all in `known`; returns a copy of it. */
export function checkSpec<T extends object>(value: T, known: readonly (keyof T & string)[], where: string): Partial<T> {
  if (value === undefined) throw new TypeError(`${where} must be an object such as { ${known[0]}: … }, got undefined`);
  return checkOptions(value, known, where);
}

/** Throws unless `value` is a string; returns it. */
export function checkText(value: unknown, where: string): string {
  if (typeof value !== "string") throw new TypeError(`${where} must be a string, got ${describe(value)}`);
  return value;
}

/** Throws unless `value` is an array (of `length` items, `each` saying what each is for, when given); returns a copy. */
export function checkList(value: unknown, where: string, length?: number, each = ""): unknown[] {
  return readable(() => {
    if (!Array.isArray(value)) throw new TypeError(`${where} must be an array, got ${describe(value)}`);
    if (length !== undefined && value.length !== length) {
      throw new RangeError(`${where} must have ${length} item${length === 1 ? "" : "s"}${each}, got ${value.length}`);
    }
    return Array.from(value);
  }, where);
}

/** Throws unless `value` is an array of strings (of `length`, when given); returns a copy. */
export function checkNames(value: unknown, where: string, length?: number, each = ""): string[] {
  return checkList(value, where, length, each).map((name, i) => checkText(name, `${where}[${i}]`));
}

/**
 * Throws unless `value` is an array or typed array of finite numbers (of `length`, when given);
 * returns a plain array, which Plotly's JSON can carry.
 */
export function checkNumbers(value: unknown, where: string, length?: number, each = ""): number[] {
  return readable(() => {
    if (!isRow(value)) throw new TypeError(`${where} must be an array of numbers, got ${describe(value)}`);
    if (length !== undefined && value.length !== length) {
      throw new RangeError(`${where} must have ${length} number${length === 1 ? "" : "s"}${each}, got ${value.length}`);
    }
    return Array.from(value, (v, i) => checkFinite(v, `${where}[${i}]`));
  }, where);
}

/** Throws unless `value` is [low, high], two finite numbers with low < high, both above 0 on a log axis. */
export function checkRange(value: unknown, where: string, log = false): [number, number] {
  const [low, high] = checkNumbers(value, where, 2, " ([low, high])");
  if (!(low < high) || (log && low <= 0)) {
    const rule = log ? "0 < low < high (a log axis)" : "low < high";
    throw new RangeError(`${where} must be [low, high] with ${rule}, got [${low}, ${high}]`);
  }
  return [low, high];
}

/** An axis as the chart functions take it: a title, and optionally a range and a log scale. */
export interface AxisInput {
  title: string;
  /** The values at its ends (in the data's units, on a log axis too). */
  range?: [number, number];
  /** A log scale: every value on it above 0. */
  log?: boolean;
}

/** Checks an axis; returns Plotly's: its title, `type: "log"` and its range (in powers of ten on a log axis). */
export function axisOf(value: AxisInput, where: string, known: (keyof AxisInput)[] = ["title", "range", "log"]) {
  const { title, range, log = false } = checkSpec(value, known, where);
  if (typeof log !== "boolean") throw new TypeError(`${where}.log must be true or false, got ${describe(log)}`);
  const axis: Record<string, unknown> = { title: checkText(title, `${where}.title`) };
  if (log) axis.type = "log";
  if (range !== undefined) {
    const ends = checkRange(range, `${where}.range`, log);
    // a log axis's range is in powers of ten
    axis.range = log ? ends.map(Math.log10) : ends;
  }
  return axis;
}
