import { checkInteger, checkOptions, checkRow, checkRowValues, checkTargets, INPUTS } from "../checks/validate";
import { printAs } from "./inspect";
import { Network, type NetworkStep, type TrainedBy, trainChecked } from "./network";
import { MAX_SEED, MAX_WEIGHTS } from "./random";
import { checkTrainOptions, type TrainingStep, type TrainOptions } from "./train-options";

export type { TrainingStep, TrainOptions } from "./train-options";

export interface PerceptronOptions {
  /** How many inputs, hence weights. Default 3, as in the seed. */
  inputs?: number;
  /** numpy's `np.random.seed`: an integer from 0 to 2³² − 1. Default 1, as in the seed. */
  seed?: number;
}

/**
 * A single neuron with a sigmoid activation, trained as in the seed's numpy program: a Network with
 * one layer, `[inputs, 1]`, whose weights it shows as one flat array. It has no arithmetic of its
 * own: the rule is backpropagation.ts's, which for one layer is the seed's four lines.
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
  /** The network it is: `inputs` values in, one neuron out. */
  #network: Network;

  /**
   * Draws the weights as `np.random.seed(seed); 2 * np.random.random((inputs, 1)) - 1`.
   *
   * @param options - `inputs` (default 3) and `seed` (default 1)
   */
  constructor(options: PerceptronOptions = {}) {
    const { inputs = 3, seed = 1 } = checkOptions(options, ["inputs", "seed"], "new Perceptron(options)");
    this.inputs = checkInteger(inputs, "new Perceptron(): options.inputs", 1, MAX_WEIGHTS);
    this.seed = checkInteger(seed, "new Perceptron(): options.seed", 0, MAX_SEED);
    this.#network = new Network({ layers: [this.inputs, 1], seed: this.seed });
  }

  /** A copy of the weights, one per input. */
  get weights(): number[] {
    return flat(this.#network.weights);
  }

  /** What ran the last training (Network.trainedBy), or null before any. */
  get trainedBy(): TrainedBy | null {
    return this.#network.trainedBy;
  }

  /** Replaces the weights (checked: one finite number per input). */
  set weights(values: ArrayLike<number>) {
    const row = checkRow(values, this.inputs, "perceptron.weights");
    this.#network.weights = [Array.from(row, (w) => [w])];
  }

  /**
   * Trains by the seed's rule, repeated `iterations` times:
   * output = σ(X·w); error = y − output; w += learningRate · Xᵀ·(error ⊙ output ⊙ (1 − output)).
   * Bad arguments throw before any weight changes; so does a throwing `onStep`.
   * The rows are read where they are, not copied first: checked, then copied once, into the
   * WebAssembly kernel's memory (or for the readable rule); a row changed while training runs
   * (from `onStep`) changes at most the final step's error.
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
    const x = checkRowValues(inputs, this.inputs, INPUTS, false);
    const y = checkTargets(outputs, x.length);
    checkInteger(iterations, "train(): iterations", 0, Number.MAX_SAFE_INTEGER);
    const { onStep, ...checked } = checkTrainOptions(options);
    const step = ({ iteration, meanSquaredError, weights }: NetworkStep): TrainingStep => {
      return { iteration, meanSquaredError, weights: flat(weights) };
    };
    const watch = onStep && ((s: NetworkStep) => onStep(step(s)));
    return trainChecked(this.#network, x, y, iterations, { ...checked, onStep: watch }).map(step);
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
    return this.#network.predict(input as ArrayLike<number>) as number | number[];
  }
}

printAs(Perceptron, "Perceptron", (p) => ({ inputs: p.inputs, seed: p.seed, weights: p.weights }));

/** A one-layer, one-neuron network's weights as one array: weights[0][i][0] for each input i. */
function flat(weights: number[][][]): number[] {
  return weights[0].map((row) => row[0]);
}
