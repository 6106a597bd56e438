// What the bench's scripts share: the data every trainer fits (numpy's, drawn from MT19937 with the
// same seed), the starting weights, and how times are summed up. Plain Node on the compiled module.
import { createRequire } from "node:module";
import { join } from "node:path";
import { root } from "../scripts/setup.mjs";

export const DATA_SEED = 7;
const require = createRequire(import.meta.url);

/** The compiled module (dist/), as users load it. */
export const ours = () => require(root);

/** numpy's `np.random.seed(s); X = np.random.random((rows, cols)); y = X[:, 0] > 0.5`, as rows. */
export function data(seededRandom, rows, cols) {
  const random = seededRandom(DATA_SEED);
  const x = Array.from({ length: rows }, () => Array.from({ length: cols }, random));
  return { x, y: x.map((row) => (row[0] > 0.5 ? 1 : 0)) };
}

/** The same numbers packed row by row in one Float64Array (no array per row), and y. */
export function packedData(seededRandom, rows, cols) {
  const random = seededRandom(DATA_SEED);
  const x = new Float64Array(rows * cols);
  for (let i = 0; i < x.length; i++) x[i] = random();
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) y[r] = x[r * cols] > 0.5 ? 1 : 0;
  return { x, y };
}

/** The sequel's data, as the explorer has it (dist/explorer/explorer.js, once setup has built it). */
export function sequel() {
  const { inputs, targets } = require(join(root, "dist", "explorer", "explorer.js")).DATA_SETS.sequel;
  return { x: inputs, y: targets };
}

/** The weights every trainer starts from: the module's, drawn as numpy draws them with seed 1. */
export function startingWeights({ Network, Perceptron }, cols, layers) {
  if (layers) return new Network({ layers, seed: 1 }).weights; // [layer][input][neuron]
  return [new Perceptron({ inputs: cols, seed: 1 }).weights.map((w) => [w])]; // one layer: cols x 1
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
export const ms = (seconds) => `${(median(seconds) * 1000).toFixed(3)} ms`;
/** A ratio as the tables show it: two digits below 10 (0.95x is not rounded up to a target of 1x). */
export const times = (value) => `${value < 10 ? value.toPrecision(2) : value.toFixed(0)}x`;

/** The largest |a − b| / max(|b|, 1) over two lists of weights. */
export function largestDifference(a, b) {
  return a.reduce((most, w, j) => Math.max(most, Math.abs(w - b[j]) / Math.max(Math.abs(b[j]), 1)), 0);
}
