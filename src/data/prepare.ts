// Preparing rows for training, each as numpy writes it so that a reader can check the numbers:
// standardize (np.mean and np.std over the rows), and a seeded shuffle and train/test split
// (np.random.seed(seed); np.random.permutation(n)).

import { MAX_SEED } from "../checks/limits";
import { checkFinite, checkInteger, checkRows, describe } from "../checks/validate";
import { twister } from "../model/random";

/** Rows standardized, and what did it: each column's mean and deviation, to apply to new rows. */
export interface Standardized {
  rows: number[][];
  means: number[];
  deviations: number[];
}

/**
 * Each column shifted to mean 0 and scaled to deviation 1: (x − mean) / deviation, as numpy's
 * `(X - X.mean(axis=0)) / X.std(axis=0)` (the population deviation; each sum over the rows first
 * to last, as numpy sums along the rows).
 *
 * @param rows - rows of finite numbers, all as long, at least one
 * @returns the new rows, and the means and deviations (standardizeWith applies them to other rows)
 * @example
 * standardize([[1, 10], [3, 30]]); // returns { rows: [[-1, -1], [1, 1]], means: [2, 20], deviations: [1, 10] }
 */
export function standardize(rows: ReadonlyArray<ArrayLike<number>>): Standardized {
  const where = "standardize(rows)";
  const width = widthOf(rows, where);
  const packed = checkRows(rows, width, where);
  const n = packed.length / width;
  const means = Array.from({ length: width }, (_, j) => {
    let total = 0;
    for (let r = 0; r < n; r++) total += packed[r * width + j];
    return total / n;
  });
  const deviations = means.map((mean, j) => {
    let total = 0;
    for (let r = 0; r < n; r++) {
      const d = packed[r * width + j] - mean;
      total += d * d;
    }
    const deviation = Math.sqrt(total / n);
    if (deviation === 0) {
      throw new RangeError(`${where}: column ${j} has one value in every row (${mean}): it cannot be scaled`);
    }
    return deviation;
  });
  return { rows: scale(packed, width, means, deviations), means, deviations };
}

/**
 * Rows standardized with another set's means and deviations (standardize's): new rows as the
 * training rows were.
 *
 * @param rows - rows of as many finite numbers as there are means
 * @param by - `{ means, deviations }`, as standardize() returned them
 */
export function standardizeWith(
  rows: ReadonlyArray<ArrayLike<number>>,
  by: Pick<Standardized, "means" | "deviations">,
): number[][] {
  const where = "standardizeWith(rows, by)";
  const means = checkRows([by?.means], by?.means?.length ?? 0, `${where}: by.means`);
  const deviations = checkRows([by?.deviations], means.length, `${where}: by.deviations`);
  deviations.forEach((d, j) => {
    if (!(d > 0)) throw new RangeError(`${where}: by.deviations[${j}] must be above 0, got ${d}`);
  });
  return scale(
    checkRows(rows, means.length, `${where}: rows`),
    means.length,
    Array.from(means),
    Array.from(deviations),
  );
}

function scale(packed: Float64Array, width: number, means: number[], deviations: number[]): number[][] {
  return Array.from({ length: packed.length / width }, (_, r) =>
    Array.from({ length: width }, (_, j) => (packed[r * width + j] - means[j]) / deviations[j]),
  );
}

function widthOf(rows: unknown, where: string): number {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new TypeError(`${where}: rows must be a non-empty array of rows, got ${describe(rows)}`);
  }
  const first = rows[0] as { length?: unknown } | null;
  const width = first?.length;
  if (typeof width !== "number" || width < 1) {
    throw new TypeError(`${where}: rows[0] must be a row of numbers, got ${describe(rows[0])}`);
  }
  return width;
}

/**
 * numpy's `np.random.seed(seed); np.random.permutation(n)`: 0 … n − 1 shuffled by Fisher–Yates
 * from the last place down, each swap's place drawn as numpy's legacy random_interval draws it
 * (32 bits, masked to the next power of two, drawn again while above the bound).
 *
 * @param n - how many indices
 * @param seed - an integer from 0 to 2³² − 1
 * @example
 * permutation(5, 1); // returns numpy's [2, 1, 4, 0, 3]
 */
export function permutation(n: number, seed: number): number[] {
  checkInteger(n, "permutation(n, seed): n", 0, 2 ** 32 - 1);
  checkInteger(seed, "permutation(n, seed): seed", 0, MAX_SEED);
  const next = twister(seed); // its 32-bit outputs, as numpy's legacy draws take them
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i >= 1; i--) {
    const j = interval(i, next);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** numpy's random_interval(max) for max below 2³²: a uniform integer in [0, max]. */
function interval(max: number, next: () => number): number {
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  let value: number;
  do value = (next() & mask) >>> 0;
  while (value > max);
  return value;
}

/** Rows and targets split in two: `test` the first share of a seeded permutation, `train` the rest. */
export interface Split<T> {
  train: { rows: T[]; targets: unknown[] };
  test: { rows: T[]; targets: unknown[] };
  /** The permutation the split took its order from (permutation(n, seed)). */
  order: number[];
}

/**
 * A seeded train/test split: the rows in the order of permutation(n, seed); the first
 * round(n · testFraction) of them are the test set, the rest the training set.
 *
 * @param rows - the rows
 * @param targets - a target per row (a number or a row of them)
 * @param options - `testFraction` in (0, 1), default 0.25; `seed`, default 1
 */
export function trainTestSplit<T>(
  rows: readonly T[],
  targets: readonly unknown[],
  { testFraction = 0.25, seed = 1 }: { testFraction?: number; seed?: number } = {},
): Split<T> {
  const where = "trainTestSplit(rows, targets, options)";
  if (!Array.isArray(rows) || rows.length < 2) {
    throw new TypeError(`${where}: rows must be an array of at least 2 rows, got ${describe(rows)}`);
  }
  if (!Array.isArray(targets) || targets.length !== rows.length) {
    throw new RangeError(`${where}: targets must have one per row (${rows.length}), got ${describe(targets)}`);
  }
  const fraction = checkFinite(testFraction, `${where}: options.testFraction`);
  if (!(fraction > 0 && fraction < 1)) {
    throw new RangeError(`${where}: options.testFraction must be above 0 and below 1, got ${fraction}`);
  }
  const order = permutation(rows.length, seed);
  const count = Math.min(rows.length - 1, Math.max(1, Math.round(rows.length * fraction)));
  const pick = (indices: number[]) => ({ rows: indices.map((i) => rows[i]), targets: indices.map((i) => targets[i]) });
  return { test: pick(order.slice(0, count)), train: pick(order.slice(count)), order };
}
