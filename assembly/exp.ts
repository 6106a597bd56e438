// e^x in AssemblyScript, two lanes at a time (f64x2): src/model/exp.ts's exp (fdlibm's), its steps
// for the common case in the same order in each lane, so every lane gives the TypeScript exp's bits.
// Lanes outside that case get fdlibm's answers by selects where they are simple (1 + x, +∞, 0);
// the rare rest (707 < |x| ≤ ~745, x = 1, NaN) call that exp itself, imported: one scalar exp in
// the project. IEEE double +, −, ×, ÷ only (WebAssembly never fuses them), so every engine gives the
// same bits. And σ from it, for two lanes and for one number.

/** src/model/exp.ts's exp, passed in the import object by src/kernel/instance.ts. */
// @ts-ignore: decorator
@external("kernel", "exp")
declare function exp(x: f64): f64;

// fdlibm's constants, as in src/model/exp.ts
const LN2_HI: f64 = 0.6931471803691238;
const LN2_LO: f64 = 1.9082149292705877e-10;
const INV_LN2: f64 = Math.LOG2E;
const P1: f64 = 0.16666666666666602;
const P2: f64 = -0.0027777777777015593;
const P3: f64 = 0.00006613756321437934;
const P4: f64 = -0.0000016533902205465252;
const P5: f64 = 4.1381367970572385e-8;
const HALF_LN2: f64 = 0.3465735912322998;
/** Above this, e^x overflows to +∞: ln of the largest double. */
const OVERFLOW: f64 = 709.782712893384;
/** Below this, e^x rounds to 0: ln(2^−1075). */
const UNDERFLOW: f64 = -745.1332191019411;
/** 2^−28: below it, fdlibm's e^x is 1 + x. */
const TINY: f64 = 3.725290298461914e-9;

// The constants the vectorised exp uses, each as a pair of lanes, read from memory: V8 builds a
// v128 constant in ~4 instructions wherever it is used, and a load is one.
export const enum K {
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
  OVERFLOW,
  UNDERFLOW,
  INFINITY,
}
const TABLE = memory.data<f64>(
  [
    TINY, TINY, 707, 707, 1, 1, 0.5, 0.5, INV_LN2, INV_LN2, HALF_LN2, HALF_LN2, LN2_HI, LN2_HI, LN2_LO, LN2_LO,
    P1, P1, P2, P2, P3, P3, P4, P4, P5, P5, 2, 2, 6755399441055744.0, 6755399441055744.0,
    OVERFLOW, OVERFLOW, UNDERFLOW, UNDERFLOW, Infinity, Infinity,
  ],
  16,
);

/** A constant of TABLE, in both lanes. */
// @ts-ignore: decorator
@inline export function c(name: K): v128 {
  return v128.load(TABLE + ((<usize>name) << 4));
}

/** Whether every lane of x is in expCommon's case: 2^−28 ≤ |x| ≤ 707, x ≠ 1. */
// @ts-ignore: decorator
@inline export function common(x: v128): v128 {
  const ax = f64x2.abs(x);
  return v128.and(v128.and(f64x2.ge(ax, c(K.TINY)), f64x2.le(ax, c(K.LIMIT))), f64x2.ne(x, c(K.ONE)));
}

/** e^x in each lane, for x in the common case (see common()): exp()'s steps for that case. */
// @ts-ignore: decorator
@inline export function expCommon(x: v128): v128 {
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

/**
 * e^x in each lane: expCommon; lane-wise too, by selects, fdlibm's answers for |x| < 2^−28 (1 + x:
 * the sequel's [0, 0, 0] row gives x = 0 every iteration), x > OVERFLOW (+∞) and x < UNDERFLOW (0:
 * a perceptron's sums at 100,000 rows); exp, imported, for any other lane (707 < |x| ≤ ~745, x = 1,
 * NaN). Inlined into sigmoid2, a call of its own.
 */
// @ts-ignore: decorator
@inline export function expLanes(x: v128): v128 {
  const fast = common(x);
  if (i64x2.all_true(fast)) return expCommon(x);
  const tiny = f64x2.lt(f64x2.abs(x), c(K.TINY));
  const small = f64x2.add(c(K.ONE), x);
  if (i64x2.all_true(tiny)) return small; // a perceptron's padded rows, the sequel's [0, 0, 0]
  const over = f64x2.gt(x, c(K.OVERFLOW));
  const under = f64x2.lt(x, c(K.UNDERFLOW));
  let y = v128.any_true(fast) ? v128.bitselect(expCommon(x), small, fast) : small;
  y = v128.andnot(v128.bitselect(c(K.INFINITY), y, over), under);
  const lanes = v128.or(v128.or(fast, tiny), v128.or(over, under));
  if (i64x2.all_true(lanes)) return y;
  const y0 = i64x2.extract_lane(lanes, 0) ? f64x2.extract_lane(y, 0) : exp(f64x2.extract_lane(x, 0));
  const y1 = i64x2.extract_lane(lanes, 1) ? f64x2.extract_lane(y, 1) : exp(f64x2.extract_lane(x, 1));
  return f64x2(y0, y1);
}

/** σ in each lane. */
export function sigmoid2(x: v128): v128 {
  const one = c(K.ONE);
  return f64x2.div(one, f64x2.add(one, expLanes(f64x2.neg(x))));
}

/** σ(x) = 1 / (1 + e^(−x)) for one number, as src/model/activation.ts computes it: sigmoid2's first lane. */
export function sigmoid(x: f64): f64 {
  return f64x2.extract_lane(sigmoid2(f64x2.splat(x)), 0);
}

/** σ in each lane, for −x in the common case. */
// @ts-ignore: decorator
@inline export function sigmoidCommon(x: v128): v128 {
  const one = c(K.ONE);
  return f64x2.div(one, f64x2.add(one, expCommon(f64x2.neg(x))));
}

