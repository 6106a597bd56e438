// What a Network is beyond its layers and seed: a bias per neuron, the hidden layers' activation,
// the output's, and the loss its output delta follows; and train()'s batch size and penalties.
// Each is checked here, once, with a RangeError naming the option, before anything changes.

import { checkFinite, checkInteger, checkRow, describe, readable } from "../checks/validate";
import { LOSS_NAMES, type LossName } from "../kernel/job";
import { ACTIVATION_NAMES, type ActivationName, OUTPUT_NAMES, type OutputName } from "./activation";
import { MAX_WEIGHTS } from "./random";

/** A network's kind, beyond its layers and seed. */
export interface NetworkKind {
  /** A bias per neuron, starting at 0. Default false: the seed has none. */
  bias: boolean;
  /** The hidden layers' activation. Default "sigmoid". */
  activation: ActivationName;
  /** The last layer's. Default "sigmoid". */
  output: OutputName;
  /** Default "squared"; "crossEntropy" (binary with a sigmoid output, categorical with softmax). */
  loss: LossName;
}

/** The seed's and the sequel's kind: what every option of a network defaults to. */
export const PLAIN_KIND: Readonly<NetworkKind> = Object.freeze({
  bias: false,
  activation: "sigmoid",
  output: "sigmoid",
  loss: "squared",
});

/** One of `names`, by own value: a name that is not there is a RangeError listing them. */
function oneOf<T extends string>(value: unknown, names: readonly T[], where: string): T {
  if (typeof value !== "string")
    throw new TypeError(`${where} must be a string, one of ${list(names)}, got ${describe(value)}`);
  if (!(names as readonly string[]).includes(value))
    throw new RangeError(`${where} must be one of ${list(names)}, got ${describe(value)}`);
  return value as T;
}

const list = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

/**
 * Checks a network's kind, its defaults filled in: each option one of its names, and no
 * combination the rule cannot train (softmax with squared error, cross-entropy with a linear output).
 *
 * @param options - bias, activation, output, loss, as given
 * @param where - how the caller is named in messages: "new Network()" or "Network.fromJSON()"
 */
export function checkKind(
  options: { bias?: unknown; activation?: unknown; output?: unknown; loss?: unknown },
  where: string,
): NetworkKind {
  const {
    bias = PLAIN_KIND.bias,
    activation = PLAIN_KIND.activation,
    output = PLAIN_KIND.output,
    loss = PLAIN_KIND.loss,
  } = options;
  if (typeof bias !== "boolean")
    throw new TypeError(`${where}: options.bias must be true or false, got ${describe(bias)}`);
  const kind: NetworkKind = {
    bias,
    activation: oneOf(activation, ACTIVATION_NAMES, `${where}: options.activation`),
    output: oneOf(output, OUTPUT_NAMES, `${where}: options.output`),
    loss: oneOf(loss, LOSS_NAMES, `${where}: options.loss`),
  };
  if (kind.output === "softmax" && kind.loss === "squared") {
    throw new RangeError(
      `${where}: options.output "softmax" trains with options.loss "crossEntropy", not "squared" (its slope is a matrix per row)`,
    );
  }
  if (kind.output === "linear" && kind.loss === "crossEntropy") {
    throw new RangeError(
      `${where}: options.loss "crossEntropy" needs a sigmoid or softmax output (probabilities), got options.output "linear"`,
    );
  }
  return kind;
}

/** What toJSON() writes and Network.fromJSON() reads: everything a network is, its numbers exact. */
export interface SavedNetwork extends NetworkKind {
  format: "perceptron-notebooks/network";
  version: 1;
  layers: number[];
  seed: number;
  weights: number[][][];
  biases: number[][] | null;
}

/** train()'s options that change the update: rows an update, and the penalties. */
export interface UpdateOptions {
  batchSize: number;
  l1: number;
  l2: number;
}

/**
 * Checks train()'s batchSize (a positive integer; 0 for every row at once), l1 and l2 (finite, not
 * negative).
 */
export function checkUpdate(options: { batchSize?: unknown; l1?: unknown; l2?: unknown }): UpdateOptions {
  const where = "train(): options";
  const { batchSize, l1 = 0, l2 = 0 } = options;
  const size = batchSize === undefined ? 0 : checkInteger(batchSize, `${where}.batchSize`, 1, Number.MAX_SAFE_INTEGER);
  const penalty = (value: unknown, name: string) => {
    const v = checkFinite(value, `${where}.${name}`);
    if (v < 0) throw new RangeError(`${where}.${name} must be a finite number of at least 0, got ${describe(value)}`);
    return v;
  };
  return { batchSize: size, l1: penalty(l1, "l1"), l2: penalty(l2, "l2") };
}

/** Throws unless `layers` is an array of at least two layer sizes, with at most MAX_WEIGHTS weights in all. */
export function checkLayers(layers: unknown, where = "new Network(): options.layers"): number[] {
  return readable(() => checkLayerSizes(layers, where), where); // a Proxy's or a getter's error, named
}

/** checkLayers's work, for a value that may still be hostile. */
function checkLayerSizes(layers: unknown, where: string): number[] {
  if (!Array.isArray(layers) || layers.length < 2) {
    throw new (Array.isArray(layers) ? RangeError : TypeError)(
      `${where} must be an array of at least two layer sizes, inputs first, such as [3, 4, 1], got ${describe(layers)}`,
    );
  }
  // index by index: a sparse array of length 2³² − 1 fails at its first hole, not after every index
  const sizes: number[] = [];
  for (let l = 0; l < layers.length; l++) sizes.push(checkInteger(layers[l], `${where}[${l}]`, 1, MAX_WEIGHTS));
  const total = sizes.slice(1).reduce((sum, neurons, l) => sum + sizes[l] * neurons, 0);
  if (total > MAX_WEIGHTS) {
    throw new RangeError(`${where} makes ${total} weights in all, more than ${MAX_WEIGHTS}, got [${sizes.join(", ")}]`);
  }
  return sizes;
}

/** The object toJSON() wrote: parsed when it is text, its format and version checked. */
export function readSaved(saved: unknown, where: string): Record<string, unknown> {
  let data = saved;
  if (typeof saved === "string") {
    try {
      data = JSON.parse(saved);
    } catch (error) {
      throw new TypeError(`${where}: the text is not JSON (${(error as Error).message})`);
    }
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new TypeError(`${where} takes what network.toJSON() returned, got ${describe(data)}`);
  }
  const record = data as Record<string, unknown>;
  if (record.format !== "perceptron-notebooks/network") {
    throw new RangeError(`${where}: format must be "perceptron-notebooks/network", got ${describe(record.format)}`);
  }
  if (record.version !== 1) throw new RangeError(`${where}: version must be 1, got ${describe(record.version)}`);
  return record;
}

/** Saved biases for `layers`: an array per layer after the inputs, of finite numbers. */
export function checkSavedBiases(biases: unknown, layers: readonly number[], where: string): Float64Array[] {
  if (!Array.isArray(biases) || biases.length !== layers.length - 1) {
    throw new TypeError(
      `${where} must be ${layers.length - 1} arrays of biases (bias is true), got ${describe(biases)}`,
    );
  }
  return biases.map((layer, l) => Float64Array.from(checkRow(layer, layers[l + 1], `${where}[${l}]`)));
}

/** Saved biases of a network without: null. */
export function checkNoBiases(biases: unknown, where: string): null {
  if (biases !== null) throw new RangeError(`${where} must be null when bias is false, got ${describe(biases)}`);
  return null;
}
