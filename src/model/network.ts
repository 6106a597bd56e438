import {
  checkCopiedRows,
  checkInteger,
  checkOptions,
  checkOutputs,
  checkRow,
  checkRows,
  checkRowValues,
  describe,
  isBatch,
} from "../checks/validate";
import { trainLayersFast } from "../kernel/typescript";
import { sigmoid, sigmoidDerivative } from "./activation";
import { checkTrainOptions, type TrainOptions } from "./perceptron";
import { drawWeights, generator, MAX_SEED, MAX_WEIGHTS } from "./random";

/**
 * The sequel's training rule, backpropagation, for any number of layers, as readable as the
 * article: each iteration passes the inputs forward through every layer, works out each layer's
 * delta from the last layer back, then adjusts every layer's weights. This is the definition;
 * `Network.train` checks its arguments and runs the same arithmetic through the fast kernel
 * (kernel.ts), which a test holds equal to this.
 *
 * @param inputs - one row per example, X
 * @param outputs - the right answers, one row per example (a value per output neuron), y
 * @param weights - weights[l]: layer l + 1's weights, a row per input and a column per neuron
 * @param iterations - how many times to repeat
 * @param learningRate - η, which scales each adjustment (the sequel has none: 1)
 * @returns the weights after training
 */
export function backpropagation(
  inputs: number[][],
  outputs: number[][],
  weights: number[][][],
  iterations: number,
  learningRate = 1,
): number[][][] {
  let w = weights;
  for (let iteration = 0; iteration < iterations; iteration++) {
    // forward: each layer's output, oₗ = σ(oₗ₋₁ · Wₗ), with o₀ the inputs
    const o = forward(inputs, w);
    // the last layer's delta: (y − o) ⊙ σ′(o)
    const last = o[o.length - 1];
    const deltas = [outputs.map((row, r) => row.map((y, j) => (y - last[r][j]) * sigmoidDerivative(last[r][j])))];
    // each earlier layer's: δₗ = (δₗ₊₁ · Wₗ₊₁ᵀ) ⊙ σ′(oₗ), from the weights before this iteration's update
    for (let l = w.length - 1; l > 0; l--) {
      const error = multiply(deltas[0], transpose(w[l]));
      deltas.unshift(error.map((row, r) => row.map((e, i) => e * sigmoidDerivative(o[l][r][i]))));
    }
    // then every layer: Wₗ += η · oₗ₋₁ᵀ · δₗ
    w = w.map((layer, l) => {
      const adjustment = multiply(transpose(o[l]), deltas[l]);
      return layer.map((row, i) => row.map((wij, j) => wij + learningRate * adjustment[i][j]));
    });
  }
  return w;
}

/** Every layer's output for the rows, the inputs first: [X, σ(X·W₁), σ(σ(X·W₁)·W₂), …]. */
function forward(inputs: number[][], weights: number[][][]): number[][][] {
  const o = [inputs];
  for (const layer of weights) o.push(multiply(o[o.length - 1], layer).map((row) => row.map(sigmoid)));
  return o;
}

/** The matrix product A · B, each sum taken first to last. */
function multiply(a: number[][], b: number[][]): number[][] {
  return a.map((row) =>
    b[0].map((_, j) => {
      let total = 0;
      for (let k = 0; k < row.length; k++) total += row[k] * b[k][j];
      return total;
    }),
  );
}

/** Aᵀ: rows become columns. */
function transpose(a: number[][]): number[][] {
  return a[0].map((_, j) => a.map((row) => row[j]));
}

export interface NetworkOptions {
  /** How many values each layer has, inputs first: [3, 4, 1] is 3 inputs, 4 hidden neurons, 1 output. */
  layers?: number[];
  /** numpy's `np.random.seed`: an integer from 0 to 2³² − 1. Default 1, as in the sequel. */
  seed?: number;
}

/** The state of training at one iteration, before that iteration's adjustment. */
export interface NetworkStep {
  /** 0 for the first iteration; `iterations` for the state after the last. */
  iteration: number;
  /** The mean of (output − target)² over every output of every row. */
  meanSquaredError: number;
  /** A copy of every layer's weights at that point. */
  weights: number[][][];
}

/**
 * Layers of sigmoid neurons trained by backpropagation, as in the seed's sequel. With
 * `layers: [3, 1]` it is the seed's Perceptron: the same weights and the same training.
 *
 * @example
 * const net = new Network({ layers: [3, 4, 1], seed: 1 });
 * net.train(X, y, 60000); // the sequel's data: y is the exclusive or of the first two inputs
 * net.predict([1, 1, 0]); // returns ~0.0078876
 */
export class Network {
  /** How many values each layer has, inputs first. */
  readonly layers: readonly number[];
  /** The seed its first weights were drawn with. */
  readonly seed: number;
  /** Each layer's weights, row by row: layers[l] rows of layers[l + 1] values. */
  #weights: Float64Array[];

  /**
   * Draws the weights as numpy does: `np.random.seed(seed)`, then for each layer in order
   * `2 * np.random.random((inputs, neurons)) - 1` from the same stream.
   *
   * @param options - `layers` (default [3, 4, 1], the sequel's) and `seed` (default 1)
   */
  constructor(options: NetworkOptions = {}) {
    const { layers = [3, 4, 1], seed = 1 } = checkOptions(options, ["layers", "seed"], "new Network(options)");
    this.layers = Object.freeze(checkLayers(layers));
    this.seed = checkInteger(seed, "new Network(): options.seed", 0, MAX_SEED);
    const random = generator(this.seed);
    this.#weights = this.layers.slice(1).map((neurons, l) => {
      return Float64Array.from(drawWeights(this.layers[l] * neurons, random));
    });
  }

  /** A copy of the weights: weights[l][i][j] joins value i of layer l to neuron j of layer l + 1. */
  get weights(): number[][][] {
    return unpack(this.#weights, this.layers);
  }

  /** Replaces the weights (checked: every layer's shape, finite numbers). */
  set weights(values: number[][][]) {
    const where = "network.weights";
    if (!Array.isArray(values) || values.length !== this.layers.length - 1) {
      throw new TypeError(`${where} must be ${this.layers.length - 1} layers of weights, got ${describe(values)}`);
    }
    this.#weights = values.map((layer, l) => {
      if (!Array.isArray(layer) || layer.length !== this.layers[l]) {
        throw new RangeError(
          `${where}[${l}] must have ${this.layers[l]} rows (one per value of layer ${l}), got ${describe(layer)}`,
        );
      }
      return checkRows(layer, this.layers[l + 1], `${where}[${l}]`);
    });
  }

  /**
   * Trains by backpropagation, repeated `iterations` times, full batch. Bad arguments throw before
   * any weight changes; so does a throwing `onStep`. The rows are read where they are, not copied
   * first: checked, then packed once, in the WebAssembly kernel's memory (else for the TypeScript
   * kernel).
   *
   * @param inputs - one row of `layers[0]` finite numbers per example
   * @param outputs - per row, a target in [0, 1] per output neuron: a number each when there is one
   * @param iterations - a non-negative integer
   * @param options - `learningRate`, and `every`/`history`/`onStep` to watch training
   * @returns the recorded steps when `options.history` is true, else an empty array
   */
  train(
    inputs: ReadonlyArray<ArrayLike<number>>,
    outputs: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>,
    iterations: number,
    options: TrainOptions<NetworkStep> = {},
  ): NetworkStep[] {
    const x = checkRowValues(inputs, this.layers[0], "train(): inputs");
    const y = checkOutputs(outputs, x.length, this.layers[this.layers.length - 1]);
    checkInteger(iterations, "train(): iterations", 0, Number.MAX_SAFE_INTEGER);
    const { learningRate, every, history, onStep } = checkTrainOptions(options);

    // Train a copy, so that the weights change all at once or not at all.
    const w = this.#weights.map((layer) => Float64Array.from(layer));
    const steps: NetworkStep[] = [];
    const record = (iteration: number, meanSquaredError: number) => {
      const step = { iteration, meanSquaredError, weights: unpack(w, this.layers) };
      if (history) steps.push(step);
      onStep?.(step);
    };
    const watch = history || onStep !== undefined;
    trainLayersFast(x, y, w, this.layers, iterations, learningRate, watch ? every : 0, record);
    if (watch) record(iterations, meanSquaredError(x, unpack(w, this.layers), y));
    this.#weights = w;
    return steps;
  }

  /**
   * Predicts as the sequel's `think`: the last layer's output.
   *
   * @param input - one row of `layers[0]` finite numbers, or an array of such rows
   * @returns a number per output neuron (a number when there is one), or that per row
   * @example
   * net.predict([1, 1, 0]); // returns ~0.0078876 after the sequel's training
   */
  predict(input: ArrayLike<number>): number | number[];
  predict(inputs: ReadonlyArray<ArrayLike<number>>): (number | number[])[];
  predict(input: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>): number | number[] | (number | number[])[] {
    const width = this.layers[0];
    const one = (row: number[]) => (row.length === 1 ? row[0] : row);
    if (isBatch(input)) {
      checkRows(input, width, "predict(): inputs");
      return this.#outputs(input, this.weights).map(one);
    }
    return one(this.#outputs([checkRow(input, width, "predict(): input")], this.weights)[0]);
  }

  /** The last layer's outputs for checked rows: the readable forward pass, backpropagation's own. */
  #outputs(rows: ArrayLike<ArrayLike<number>>, weights: number[][][]): number[][] {
    const o = forward(
      Array.from(rows, (row) => Array.from(row)),
      weights,
    );
    return o[o.length - 1];
  }

  /** Shows the layers and weights when a notebook or the REPL prints a network. */
  [Symbol.for("nodejs.util.inspect.custom")](
    _depth: number,
    options: object,
    inspect: (value: unknown, options: object) => string,
  ): string {
    return `Network ${inspect({ layers: this.layers, seed: this.seed, weights: this.weights }, options)}`;
  }
}

/** Throws unless `layers` is an array of at least two layer sizes, with at most MAX_WEIGHTS weights in all. */
function checkLayers(layers: unknown): number[] {
  const where = "new Network(): options.layers";
  if (!Array.isArray(layers) || layers.length < 2) {
    throw new (Array.isArray(layers) ? RangeError : TypeError)(
      `${where} must be an array of at least two layer sizes, inputs first, such as [3, 4, 1], got ${describe(layers)}`,
    );
  }
  const sizes = layers.map((size, l) => checkInteger(size, `${where}[${l}]`, 1, MAX_WEIGHTS));
  const total = sizes.slice(1).reduce((sum, neurons, l) => sum + sizes[l] * neurons, 0);
  if (total > MAX_WEIGHTS) {
    throw new RangeError(`${where} makes ${total} weights in all, more than ${MAX_WEIGHTS}, got [${sizes.join(", ")}]`);
  }
  return sizes;
}

/** Packed layers as nested arrays: weights[l][i][j]. */
function unpack(weights: Float64Array[], layers: readonly number[]): number[][][] {
  return weights.map((w, l) =>
    Array.from({ length: layers[l] }, (_, i) => Array.from(w.subarray(i * layers[l + 1], (i + 1) * layers[l + 1]))),
  );
}

/**
 * The mean of (y − output)² over every output of every row, the outputs by the readable forward
 * pass, a row at a time (not a copy of all the rows at once).
 */
function meanSquaredError(rows: ReadonlyArray<ArrayLike<number>>, weights: number[][][], y: Float64Array): number {
  checkCopiedRows(0, rows.length, y.length / weights[weights.length - 1][0].length); // onStep may have changed the rows
  let squares = 0;
  for (let r = 0, i = 0; r < rows.length; r++) {
    const o = forward([Array.from(rows[r])], weights);
    for (const output of o[o.length - 1][0]) {
      const error = y[i++] - output;
      squares += error * error;
    }
  }
  return squares / y.length;
}
