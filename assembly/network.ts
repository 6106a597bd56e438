// Backpropagation for any number of layers of any size in WebAssembly: the arithmetic of
// src/model/backpropagation.ts (forward pass, error, deltas, update), on packed rows in this
// module's memory, with no allocation.

import { sigmoid, sigmoid2 } from "./exp";
import { deltas, depthOf, EVERY, LEARNING_RATE, outs, record, ROWS, size, TARGETS, weights } from "./job";

/** σ over `count` doubles in place, two at a time. */
function sigmoidAll(at: usize, count: i32): void {
  let i = 0;
  for (; i + 2 <= count; i += 2, at += 16) v128.store(at, sigmoid2(v128.load(at)));
  if (i < count) store<f64>(at, sigmoid(load<f64>(at)));
}

/**
 * A network of any shape, iterations `from` to `to` (the caller goes in slices, so that V8 swaps in
 * its optimised code between calls; WebAssembly has no on-stack replacement), with `countdown`
 * iterations left before the next record, returned for the next slice: src/model/backpropagation.ts
 * sum for sum, each sum first to last (the same bits). The job's layout: job.ts.
 */
export function layered(job: usize, from: f64, to: f64, countdown: f64): f64 {
  const depth = depthOf(job);
  const rows = load<i32>(job + ROWS);
  const learningRate = load<f64>(job + LEARNING_RATE);
  const every = load<f64>(job + EVERY);
  for (let iteration = from; iteration < to; iteration++) {
    // forward: out[l + 1] = σ(out[l] · w[l])
    for (let l = 0; l < depth; l++) {
      forward(outs(job, l), weights(job, l), outs(job, l + 1), size(job, l), size(job, l + 1), rows);
    }
    // the last layer's delta: (y − o) ⊙ σ′(o), and the squared errors
    const count = rows * size(job, depth);
    const squares = outputDeltas(outs(job, depth), <usize>load<i32>(job + TARGETS), deltas(job, depth), count);
    // back: delta[l] = (delta[l + 1] · w[l]ᵀ) ⊙ σ′(out[l]), from the weights before the update
    for (let l = depth - 1; l > 0; l--) {
      back(deltas(job, l + 1), weights(job, l), outs(job, l), deltas(job, l), size(job, l), size(job, l + 1), rows);
    }
    if (every > 0 && countdown-- === 0) {
      record(iteration, squares / <f64>count);
      countdown = every - 1;
    }
    // update: w[l] += η · out[l]ᵀ · delta[l + 1]
    for (let l = 0; l < depth; l++) {
      update(outs(job, l), deltas(job, l + 1), weights(job, l), size(job, l), size(job, l + 1), rows, learningRate);
    }
  }
  return countdown;
}

/** output = σ(input · w), row by row: m inputs, k neurons, each sum over the inputs first to last. */
// @ts-ignore: decorator
@inline function forward(input: usize, w: usize, output: usize, m: i32, k: i32, rows: i32): void {
  for (let r = 0, a = input, b = output; r < rows; r++, a += (<usize>m) << 3) {
    for (let j = 0; j < k; j++, b += 8) {
      let total: f64 = 0;
      for (let i = 0, c = w + ((<usize>j) << 3); i < m; i++, c += (<usize>k) << 3) {
        total += load<f64>(a + ((<usize>i) << 3)) * load<f64>(c);
      }
      store<f64>(b, total);
    }
  }
  sigmoidAll(output, rows * k);
}

/** The last layer's deltas, (y − o) ⊙ o(1 − o), for `count` outputs; returns the sum of (y − o)². */
// @ts-ignore: decorator
@inline function outputDeltas(o: usize, y: usize, delta: usize, count: i32): f64 {
  let squares: f64 = 0;
  for (let i = 0; i < count; i++) {
    const out = load<f64>(o + ((<usize>i) << 3));
    const error = load<f64>(y + ((<usize>i) << 3)) - out;
    squares += error * error;
    store<f64>(delta + ((<usize>i) << 3), error * (out * (1 - out)));
  }
  return squares;
}

/** below = (after · wᵀ) ⊙ o(1 − o), row by row: o has m values a row, after k; each sum over j first to last. */
// @ts-ignore: decorator
@inline function back(after: usize, w: usize, o: usize, below: usize, m: i32, k: i32, rows: i32): void {
  for (let r = 0, a = o, d = below, b = after; r < rows; r++, b += (<usize>k) << 3) {
    for (let i = 0, c = w; i < m; i++, c += (<usize>k) << 3, a += 8, d += 8) {
      let total: f64 = 0;
      for (let j = 0; j < k; j++) total += load<f64>(b + ((<usize>j) << 3)) * load<f64>(c + ((<usize>j) << 3));
      const out = load<f64>(a);
      store<f64>(d, total * (out * (1 - out)));
    }
  }
}

/** w += η · inputᵀ · after: each sum over the rows first to last. */
// @ts-ignore: decorator
@inline function update(input: usize, after: usize, w: usize, m: i32, k: i32, rows: i32, learningRate: f64): void {
  const mStride = (<usize>m) << 3;
  const kStride = (<usize>k) << 3;
  for (let i = 0, c = w; i < m; i++) {
    for (let j = 0; j < k; j++, c += 8) {
      let total: f64 = 0;
      for (let r = 0, a = input + ((<usize>i) << 3), b = after + ((<usize>j) << 3); r < rows; r++, a += mStride, b += kStride) {
        total += load<f64>(a) * load<f64>(b);
      }
      store<f64>(c, load<f64>(c) + learningRate * total);
    }
  }
}
