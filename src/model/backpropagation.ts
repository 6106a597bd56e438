// The training rule, written once and readably: the seed's four lines (output, error, adjustment,
// update) grown into its sequel's backpropagation for any number of layers. This is what
// `Network.train` (and so `Perceptron.train`) runs where WebAssembly is missing; where it runs, the
// kernel in src/kernel/ does the same arithmetic faster, and test/kernel.test.ts holds the two equal.

import { packRows, type TrainingJob } from "../kernel/job";
import { sigmoid, sigmoidDerivative } from "./activation";

/**
 * Trains `job.weights` in place by backpropagation, `job.iterations` times, full batch. In the
 * seed's words, for one layer: output = σ(X · w); error = y − output; adjustment =
 * Xᵀ · (error ⊙ σ′(output)); w += adjustment. The sequel passes each layer's delta back through
 * the weights to the layer before.
 *
 * @param job - the rows, targets, weights and options (job.ts)
 * @example
 * const weights = [Float64Array.from([-0.165955990594852, 0.4406489868843162, -0.9997712503653102])];
 * const rows = [[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]];
 * backpropagation({ rows, targets: Float64Array.of(0, 1, 1, 0), weights, layers: [3, 1],
 *   iterations: 10000, learningRate: 1, every: 0, record: () => {} });
 * // weights[0] is now ~[9.672993027736892, -0.2078434992663196, -4.62963668773159]
 */
export function backpropagation(job: TrainingJob): void {
  const { layers, iterations, learningRate, every, record } = job;
  const k = layers[layers.length - 1];
  const n = job.targets.length / k;
  const x = rowsOf(packRows(job.rows, layers[0], n), layers[0]);
  const y = rowsOf(job.targets, k).map((row) => Array.from(row));
  let w = job.weights.map((layer, l) => rowsOf(layer, layers[l + 1]).map((row) => Array.from(row)));
  for (let iteration = 0; iteration < iterations; iteration++) {
    // forward: each layer's output, oₗ = σ(oₗ₋₁ · Wₗ), with o₀ the inputs
    const o = forward(x, w);
    const output = o[o.length - 1] as number[][]; // the last layer's, not the inputs
    // error = y − output
    const error = y.map((row, r) => row.map((target, j) => target - output[r][j]));
    // the last layer's delta: error ⊙ σ′(output)
    const deltas = [error.map((row, r) => row.map((e, j) => e * sigmoidDerivative(output[r][j])))];
    // each earlier layer's: δₗ = (δₗ₊₁ · Wₗ₊₁ᵀ) ⊙ σ′(oₗ), from the weights before this iteration's update
    for (let l = w.length - 1; l > 0; l--) {
      const back = multiply(deltas[0], transpose(w[l]));
      deltas.unshift(back.map((row, r) => row.map((e, i) => e * sigmoidDerivative(o[l][r][i]))));
    }
    if (every > 0 && iteration % every === 0) {
      store(w, job.weights);
      record(iteration, meanOfSquares(error));
    }
    // update every layer: Wₗ += η · oₗ₋₁ᵀ · δₗ (the seed's adjustment, for each layer)
    w = w.map((layer, l) => {
      const adjustment = transposeTimes(o[l], deltas[l]);
      return layer.map((row, i) => row.map((wij, j) => wij + learningRate * adjustment[i][j]));
    });
  }
  store(w, job.weights);
}

/**
 * Every layer's output for the rows, the inputs first: [X, σ(X·W₁), σ(σ(X·W₁)·W₂), …].
 *
 * @param inputs - one row per example
 * @param weights - weights[l][i][j] joins value i of layer l to neuron j of layer l + 1
 */
function forward(inputs: Matrix, weights: number[][][]): Matrix[] {
  const o: Matrix[] = [inputs];
  for (const layer of weights) o.push(multiply(o[o.length - 1], layer).map((row) => row.map(sigmoid)));
  return o;
}

/**
 * The seed's `think`: the last layer's output for the rows.
 *
 * @param inputs - one row per example
 * @param weights - at least one layer's weights
 */
export function think(inputs: Matrix, weights: number[][][]): number[][] {
  const o = forward(inputs, weights);
  return o[o.length - 1] as number[][]; // a layer's output (there is at least one layer), not the inputs
}

/** The mean of the squared errors, each row's first to last, row after row. */
export function meanOfSquares(errors: number[][]): number {
  let squares = 0;
  let count = 0;
  for (const row of errors) {
    for (const e of row) squares += e * e;
    count += row.length;
  }
  return squares / count;
}

/** A matrix as rows: arrays, or views into one packed array (the inputs). */
type Matrix = ReadonlyArray<ArrayLike<number>>;

/** The matrix product A · B, each sum taken first to last. */
function multiply(a: Matrix, b: Matrix): number[][] {
  return a.map((row) =>
    Array.from(b[0], (_, j) => {
      let total = 0;
      for (let k = 0; k < row.length; k++) total += row[k] * b[k][j];
      return total;
    }),
  );
}

/** Aᵀ: rows become columns. */
function transpose(a: Matrix): number[][] {
  return Array.from(a[0], (_, j) => a.map((row) => row[j]));
}

/** Aᵀ · B, each sum over the rows first to last: multiply(transpose(a), b) without making Aᵀ. */
function transposeTimes(a: Matrix, b: Matrix): number[][] {
  return Array.from(a[0], (_, i) =>
    Array.from(b[0], (_, j) => {
      let total = 0;
      for (let r = 0; r < a.length; r++) total += a[r][i] * b[r][j];
      return total;
    }),
  );
}

/** Packed values as rows of `width`: views into them, not copies. */
function rowsOf(values: Float64Array, width: number): Float64Array[] {
  return Array.from({ length: values.length / width }, (_, r) => values.subarray(r * width, (r + 1) * width));
}

/** Nested weights back into the job's packed layers. */
function store(weights: number[][][], into: Float64Array[]): void {
  weights.forEach((layer, l) => {
    into[l].set(layer.flat());
  });
}
