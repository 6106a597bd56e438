// A TrainingJob laid out in the kernel's memory, as assembly/job.ts reads it: a table (the options,
// the layer sizes, the addresses of the arrays), then the arrays. The rows go straight from the
// caller's form (an array of rows, or one packed Float64Array) into their place: that is the one
// copy of them that training makes. The seed's perceptron (one layer, one neuron) has its rows in
// blocks of 8 for the kernel's SIMD path (assembly/perceptron.ts); every other shape, row by row.

import { copyRows, type Rows, type TrainingJob } from "./job";

/** Bytes of the table before the sizes and addresses: learningRate, every, depth, rows, targets, scratch. */
const HEAD = 32;
/**
 * The order of a block's 8 rows in the kernel's memory: lanes (0, 2), (1, 3), (4, 6), (5, 7). Row
 * ORDER[t] of a block is at place t, and (the order being its own inverse) row s at place ORDER[s].
 */
const ORDER = [0, 2, 1, 3, 4, 6, 5, 7];

/** Whether the kernel trains these layers as the seed's perceptron (assembly/kernel.ts's test). */
const isPerceptron = (layers: readonly number[]) => layers.length === 2 && layers[1] === 1;

/** How many doubles the table takes for `depth` layers: a whole number of 16 bytes. */
const tableDoubles = (depth: number) => 2 * Math.ceil((HEAD + 16 * (depth + 1)) / 16);

/** How many rows a job has. */
const rowCount = (job: TrainingJob) => job.targets.length / job.layers[job.layers.length - 1];

/** How many doubles the job takes in the kernel's memory, its table first (a whole number of 16 bytes). */
export function jobDoubles(job: TrainingJob): number {
  const { layers } = job;
  const depth = layers.length - 1;
  const n = rowCount(job);
  let doubles = tableDoubles(depth);
  if (isPerceptron(layers)) {
    const padded = 8 * Math.ceil(n / 8);
    return doubles + padded * layers[0] + padded + 3 * layers[0];
  }
  doubles += n * layers[0] + job.targets.length;
  for (let l = 1; l <= depth; l++) doubles += 2 * n * layers[l];
  for (const w of job.weights) doubles += w.length;
  return doubles;
}

/**
 * Writes the job at byte `start` of `buffer` (jobDoubles(job) doubles free there, 16-byte aligned).
 *
 * @returns the multiply-adds an iteration takes, and a function that copies the trained weights back
 */
export function layOut(job: TrainingJob, buffer: ArrayBuffer, start: number): { work: number; copyBack(): void } {
  const { layers, targets } = job;
  const depth = layers.length - 1;
  const n = rowCount(job);
  const memory = new Float64Array(buffer, start, jobDoubles(job));
  const table = new Int32Array(buffer, start, HEAD / 4 + 4 * (depth + 1));
  memory[0] = job.learningRate;
  memory[1] = job.every;
  table[4] = depth;
  table[5] = n;
  const field = (group: number, l: number) => HEAD / 4 + group * (depth + 1) + l; // sizes, outs, deltas, weights
  for (let l = 0; l <= depth; l++) table[field(0, l)] = layers[l];
  let at = tableDoubles(depth);
  /** Room for `count` doubles (not cleared: the kernel writes each before it reads it): its index in `memory`. */
  const take = (count: number) => {
    at += count;
    return at - count;
  };
  const address = (index: number) => start + index * 8;
  let work = 0;
  const perceptron = isPerceptron(layers);
  const padded = perceptron ? 8 * Math.ceil(n / 8) : n;
  const rows = take(padded * layers[0]);
  table[field(1, 0)] = address(rows);
  const ys = take(perceptron ? padded : targets.length);
  table[6] = address(ys);
  if (perceptron) {
    // the rows past the last: zeros, target ½ (error 0, delta 0)
    if (padded > n) memory.fill(0, rows + (padded - 8) * layers[0], rows + padded * layers[0]);
    layBlocks(job.rows, n, layers[0], memory.subarray(rows));
    for (let t = 0; t < padded; t++) {
      const r = (t & ~7) + ORDER[t & 7];
      memory[ys + t] = r < n ? targets[r] : 0.5;
    }
    work = padded * layers[0];
  } else {
    if (job.rows instanceof Float64Array) memory.set(job.rows, rows);
    else copyRows(job.rows, n, layers[0], memory, (r) => rows + r * layers[0], 1);
    memory.set(targets, ys);
    for (let l = 1; l <= depth; l++) {
      table[field(1, l)] = address(take(n * layers[l]));
      table[field(2, l)] = address(take(n * layers[l]));
      work += n * layers[l - 1] * layers[l];
    }
  }
  const views = job.weights.map((w, l) => {
    const from = take(w.length);
    table[field(3, l)] = address(from);
    memory.set(w, from);
    return memory.subarray(from, from + w.length);
  });
  if (perceptron) table[7] = address(take(2 * layers[0])); // scratch: the adjustment
  return {
    work,
    copyBack() {
      for (let l = 0; l < depth; l++) job.weights[l].set(views[l]);
    },
  };
}

/**
 * Lays rows out in the perceptron kernel's blocks of 8: each block column by column, its rows in
 * the order ORDER (the rows past the last, up to a whole block, left as they are: zeros). Row by row, as the
 * caller has them: so an array of rows goes in with no packed copy between.
 */
function layBlocks(x: Rows, n: number, m: number, memory: Float64Array): void {
  const stride = 8 * m;
  /** Where row r's first value goes: its block, then its place in the block; its next values 8 apart. */
  const slot = (r: number) => (r >> 3) * stride + ORDER[r & 7];
  if (x instanceof Float64Array) {
    for (let r = 0; r < n; r++) {
      for (let j = 0, at = slot(r), i = r * m; j < m; j++, at += 8, i++) memory[at] = x[i];
    }
  } else {
    copyRows(x, n, m, memory, slot, 8);
  }
}
