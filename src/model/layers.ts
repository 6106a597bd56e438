// What each layer of a network answers for one input, hidden layers included: what notebook 10
// draws as a small heat map per neuron. The readable forward pass's own numbers (backpropagation.ts).

import { checkRow, checkRows, describe } from "../checks/validate";
import { forward, modelOf } from "./backpropagation";
import { Network } from "./network";

/**
 * Every layer's outputs for one input, the inputs left out: the hidden layers' in order, then the
 * output layer's.
 *
 * @param network - a Network (trained or not)
 * @param input - `layers[0]` finite numbers
 * @returns outputs[l][j]: neuron j of layer l + 1
 * @example
 * layerOutputs(new Network({ layers: [3, 4, 1] }), [0, 0, 0]); // returns [[0.5, 0.5, 0.5, 0.5], [σ(0.5 · Σ W₂)]]
 */
export function layerOutputs(network: Network, input: ArrayLike<number>): number[][] {
  if (!(network instanceof Network)) {
    throw new TypeError(`layerOutputs(network, input): network must be a Network, got ${describe(network)}`);
  }
  const row = checkRow(input, network.layers[0], "layerOutputs(network, input): input", "one per input");
  const a = forward([Array.from(row)], network.weights, network.biases, modelOf(network.kind));
  return a.slice(1).map((layer) => Array.from(layer[0]));
}

/**
 * Every layer's outputs for many inputs at once (one copy of the weights for all of them): what a
 * heat map per neuron needs, a grid of points over the plane.
 *
 * @param network - a Network (trained or not)
 * @param inputs - rows of `layers[0]` finite numbers
 * @returns outputs[l][r][j]: neuron j of layer l + 1 for row r
 */
export function layerOutputsOf(network: Network, inputs: ReadonlyArray<ArrayLike<number>>): number[][][] {
  if (!(network instanceof Network)) {
    throw new TypeError(`layerOutputsOf(network, inputs): network must be a Network, got ${describe(network)}`);
  }
  checkRows(inputs, network.layers[0], "layerOutputsOf(network, inputs): inputs");
  const a = forward(inputs, network.weights, network.biases, modelOf(network.kind));
  return a.slice(1) as number[][][];
}
