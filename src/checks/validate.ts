// Checks shared by the public functions: each throws a TypeError (wrong kind of value) or a
// RangeError (right kind, wrong value) whose message says where, what was expected and what came.
import { allowed, type Limit, within } from "./limits";

/** Describes a value for an error message: `"a" (a string)`, `NaN`, `null`, `an array of length 2`. */
export function describe(value: unknown): string {
  try {
    return describeValue(value);
  } catch {
    return "a value that could not be read"; // a Proxy or a getter that throws
  }
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return `${JSON.stringify(value)} (a string)`;
  if (typeof value === "bigint") return `${value}n (a bigint)`;
  if (typeof value === "boolean") return `${value} (a boolean)`;
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return value.length === 0 ? "an empty array" : `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === "object" && value !== null) return "an object";
  if (typeof value === "symbol") return "a symbol";
  return String(value);
}

/** Throws unless `value` is an integer in [min, max]. */
export function checkInteger(value: unknown, where: string, min: number, max: number): number {
  if (typeof value !== "number") {
    throw new TypeError(`${where} must be an integer from ${min} to ${max}, got ${describe(value)}`);
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${where} must be an integer from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}

/** Throws unless `value` is a number `limit` allows (limits.ts): a TypeError for another kind, else a RangeError. */
export function checkLimit(value: unknown, limit: Limit, where: string): number {
  if (limit.integer) return checkInteger(value, where, limit.min, limit.max);
  if (!within(limit, value)) {
    const kind = typeof value === "number" ? RangeError : TypeError;
    throw new kind(`${where} must be ${allowed(limit)}, got ${describe(value)}`);
  }
  return value;
}

/** Throws unless `value` is a finite number. */
export function checkFinite(value: unknown, where: string): number {
  if (typeof value !== "number") throw new TypeError(`${where} must be a finite number, got ${describe(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${where} must be a finite number, got ${describe(value)}`);
  return value;
}

/** True for arrays and typed arrays: what a row of numbers may be. */
export function isRow(value: unknown): value is ArrayLike<number> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** True for a batch, an array whose first item is a row: what predict() answers row by row. */
export function isBatch(value: unknown): value is ArrayLike<ArrayLike<number>> {
  try {
    return isRow(value) && value.length > 0 && isRow((value as ArrayLike<unknown>)[0]);
  } catch {
    return false; // unreadable: the check of a row says so, naming it
  }
}

/** Throws unless `row` is an array of `length` finite numbers (`each`: what each one is for); returns it. */
export function checkRow(row: unknown, length: number, where: string, each = "one per weight"): ArrayLike<number> {
  return readable(() => {
    if (!isRow(row)) throw new TypeError(`${where} must be an array of ${length} numbers, got ${describe(row)}`);
    if (row.length !== length) {
      throw new RangeError(`${where} must have ${length} value${length === 1 ? "" : "s"} (${each}), got ${row.length}`);
    }
    for (let j = 0; j < length; j++) checkFinite(row[j], `${where}[${j}]`);
    return row;
  }, where);
}

/**
 * Throws unless `options` is undefined or a plain object whose own keys are all in `known`; returns
 * a copy of them typed as its interface says (each value is still the caller's to check).
 */
export function checkOptions<T extends object>(
  options: T | undefined,
  known: readonly (keyof T & string)[],
  where: string,
): Partial<T> {
  if (options === undefined) return {};
  // a plain object (by its tag, which holds across realms): not an array, a Date, a Map, a typed array
  const tag = readable(() => Object.prototype.toString.call(options), where);
  if (typeof options !== "object" || options === null || tag !== "[object Object]") {
    throw new TypeError(`${where} must be an object such as { ${known[0]}: … }, got ${describeOption(options, tag)}`);
  }
  // a copy of the own keys, each read once: a getter or a Proxy answers here, or fails here, named
  const copy = Object.create(null) as Record<string, unknown>;
  for (const key of readable(() => Object.keys(options), where)) {
    if (!(known as readonly string[]).includes(key)) {
      throw new TypeError(`${where} has an unknown option ${JSON.stringify(key)}; the options are ${known.join(", ")}`);
    }
    copy[key] = readable(() => (options as Record<string, unknown>)[key], `${where}.${key}`);
  }
  return copy as Partial<T>;
}

/** describe(value), or for an object that is not a plain one, its kind: "a Date", "a Map". */
function describeOption(value: unknown, tag: string): string {
  const kind = /^\[object (\w+)\]$/.exec(tag)?.[1];
  const plain =
    typeof value !== "object" || Array.isArray(value) || ArrayBuffer.isView(value) || !kind || kind === "Object";
  return plain ? describe(value) : `a ${kind}`;
}

/**
 * What `read` returns; if it throws, a check's own error (a TypeError or RangeError naming `where`)
 * as it is, else a TypeError naming `where` (a getter's or a Proxy's error, met reading the value).
 */
export function readable<V>(read: () => V, where: string): V {
  try {
    return read();
  } catch (error) {
    if ((error instanceof TypeError || error instanceof RangeError) && error.message.includes(where)) throw error;
    let why = "it threw";
    try {
      why = `it threw ${error instanceof Error ? error.message : String(error)}`;
    } catch {}
    throw new TypeError(`${where} could not be read: ${why}`);
  }
}

/** Checks rows of `m` finite numbers each and packs them row by row into one array, in one pass. */
export function checkRows(rows: unknown, m: number, where: string): Float64Array {
  return readable(() => {
    if (!isRow(rows)) throw new TypeError(`${where} must be an array of rows, got ${describe(rows)}`);
    if (rows.length === 0) throw new RangeError(`${where} must have at least one row, got an empty array`);
    const x = new Float64Array(rows.length * m);
    for (let r = 0, k = 0; r < rows.length; r++) {
      const row = rows[r] as unknown;
      if (!isRow(row) || row.length !== m) checkRow(row, m, `${where}[${r}]`); // throws, saying why
      for (let j = 0; j < m; j++, k++) {
        const value = (row as ArrayLike<number>)[j];
        if (!Number.isFinite(value)) checkFinite(value, `${where}[${r}][${j}]`); // throws, saying why
        x[k] = value;
      }
    }
    return x;
  }, where);
}

/** Checks one target in [0, 1] per row. */
export function checkTargets(outputs: unknown, rows: number, output = "sigmoid"): Float64Array {
  return readable(() => {
    if (!isRow(outputs)) throw new TypeError(`train(): outputs must be an array of numbers, got ${describe(outputs)}`);
    if (outputs.length !== rows) {
      throw new RangeError(`train(): outputs must have one value per input row (${rows}), got ${outputs.length}`);
    }
    const y = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const where = `train(): outputs[${r}]`;
      if (isRow(outputs[r])) {
        throw new TypeError(
          `${where} must be a number, got ${describe(outputs[r])}; pass outputs flat, e.g. [0, 1, 1, 0]`,
        );
      }
      y[r] = checkFinite(outputs[r], where);
      if (output !== "linear" && (y[r] < 0 || y[r] > 1))
        throw new RangeError(`${where} must be in [0, 1] (a ${output}'s range), got ${y[r]}`);
    }
    return y;
  }, "train(): outputs");
}

/**
 * Checks the targets for `rows` rows and `k` output neurons, packed row by row: a number per row
 * when k is 1 (or a row of one), else a row of k numbers per row, each in [0, 1] (any finite number
 * for a linear `output`).
 */
export function checkOutputs(outputs: unknown, rows: number, k: number, output = "sigmoid"): Float64Array {
  return readable(() => {
    if (k === 1 && isRow(outputs) && isRow(outputs[0])) {
      const column = Array.from(outputs as ArrayLike<unknown>, (row, r) => {
        if (!isRow(row) || row.length !== 1) {
          throw new RangeError(
            `train(): outputs[${r}] must have 1 value (one per output neuron), got ${describe(row)}`,
          );
        }
        return row[0];
      });
      return checkTargets(column, rows, output);
    }
    if (k === 1) return checkTargets(outputs, rows, output);
    if (!isRow(outputs)) {
      throw new TypeError(`train(): outputs must be an array of rows of ${k} numbers, got ${describe(outputs)}`);
    }
    if (outputs.length > 0 && typeof outputs[0] === "number") {
      throw new TypeError(
        `train(): outputs must be a row of ${k} targets per input row (one per output neuron), ` +
          `got a flat array of ${outputs.length} numbers`,
      );
    }
    if (outputs.length !== rows) {
      throw new RangeError(`train(): outputs must have one row per input row (${rows}), got ${outputs.length}`);
    }
    const y = new Float64Array(rows * k);
    for (let r = 0; r < rows; r++) {
      const row = checkRow(outputs[r], k, `train(): outputs[${r}]`, "one per output neuron");
      for (let j = 0; j < k; j++) {
        y[r * k + j] = row[j];
        if (output !== "linear" && (row[j] < 0 || row[j] > 1)) {
          throw new RangeError(`train(): outputs[${r}][${j}] must be in [0, 1] (a ${output}'s range), got ${row[j]}`);
        }
      }
    }
    return y;
  }, "train(): outputs");
}

/**
 * Checks rows of `m` finite numbers each, with checkRows's errors, without packing
 * them; returns them. With `values` false, only that there are rows of m values: training checks
 * each value as it copies it (copyRows, src/kernel/job.ts), reading it once, and calls this to say
 * which one is wrong.
 */
export function checkRowValues(
  rows: unknown,
  m: number,
  where: string,
  values = true,
): ReadonlyArray<ArrayLike<number>> {
  return readable(() => {
    if (!isRow(rows) || rows.length === 0) checkRows(rows, m, where); // throws, saying why
    const list = rows as ArrayLike<unknown>;
    for (let r = 0; r < list.length; r++) {
      const row = list[r];
      if (!isRow(row) || row.length !== m) checkRow(row, m, `${where}[${r}]`); // throws, saying why
      for (let j = 0; values && j < m; j++) {
        const value = (row as ArrayLike<number>)[j];
        if (!Number.isFinite(value)) checkFinite(value, `${where}[${r}][${j}]`); // throws, saying why
      }
    }
    return rows as ReadonlyArray<ArrayLike<number>>;
  }, where);
}

/** What train()'s errors call its rows. */
export const INPUTS = "train(): inputs";

/**
 * Throws unless the rows training copied are the rows it checked: `rows` found, and `sum`, which
 * adds v − v over every value copied (0, unless one was NaN or ±∞: a getter or a Proxy that reads
 * differently each time, or the caller's code run by the other checks, could have changed them).
 * Training has changed nothing.
 */
export function checkCopiedRows(sum: number, rows: number, n: number): void {
  if (sum !== 0 || rows !== n) {
    const now = rows !== n ? `${rows} rows, not ${n}` : "a value that is not a finite number";
    throw new RangeError(`train(): inputs changed after they were checked (now ${now}); nothing was trained`);
  }
}
