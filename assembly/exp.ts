// e^x in AssemblyScript: src/model/exp.ts's exp (fdlibm's), step for step, for one number (exp)
// and two lanes at a time (expLanes, f64x2, the same operations in the same order in each lane), so
// every lane gives the TypeScript exp's bits. IEEE double +, −, ×, ÷ only (WebAssembly never fuses
// them), so every engine gives the same bits. And σ from it, for one number and for two lanes.

// fdlibm's constants, as in src/model/exp.ts
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

/** fdlibm's exp, whole: src/model/exp.ts's exp, step for step. */
export function exp(x: f64): f64 {
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

/** σ(x) = 1 / (1 + e^(−x)) for one number, as src/model/activation.ts computes it. */
export function sigmoid(x: f64): f64 {
  return 1 / (1 + exp(-x));
}

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

/** e^x in each lane: expCommon, or exp lane by lane for a pair with a lane outside its case. */
export function expLanes(x: v128): v128 {
  if (!i64x2.all_true(common(x))) {
    return f64x2(exp(f64x2.extract_lane(x, 0)), exp(f64x2.extract_lane(x, 1)));
  }
  return expCommon(x);
}

/** σ in each lane. */
export function sigmoid2(x: v128): v128 {
  const one = c(K.ONE);
  return f64x2.div(one, f64x2.add(one, expLanes(f64x2.neg(x))));
}

/** σ in each lane, for −x in the common case. */
// @ts-ignore: decorator
@inline export function sigmoidCommon(x: v128): v128 {
  const one = c(K.ONE);
  return f64x2.div(one, f64x2.add(one, expCommon(f64x2.neg(x))));
}

