import { MAX_SEED, randomWeights } from "./random";
import { checkFinite, checkInteger, checkOptions, checkRow, describe, isRow } from "./validate";

/** The largest number of inputs a perceptron takes (2²⁴: 128 MiB of weights). */
export const MAX_INPUTS = 2 ** 24;

export interface PerceptronOptions {
  /** How many inputs, hence weights. Default 3, as in the seed. */
  inputs?: number;
  /** numpy's `np.random.seed`: an integer from 0 to 2³² − 1. Default 1, as in the seed. */
  seed?: number;
}

/** The state of training at one iteration, before that iteration's adjustment. */
export interface TrainingStep {
  /** 0 for the first iteration; `iterations` for the state after the last. */
  iteration: number;
  /** The mean of (output − target)² over the training rows. */
  meanSquaredError: number;
  /** A copy of the weights at that point. */
  weights: number[];
}

export interface TrainOptions {
  /** Multiplies each adjustment. Default 1: the seed has none. */
  learningRate?: number;
  /** Record every `every`-th iteration, and always the final state. Default 1. */
  every?: number;
  /** Return the recorded steps. Default false. */
  history?: boolean;
  /** Called with each recorded step while training runs, e.g. to update a live chart. */
  onStep?: (step: TrainingStep) => void;
}

const PERCEPTRON_OPTIONS = ["inputs", "seed"] as const;
const TRAIN_OPTIONS = ["learningRate", "every", "history", "onStep"] as const;

/**
 * A single neuron with a sigmoid activation, trained as in the seed's numpy program.
 *
 * @example
 * const p = new Perceptron({ seed: 1 });
 * p.train([[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]], [0, 1, 1, 0], 10000);
 * p.predict([1, 0, 0]); // returns ~0.9999370428352157
 */
export class Perceptron {
  /** How many inputs (and weights) this perceptron has. */
  readonly inputs: number;
  /** The seed its first weights were drawn with. */
  readonly seed: number;
  #weights: Float64Array;

  /**
   * Draws the weights as `np.random.seed(seed); 2 * np.random.random((inputs, 1)) - 1`.
   *
   * @param options - `inputs` (default 3) and `seed` (default 1)
   */
  constructor(options: PerceptronOptions = {}) {
    const { inputs = 3, seed = 1 } = checkOptions(options, PERCEPTRON_OPTIONS, "new Perceptron(options)");
    this.inputs = checkInteger(inputs, "new Perceptron(): options.inputs", 1, MAX_INPUTS);
    this.seed = checkInteger(seed, "new Perceptron(): options.seed", 0, MAX_SEED);
    this.#weights = Float64Array.from(randomWeights(this.inputs, this.seed));
  }

  /** A copy of the weights, one per input. */
  get weights(): number[] {
    return Array.from(this.#weights);
  }

  /** Replaces the weights (checked: one finite number per input). */
  set weights(values: ArrayLike<number>) {
    this.#weights = Float64Array.from(checkRow(values, this.inputs, "perceptron.weights"));
  }

  /**
   * Trains by the seed's rule, repeated `iterations` times:
   * output = σ(X·w); error = y − output; w += learningRate · Xᵀ·(error ⊙ output ⊙ (1 − output)).
   * Bad arguments throw before any weight changes; so does a throwing `onStep`.
   *
   * @param inputs - one row of `this.inputs` finite numbers per example
   * @param outputs - one target in [0, 1] per row
   * @param iterations - a non-negative integer
   * @param options - `learningRate`, and `every`/`history`/`onStep` to watch training
   * @returns the recorded steps when `options.history` is true, else an empty array
   * @example
   * const steps = p.train(X, y, 10000, { every: 1000, history: true });
   * steps.map((s) => s.meanSquaredError); // returns ~[0.30995, …, 6.46e-5]
   */
  train(
    inputs: ReadonlyArray<ArrayLike<number>>,
    outputs: ArrayLike<number>,
    iterations: number,
    options: TrainOptions = {},
  ): TrainingStep[] {
    const m = this.inputs;
    const x = this.#matrix(inputs, "train(): inputs");
    const n = x.length / m;
    const y = checkTargets(outputs, n);
    checkInteger(iterations, "train(): iterations", 0, Number.MAX_SAFE_INTEGER);
    const opts = checkOptions(options, TRAIN_OPTIONS, "train(): options");
    const { learningRate = 1, every = 1, history = false, onStep } = opts;
    if (checkFinite(learningRate, "train(): options.learningRate") <= 0) {
      throw new RangeError(
        `train(): options.learningRate must be a finite number above 0, got ${describe(learningRate)}`,
      );
    }
    checkInteger(every, "train(): options.every", 1, Number.MAX_SAFE_INTEGER);
    if (typeof history !== "boolean") {
      throw new TypeError(`train(): options.history must be true or false, got ${describe(history)}`);
    }
    if (onStep !== undefined && typeof onStep !== "function") {
      throw new TypeError(`train(): options.onStep must be a function, got ${describe(onStep)}`);
    }

    // Train a copy, so that the weights change all at once or not at all.
    const w = Float64Array.from(this.#weights);
    const steps: TrainingStep[] = [];
    const watch = history || onStep !== undefined;
    const record = (iteration: number, meanSquaredError: number) => {
      const step = { iteration, meanSquaredError, weights: Array.from(w) };
      if (history) steps.push(step);
      (onStep as TrainOptions["onStep"])?.(step);
    };
    trainLoop(x, y, w, iterations, learningRate as number, watch ? (every as number) : 0, record);
    if (watch) record(iterations, meanSquaredError(x, y, w));
    this.#weights = w;
    return steps;
  }

  /**
   * Predicts as the seed's `think`: σ(input · weights).
   *
   * @param input - one row of `this.inputs` finite numbers, or an array of such rows
   * @returns a probability in (0, 1), or one per row
   * @example
   * p.predict([1, 0, 0]); // returns ~0.99994 after the seed's training
   */
  predict(input: ArrayLike<number>): number;
  predict(inputs: ReadonlyArray<ArrayLike<number>>): number[];
  predict(input: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>): number | number[] {
    const w = this.#weights;
    if (isRow(input) && input.length > 0 && isRow(input[0])) {
      const x = this.#matrix(input, "predict(): inputs");
      return Array.from({ length: x.length / w.length }, (_, r) => neuron(x, r * w.length, w));
    }
    return neuron(checkRow(input, w.length, "predict(): input"), 0, w);
  }

  /** Checks rows of `this.inputs` finite numbers and packs them row by row, in one pass. */
  #matrix(rows: unknown, where: string): Float64Array {
    const m = this.inputs;
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
  }

  /** Shows the weights when a notebook or the REPL prints a perceptron. */
  [Symbol.for("nodejs.util.inspect.custom")](
    _depth: number,
    options: object,
    inspect: (value: unknown, options: object) => string,
  ): string {
    return `Perceptron ${inspect({ inputs: this.inputs, seed: this.seed, weights: this.weights }, options)}`;
  }
}

/** Checks one target in [0, 1] per row. */
function checkTargets(outputs: unknown, rows: number): Float64Array {
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
    if (y[r] < 0 || y[r] > 1) throw new RangeError(`${where} must be in [0, 1] (a sigmoid's range), got ${y[r]}`);
  }
  return y;
}

/** σ(x[offset…] · w). */
function neuron(x: ArrayLike<number>, offset: number, w: Float64Array): number {
  let dot = 0;
  for (let j = 0; j < w.length; j++) dot += x[offset + j] * w[j];
  return squash(dot);
}

/** The mean squared error of σ(X·w) against y. */
function meanSquaredError(x: Float64Array, y: Float64Array, w: Float64Array): number {
  let sum = 0;
  for (let r = 0; r < y.length; r++) {
    const error = y[r] - neuron(x, r * w.length, w);
    sum += error * error;
  }
  return sum / y.length;
}

/** The logistic sigmoid, unchecked, for the hot loops. */
function squash(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * The seed's loop, one pass over the rows an iteration and no allocation: for each row the output,
 * its error and its share of Xᵀ·(error ⊙ σ′) are computed together. Rows go four at a time: four
 * independent sums keep the processor busy, and each adjustment[j] is updated once per four rows.
 * Calls `record` before the adjustment of every `every`-th iteration (never when `every` is 0).
 */
function trainLoop(
  x: Float64Array,
  y: Float64Array,
  w: Float64Array,
  iterations: number,
  learningRate: number,
  every: number,
  record: (iteration: number, meanSquaredError: number) => void,
): void {
  const n = y.length;
  const m = w.length;
  const n4 = n - (n % 4);
  const adjustment = new Float64Array(m);
  for (let iteration = 0, countdown = 0; iteration < iterations; iteration++) {
    adjustment.fill(0);
    let squares = 0;
    let r = 0;
    for (; r < n4; r += 4) {
      const a = r * m;
      const b = a + m;
      const c = b + m;
      const d = c + m;
      let dotA = 0;
      let dotB = 0;
      let dotC = 0;
      let dotD = 0;
      for (let j = 0; j < m; j++) {
        const wj = w[j];
        dotA += x[a + j] * wj;
        dotB += x[b + j] * wj;
        dotC += x[c + j] * wj;
        dotD += x[d + j] * wj;
      }
      const outA = squash(dotA);
      const outB = squash(dotB);
      const outC = squash(dotC);
      const outD = squash(dotD);
      const errA = y[r] - outA;
      const errB = y[r + 1] - outB;
      const errC = y[r + 2] - outC;
      const errD = y[r + 3] - outD;
      squares += errA * errA + errB * errB + errC * errC + errD * errD;
      const deltaA = errA * (outA * (1 - outA));
      const deltaB = errB * (outB * (1 - outB));
      const deltaC = errC * (outC * (1 - outC));
      const deltaD = errD * (outD * (1 - outD));
      for (let j = 0; j < m; j++) {
        adjustment[j] += x[a + j] * deltaA + x[b + j] * deltaB + (x[c + j] * deltaC + x[d + j] * deltaD);
      }
    }
    for (; r < n; r++) {
      const a = r * m;
      let dot = 0;
      for (let j = 0; j < m; j++) dot += x[a + j] * w[j];
      const output = squash(dot);
      const error = y[r] - output;
      squares += error * error;
      const delta = error * (output * (1 - output));
      for (let j = 0; j < m; j++) adjustment[j] += x[a + j] * delta;
    }
    if (every > 0 && countdown-- === 0) {
      record(iteration, squares / n);
      countdown = every - 1;
    }
    for (let j = 0; j < m; j++) w[j] += learningRate * adjustment[j];
  }
}
