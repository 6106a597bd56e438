// The fast forms of the training loops: the same arithmetic as `train` in perceptron.ts and
// `backpropagation` in network.ts, on packed Float64Arrays, with no allocation inside the loop.
// Their one job is speed; test/kernel.test.ts holds them equal to the readable forms (≤ 1e-12).
// σ's e^(−x) is the module's exp (src/exp.ts), as in activation.ts, written into sigmoidInPlace
// below so that no number crosses a call: the same bits in every engine, and nothing boxed.
import { POW2 } from "../model/exp";
import { copyRows, trainLayersWasm, trainPerceptronWasm } from "./wasm";

/** Called before the adjustment of every `every`-th iteration, with the mean squared error then. */
export type Recorder = (iteration: number, meanSquaredError: number) => void;

/**
 * The rows to train on: packed row by row in one Float64Array, or an array of rows, each already
 * checked (as many finite numbers as there are inputs). The WebAssembly kernel lays either out in
 * its own memory, its one copy of them; the TypeScript kernel trains on them packed (the
 * Float64Array itself, or one packed copy of the array of rows).
 */
export type Rows = Float64Array | ReadonlyArray<ArrayLike<number>>;

/** The `n` rows packed row by row, `m` values each: `x` itself when it is packed, else one copy. */
export function packRows(x: Rows, m: number, n: number): Float64Array {
  if (x instanceof Float64Array) return x;
  const packed = new Float64Array(n * m);
  copyRows(x, n, m, packed, (r) => r * m, 1);
  return packed;
}

/**
 * σ(v) = 1 / (1 + e^(−v)) of each of `values[from … to − 1]`, in place, with e^x src/exp.ts's: its
 * exp() for the common case and its fdlibmExp for the rest, written in, the same operations in the
 * same order (so the same bits; test/kernel.test.ts holds them so). The training loops call this,
 * not exp(): a number passed to or returned by a call V8 does not inline is boxed on its heap, and
 * exp() (or fdlibmExp, for rows past ±707, as training saturates) cost 16 bytes a row an iteration
 * where V8 left it out of line. This takes and returns no number but small integers, and calls nothing.
 */
export function sigmoidInPlace(values: Float64Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const x = -values[i];
    const ax = Math.abs(x);
    let e: number;
    if (ax >= 3.725290298461914e-9 && ax <= 707 && x !== 1) {
      // exp()'s common case: 2^−28 ≤ |x| ≤ 707, x ≠ 1 (|k| ≤ 1020)
      const k = ax < 0.3465735912322998 ? 0 : (Math.LOG2E * x + (x < 0 ? -0.5 : 0.5)) | 0;
      const hi = x - k * 0.6931471803691238; // LN2_HI
      const lo = k * 1.9082149292705877e-10; // LN2_LO
      const r = hi - lo;
      const t = r * r;
      const p = 0.00006613756321437934 + t * (-0.0000016533902205465252 + t * 4.1381367970572385e-8); // P3, P4, P5
      const c = r - t * (0.16666666666666602 + t * (-0.0027777777777015593 + t * p)); // P1, P2
      e = (1 - (lo - (r * c) / (2 - c) - hi)) * POW2[k + 1021];
    } else if (Number.isNaN(x)) {
      e = x; // NaN
    } else if (x > 709.782712893384) {
      e = Number.POSITIVE_INFINITY; // OVERFLOW
    } else if (x < -745.1332191019411) {
      e = 0; // UNDERFLOW
    } else if (ax < 3.725290298461914e-9) {
      e = 1 + x; // TINY
    } else if (x === 1) {
      e = Math.E;
    } else {
      // fdlibmExp for 707 < |x| ≤ 745.13…: k = x/ln2 rounded half away from zero, 1020 < |k| ≤ 1075
      const k = (Math.LOG2E * x + (x < 0 ? -0.5 : 0.5)) | 0;
      const hi = x - k * 0.6931471803691238;
      const lo = k * 1.9082149292705877e-10;
      const r = hi - lo;
      const t = r * r;
      const c =
        r -
        t *
          (0.16666666666666602 +
            t *
              (-0.0027777777777015593 +
                t * (0.00006613756321437934 + t * (-0.0000016533902205465252 + t * 4.1381367970572385e-8))));
      const y = 1 - (lo - (r * c) / (2 - c) - hi);
      if (k >= -1021) e = k === 1024 ? y * 2 * POW2[2044] : y * POW2[k + 1021];
      else e = y * POW2[k + 2021] * POW2[21]; // a subnormal result: y·2^(k + 1000), then one rounding
    }
    values[i] = 1 / (1 + e);
  }
}

/**
 * Trains `w` in place, `iterations` times, as `train` in perceptron.ts: in WebAssembly with SIMD
 * (assembly/kernel.ts) where it runs, on the one copy of the rows it lays out in its memory; else
 * in TypeScript (trainFastTs), on the rows packed.
 *
 * @param x - the rows (`y.length` rows of `w.length` values), packed or as an array of checked rows
 * @param y - one target per row
 * @param w - the weights, changed in place
 */
export function trainFast(
  x: Rows,
  y: Float64Array,
  w: Float64Array,
  iterations: number,
  learningRate: number,
  every: number,
  record: Recorder,
): void {
  if (!trainPerceptronWasm(x, y, w, iterations, learningRate, every, record)) {
    trainFastTs(packRows(x, w.length, y.length), y, w, iterations, learningRate, every, record);
  }
}

/**
 * The same in TypeScript: for each row the output, its error and its share of
 * Xᵀ·(error ⊙ σ′) are computed together. Rows go four at a time: four independent sums keep the
 * processor busy, and each adjustment[j] is updated once per four rows. `every` 0 records nothing.
 * An iteration's work is in perceptronPass and addAdjustment, which take no number but small
 * integers (the rest in `state`): so the record, a new closure each call that V8 may inline here
 * and then deoptimise, never throws their optimised code away, and nothing is boxed between them.
 *
 * @param x - the rows, packed row by row (`y.length` rows of `w.length` values)
 * @param y - one target per row
 * @param w - the weights, changed in place
 */
export function trainFastTs(
  x: Float64Array,
  y: Float64Array,
  w: Float64Array,
  iterations: number,
  learningRate: number,
  every: number,
  record: Recorder,
): void {
  const n = y.length;
  const adjustment = new Float64Array(w.length);
  // four rows' dot products, then their σ (sigmoidInPlace); the squared errors; the learning rate
  const state = new Float64Array(6);
  state[LEARNING_RATE] = learningRate;
  for (let iteration = 0, countdown = 0; iteration < iterations; iteration++) {
    perceptronPass(x, y, w, adjustment, state);
    if (every > 0 && countdown-- === 0) {
      record(iteration, state[SQUARES] / n);
      countdown = every - 1;
    }
    addAdjustment(w, adjustment, state);
  }
}

/** Where trainFastTs's `state` holds the sum of the squared errors, and the learning rate. */
const SQUARES = 4;
const LEARNING_RATE = 5;

/** w += η · adjustment, η at state[LEARNING_RATE]. */
function addAdjustment(w: Float64Array, adjustment: Float64Array, state: Float64Array): void {
  const learningRate = state[LEARNING_RATE];
  for (let j = 0; j < w.length; j++) w[j] += learningRate * adjustment[j];
}

/**
 * One iteration's pass over the rows: Xᵀ·(error ⊙ σ′) into `adjustment`, and the sum of the squared
 * errors into state[SQUARES] (state[0 … 3] is room for four rows' σ).
 */
function perceptronPass(
  x: Float64Array,
  y: Float64Array,
  w: Float64Array,
  adjustment: Float64Array,
  out: Float64Array,
): void {
  const n = y.length;
  const m = w.length;
  const n4 = n - (n % 4);
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
    out[0] = dotA;
    out[1] = dotB;
    out[2] = dotC;
    out[3] = dotD;
    sigmoidInPlace(out, 0, 4);
    const outA = out[0];
    const outB = out[1];
    const outC = out[2];
    const outD = out[3];
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
  if (r < n) {
    // the last 1 to 3 rows, summed as four whose missing rows add +0 (error 0, inputs 0), as
    // the WebAssembly kernel sums its padded rows: so the two give the same bits
    const a = r * m;
    const b = r + 1 < n ? a + m : -1;
    const c = r + 2 < n ? a + 2 * m : -1;
    let dotA = 0;
    let dotB = 0;
    let dotC = 0;
    for (let j = 0; j < m; j++) {
      const wj = w[j];
      dotA += x[a + j] * wj;
      if (b >= 0) dotB += x[b + j] * wj;
      if (c >= 0) dotC += x[c + j] * wj;
    }
    out[0] = dotA;
    out[1] = dotB;
    out[2] = dotC;
    sigmoidInPlace(out, 0, 3);
    const outA = out[0];
    const outB = out[1];
    const outC = out[2];
    const errA = y[r] - outA;
    const errB = b >= 0 ? y[r + 1] - outB : 0;
    const errC = c >= 0 ? y[r + 2] - outC : 0;
    squares += errA * errA + errB * errB + errC * errC + 0;
    const deltaA = errA * (outA * (1 - outA));
    const deltaB = errB * (outB * (1 - outB));
    const deltaC = errC * (outC * (1 - outC));
    for (let j = 0; j < m; j++) {
      const xB = b >= 0 ? x[b + j] : 0;
      const xC = c >= 0 ? x[c + j] : 0;
      adjustment[j] += x[a + j] * deltaA + xB * deltaB + (xC * deltaC + 0);
    }
  }
  out[SQUARES] = squares;
}

/**
 * Trains a network's layers in place, `iterations` times, as `backpropagation` in network.ts: in
 * WebAssembly (assembly/kernel.ts, the same sums as trainLayersTs in the same order, so the same
 * bits) where it runs, else in TypeScript, on the rows packed. A single layer with one neuron is
 * the seed's perceptron, and goes through `trainFast`.
 *
 * @param x - the rows (`layers[0]` values each), packed or as an array of checked rows
 * @param y - the targets, packed row by row (`layers[L]` values each)
 * @param w - each layer's weights, packed row by row (layers[l] rows of layers[l + 1]), changed in place
 * @param layers - how many values each layer has, inputs first
 */
export function trainLayersFast(
  x: Rows,
  y: Float64Array,
  w: Float64Array[],
  layers: readonly number[],
  iterations: number,
  learningRate: number,
  every: number,
  record: Recorder,
): void {
  if (w.length === 1 && layers[1] === 1) {
    trainFast(x, y, w[0], iterations, learningRate, every, record);
  } else if (!trainLayersWasm(x, y, w, layers, iterations, learningRate, every, record)) {
    trainLayersTs(
      packRows(x, layers[0], y.length / layers[layers.length - 1]),
      y,
      w,
      layers,
      iterations,
      learningRate,
      every,
      record,
    );
  }
}

/**
 * The same in TypeScript, by backpropagation: the same arithmetic
 * as `backpropagation` in network.ts on packed Float64Arrays, with every buffer made once. A single
 * layer with one neuron is the seed's perceptron, and goes through `trainFast`.
 *
 * @param x - the rows, packed row by row (`layers[0]` values each)
 * @param y - the targets, packed row by row (`layers[L]` values each)
 * @param w - each layer's weights, packed row by row (layers[l] rows of layers[l + 1]), changed in place
 * @param layers - how many values each layer has, inputs first
 */
export function trainLayersTs(
  x: Float64Array,
  y: Float64Array,
  w: Float64Array[],
  layers: readonly number[],
  iterations: number,
  learningRate: number,
  every: number,
  record: Recorder,
): void {
  const depth = w.length;
  if (depth === 1 && layers[1] === 1) {
    trainFastTs(x, y, w[0], iterations, learningRate, every, record);
    return;
  }
  const n = x.length / layers[0];
  // out[l]: layer l's outputs, row by row (out[0] is x); delta[l]: the deltas of out[l]
  const out = [x, ...layers.slice(1).map((size) => new Float64Array(n * size))];
  const delta = out.map((o) => new Float64Array(o.length));
  for (let iteration = 0, countdown = 0; iteration < iterations; iteration++) {
    // forward: out[l + 1] = σ(out[l] · w[l]), each sum over i first to last
    for (let l = 0; l < depth; l++) {
      const m = layers[l];
      const k = layers[l + 1];
      const input = out[l];
      const output = out[l + 1];
      const weights = w[l];
      for (let r = 0, a = 0, b = 0; r < n; r++, a += m, b += k) {
        for (let j = 0; j < k; j++) {
          let total = 0;
          for (let i = 0, c = j; i < m; i++, c += k) total += input[a + i] * weights[c];
          output[b + j] = total;
        }
      }
      sigmoidInPlace(output, 0, output.length);
    }
    // the last layer's delta: (y − o) ⊙ o(1 − o), and the squared error
    const last = out[depth];
    const lastDelta = delta[depth];
    let squares = 0;
    for (let i = 0; i < last.length; i++) {
      const o = last[i];
      const error = y[i] - o;
      squares += error * error;
      lastDelta[i] = error * (o * (1 - o));
    }
    // back: delta[l] = (delta[l + 1] · w[l]ᵀ) ⊙ o(1 − o), from the weights before the update
    for (let l = depth - 1; l > 0; l--) {
      const m = layers[l];
      const k = layers[l + 1];
      const output = out[l];
      const after = delta[l + 1];
      const below = delta[l];
      const weights = w[l];
      for (let r = 0, a = 0, b = 0; r < n; r++, a += m, b += k) {
        for (let i = 0, c = 0; i < m; i++, c += k) {
          let total = 0;
          for (let j = 0; j < k; j++) total += after[b + j] * weights[c + j];
          const o = output[a + i];
          below[a + i] = total * (o * (1 - o));
        }
      }
    }
    if (every > 0 && countdown-- === 0) {
      record(iteration, squares / last.length);
      countdown = every - 1;
    }
    // update: w[l] += η · out[l]ᵀ · delta[l + 1], each sum over the rows first to last
    for (let l = 0; l < depth; l++) {
      const m = layers[l];
      const k = layers[l + 1];
      const input = out[l];
      const after = delta[l + 1];
      const weights = w[l];
      for (let i = 0, c = 0; i < m; i++) {
        for (let j = 0; j < k; j++, c++) {
          let total = 0;
          for (let r = 0, a = i, b = j; r < n; r++, a += m, b += k) total += input[a] * after[b];
          weights[c] += learningRate * total;
        }
      }
    }
  }
}
