// The fast forms of the training loops: the same arithmetic as `train` in perceptron.ts and
// `backpropagation` in network.ts, on packed Float64Arrays, with no allocation inside the loop.
// Their one job is speed; test/kernel.test.ts holds them equal to the readable forms (≤ 1e-12).
// σ's e^(−x) is the module's exp (src/exp.ts), as in activation.ts: the same bits in every engine.
import { exp } from "./exp";
import { trainLayersWasm, trainPerceptronWasm } from "./kernel-wasm";

/** Called before the adjustment of every `every`-th iteration, with the mean squared error then. */
export type Recorder = (iteration: number, meanSquaredError: number) => void;

/**
 * Trains `w` in place, `iterations` times, as `train` in perceptron.ts: in WebAssembly with SIMD
 * (assembly/kernel.ts) where it runs, else in TypeScript (trainFastTs).
 *
 * @param x - the rows, packed row by row (`y.length` rows of `w.length` values)
 * @param y - one target per row
 * @param w - the weights, changed in place
 */
export function trainFast(
  x: Float64Array,
  y: Float64Array,
  w: Float64Array,
  iterations: number,
  learningRate: number,
  every: number,
  record: Recorder,
): void {
  if (!trainPerceptronWasm(x, y, w, iterations, learningRate, every, record)) {
    trainFastTs(x, y, w, iterations, learningRate, every, record);
  }
}

/**
 * The same in TypeScript: for each row the output, its error and its share of
 * Xᵀ·(error ⊙ σ′) are computed together. Rows go four at a time: four independent sums keep the
 * processor busy, and each adjustment[j] is updated once per four rows. `every` 0 records nothing.
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
  const m = w.length;
  const n4 = n - (n % 4);
  const adjustment = new Float64Array(m);
  for (let iteration = 0, countdown = 0; iteration < iterations; iteration++) {
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
      // σ, inlined: a call that checks its argument costs the hot loop
      const outA = 1 / (1 + exp(-dotA));
      const outB = 1 / (1 + exp(-dotB));
      const outC = 1 / (1 + exp(-dotC));
      const outD = 1 / (1 + exp(-dotD));
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
      const outA = 1 / (1 + exp(-dotA));
      const outB = 1 / (1 + exp(-dotB));
      const outC = 1 / (1 + exp(-dotC));
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
    if (every > 0 && countdown-- === 0) {
      record(iteration, squares / n);
      countdown = every - 1;
    }
    for (let j = 0; j < m; j++) w[j] += learningRate * adjustment[j];
  }
}

/**
 * Trains a network's layers in place, `iterations` times, as `backpropagation` in network.ts: in
 * WebAssembly (assembly/kernel.ts, the same sums as trainLayersTs in the same order, so the same
 * bits) where it runs, else in TypeScript. A single layer with one neuron is the seed's perceptron,
 * and goes through `trainFast`.
 *
 * @param x - the rows, packed row by row (`layers[0]` values each)
 * @param y - the targets, packed row by row (`layers[L]` values each)
 * @param w - each layer's weights, packed row by row (layers[l] rows of layers[l + 1]), changed in place
 * @param layers - how many values each layer has, inputs first
 */
export function trainLayersFast(
  x: Float64Array,
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
    trainLayersTs(x, y, w, layers, iterations, learningRate, every, record);
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
          output[b + j] = 1 / (1 + exp(-total));
        }
      }
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
