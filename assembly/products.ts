// The two products a layer's training spends its time in, for assembly/network.ts: the forward
// pass's input · W (+ b), and the update's inputᵀ · δ summed over the rows. Each sum is taken in the
// readable rule's order (src/model/backpropagation.ts: over the inputs, or the rows, first to last),
// one neuron a lane, so every number is its bits. Two rows (or two inputs) at a time and eight
// neurons in four pairs of lanes: sixteen sums at once, each still a chain of its own.

import { sigmoid8 } from "./activation";

/** An address plus `i` doubles. */
// @ts-ignore: decorator
@inline function at(p: usize, i: i32): usize {
  return p + ((<usize>i) << 3);
}

/**
 * output = input · w (+ b), row by row: m inputs, k neurons, each sum over the inputs first to last,
 * then + b (b = 0: no biases). With `sigmoid` (only when k is a multiple of 8 and the rows even),
 * σ too, eight sums at a time as they are made (its divisions beside the next sums' products).
 */
export function forward(input: usize, w: usize, b: usize, output: usize, m: i32, k: i32, rows: i32, sigmoid: bool): void {
  const mStride = (<usize>m) << 3;
  const kStride = (<usize>k) << 3;
  const k8 = k & ~7;
  let r = 0;
  for (; k8 > 0 && r + 2 <= rows; r += 2) {
    const a = input + <usize>r * mStride;
    const o = output + <usize>r * kStride;
    for (let j = 0; j < k8; j += 8) {
      let s0 = f64x2.splat(0);
      let s1 = f64x2.splat(0);
      let s2 = f64x2.splat(0);
      let s3 = f64x2.splat(0);
      let t0 = f64x2.splat(0);
      let t1 = f64x2.splat(0);
      let t2 = f64x2.splat(0);
      let t3 = f64x2.splat(0);
      for (let i = 0, c = at(w, j); i < m; i++, c += kStride) {
        const v = v128.load64_splat(at(a, i));
        const u = v128.load64_splat(at(a, i) + mStride);
        const w0 = v128.load(c);
        const w1 = v128.load(c, 16);
        const w2 = v128.load(c, 32);
        const w3 = v128.load(c, 48);
        s0 = f64x2.add(s0, f64x2.mul(v, w0));
        s1 = f64x2.add(s1, f64x2.mul(v, w1));
        s2 = f64x2.add(s2, f64x2.mul(v, w2));
        s3 = f64x2.add(s3, f64x2.mul(v, w3));
        t0 = f64x2.add(t0, f64x2.mul(u, w0));
        t1 = f64x2.add(t1, f64x2.mul(u, w1));
        t2 = f64x2.add(t2, f64x2.mul(u, w2));
        t3 = f64x2.add(t3, f64x2.mul(u, w3));
      }
      if (b) {
        const b0 = v128.load(at(b, j));
        const b1 = v128.load(at(b, j), 16);
        const b2 = v128.load(at(b, j), 32);
        const b3 = v128.load(at(b, j), 48);
        s0 = f64x2.add(s0, b0);
        s1 = f64x2.add(s1, b1);
        s2 = f64x2.add(s2, b2);
        s3 = f64x2.add(s3, b3);
        t0 = f64x2.add(t0, b0);
        t1 = f64x2.add(t1, b1);
        t2 = f64x2.add(t2, b2);
        t3 = f64x2.add(t3, b3);
      }
      const p = at(o, j);
      v128.store(p, s0);
      v128.store(p, s1, 16);
      v128.store(p, s2, 32);
      v128.store(p, s3, 48);
      v128.store(p + kStride, t0);
      v128.store(p + kStride, t1, 16);
      v128.store(p + kStride, t2, 32);
      v128.store(p + kStride, t3, 48);
      if (sigmoid) {
        sigmoid8(p);
        sigmoid8(p + kStride);
      }
    }
  }
  // the last row when the rows are odd, eight neurons at a time
  for (; k8 > 0 && r < rows; r++) {
    const a = input + <usize>r * mStride;
    for (let j = 0; j < k8; j += 2) {
      let s = f64x2.splat(0);
      for (let i = 0, c = at(w, j); i < m; i++, c += kStride) s = f64x2.add(s, f64x2.mul(v128.load64_splat(at(a, i)), v128.load(c)));
      if (b) s = f64x2.add(s, v128.load(at(b, j)));
      v128.store(at(output + <usize>r * kStride, j), s);
    }
  }
  // the neurons past the blocks of 8: two at a time, a row at a time, then the last alone, rows in the lanes
  const k2 = k & ~1;
  for (let r = 0; k2 > k8 && r < rows; r++) {
    const a = input + <usize>r * mStride;
    for (let j = k8; j < k2; j += 2) {
      let s = f64x2.splat(0);
      for (let i = 0, c = at(w, j); i < m; i++, c += kStride) s = f64x2.add(s, f64x2.mul(v128.load64_splat(at(a, i)), v128.load(c)));
      if (b) s = f64x2.add(s, v128.load(at(b, j)));
      v128.store(at(output + <usize>r * kStride, j), s);
    }
  }
  if (k2 < k) forwardColumn(input, w, b, output, m, k, rows, k2);
}

/** Neuron j of forward() for every row: rows in the lanes, eight at a time, then two, then one. */
function forwardColumn(input: usize, w: usize, b: usize, output: usize, m: i32, k: i32, rows: i32, j: i32): void {
  const mStride = (<usize>m) << 3;
  const kStride = (<usize>k) << 3;
  const bias = b ? v128.load64_splat(at(b, j)) : f64x2.splat(0);
  let r = 0;
  for (; r + 8 <= rows; r += 8) {
    const a = input + <usize>r * mStride;
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    let s2 = f64x2.splat(0);
    let s3 = f64x2.splat(0);
    for (let i = 0, p = a, c = at(w, j); i < m; i++, p += 8, c += kStride) {
      const v = v128.load64_splat(c);
      s0 = f64x2.add(s0, f64x2.mul(pair(p, mStride), v));
      s1 = f64x2.add(s1, f64x2.mul(pair(p + 2 * mStride, mStride), v));
      s2 = f64x2.add(s2, f64x2.mul(pair(p + 4 * mStride, mStride), v));
      s3 = f64x2.add(s3, f64x2.mul(pair(p + 6 * mStride, mStride), v));
    }
    const o = at(output + <usize>r * kStride, j);
    if (b) {
      s0 = f64x2.add(s0, bias);
      s1 = f64x2.add(s1, bias);
      s2 = f64x2.add(s2, bias);
      s3 = f64x2.add(s3, bias);
    }
    storePair(o, kStride, s0);
    storePair(o + 2 * kStride, kStride, s1);
    storePair(o + 4 * kStride, kStride, s2);
    storePair(o + 6 * kStride, kStride, s3);
  }
  for (; r + 2 <= rows; r += 2) {
    let s = f64x2.splat(0);
    for (let i = 0, p = input + <usize>r * mStride, c = at(w, j); i < m; i++, p += 8, c += kStride) {
      s = f64x2.add(s, f64x2.mul(pair(p, mStride), v128.load64_splat(c)));
    }
    if (b) s = f64x2.add(s, bias);
    storePair(at(output + <usize>r * kStride, j), kStride, s);
  }
  for (; r < rows; r++) {
    let s: f64 = 0;
    for (let i = 0, p = input + <usize>r * mStride, c = at(w, j); i < m; i++, p += 8, c += kStride) s += load<f64>(p) * load<f64>(c);
    if (b) s += load<f64>(at(b, j));
    store<f64>(at(output + <usize>r * kStride, j), s);
  }
}

/** The doubles at p and p + stride, as two lanes. */
// @ts-ignore: decorator
@inline function pair(p: usize, stride: usize): v128 {
  return v128.load64_lane(p + stride, v128.load64_zero(p), 1);
}

/** Two lanes stored at p and p + stride. */
// @ts-ignore: decorator
@inline function storePair(p: usize, stride: usize, v: v128): void {
  v128.store64_lane(p, v, 0);
  v128.store64_lane(p + stride, v, 1);
}

/**
 * Adds a chunk's share of the update to s: s[i][j] += Σ_rows input[i] · after[j] (m × k, each sum
 * over the rows first to last) for the inputs i from `from` to `to` − 1 (a thread's share), then
 * with `biases` s[m][j] += Σ_rows after[j] (the biases').
 */
export function sum(input: usize, after: usize, s: usize, m: i32, k: i32, rows: i32, from: i32, to: i32, biases: bool): void {
  const mStride = (<usize>m) << 3;
  const kStride = (<usize>k) << 3;
  const k8 = k & ~7;
  let i = from;
  for (; k8 > 0 && i + 2 <= to; i += 2) {
    const row = s + <usize>i * kStride;
    for (let j = 0; j < k8; j += 8) {
      const p = at(row, j);
      const q = p + kStride;
      let s0 = v128.load(p);
      let s1 = v128.load(p, 16);
      let s2 = v128.load(p, 32);
      let s3 = v128.load(p, 48);
      let t0 = v128.load(q);
      let t1 = v128.load(q, 16);
      let t2 = v128.load(q, 32);
      let t3 = v128.load(q, 48);
      for (let r = 0, a = at(input, i), d = at(after, j); r < rows; r++, a += mStride, d += kStride) {
        const v = v128.load64_splat(a);
        const u = v128.load64_splat(a, 8);
        const d0 = v128.load(d);
        const d1 = v128.load(d, 16);
        const d2 = v128.load(d, 32);
        const d3 = v128.load(d, 48);
        s0 = f64x2.add(s0, f64x2.mul(v, d0));
        s1 = f64x2.add(s1, f64x2.mul(v, d1));
        s2 = f64x2.add(s2, f64x2.mul(v, d2));
        s3 = f64x2.add(s3, f64x2.mul(v, d3));
        t0 = f64x2.add(t0, f64x2.mul(u, d0));
        t1 = f64x2.add(t1, f64x2.mul(u, d1));
        t2 = f64x2.add(t2, f64x2.mul(u, d2));
        t3 = f64x2.add(t3, f64x2.mul(u, d3));
      }
      v128.store(p, s0);
      v128.store(p, s1, 16);
      v128.store(p, s2, 32);
      v128.store(p, s3, 48);
      v128.store(q, t0);
      v128.store(q, t1, 16);
      v128.store(q, t2, 32);
      v128.store(q, t3, 48);
    }
  }
  // the last input when the inputs are odd, two neurons at a time
  for (; k8 > 0 && i < to; i++) {
    const row = s + <usize>i * kStride;
    for (let j = 0; j < k8; j += 2) {
      let t = v128.load(at(row, j));
      for (let r = 0, p = at(input, i), d = at(after, j); r < rows; r++, p += mStride, d += kStride) {
        t = f64x2.add(t, f64x2.mul(v128.load64_splat(p), v128.load(d)));
      }
      v128.store(at(row, j), t);
    }
  }
  // the neurons past the blocks of 8: two at a time, an input at a time, then the last alone, inputs in the lanes
  const k2 = k & ~1;
  for (let i = from; k2 > k8 && i < to; i++) {
    const row = s + <usize>i * kStride;
    for (let j = k8; j < k2; j += 2) {
      let t = v128.load(at(row, j));
      for (let r = 0, p = at(input, i), d = at(after, j); r < rows; r++, p += mStride, d += kStride) {
        t = f64x2.add(t, f64x2.mul(v128.load64_splat(p), v128.load(d)));
      }
      v128.store(at(row, j), t);
    }
  }
  if (k2 < k) sumColumn(input, after, s, m, k, rows, k2, from, to);
  if (!biases) return;
  // the biases': each neuron's deltas summed over the rows
  const row = s + <usize>m * kStride;
  let j = 0;
  for (; j + 2 <= k; j += 2) {
    let t = v128.load(at(row, j));
    for (let r = 0, d = at(after, j); r < rows; r++, d += kStride) t = f64x2.add(t, v128.load(d));
    v128.store(at(row, j), t);
  }
  if (j < k) {
    let t = load<f64>(at(row, j));
    for (let r = 0, d = at(after, j); r < rows; r++, d += kStride) t += load<f64>(d);
    store<f64>(at(row, j), t);
  }
}

/** Neuron j's sums of sum() for the inputs from `from` to `to` − 1: inputs in the lanes, eight at a time, then two, then one. */
function sumColumn(input: usize, after: usize, s: usize, m: i32, k: i32, rows: i32, j: i32, from: i32, to: i32): void {
  const mStride = (<usize>m) << 3;
  const kStride = (<usize>k) << 3;
  let i = from;
  for (; i + 8 <= to; i += 8) {
    const q = at(s + <usize>i * kStride, j);
    let t0 = pair(q, kStride);
    let t1 = pair(q + 2 * kStride, kStride);
    let t2 = pair(q + 4 * kStride, kStride);
    let t3 = pair(q + 6 * kStride, kStride);
    for (let r = 0, p = at(input, i), d = at(after, j); r < rows; r++, p += mStride, d += kStride) {
      const v = v128.load64_splat(d);
      t0 = f64x2.add(t0, f64x2.mul(v128.load(p), v));
      t1 = f64x2.add(t1, f64x2.mul(v128.load(p, 16), v));
      t2 = f64x2.add(t2, f64x2.mul(v128.load(p, 32), v));
      t3 = f64x2.add(t3, f64x2.mul(v128.load(p, 48), v));
    }
    storePair(q, kStride, t0);
    storePair(q + 2 * kStride, kStride, t1);
    storePair(q + 4 * kStride, kStride, t2);
    storePair(q + 6 * kStride, kStride, t3);
  }
  for (; i + 2 <= to; i += 2) {
    const q = at(s + <usize>i * kStride, j);
    let t = pair(q, kStride);
    for (let r = 0, p = at(input, i), d = at(after, j); r < rows; r++, p += mStride, d += kStride) {
      t = f64x2.add(t, f64x2.mul(v128.load(p), v128.load64_splat(d)));
    }
    storePair(q, kStride, t);
  }
  for (; i < to; i++) {
    const q = at(s + <usize>i * kStride, j);
    let t = load<f64>(q);
    for (let r = 0, p = at(input, i), d = at(after, j); r < rows; r++, p += mStride, d += kStride) t += load<f64>(p) * load<f64>(d);
    store<f64>(q, t);
  }
}
