import {
  checkCopiedRows,
  checkInteger,
  checkOptions,
  checkOutputs,
  checkRow,
  checkRows,
  checkRowValues,
  describe,
  INPUTS,
  isBatch,
  readable,
} from "../checks/validate";
import type { TrainingJob } from "../kernel/job";
import { trainInWasm } from "../kernel/train";
import { backpropagation, meanLoss, meanSquaredError, modelOf, think } from "./backpropagation";
import { printAs } from "./inspect";
import {
  checkKind,
  checkLayers,
  checkNoBiases,
  checkSavedBiases,
  type NetworkKind,
  readSaved,
  type SavedNetwork,
} from "./network-options";
import { drawWeights, generator, MAX_SEED } from "./random";
import { type CheckedTrainOptions, checkTrainOptions, type TrainOptions } from "./train-options";

export interface NetworkOptions extends Partial<NetworkKind> {
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

/** Network.train's work once its arguments are checked (set in Network's static block, which reaches #weights). */
let trainNetwork: (
  network: Network,
  x: ReadonlyArray<ArrayLike<number>>,
  y: Float64Array,
  iterations: number,
  options: CheckedTrainOptions<NetworkStep>,
) => NetworkStep[];

/**
 * Trains `network` on arguments already checked: Perceptron.train's way in, after its own checks
 * (whose messages are a perceptron's), so that nothing is checked (or read) twice.
 */
export function trainChecked(...args: Parameters<typeof trainNetwork>): NetworkStep[] {
  return trainNetwork(...args);
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
  /** A bias per neuron, the hidden layers' activation, the output's, the loss (network-options.ts). */
  readonly kind: Readonly<NetworkKind>;
  /** Each layer's weights, row by row: layers[l] rows of layers[l + 1] values. */
  #weights: Float64Array[];
  /** Each layer's biases, or null without. */
  #biases: Float64Array[] | null;
  #trainedBy: TrainedBy | null = null;

  static {
    trainNetwork = (network, x, y, iterations, options) => network.#train(x, y, iterations, options);
  }

  /**
   * Draws the weights as numpy does: `np.random.seed(seed)`, then for each layer in order
   * `2 * np.random.random((inputs, neurons)) - 1` from the same stream.
   *
   * @param options - `layers` (default [3, 4, 1], the sequel's) and `seed` (default 1)
   */
  constructor(options: NetworkOptions = {}) {
    const known = ["layers", "seed", "bias", "activation", "output", "loss"] as const;
    const { layers = [3, 4, 1], seed = 1, ...kind } = checkOptions(options, [...known], "new Network(options)");
    this.layers = Object.freeze(checkLayers(layers));
    this.seed = checkInteger(seed, "new Network(): options.seed", 0, MAX_SEED);
    this.kind = Object.freeze(checkKind(kind, "new Network()"));
    const random = generator(this.seed);
    this.#weights = this.layers.slice(1).map((neurons, l) => {
      return Float64Array.from(drawWeights(this.layers[l] * neurons, random));
    });
    this.#biases = this.kind.bias ? this.layers.slice(1).map((neurons) => new Float64Array(neurons)) : null;
  }

  /**
   * What ran the last training: "WebAssembly network kernel", "WebAssembly perceptron kernel" (the
   * seed's one neuron with no option), "readable rule" (no WebAssembly here), or null before any.
   */
  get trainedBy(): TrainedBy | null {
    return this.#trainedBy;
  }

  /** A copy of the biases, biases[l][j] of neuron j of layer l + 1; null without (the seed's). */
  get biases(): number[][] | null {
    return this.#biases?.map((layer) => Array.from(layer)) ?? null;
  }

  /** Everything the network is, as plain JSON: its layers, seed, kind, weights and biases, to the last digit. */
  toJSON(): SavedNetwork {
    return {
      format: "perceptron-notebooks/network",
      version: 1,
      layers: [...this.layers],
      seed: this.seed,
      ...this.kind,
      weights: this.weights,
      biases: this.biases,
    };
  }

  /**
   * A network as toJSON() saved it (an object, or its JSON text), checked as the constructor checks
   * its options; a wrong field is named.
   *
   * @param saved - what toJSON() returned, or JSON.stringify of it
   */
  static fromJSON(saved: SavedNetwork | string): Network {
    const where = "Network.fromJSON()";
    // a Proxy's or a getter's error, named
    return readable(() => {
      const data = readSaved(saved, where);
      const { layers, seed, bias, activation, output, loss } = data;
      const kind = checkKind({ bias, activation, output, loss }, where);
      const sizes = checkLayers(layers, `${where}: layers`);
      const network = new Network({ layers: sizes, seed: checkInteger(seed, `${where}: seed`, 0, MAX_SEED), ...kind });
      network.#weights = network.#checkWeights(data.weights as number[][][], `${where}: weights`);
      network.#biases = kind.bias
        ? checkSavedBiases(data.biases, network.layers, `${where}: biases`)
        : checkNoBiases(data.biases, `${where}: biases`);
      return network;
    }, where);
  }

  /** A copy of the weights: weights[l][i][j] joins value i of layer l to neuron j of layer l + 1. */
  get weights(): number[][][] {
    return unpack(this.#weights, this.layers);
  }

  /** Replaces the weights (checked: every layer's shape, finite numbers). */
  set weights(values: number[][][]) {
    const where = "network.weights";
    this.#weights = readable(() => this.#checkWeights(values, where), where); // a Proxy's or a getter's error, named
  }

  /** The weights as packed layers, checked: every layer's shape, finite numbers. */
  #checkWeights(values: number[][][], where: string): Float64Array[] {
    if (!Array.isArray(values) || values.length !== this.layers.length - 1) {
      throw new TypeError(`${where} must be ${this.layers.length - 1} layers of weights, got ${describe(values)}`);
    }
    return values.map((layer, l) => {
      if (!Array.isArray(layer) || layer.length !== this.layers[l]) {
        throw new RangeError(
          `${where}[${l}] must have ${this.layers[l]} rows (one per value of layer ${l}), got ${describe(layer)}`,
        );
      }
      return checkRows(layer, this.layers[l + 1], `${where}[${l}]`);
    });
  }

  /**
   * Trains by backpropagation (backpropagation.ts), repeated `iterations` times (each one update on
   * every row, or one a batch with `batchSize`): in the WebAssembly kernel (src/kernel/), with any
   * option, where it runs, else by the readable rule itself (`trainedBy` says which). Bad arguments
   * throw before any weight changes; so does a throwing `onStep`. The rows are read where they are,
   * not copied first: checked, then copied once, into the kernel's memory (or for the readable rule).
   *
   * @param inputs - one row of `layers[0]` finite numbers per example
   * @param outputs - per row, a target per output neuron, in [0, 1] unless the output is linear: a number each when there is one
   * @param iterations - a non-negative integer
   * @param options - `learningRate`, `batchSize`, `l1`, `l2`, and `every`/`history`/`onStep` to watch training
   * @returns the recorded steps when `options.history` is true, else an empty array
   */
  train(
    inputs: ReadonlyArray<ArrayLike<number>>,
    outputs: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>,
    iterations: number,
    options: TrainOptions<NetworkStep> = {},
  ): NetworkStep[] {
    const x = checkRowValues(inputs, this.layers[0], INPUTS, false);
    const y = checkOutputs(outputs, x.length, this.layers[this.layers.length - 1], this.kind.output);
    checkInteger(iterations, "train(): iterations", 0, Number.MAX_SAFE_INTEGER);
    return this.#train(x, y, iterations, checkTrainOptions(options));
  }

  /** Trains on checked arguments: a copy of the weights, by the kernel or the readable rule. */
  #train(
    x: ReadonlyArray<ArrayLike<number>>,
    y: Float64Array,
    iterations: number,
    { learningRate, every, history, onStep, batchSize, l1, l2 }: CheckedTrainOptions<NetworkStep>,
  ): NetworkStep[] {
    // Train a copy, so that the weights change all at once or not at all.
    const w = this.#weights.map((layer) => Float64Array.from(layer));
    const b = this.#biases?.map((layer) => Float64Array.from(layer)) ?? null;
    const steps: NetworkStep[] = [];
    const record = (iteration: number, meanSquaredError: number) => {
      const step = { iteration, meanSquaredError, weights: unpack(w, this.layers) };
      if (history) steps.push(step);
      onStep?.(step);
    };
    const watch = history || onStep !== undefined;
    const job: TrainingJob = {
      rows: x,
      targets: y,
      weights: w,
      layers: this.layers,
      iterations,
      learningRate,
      every: watch ? every : 0,
      record,
      ...this.kind,
      biases: b,
      batchSize,
      l1,
      l2,
    };
    // the WebAssembly kernel where it runs, else the readable rule: the same arithmetic
    const path = trainInWasm(job);
    if (path === null) backpropagation(job);
    if (watch) {
      checkCopiedRows(0, x.length, y.length / this.layers[this.layers.length - 1]); // onStep may have changed the rows
      const biases = b?.map((layer) => Array.from(layer)) ?? null;
      record(iterations, meanSquaredError(x, unpack(w, this.layers), biases, y, modelOf(this.kind)));
    }
    this.#weights = w;
    this.#biases = b;
    this.#trainedBy = path === null ? "readable rule" : `WebAssembly ${path} kernel`;
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

  /**
   * The loss the network trains on, over some rows: the mean squared error (every output of every
   * row), or with `loss: "crossEntropy"` the mean cross-entropy a row (backpropagation.ts meanLoss).
   * The outputs are predict()'s; the targets are checked as train() checks them.
   *
   * @param inputs - one row of `layers[0]` finite numbers per example
   * @param outputs - per row, a target per output neuron, as train() takes them
   * @example
   * net.loss(X, y); // the sequel's error after training, ~0.0000x
   */
  loss(
    inputs: ReadonlyArray<ArrayLike<number>>,
    outputs: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>,
  ): number {
    const x = checkRowValues(inputs, this.layers[0], "loss(): inputs");
    const y = checkOutputs(outputs, x.length, this.layers[this.layers.length - 1], this.kind.output);
    return meanLoss(this.#outputs(x, this.weights), y, this.kind.loss);
  }

  /** The last layer's outputs for checked rows: the readable forward pass, backpropagation's own. */
  #outputs(rows: ArrayLike<ArrayLike<number>>, weights: number[][][]): number[][] {
    return think(Array.from(rows), weights, this.biases, modelOf(this.kind));
  }
}

printAs(Network, "Network", (n) => ({ layers: n.layers, seed: n.seed, weights: n.weights, biases: n.biases }));

/** What ran a training (Network.trainedBy). */
export type TrainedBy = "WebAssembly network kernel" | "WebAssembly perceptron kernel" | "readable rule";

/** Packed layers as nested arrays: weights[l][i][j]. */
function unpack(weights: Float64Array[], layers: readonly number[]): number[][][] {
  return weights.map((w, l) =>
    Array.from({ length: layers[l] }, (_, i) => Array.from(w.subarray(i * layers[l + 1], (i + 1) * layers[l + 1]))),
  );
}
