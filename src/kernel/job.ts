// What a training run needs, said once: the readable rule (src/model/backpropagation.ts) and the
// WebAssembly kernel (train.ts) both take a TrainingJob. Each option (a bias, the activations, the
// loss, a batch size, L1/L2) is one field here, one switch in backpropagation.ts and one in the
// kernel (layout.ts writes it where assembly/job.ts says the kernel finds it).

import { checkCopiedRows, checkRowValues, INPUTS } from "../checks/validate";
import type { ActivationName, OutputName } from "../model/activation";

/** Called before the adjustment of every `every`-th iteration, with the mean squared error then. */
export type Recorder = (iteration: number, meanSquaredError: number) => void;

/**
 * The rows to train on, already checked (as many finite numbers as there are inputs): an array of
 * rows (arrays or typed arrays), or the rows packed one after another in one Float64Array.
 */
export type Rows = Float64Array | ReadonlyArray<ArrayLike<number>>;

/**
 * One training run. With none of the optional fields, the seed's and its sequel's: full batch,
 * sigmoid neurons, no bias, squared error.
 */
export interface TrainingJob {
  /** The inputs: `targets.length / layers[L]` rows of `layers[0]` values each, read once. */
  rows: Rows;
  /** The right answers, packed row by row: `layers[L]` values a row, each in [0, 1]. */
  targets: Float64Array;
  /** Each layer's weights, packed row by row (layers[l] rows of layers[l + 1]): changed in place. */
  weights: Float64Array[];
  /** How many values each layer has, inputs first: [3, 1] is the seed's perceptron. */
  layers: readonly number[];
  /** How many times to repeat the forward pass, the deltas and the update. */
  iterations: number;
  /** η, which scales each update (the seed has none: 1). */
  learningRate: number;
  /** Record every `every`-th iteration, from iteration 0; 0 records nothing. */
  every: number;
  /** Called with each record; `weights` then hold that iteration's, before its update. */
  record: Recorder;
  /** Each layer's biases (layers[l + 1] values), changed in place; none without (the seed has none). */
  biases?: Float64Array[] | null;
  /** The hidden layers' activation. Default "sigmoid". */
  activation?: ActivationName;
  /** The last layer's. Default "sigmoid". */
  output?: OutputName;
  /** What the output delta follows. Default "squared": (y − a) ⊙ f′(a); "crossEntropy": y − a. */
  loss?: LossName;
  /** Rows an update: ⌈n / batchSize⌉ updates an iteration on consecutive slices. 0 or none: every row at once. */
  batchSize?: number;
  /** L1 and L2 penalties on the weights (not the biases). Default 0. */
  l1?: number;
  l2?: number;
}

export const LOSS_NAMES = ["squared", "crossEntropy"] as const;
export type LossName = (typeof LOSS_NAMES)[number];

/** True when `job` is the seed's and the sequel's kind of run, no option in use: the only kind the kernel's perceptron path takes (layout.ts). */
export function isPlainJob(job: TrainingJob): boolean {
  return (
    !job.biases &&
    (job.activation ?? "sigmoid") === "sigmoid" &&
    (job.output ?? "sigmoid") === "sigmoid" &&
    (job.loss ?? "squared") === "squared" &&
    !job.batchSize &&
    !job.l1 &&
    !job.l2
  );
}

/**
 * Copies n rows of m values each into `to`, row r's value j at `at(r) + j · step`, checking each
 * value as it copies it (a finite number), so that each is read once: training's one copy of an
 * array of rows, wherever it trains, and the check of their values (train() checked only that there
 * are n rows of m). A value that is not a finite number is named by checkRowValues's error; rows
 * that read differently the second time, by checkCopiedRows's. Throws before training changes anything.
 */
export function copyRows(
  x: ReadonlyArray<ArrayLike<number>>,
  n: number,
  m: number,
  to: Float64Array,
  at: (r: number) => number,
  step: number,
): void {
  checkCopiedRows(0, x.length, n);
  let sum = 0; // v − v over every value: 0 unless one is NaN or ±∞
  let numbers = true;
  try {
    rows: for (let r = 0; r < n; r++) {
      const row = x[r];
      if (row.length !== m) {
        numbers = false;
        break;
      }
      for (let j = 0, i = at(r); j < m; j++, i += step) {
        const v = row[j];
        if (typeof v !== "number") {
          numbers = false;
          break rows;
        }
        to[i] = v;
        sum += v - v;
      }
    }
  } catch {
    numbers = false; // a row or value that could not be read: checkRowValues says which
  }
  if (numbers && sum === 0) return;
  checkRowValues(x, m, INPUTS); // throws, naming the value
  checkCopiedRows(Number.NaN, n, n); // they read right the second time: they changed as they were read
}

/** The n rows packed row by row, m values each: `x` itself when it is packed, else one checked copy. */
export function packRows(x: Rows, m: number, n: number): Float64Array {
  if (x instanceof Float64Array) return x;
  const packed = new Float64Array(n * m);
  copyRows(x, n, m, packed, (r) => r * m, 1);
  return packed;
}
