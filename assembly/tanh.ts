// tanh in AssemblyScript: src/model/exp.ts's tanh and expm1 (fdlibm's, as V8 keeps them) step for
// step, so every value is its bits (test/kernel-options.test.ts trains with it against the readable
// rule). IEEE double +, −, ×, ÷ only (WebAssembly never fuses them), so every engine gives the same bits.

// fdlibm's constants, as in src/model/exp.ts
const LN2_HI: f64 = 0.6931471803691238;
const LN2_LO: f64 = 1.9082149292705877e-10;
const INV_LN2: f64 = Math.LOG2E;
const HALF_LN2: f64 = 0.3465735912322998;
const THREE_HALVES_LN2: f64 = 1.0397205352783203;
const TINY: f64 = 3.725290298461914e-9;
const Q1: f64 = -0.03333333333333313;
const Q2: f64 = 1.5873015872548146e-3;
const Q3: f64 = -0.0000793650757867488;
const Q4: f64 = 0.000004008217827329362;
const Q5: f64 = -2.0109921818362437e-7;

/** 2^k, exactly, for a normal power of two. */
// @ts-ignore: decorator
@inline function pow2(k: i32): f64 {
  return reinterpret<f64>(<i64>(0x3ff + k) << 52);
}

/** e^u − 1 for u in [2, 44) or (−2, −2^−27]: src/model/exp.ts's expm1. */
function expm1(u: f64): f64 {
  let x = u;
  let c: f64 = 0;
  let k: i32 = 0;
  if (Math.abs(x) >= HALF_LN2) {
    let hi: f64;
    let lo: f64;
    if (Math.abs(x) < THREE_HALVES_LN2) {
      k = x >= 0 ? 1 : -1;
      hi = x - <f64>k * LN2_HI;
      lo = <f64>k * LN2_LO;
    } else {
      k = <i32>(INV_LN2 * x + (x >= 0 ? 0.5 : -0.5));
      hi = x - <f64>k * LN2_HI;
      lo = <f64>k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  const twopk = pow2(k);
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  if (k <= -2 || k > 56) return (1 - (e - x)) * twopk - 1;
  if (k < 20) {
    t = 1 - pow2(-k);
    return (t - (e - x)) * twopk;
  }
  t = pow2(-k);
  return (x - (e + t) + 1) * twopk;
}

/** tanh(x): src/model/exp.ts's tanh. */
export function tanh(x: f64): f64 {
  if (x - x !== 0) return x !== x ? x : x > 0 ? 1 : -1; // NaN; ±∞
  const ax = Math.abs(x);
  if (ax >= 22) return x > 0 ? 1 : -1;
  if (ax < TINY) return x;
  let z: f64;
  if (ax >= 1) {
    z = 1 - 2 / (expm1(2 * ax) + 2);
  } else {
    const t = expm1(-2 * ax);
    z = -t / (t + 2);
  }
  return x >= 0 ? z : -z;
}

/** 2^k in each lane, for whole-number lanes |k| ≤ 1022: k + 1.5·2^52 holds k in its low bits (as exp.ts). */
// @ts-ignore: decorator
@inline function pow2x2(k: v128): v128 {
  const shifted = f64x2.add(k, f64x2.splat(6755399441055744.0));
  return i64x2.shl(i64x2.sub(shifted, i64x2.splat(0x4338000000000000 - 1023)), 52);
}

/**
 * expm1's steps in each lane, with no branch: every lane's k from the same reduction (0 below
 * 0.5·ln2, ±1 below 1.5·ln2, else rounded), then each of expm1's endings, and each lane takes its
 * own k's. The same bits as expm1 lane by lane, for its arguments.
 */
// @ts-ignore: decorator
@inline function expm1x2(u: v128): v128 {
  const au = f64x2.abs(u);
  const negative = f64x2.lt(u, f64x2.splat(0));
  const rounded = f64x2.trunc(
    f64x2.add(f64x2.mul(f64x2.splat(INV_LN2), u), v128.bitselect(f64x2.splat(-0.5), f64x2.splat(0.5), negative)),
  );
  const one = v128.bitselect(f64x2.splat(-1), f64x2.splat(1), negative);
  const k = v128.and(
    v128.bitselect(one, rounded, f64x2.lt(au, f64x2.splat(THREE_HALVES_LN2))),
    f64x2.ge(au, f64x2.splat(HALF_LN2)),
  );
  const hi = f64x2.sub(u, f64x2.mul(k, f64x2.splat(LN2_HI)));
  const lo = f64x2.mul(k, f64x2.splat(LN2_LO));
  const x = f64x2.sub(hi, lo);
  const c = f64x2.sub(f64x2.sub(hi, x), lo);
  const hfx = f64x2.mul(f64x2.splat(0.5), x);
  const hxs = f64x2.mul(x, hfx);
  let r1 = f64x2.add(f64x2.splat(Q4), f64x2.mul(hxs, f64x2.splat(Q5)));
  r1 = f64x2.add(f64x2.splat(Q3), f64x2.mul(hxs, r1));
  r1 = f64x2.add(f64x2.splat(Q2), f64x2.mul(hxs, r1));
  r1 = f64x2.add(f64x2.splat(Q1), f64x2.mul(hxs, r1));
  r1 = f64x2.add(f64x2.splat(1), f64x2.mul(hxs, r1));
  const t = f64x2.sub(f64x2.splat(3), f64x2.mul(r1, hfx));
  const e = f64x2.mul(hxs, f64x2.div(f64x2.sub(r1, t), f64x2.sub(f64x2.splat(6), f64x2.mul(x, t))));
  // k = 0
  const r0 = f64x2.sub(x, f64x2.sub(f64x2.mul(x, e), hxs));
  let e2 = f64x2.sub(f64x2.mul(x, f64x2.sub(e, c)), c);
  e2 = f64x2.sub(e2, hxs);
  const twopk = pow2x2(k);
  const twomk = pow2x2(f64x2.neg(k));
  const ex = f64x2.sub(e2, x);
  const one1 = f64x2.splat(1);
  // k = −1; k = 1; k ≤ −2 or k > 56; k < 20; the rest
  const rm1 = f64x2.sub(f64x2.mul(f64x2.splat(0.5), f64x2.sub(x, e2)), f64x2.splat(0.5));
  const rp1 = v128.bitselect(
    f64x2.mul(f64x2.splat(-2), f64x2.sub(e2, f64x2.add(x, f64x2.splat(0.5)))),
    f64x2.add(one1, f64x2.mul(f64x2.splat(2), f64x2.sub(x, e2))),
    f64x2.lt(x, f64x2.splat(-0.25)),
  );
  const far = f64x2.sub(f64x2.mul(f64x2.sub(one1, ex), twopk), one1);
  const low = f64x2.mul(f64x2.sub(f64x2.sub(one1, twomk), ex), twopk);
  const high = f64x2.mul(f64x2.add(f64x2.sub(x, f64x2.add(e2, twomk)), one1), twopk);
  let y = v128.bitselect(low, high, f64x2.lt(k, f64x2.splat(20)));
  y = v128.bitselect(far, y, v128.or(f64x2.le(k, f64x2.splat(-2)), f64x2.gt(k, f64x2.splat(56))));
  y = v128.bitselect(rp1, y, f64x2.eq(k, one1));
  y = v128.bitselect(rm1, y, f64x2.eq(k, f64x2.splat(-1)));
  return v128.bitselect(r0, y, f64x2.eq(k, f64x2.splat(0)));
}

/** tanh in each lane: tanh()'s steps with no branch, each lane taking its own case's (the same bits). */
// @ts-ignore: decorator
@inline export function tanh2(x: v128): v128 {
  const ax = f64x2.abs(x);
  const big = f64x2.ge(ax, f64x2.splat(1));
  const t = expm1x2(v128.bitselect(f64x2.mul(f64x2.splat(2), ax), f64x2.mul(f64x2.splat(-2), ax), big));
  const d = f64x2.add(t, f64x2.splat(2));
  let z = v128.bitselect(f64x2.sub(f64x2.splat(1), f64x2.div(f64x2.splat(2), d)), f64x2.div(f64x2.neg(t), d), big);
  z = v128.bitselect(z, f64x2.neg(z), f64x2.ge(x, f64x2.splat(0)));
  // from 22 on (and ±∞): ±1; below 2^−28: x; NaN: x
  z = v128.bitselect(v128.bitselect(f64x2.splat(1), f64x2.splat(-1), f64x2.gt(x, f64x2.splat(0))), z, f64x2.ge(ax, f64x2.splat(22)));
  return v128.bitselect(x, z, v128.or(f64x2.lt(ax, f64x2.splat(TINY)), f64x2.ne(x, x)));
}
