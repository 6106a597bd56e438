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
  const y = <usize>load<i32>(job + TARGETS);
  const learningRate = load<f64>(job + LEARNING_RATE);
  const every = load<f64>(job + EVERY);
  const lastCount = rows * size(job, depth);
  const last = outs(job, depth);
  const lastDelta = deltas(job, depth);
  for (let iteration = from; iteration < to; iteration++) {
    for (let l = 0; l < depth; l++) {
      const m = size(job, l);
      const k = size(job, l + 1);
      const input = outs(job, l);
      const output = outs(job, l + 1);
      const w = weights(job, l);
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
    let squares: f64 = 0;
    for (let i = 0; i < lastCount; i++) {
      const o = load<f64>(last + ((<usize>i) << 3));
      const error = load<f64>(y + ((<usize>i) << 3)) - o;
      squares += error * error;
      store<f64>(lastDelta + ((<usize>i) << 3), error * (o * (1 - o)));
    }
    for (let l = depth - 1; l > 0; l--) {
      const m = size(job, l);
      const k = size(job, l + 1);
      const output = outs(job, l);
      const after = deltas(job, l + 1);
      const below = deltas(job, l);
      const w = weights(job, l);
      for (let r = 0, a = output, d = below, b = after; r < rows; r++, b += (<usize>k) << 3) {
        for (let i = 0, c = w; i < m; i++, c += (<usize>k) << 3, a += 8, d += 8) {
          let total: f64 = 0;
          for (let j = 0; j < k; j++) total += load<f64>(b + ((<usize>j) << 3)) * load<f64>(c + ((<usize>j) << 3));
          const o = load<f64>(a);
          store<f64>(d, total * (o * (1 - o)));
        }
      }
    }
    if (every > 0 && countdown-- === 0) {
      record(iteration, squares / <f64>lastCount);
      countdown = every - 1;
    }
    for (let l = 0; l < depth; l++) {
      const m = size(job, l);
      const k = size(job, l + 1);
      const input = outs(job, l);
      const after = deltas(job, l + 1);
      const w = weights(job, l);
      for (let i = 0, c = w; i < m; i++) {
        for (let j = 0; j < k; j++, c += 8) {
          let total: f64 = 0;
          const mStride = (<usize>m) << 3;
          const kStride = (<usize>k) << 3;
          for (
            let r = 0, a = input + ((<usize>i) << 3), b = after + ((<usize>j) << 3);
            r < rows;
            r++, a += mStride, b += kStride
          ) {
            total += load<f64>(a) * load<f64>(b);
          }
          store<f64>(c, load<f64>(c) + learningRate * total);
        }
      }
    }
  }
  return countdown;
}
