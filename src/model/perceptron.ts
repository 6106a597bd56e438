import {
  checkCopiedRows,
  checkFinite,
  checkInteger,
  checkOptions,
  checkRow,
  checkRows,
  checkRowValues,
  checkTargets,
  describe,
  isBatch,
} from "../checks/validate";
import { trainFast } from "../kernel/typescript";
import { sigmoid, sigmoidDerivative } from "./activation";
import { drawWeights, generator, MAX_SEED, MAX_WEIGHTS } from "./random";

/**
 * The seed's `train`, line for line: each iteration computes the output, its error, the adjustment,
 * and adds it to the weights. This is the definition; `Perceptron.train` checks its arguments and
 * runs the same arithmetic through the fast kernel (kernel.ts), which a test holds equal to this.
 *
 * @param inputs - one row per example, X
 * @param outputs - the right answer for each row, y
 * @param weights - the starting weights, w (not changed)
 * @param iterations - how many times to repeat the four lines
 * @param learningRate - η, which scales each adjustment (the seed has none: 1)
 * @returns the weights after training
 * @example
 * train([[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]], [0, 1, 1, 0], randomWeights(3, 1), 10000);
 * // returns ~[9.672993027736892, -0.2078434992663196, -4.62963668773159]
 */
export function train(
  inputs: number[][],
  outputs: number[],
  weights: number[],
  iterations: number,
  learningRate = 1,
): number[] {
  let w = weights;
  for (let iteration = 0; iteration < iterations; iteration++) {
    // output = σ(X · w): one per row
    const output = inputs.map((row) => sigmoid(dot(row, w)));
    // error = y − output
    const error = outputs.map((y, r) => y - output[r]);
    // adjustment = Xᵀ · (error ⊙ σ′(output)): for each weight, a sum over the rows
    const adjustment = w.map((_, j) => sum(inputs.map((row, r) => row[j] * (error[r] * sigmoidDerivative(output[r])))));
    // w += η · adjustment
    w = w.map((wj, j) => wj + learningRate * adjustment[j]);
  }
  return w;
}

/** a · b: the sum of the products of two rows. */
function dot(a: ArrayLike<number>, b: ArrayLike<number>, offset = 0): number {
  let total = 0;
  for (let j = 0; j < b.length; j++) total += a[offset + j] * b[j];
  return total;
}

/** The sum of some numbers, first to last. */
function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

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

export interface TrainOptions<Step = TrainingStep> {
  /** Multiplies each adjustment. Default 1: the seed has none. */
  learningRate?: number;
  /** Record every `every`-th iteration, and always the final state. Default 1. */
  every?: number;
  /** Return the recorded steps. Default false. */
  history?: boolean;
  /** Called with each recorded step while training runs, e.g. to update a live chart. */
  onStep?: (step: Step) => void;
}

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
    const { inputs = 3, seed = 1 } = checkOptions(options, ["inputs", "seed"], "new Perceptron(options)");
    this.inputs = checkInteger(inputs, "new Perceptron(): options.inputs", 1, MAX_WEIGHTS);
    this.seed = checkInteger(seed, "new Perceptron(): options.seed", 0, MAX_SEED);
    this.#weights = Float64Array.from(drawWeights(this.inputs, generator(this.seed)));
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
   * The rows are read where they are, not copied first: checked, then laid out once, in the
   * WebAssembly kernel's memory (else packed once, for the TypeScript kernel); a row changed while
   * training runs (from `onStep`) changes at most the final step's error.
   *
   * @param inputs - one row of `this.inputs` finite numbers per example (arrays or typed arrays)
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
    const x = checkRowValues(inputs, this.inputs, "train(): inputs");
    const y = checkTargets(outputs, x.length);
    checkInteger(iterations, "train(): iterations", 0, Number.MAX_SAFE_INTEGER);
    const { learningRate, every, history, onStep } = checkTrainOptions(options);

    // Train a copy, so that the weights change all at once or not at all.
    const w = Float64Array.from(this.#weights);
    const steps: TrainingStep[] = [];
    const record = (iteration: number, meanSquaredError: number) => {
      const step = { iteration, meanSquaredError, weights: Array.from(w) };
      if (history) steps.push(step);
      onStep?.(step);
    };
    const watch = history || onStep !== undefined;
    trainFast(x, y, w, iterations, learningRate, watch ? every : 0, record);
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
    if (isBatch(input)) {
      const x = checkRows(input, w.length, "predict(): inputs");
      return Array.from({ length: x.length / w.length }, (_, r) => sigmoid(dot(x, w, r * w.length)));
    }
    return sigmoid(dot(checkRow(input, w.length, "predict(): input"), w));
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

/** Checks `train`'s options (a Perceptron's or a Network's), and fills in their defaults. */
export function checkTrainOptions<Step>(
  options: TrainOptions<Step>,
): Required<Omit<TrainOptions<Step>, "onStep">> & Pick<TrainOptions<Step>, "onStep"> {
  const where = "train(): options";
  const {
    learningRate = 1,
    every = 1,
    history = false,
    onStep,
  } = checkOptions(options, ["learningRate", "every", "history", "onStep"], where);
  if (checkFinite(learningRate, `${where}.learningRate`) <= 0) {
    throw new RangeError(`${where}.learningRate must be a finite number above 0, got ${describe(learningRate)}`);
  }
  checkInteger(every, `${where}.every`, 1, Number.MAX_SAFE_INTEGER);
  if (typeof history !== "boolean") {
    throw new TypeError(`${where}.history must be true or false, got ${describe(history)}`);
  }
  if (onStep !== undefined && typeof onStep !== "function") {
    throw new TypeError(`${where}.onStep must be a function, got ${describe(onStep)}`);
  }
  return { learningRate, every, history, onStep };
}

/** The mean squared error of σ(X·w) against y. */
function meanSquaredError(x: ReadonlyArray<ArrayLike<number>>, y: Float64Array, w: Float64Array): number {
  checkCopiedRows(0, x.length, y.length); // onStep may have changed the rows
  let squares = 0;
  for (let r = 0; r < y.length; r++) {
    const error = y[r] - sigmoid(dot(x[r], w));
    squares += error * error;
  }
  return squares / y.length;
}
