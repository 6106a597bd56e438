// The training loops in WebAssembly (AssemblyScript, compiled by scripts/build-wasm.mjs into
// src/kernel-wasm.ts): the same arithmetic as src/kernel.ts, with σ's e^(−x) the same fdlibm exp as
// src/exp.ts, two lanes at a time (f64x2) with the same operations in the same order in each lane,
// so every lane gives exp()'s bits. IEEE double +, −, ×, ÷ only (WebAssembly never fuses them), so
// every engine gives the same bits. Memory is laid out by src/kernel-wasm.ts; nothing is allocated here.

declare function record(iteration: f64, meanSquaredError: f64): void;

/** Where free memory begins (after this module's static data). */
export function heapBase(): usize {
  return __heap_base;
}

// fdlibm's constants, as in src/exp.ts
const LN2_HI: f64 = 0.6931471803691238;
const LN2_LO: f64 = 1.9082149292705877e-10;
const INV_LN2: f64 = Math.LOG2E;
const P1: f64 = 0.16666666666666602;
const P2: f64 = -0.0027777777777015593;
const P3: f64 = 0.00006613756321437934;
const P4: f64 = -0.0000016533902205465252;
const P5: f64 = 4.1381367970572385e-8;
const OVERFLOW: f64 = 709.782712893384;
const UNDERFLOW: f64 = -745.1332191019411;
const BIG: f64 = 709.7822265625;
const HALF_LN2: f64 = 0.3465735912322998;
const THREE_HALVES_LN2: f64 = 1.0397205352783203;
const TINY: f64 = 3.725290298461914e-9;

/** 2^k for a normal power of two (−1022 ≤ k ≤ 1023), from its bits. */
function pow2(k: i32): f64 {
  return reinterpret<f64>((<i64>(k + 1023)) << 52);
}

/** fdlibm's exp, whole: src/exp.ts's fdlibmExp, step for step. */
function fdlibmExp(x: f64): f64 {
  const ax = Math.abs(x);
  if (!(ax < BIG)) {
    if (Number.isNaN(x)) return x;
    if (x > OVERFLOW) return Infinity;
    if (x < UNDERFLOW) return 0;
  }
  let hi: f64 = 0;
  let lo: f64 = 0;
  let k: i32 = 0;
  if (ax >= HALF_LN2) {
    if (ax < THREE_HALVES_LN2) {
      if (x === 1) return Math.E;
      k = x < 0 ? -1 : 1;
    } else {
      k = <i32>(INV_LN2 * x + (x < 0 ? -0.5 : 0.5));
    }
    hi = x - <f64>k * LN2_HI;
    lo = <f64>k * LN2_LO;
    x = hi - lo;
  } else if (ax < TINY) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2 * pow2(1023);
    return y * pow2(k);
  }
  return y * pow2(k + 1000) * pow2(-1000);
}

/** σ(x) = 1 / (1 + e^(−x)) for one number, as src/kernel.ts computes it. */
function sigmoid(x: f64): f64 {
  return 1 / (1 + fdlibmExp(-x));
}

/**
 * e^x in each lane: src/exp.ts's exp() (its common case, 2^−28 ≤ |x| ≤ 707, x ≠ 1), the same
 * operations in the same order; a pair with a lane outside it goes to fdlibmExp lane by lane.
 */
// The constants the vectorised exp uses, each as a pair of lanes, read from memory: V8 builds a
// v128 constant in ~4 instructions wherever it is used, and a load is one.
const enum K {
  TINY,
  LIMIT,
  ONE,
  HALF,
  INV_LN2,
  HALF_LN2,
  LN2_HI,
  LN2_LO,
  P1,
  P2,
  P3,
  P4,
  P5,
  TWO,
  SHIFT,
}
const TABLE = memory.data<f64>(
  [
    TINY, TINY, 707, 707, 1, 1, 0.5, 0.5, INV_LN2, INV_LN2, HALF_LN2, HALF_LN2, LN2_HI, LN2_HI, LN2_LO, LN2_LO,
    P1, P1, P2, P2, P3, P3, P4, P4, P5, P5, 2, 2, 6755399441055744.0, 6755399441055744.0,
  ],
  16,
);

/** A constant of TABLE, in both lanes. */
// @ts-ignore: decorator
@inline function c(name: K): v128 {
  return v128.load(TABLE + ((<usize>name) << 4));
}

/** Whether every lane of x is in exp2's common case: 2^−28 ≤ |x| ≤ 707, x ≠ 1. */
// @ts-ignore: decorator
@inline function common(x: v128): v128 {
  const ax = f64x2.abs(x);
  return v128.and(v128.and(f64x2.ge(ax, c(K.TINY)), f64x2.le(ax, c(K.LIMIT))), f64x2.ne(x, c(K.ONE)));
}

/** e^x in each lane, for x in the common case (see common()): src/exp.ts's exp(), step for step. */
// @ts-ignore: decorator
@inline function expCommon(x: v128): v128 {
  const ax = f64x2.abs(x);
  // k = 0 below HALF_LN2, else x/ln2 rounded half away from zero: trunc(x·(1/ln2) ± 0.5)
  const half = v128.or(v128.and(x, i64x2.splat(0x8000000000000000)), c(K.HALF));
  const rounded = f64x2.trunc(f64x2.add(f64x2.mul(c(K.INV_LN2), x), half));
  const k = v128.andnot(rounded, f64x2.lt(ax, c(K.HALF_LN2)));
  const hi = f64x2.sub(x, f64x2.mul(k, c(K.LN2_HI)));
  const lo = f64x2.mul(k, c(K.LN2_LO));
  const r = f64x2.sub(hi, lo);
  const t = f64x2.mul(r, r);
  const p = f64x2.add(c(K.P3), f64x2.mul(t, f64x2.add(c(K.P4), f64x2.mul(t, c(K.P5)))));
  const cc = f64x2.sub(r, f64x2.mul(t, f64x2.add(c(K.P1), f64x2.mul(t, f64x2.add(c(K.P2), f64x2.mul(t, p))))));
  const q = f64x2.div(f64x2.mul(r, cc), f64x2.sub(c(K.TWO), cc));
  const y = f64x2.sub(c(K.ONE), f64x2.sub(f64x2.sub(lo, q), hi));
  // 2^k from its bits: k + 1.5·2^52 holds k in its low bits (exactly, |k| ≤ 1020 here)
  const shifted = f64x2.add(k, c(K.SHIFT));
  const bits = i64x2.shl(i64x2.sub(shifted, i64x2.splat(0x4338000000000000 - 1023)), 52);
  return f64x2.mul(y, bits);
}

/** e^x in each lane: expCommon, or fdlibmExp lane by lane for a pair with a lane outside its case. */
function exp2(x: v128): v128 {
  if (!i64x2.all_true(common(x))) {
    return f64x2(fdlibmExp(f64x2.extract_lane(x, 0)), fdlibmExp(f64x2.extract_lane(x, 1)));
  }
  return expCommon(x);
}

/** σ in each lane. */
function sigmoid2(x: v128): v128 {
  const one = c(K.ONE);
  return f64x2.div(one, f64x2.add(one, exp2(f64x2.neg(x))));
}

/** σ in each lane, for −x in the common case. */
// @ts-ignore: decorator
@inline function sigmoidCommon(x: v128): v128 {
  const one = c(K.ONE);
  return f64x2.div(one, f64x2.add(one, expCommon(f64x2.neg(x))));
}

/** e ⊙ (o ⊙ (1 − o)): the delta of outputs o with errors e. */
// @ts-ignore: decorator
@inline function delta2(e: v128, o: v128): v128 {
  return f64x2.mul(e, f64x2.mul(o, f64x2.sub(f64x2.splat(1), o)));
}

/**
 * The perceptron, iterations `from` to `to` (the caller goes in slices, so that V8 swaps in its
 * optimised code between calls; WebAssembly has no on-stack replacement), with `countdown`
 * iterations left before the next record, returned for the next slice. The rows go in blocks of 8,
 * each block stored column by column (x[r][j] for r = 8b + 0, 2, 1, 3, 4, 6, 5, 7, then j + 1: so a
 * pair of lanes added gives two rows' sums): the 8 dot products are 4 pairs of lanes, each a sum
 * over j first to last; the rows past the last are zeros with target ½ (error 0, delta 0). The
 * blocks go in chunks of CHUNK (kept in cache between the two passes): first each block's outputs,
 * errors and deltas (kept in DELTAS), then each block's Xᵀ·delta. σ is expCommon's, all 8 lanes at
 * once and with no call, while every lane is in its case; a block with one that is not goes to
 * slowBlock, whose σ goes lane by lane through fdlibmExp (the same bits).
 * The squared errors and adjustment[j] are summed as src/kernel.ts's trainFastTs sums them, four
 * rows at a time: adjustment[j] + ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), where rᵢ is
 * row i's x[i][j]·delta[i]; a padded row adds +0. So the two give the same bits.
 *
 * @param xs - blocks × m × 8 doubles
 * @param ys - blocks × 8 targets
 * @param w - m weights, changed in place
 * @param adjustment - m × 2 doubles of room
 * @param rows - the true number of rows (the mean squared error's divisor)
 */
export function perceptron(
  xs: usize,
  ys: usize,
  w: usize,
  adjustment: usize,
  blocks: i32,
  m: i32,
  rows: f64,
  from: f64,
  to: f64,
  learningRate: f64,
  every: f64,
  countdown: f64,
): f64 {
  const stride = (<usize>m) << 6;
  for (let iteration = from; iteration < to; iteration++) {
    memory.fill(adjustment, 0, (<usize>m) << 3);
    let squares: f64 = 0;
    for (let b0 = 0; b0 < blocks; b0 += CHUNK) {
      const end = min(blocks, b0 + CHUNK);
      let b = b0;
      while (true) {
        let p = xs + <usize>b * stride;
        let py = ys + ((<usize>b) << 6);
        let g = DELTAS + ((<usize>(b - b0)) << 6);
        for (; b < end; b++, p += stride, py += 64, g += 64) {
          let d0 = f64x2.splat(0);
          let d1 = f64x2.splat(0);
          let d2 = f64x2.splat(0);
          let d3 = f64x2.splat(0);
          for (let j = 0, q = p; j < m; j++, q += 64) {
            const wj = v128.load64_splat(w + ((<usize>j) << 3));
            d0 = f64x2.add(d0, f64x2.mul(v128.load(q), wj));
            d1 = f64x2.add(d1, f64x2.mul(v128.load(q, 16), wj));
            d2 = f64x2.add(d2, f64x2.mul(v128.load(q, 32), wj));
            d3 = f64x2.add(d3, f64x2.mul(v128.load(q, 48), wj));
          }
          const n0 = f64x2.neg(d0);
          const n1 = f64x2.neg(d1);
          const n2 = f64x2.neg(d2);
          const n3 = f64x2.neg(d3);
          const all = v128.and(v128.and(common(n0), common(n1)), v128.and(common(n2), common(n3)));
          if (!i64x2.all_true(all)) break;
          const o0 = sigmoidCommon(d0);
          const o1 = sigmoidCommon(d1);
          const o2 = sigmoidCommon(d2);
          const o3 = sigmoidCommon(d3);
          squares = errors(py, g, squares, o0, o1, o2, o3);
        }
        if (b >= end) break;
        squares = slowBlock(p, py, w, m, g, squares);
        b++;
      }
      const last = DELTAS + ((<usize>(end - b0)) << 6);
      for (let p = xs + <usize>b0 * stride, g = DELTAS; g < last; p += stride, g += 64) backward(p, m, adjustment, g);
    }
    if (every > 0 && countdown-- === 0) {
      record(iteration, squares / rows);
      countdown = every - 1;
    }
    for (let j = 0; j < m; j++) {
      const at = w + ((<usize>j) << 3);
      store<f64>(at, load<f64>(at) + learningRate * load<f64>(adjustment + ((<usize>j) << 3)));
    }
  }
  return countdown;
}

/** Blocks a chunk: 32 blocks of 8 rows (at 16 inputs, 32 KB of rows, kept in cache). */
const CHUNK = 32;
/** A chunk's deltas, 8 a block. */
const DELTAS = memory.data(CHUNK << 6, 16);

/**
 * A block with a lane outside expCommon's case: σ lane by lane through fdlibmExp (the same bits in
 * the common lanes). Its deltas go to g; returns `squares` with its squared errors added.
 */
function slowBlock(p: usize, py: usize, w: usize, m: i32, g: usize, squares: f64): f64 {
  let d0 = f64x2.splat(0);
  let d1 = f64x2.splat(0);
  let d2 = f64x2.splat(0);
  let d3 = f64x2.splat(0);
  for (let j = 0, q = p; j < m; j++, q += 64) {
    const wj = v128.load64_splat(w + ((<usize>j) << 3));
    d0 = f64x2.add(d0, f64x2.mul(v128.load(q), wj));
    d1 = f64x2.add(d1, f64x2.mul(v128.load(q, 16), wj));
    d2 = f64x2.add(d2, f64x2.mul(v128.load(q, 32), wj));
    d3 = f64x2.add(d3, f64x2.mul(v128.load(q, 48), wj));
  }
  return errors(py, g, squares, sigmoid2(d0), sigmoid2(d1), sigmoid2(d2), sigmoid2(d3));
}

/**
 * A block's errors from its outputs o0 … o3: their squares added to `squares` (returned) in
 * src/kernel.ts's order, its deltas e ⊙ o(1 − o) stored at g.
 */
// @ts-ignore: decorator
@inline function errors(py: usize, g: usize, squares: f64, o0: v128, o1: v128, o2: v128, o3: v128): f64 {
  const e0 = f64x2.sub(v128.load(py), o0);
  const e1 = f64x2.sub(v128.load(py, 16), o1);
  const e2 = f64x2.sub(v128.load(py, 32), o2);
  const e3 = f64x2.sub(v128.load(py, 48), o3);
  const q0 = f64x2.mul(e0, e0);
  const q1 = f64x2.mul(e1, e1);
  const q2 = f64x2.mul(e2, e2);
  const q3 = f64x2.mul(e3, e3);
  squares +=
    f64x2.extract_lane(q0, 0) + f64x2.extract_lane(q1, 0) + f64x2.extract_lane(q0, 1) + f64x2.extract_lane(q1, 1);
  squares +=
    f64x2.extract_lane(q2, 0) + f64x2.extract_lane(q3, 0) + f64x2.extract_lane(q2, 1) + f64x2.extract_lane(q3, 1);
  v128.store(g, delta2(e0, o0));
  v128.store(g, delta2(e1, o1), 16);
  v128.store(g, delta2(e2, o2), 32);
  v128.store(g, delta2(e3, o3), 48);
  return squares;
}

/**
 * A block's Xᵀ·delta added to adjustment, two columns at a time: lanes (0, 2), (1, 3), (4, 6), (5, 7)
 * make h = [r0 + r1, r2 + r3], h2 = [r4 + r5, r6 + r7], and adjustment[j] + ((r0 + r1) + (r2 + r3))
 * + ((r4 + r5) + (r6 + r7)) as src/kernel.ts sums it.
 */
// @ts-ignore: decorator
@inline function backward(p: usize, m: i32, adjustment: usize, gs: usize): void {
  const g0 = v128.load(gs);
  const g1 = v128.load(gs, 16);
  const g2 = v128.load(gs, 32);
  const g3 = v128.load(gs, 48);
  let j = 0;
  let q = p;
  let a = adjustment;
  for (; j + 1 < m; j += 2, q += 128, a += 16) {
    const h = f64x2.add(f64x2.mul(v128.load(q), g0), f64x2.mul(v128.load(q, 16), g1));
    const h2 = f64x2.add(f64x2.mul(v128.load(q, 32), g2), f64x2.mul(v128.load(q, 48), g3));
    const k = f64x2.add(f64x2.mul(v128.load(q, 64), g0), f64x2.mul(v128.load(q, 80), g1));
    const k2 = f64x2.add(f64x2.mul(v128.load(q, 96), g2), f64x2.mul(v128.load(q, 112), g3));
    const s1 = f64x2.add(v128.shuffle<f64>(h, k, 0, 2), v128.shuffle<f64>(h, k, 1, 3));
    const s2 = f64x2.add(v128.shuffle<f64>(h2, k2, 0, 2), v128.shuffle<f64>(h2, k2, 1, 3));
    v128.store(a, f64x2.add(f64x2.add(v128.load(a), s1), s2));
  }
  if (j < m) {
    const h = f64x2.add(f64x2.mul(v128.load(q), g0), f64x2.mul(v128.load(q, 16), g1));
    const h2 = f64x2.add(f64x2.mul(v128.load(q, 32), g2), f64x2.mul(v128.load(q, 48), g3));
    const g = f64x2.add(v128.shuffle<f64>(h, h2, 0, 2), v128.shuffle<f64>(h, h2, 1, 3));
    store<f64>(a, load<f64>(a) + f64x2.extract_lane(g, 0) + f64x2.extract_lane(g, 1));
  }
}

/** σ over `count` doubles in place, two at a time. */
function sigmoidAll(at: usize, count: i32): void {
  let i = 0;
  for (; i + 2 <= count; i += 2, at += 16) v128.store(at, sigmoid2(v128.load(at)));
  if (i < count) store<f64>(at, sigmoid(load<f64>(at)));
}

/**
 * A network, iterations `from` to `to`, as perceptron() goes: src/kernel.ts's trainLayersFast, sum for sum (the same bits).
 * `table` holds, as i32: depth, the number of rows, the sizes layers[0 … depth], then the addresses out[0 … depth]
 * (out[0] the rows), delta[0 … depth] and w[0 … depth − 1].
 */
export function layered(
  table: usize,
  y: usize,
  from: f64,
  to: f64,
  learningRate: f64,
  every: f64,
  countdown: f64,
): f64 {
  const depth = load<i32>(table);
  const rows = load<i32>(table, 4);
  const sizes = table + 8;
  const outs = sizes + ((<usize>depth + 1) << 2);
  const deltas = outs + ((<usize>depth + 1) << 2);
  const weightsAt = deltas + ((<usize>depth + 1) << 2);
  const lastSize = load<i32>(sizes + ((<usize>depth) << 2));
  const lastCount = rows * lastSize;
  const last = <usize>load<i32>(outs + ((<usize>depth) << 2));
  const lastDelta = <usize>load<i32>(deltas + ((<usize>depth) << 2));
  for (let iteration = from; iteration < to; iteration++) {
    for (let l = 0; l < depth; l++) {
      const m = load<i32>(sizes + ((<usize>l) << 2));
      const k = load<i32>(sizes + ((<usize>(l + 1)) << 2));
      const input = <usize>load<i32>(outs + ((<usize>l) << 2));
      const output = <usize>load<i32>(outs + ((<usize>(l + 1)) << 2));
      const weights = <usize>load<i32>(weightsAt + ((<usize>l) << 2));
      for (let r = 0, a = input, b = output; r < rows; r++, a += (<usize>m) << 3) {
        for (let j = 0; j < k; j++, b += 8) {
          let total: f64 = 0;
          for (let i = 0, c = weights + ((<usize>j) << 3); i < m; i++, c += (<usize>k) << 3) {
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
      const m = load<i32>(sizes + ((<usize>l) << 2));
      const k = load<i32>(sizes + ((<usize>(l + 1)) << 2));
      const output = <usize>load<i32>(outs + ((<usize>l) << 2));
      const after = <usize>load<i32>(deltas + ((<usize>(l + 1)) << 2));
      const below = <usize>load<i32>(deltas + ((<usize>l) << 2));
      const weights = <usize>load<i32>(weightsAt + ((<usize>l) << 2));
      for (let r = 0, a = output, d = below, b = after; r < rows; r++, b += (<usize>k) << 3) {
        for (let i = 0, c = weights; i < m; i++, c += (<usize>k) << 3, a += 8, d += 8) {
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
      const m = load<i32>(sizes + ((<usize>l) << 2));
      const k = load<i32>(sizes + ((<usize>(l + 1)) << 2));
      const input = <usize>load<i32>(outs + ((<usize>l) << 2));
      const after = <usize>load<i32>(deltas + ((<usize>(l + 1)) << 2));
      const weights = <usize>load<i32>(weightsAt + ((<usize>l) << 2));
      for (let i = 0, c = weights; i < m; i++) {
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
