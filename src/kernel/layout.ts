// A TrainingJob laid out in the kernel's memory, as assembly/job.ts reads it: a table (the options,
// the layer sizes, the addresses of the arrays), then the arrays. The rows go straight from the
// caller's form (an array of rows, or one packed Float64Array) into their place: that is the one
// copy of them that training makes. The seed's perceptron (one layer, one neuron, no option) has its
// rows in blocks of 8 for the kernel's SIMD path (assembly/perceptron.ts); every other job, row by
// row, with room for a chunk of rows' outputs and deltas for each of two threads (assembly/network.ts's CHUNK) and each
// layer's sums.

import { ACTIVATION_NAMES, type ActivationName, type OutputName } from "../model/activation";
import { copyRows, isPlainJob, LOSS_NAMES, type Rows, type TrainingJob } from "./job";

/**
 * Bytes of the table before the sizes and addresses: learningRate, every, l1, l2, depth, rows,
 * targets, scratch, batch, hidden, output, loss, path, bias, chunk, threads, the barrier's two
 * words, whether thread 0 has stopped (assembly/job.ts).
 */
const HEAD = 96;
/**
 * The most threads a job is trained by: room for each one's chunk of outputs and deltas (assembly/
 * job.ts's outs() and deltas() find thread t's t chunks on) and for each one's adjustments.
 */
const THREADS_MOST = 2;
/** Where the barrier's generation and the word that says thread 0 has stopped are: bytes from the job (assembly/job.ts). */
export const GENERATION_AT = 84;
export const STOPPED_AT = 88;
/**
 * Rows a chunk in assembly/network.ts: the outputs and deltas of layers past the inputs have room
 * for so many, kept in cache from a chunk's forward pass to its share of the update (at 32 inputs
 * and 16 neurons, 16 KB of rows and 16 KB of outputs and deltas).
 */
const CHUNK = 64;
/** The activations' codes in assembly/job.ts: the hidden layers' names, then softmax. */
const ACTIVATION_CODES: readonly (ActivationName | OutputName)[] = [...ACTIVATION_NAMES, "softmax"];
/** The table's groups of i32s, one a layer each (assembly/job.ts). */
const GROUPS = 7;
/** The kernel's paths: assembly/kernel.ts's test. */
export type KernelPath = "perceptron" | "network";
/**
 * The order of a block's 8 rows in the kernel's memory: lanes (0, 2), (1, 3), (4, 6), (5, 7). Row
 * ORDER[t] of a block is at place t, and (the order being its own inverse) row s at place ORDER[s].
 */
const ORDER = [0, 2, 1, 3, 4, 6, 5, 7];

/** The kernel's path for a job: the seed's perceptron (one neuron, no option), or the network's. */
export const kernelPath = (job: TrainingJob): KernelPath =>
  job.layers.length === 2 && job.layers[1] === 1 && isPlainJob(job) ? "perceptron" : "network";

/** How many doubles the table takes for `depth` layers: a whole number of 16 bytes. */
const tableDoubles = (depth: number) => 2 * Math.ceil((HEAD + 4 * GROUPS * (depth + 1)) / 16);

/** How many rows a job has. */
const rowCount = (job: TrainingJob) => job.targets.length / job.layers[job.layers.length - 1];

/** n rounded up to a whole number of 16 bytes (an even number of doubles). */
const even = (n: number) => n + (n & 1);

/**
 * Where each of the job's arrays goes, as indices of doubles from its start (each 16-byte aligned),
 * and how many doubles it takes in all: the table, the rows, the targets; then for each layer past
 * the inputs its outputs and deltas (a chunk's: the network path), weights, biases and sums (the
 * network path) or the perceptron's scratch. `doubles` is a whole number of 16 bytes; `path`, the
 * kernel's path for the job; `work`, the multiply-adds an iteration takes.
 */
export function planLayout(job: TrainingJob) {
  const { layers } = job;
  const depth = layers.length - 1;
  const n = rowCount(job);
  const path = kernelPath(job);
  const perceptron = path === "perceptron";
  const padded = perceptron ? 8 * Math.ceil(n / 8) : n;
  const chunk = Math.min(n, CHUNK);
  let at = tableDoubles(depth);
  /** Room for `count` doubles (not cleared: the kernel writes each before it reads it): its index. */
  const take = (count: number) => {
    at += even(count);
    return at - even(count);
  };
  const rows = take(padded * layers[0]);
  const targets = take(perceptron ? padded : job.targets.length);
  const layer = layers.slice(1).map((k, l) => ({
    outs: perceptron ? 0 : take(THREADS_MOST * chunk * k),
    deltas: perceptron ? 0 : take(THREADS_MOST * chunk * k),
    weights: take(layers[l] * k),
    biases: take(k),
    sums: perceptron ? 0 : take((layers[l] + 1) * k),
    transposed: perceptron ? 0 : take(layers[l] * k),
  }));
  const scratch = perceptron ? take(THREADS_MOST * (layers[0] + 8)) : 0; // each thread's adjustments, apart
  // the multiply-adds an iteration takes: one for each weight and row (the perceptron's padded rows too)
  const work = layers.slice(1).reduce((sum, k, l) => sum + padded * layers[l] * k, 0);
  return { path, perceptron, n, padded, rows, targets, layer, scratch, doubles: at, work };
}

/** Where a job's arrays go in the kernel's memory (planLayout). */
export type Layout = ReturnType<typeof planLayout>;

/**
 * Writes the job at byte `start` of `buffer`, where planLayout(job) put each part (its `doubles`
 * free there, 16-byte aligned), to be trained by `threads` threads (1 or 2; 2 only on a shared memory).
 *
 * @returns a function that copies the trained weights (and biases) back
 */
export function layOut(
  job: TrainingJob,
  where: Layout,
  buffer: ArrayBufferLike,
  start: number,
  threads = 1,
): { copyBack(): void } {
  const { layers, targets } = job;
  const depth = layers.length - 1;
  const { n, padded, rows, perceptron } = where;
  const memory = new Float64Array(buffer, start, where.doubles);
  const table = new Int32Array(buffer, start, HEAD / 4 + GROUPS * (depth + 1));
  memory.set([job.learningRate, job.every, job.l1 ?? 0, job.l2 ?? 0]);
  table.set(
    [
      depth,
      n,
      address(where.targets),
      address(where.scratch),
      Math.min(job.batchSize || n, n),
      ACTIVATION_CODES.indexOf(job.activation ?? "sigmoid"),
      ACTIVATION_CODES.indexOf(job.output ?? "sigmoid"),
      LOSS_NAMES.indexOf(job.loss ?? "squared"),
      perceptron ? 1 : 0,
      job.biases ? 1 : 0,
      Math.min(n, CHUNK),
      threads,
      0, // the barrier's count of threads arrived
      0, // and its generation
      0, // thread 0 has not stopped
    ],
    8,
  );
  /** Group g's entry for layer l: sizes, outs, deltas, weights, biases, sums, transposed (assembly/job.ts). */
  const field = (g: number, l: number) => HEAD / 4 + g * (depth + 1) + l;
  function address(index: number) {
    return start + index * 8;
  }
  for (let l = 0; l <= depth; l++) table[field(0, l)] = layers[l];
  table[field(1, 0)] = address(rows);
  if (perceptron) {
    // the rows past the last: zeros, target ½ (error 0, delta 0)
    if (padded > n) memory.fill(0, rows + (padded - 8) * layers[0], rows + padded * layers[0]);
    layBlocks(job.rows, n, layers[0], memory.subarray(rows));
    for (let t = 0; t < padded; t++) {
      const r = (t & ~7) + ORDER[t & 7];
      memory[where.targets + t] = r < n ? targets[r] : 0.5;
    }
  } else {
    if (job.rows instanceof Float64Array) memory.set(job.rows, rows);
    else copyRows(job.rows, n, layers[0], memory, (r) => rows + r * layers[0], 1);
    memory.set(targets, where.targets);
  }
  const views = where.layer.map((at, l) => {
    table[field(1, l + 1)] = address(at.outs);
    table[field(2, l + 1)] = address(at.deltas);
    table[field(3, l)] = address(at.weights);
    table[field(4, l)] = address(at.biases);
    table[field(5, l)] = address(at.sums);
    table[field(6, l)] = address(at.transposed);
    memory.set(job.weights[l], at.weights);
    const k = layers[l + 1];
    memory.set(job.biases?.[l] ?? new Float64Array(k), at.biases);
    return {
      weights: memory.subarray(at.weights, at.weights + layers[l] * k),
      biases: memory.subarray(at.biases, at.biases + k),
    };
  });
  return {
    copyBack() {
      views.forEach((view, l) => {
        job.weights[l].set(view.weights);
        job.biases?.[l].set(view.biases);
      });
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
