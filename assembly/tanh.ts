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
