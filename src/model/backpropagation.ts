// The training rule, written once and readably: the seed's four lines (output, error, adjustment,
// update) grown into its sequel's backpropagation for any number of layers. This is what
// `Network.train` (and so `Perceptron.train`) runs where WebAssembly is missing; where it runs, the
// kernel in src/kernel/ does the same arithmetic faster, and test/kernel.test.ts holds the two equal.

import { packRows, type TrainingJob } from "../kernel/job";
import { ACTIVATIONS, softmax } from "./activation";
import { log } from "./libm";
import { type NetworkKind, PLAIN_KIND } from "./network-options";

/**
 * Trains `job.weights` (and `job.biases`) in place by backpropagation, `job.iterations` times. In
 * the seed's words, for one layer: output = σ(X · w); error = y − output; adjustment =
 * Xᵀ · (error ⊙ σ′(output)); w += adjustment. The sequel passes each layer's delta back through
 * the weights to the layer before. The options grow it (job.ts): a bias per neuron, the hidden
 * layers' activation, the output's, cross-entropy, batches of rows, L1 and L2.
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
  const { layers, iterations, learningRate, every, record, l1 = 0, l2 = 0 } = job;
  const k = layers[layers.length - 1];
  const n = job.targets.length / k;
  const x = rowsOf(packRows(job.rows, layers[0], n), layers[0]);
  const y = rowsOf(job.targets, k).map((row) => Array.from(row));
  const model = modelOf(job);
  let w = job.weights.map((layer, l) => rowsOf(layer, layers[l + 1]).map((row) => Array.from(row)));
  let b = job.biases?.map((layer) => Array.from(layer)) ?? null;
  const size = job.batchSize || n;
  // each layer's slope f′(a): the output's (softmax trains with cross-entropy only: its slope never runs)
  const slope = ACTIVATIONS[model.output === "softmax" ? "linear" : model.output].slope;
  const hidden = ACTIVATIONS[model.activation].slope;
  /** Records the mean squared error over every row, before this iteration's first update. */
  const keep = (iteration: number, error: number[][]) => {
    store(w, b, job);
    record(iteration, meanOfSquares(error));
  };
  for (let iteration = 0; iteration < iterations; iteration++) {
    const recording = every > 0 && iteration % every === 0;
    // in batches, a forward pass of every row of its own; else the update's own gives the error
    if (recording && size < n) keep(iteration, errors(y, think(x, w, b, model)));
    // an update a batch: consecutive slices of `size` rows, the last one shorter
    for (let from = 0; from < n; from += size) {
      const xb = x.slice(from, from + size);
      const yb = y.slice(from, from + size);
      // forward: each layer's output, aₗ = f(aₗ₋₁ · Wₗ + bₗ), with a₀ the inputs
      const a = forward(xb, w, b, model);
      const output = a[a.length - 1] as number[][]; // the last layer's, not the inputs
      // error = y − output; the last layer's delta: error ⊙ f′(output), or the error itself for cross-entropy
      const error = errors(yb, output);
      if (recording && size >= n) keep(iteration, error);
      const last =
        model.loss === "crossEntropy" ? error : error.map((row, r) => row.map((e, j) => e * slope(output[r][j])));
      const deltas = [last];
      // each earlier layer's: δₗ = (δₗ₊₁ · Wₗ₊₁ᵀ) ⊙ f′(aₗ), from the weights before this update
      for (let l = w.length - 1; l > 0; l--) {
        const back = multiply(deltas[0], transpose(w[l]));
        deltas.unshift(back.map((row, r) => row.map((e, i) => e * hidden(a[l][r][i]))));
      }
      // update every layer: Wₗ += η · (aₗ₋₁ᵀ · δₗ − l2 · Wₗ − l1 · sign(Wₗ)) (the seed's adjustment,
      // for each layer; a penalty only where it is above 0); bₗ += η · Σ_rows δₗ
      w = w.map((layer, l) => {
        const adjustment = transposeTimes(a[l], deltas[l]);
        return layer.map((row, i) =>
          row.map((wij, j) => {
            let step = adjustment[i][j];
            if (l2 > 0) step -= l2 * wij;
            if (l1 > 0) step -= l1 * Math.sign(wij);
            return wij + learningRate * step;
          }),
        );
      });
      b = b?.map((layer, l) => layer.map((bj, j) => bj + learningRate * columnSum(deltas[l], j))) ?? null;
    }
  }
  store(w, b, job);
}

/** What training needs to know beyond the weights: each layer's activation, and the loss. */
export type Model = Pick<NetworkKind, "activation" | "output" | "loss">;

/** The job's model, its defaults filled in (PLAIN_KIND: the seed's sigmoid neurons and squared error). */
export function modelOf(job: Partial<Model>): Model {
  return {
    activation: job.activation ?? PLAIN_KIND.activation,
    output: job.output ?? PLAIN_KIND.output,
    loss: job.loss ?? PLAIN_KIND.loss,
  };
}

/**
 * Every layer's output for the rows, the inputs first: [X, f(X·W₁ + b₁), f(f(X·W₁ + b₁)·W₂ + b₂), …],
 * the hidden layers' f the model's activation, the last layer's its output (softmax row by row).
 *
 * @param inputs - one row per example
 * @param weights - weights[l][i][j] joins value i of layer l to neuron j of layer l + 1
 * @param biases - biases[l][j] of neuron j of layer l + 1, or null
 * @param model - the activations (default: sigmoid throughout)
 */
export function forward(inputs: Matrix, weights: number[][][], biases: number[][] | null, model: Model): Matrix[] {
  const a: Matrix[] = [inputs];
  weights.forEach((layer, l) => {
    const z = multiply(a[a.length - 1], layer);
    if (biases) for (const row of z) for (let j = 0; j < row.length; j++) row[j] += biases[l][j];
    const kind = l === weights.length - 1 ? model.output : model.activation;
    if (kind === "softmax") a.push(z.map(softmax));
    else a.push(z.map((row) => row.map(ACTIVATIONS[kind].f)));
  });
  return a;
}

/**
 * The seed's `think`: the last layer's output for the rows.
 *
 * @param inputs - one row per example
 * @param weights - at least one layer's weights
 * @param biases - each layer's biases, or null (the seed's)
 * @param model - the activations (default: sigmoid throughout)
 */
export function think(
  inputs: Matrix,
  weights: number[][][],
  biases: number[][] | null = null,
  model: Model = modelOf({}),
): number[][] {
  const a = forward(inputs, weights, biases, model);
  return a[a.length - 1] as number[][]; // a layer's output (there is at least one layer), not the inputs
}

/**
 * The mean of (y − output)² over every output of every row, the outputs by the readable forward
 * pass a row at a time (not a copy of all the rows at once).
 *
 * @param rows - one row per example
 * @param weights - every layer's weights
 * @param biases - each layer's biases, or null
 * @param y - the targets, packed row by row
 * @param model - the activations and loss
 */
export function meanSquaredError(
  rows: Matrix,
  weights: number[][][],
  biases: number[][] | null,
  y: ArrayLike<number>,
  model: Model,
): number {
  let squares = 0;
  for (let r = 0, i = 0; r < rows.length; r++) {
    for (const output of think([rows[r]], weights, biases, model)[0]) {
      const error = y[i++] - output;
      squares += error * error;
    }
  }
  return squares / y.length;
}

/**
 * The loss a network trains on, averaged over the rows: for "squared", the mean of (y − output)²
 * over every output of every row (as meanSquaredError); for "crossEntropy", the mean over the rows
 * of −Σⱼ yⱼ ln outputⱼ, with a single sigmoid output's two classes written out:
 * −(y ln p + (1 − y) ln(1 − p)), a term left out where its target weight is 0. An output of exactly
 * 0 or 1 on the wrong side gives Infinity.
 * ln is the module's own (libm.ts), so a page and Node give the same bits.
 *
 * @param outputs - the network's outputs, a row per example
 * @param y - the targets, packed row by row
 * @param loss - "squared" or "crossEntropy"
 */
export function meanLoss(outputs: ReadonlyArray<ArrayLike<number>>, y: ArrayLike<number>, loss: Model["loss"]): number {
  let total = 0;
  let i = 0;
  for (const row of outputs) {
    for (let j = 0; j < row.length; j++, i++) {
      const p = row[j];
      const t = y[i];
      if (loss === "squared") total += (t - p) * (t - p);
      else {
        // a term whose target weight is 0 adds nothing (not 0 · ln 0, which is NaN)
        if (t !== 0) total -= t * log(p);
        if (row.length === 1 && t !== 1) total -= (1 - t) * log(1 - p);
      }
    }
  }
  return total / (loss === "squared" ? i : outputs.length);
}

/** y − output, row by row. */
function errors(y: number[][], output: ArrayLike<number>[]): number[][] {
  return y.map((row, r) => row.map((target, j) => target - output[r][j]));
}

/** Σ over the rows of column j, first to last. */
function columnSum(rows: number[][], j: number): number {
  let total = 0;
  for (const row of rows) total += row[j];
  return total;
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
  const columns = b[0].length;
  return a.map((row) => {
    const out: number[] = [];
    for (let j = 0; j < columns; j++) {
      let total = 0;
      for (let k = 0; k < row.length; k++) total += row[k] * b[k][j];
      out.push(total);
    }
    return out;
  });
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

/** Nested weights (and biases) back into the job's packed layers. */
function store(weights: number[][][], biases: number[][] | null, job: TrainingJob): void {
  weights.forEach((layer, l) => {
    job.weights[l].set(layer.flat());
  });
  biases?.forEach((layer, l) => {
    job.biases?.[l].set(layer);
  });
}
