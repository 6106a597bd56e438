// The activations in WebAssembly, for assembly/network.ts: each f over a layer's sums in place, and
// its slope written in terms of its output, as src/model/activation.ts writes them (the same bits).

import { common, expLanes, sigmoid, sigmoid2, sigmoidCommon } from "./exp";
import { RELU, SIGMOID, SOFTMAX, TANH } from "./job";
import { tanh, tanh2 } from "./tanh";


/** f over a layer's sums in place (`rows` rows of k): sigmoid, tanh, ReLU, softmax row by row, or linear (none). */
export function activate(at: usize, rows: i32, k: i32, code: i32): void {
  const count = rows * k;
  if (code === SIGMOID) {
    let i = 0;
    let p = at;
    // eight at a time
    for (; i + 8 <= count; i += 8, p += 64) sigmoid8(p);
    for (; i + 2 <= count; i += 2, p += 16) v128.store(p, sigmoid2(v128.load(p)));
    if (i < count) store<f64>(p, sigmoid(load<f64>(p)));
  } else if (code === TANH) {
    let i = 0;
    let p = at;
    // four at a time: two chains of tanh2's steps side by side
    for (; i + 4 <= count; i += 4, p += 32) {
      const a = tanh2(v128.load(p));
      const b = tanh2(v128.load(p, 16));
      v128.store(p, a);
      v128.store(p, b, 16);
    }
    for (; i + 2 <= count; i += 2, p += 16) v128.store(p, tanh2(v128.load(p)));
    if (i < count) store<f64>(p, tanh(load<f64>(p)));
  } else if (code === RELU) {
    // numpy's np.maximum(z, 0): z where z ≥ 0 (−0 kept), else 0
    for (let i = 0, p = at; i < count; i++, p += 8) {
      const z = load<f64>(p);
      store<f64>(p, select<f64>(z, 0, z >= 0));
    }
  } else if (code === SOFTMAX) {
    for (let r = 0, p = at; r < rows; r++, p += (<usize>k) << 3) softmax(p, k);
  }
}

/** σ over the 8 doubles at p, in place: with no call while every lane is in exp's common case (as perceptron.ts). */
// @ts-ignore: decorator
@inline export function sigmoid8(p: usize): void {
    const x0 = v128.load(p);
    const x1 = v128.load(p, 16);
    const x2 = v128.load(p, 32);
    const x3 = v128.load(p, 48);
    const n0 = f64x2.neg(x0);
    const n1 = f64x2.neg(x1);
    const n2 = f64x2.neg(x2);
    const n3 = f64x2.neg(x3);
    if (i64x2.all_true(v128.and(v128.and(common(n0), common(n1)), v128.and(common(n2), common(n3))))) {
      v128.store(p, sigmoidCommon(x0));
      v128.store(p, sigmoidCommon(x1), 16);
      v128.store(p, sigmoidCommon(x2), 32);
      v128.store(p, sigmoidCommon(x3), 48);
    } else {
      v128.store(p, sigmoid2(x0));
      v128.store(p, sigmoid2(x1), 16);
      v128.store(p, sigmoid2(x2), 32);
      v128.store(p, sigmoid2(x3), 48);
    }
}

/** softmax over one row of k, as src/model/activation.ts: exp(z − max z) / Σ exp(z − max z), the sum first to last. */
function softmax(p: usize, k: i32): void {
  let max = -Infinity;
  for (let j = 0; j < k; j++) {
    const z = load<f64>(p + ((<usize>j) << 3));
    if (z > max) max = z;
  }
  const top = f64x2.splat(max);
  let j = 0;
  for (; j + 2 <= k; j += 2) {
    const at = p + ((<usize>j) << 3);
    v128.store(at, expLanes(f64x2.sub(v128.load(at), top)));
  }
  if (j < k) {
    const at = p + ((<usize>j) << 3);
    store<f64>(at, f64x2.extract_lane(expLanes(f64x2.splat(load<f64>(at) - max)), 0));
  }
  let total: f64 = 0;
  for (j = 0; j < k; j++) total += load<f64>(p + ((<usize>j) << 3));
  for (j = 0; j < k; j++) {
    const at = p + ((<usize>j) << 3);
    store<f64>(at, load<f64>(at) / total);
  }
}

/** slope() for two outputs, a lane each. */
// @ts-ignore: decorator
@inline export function slope2(code: i32, a: v128): v128 {
  const one = f64x2.splat(1);
  if (code === SIGMOID) return f64x2.mul(a, f64x2.sub(one, a));
  if (code === TANH) return f64x2.sub(one, f64x2.mul(a, a));
  if (code === RELU) return v128.and(f64x2.gt(a, f64x2.splat(0)), one);
  return one;
}

/** f′ written in terms of the output a: sigmoid a(1 − a), tanh 1 − a², ReLU 1 where a > 0 else 0, linear 1. */
// @ts-ignore: decorator
@inline export function slope(code: i32, a: f64): f64 {
  if (code === SIGMOID) return a * (1 - a);
  if (code === TANH) return 1 - a * a;
  if (code === RELU) return a > 0 ? 1 : 0;
  return 1; // linear (softmax's never runs: it trains with cross-entropy only)
}

