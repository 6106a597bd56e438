// e^x in plain arithmetic, so that every JavaScript engine gives the same bits.
//
// Why: Math.exp is left to each engine, and engines differ. Node 20's V8 computes it with fdlibm's
// e_exp.c; Chromium 156's gives another last bit for about one argument in ten. The module trains
// in Node (the notebooks) and in the browser (the explorers), and their numbers must agree to the
// last digit, so σ takes e^(−x) from here, not from Math.exp.
//
// What: a port of fdlibm's e_exp.c (Sun Microsystems, 1993-2004), as V8 keeps it in
// src/base/ieee754.cc, with V8's one change (exp(1) is Math.E). So in Node 20 it gives exactly the
// bits of Math.exp, and in any other engine the bits Node's Math.exp would give. It uses only
// IEEE double +, −, ×, ÷ (each rounded once, never fused in JavaScript), comparisons, a truncation
// to an integer and a table of exact powers of two. Its error is under 1 ulp (fdlibm's bound).
//
// fdlibm's notice, which its licence asks to keep:
//   Copyright (C) 2004 by Sun Microsystems, Inc. All rights reserved.
//   Permission to use, copy, modify, and distribute this software is freely granted,
//   provided that this notice is preserved.
//
// The method (e_exp.c's):
//   1. Reduce x: x = k·ln2 + r, |r| ≤ ln2/2 (about), with ln2 split in hi + lo so that k·hi is exact.
//   2. e^r = 1 + r + r·c/(2 − c), c = r − r²·(P1 + r²·(P2 + … + r²·P5)): a Remez fit of
//      r·(e^r + 1)/(e^r − 1), within 2^−59.
//   3. e^x = 2^k · e^r: a multiplication by a power of two from a table, exact unless the result
//      is subnormal (then rounded once, as fdlibm rounds it).
//
// One function, the whole port with fdlibm's names, and the project's one scalar exp: the WebAssembly
// kernel has the common case's steps lane-wise in AssemblyScript (assembly/exp.ts) and imports this
// exp for the rest, and test/exp.test.ts and test/kernel.test.ts hold them to the same bits.

// fdlibm's constants: each the shortest decimal that reads back to the bits beside it
const LN2_HI = 0.6931471803691238; // 0x3fe62e42_fee00000: ln2's first 32 bits, so k·LN2_HI is exact
const LN2_LO = 1.9082149292705877e-10; // 0x3dea39ef_35793c76: ln2 − LN2_HI, rounded
const INV_LN2 = Math.LOG2E; // 0x3ff71547_652b82fe: 1/ln2, rounded
const P1 = 0.16666666666666602; // 0x3fc55555_5555553e
const P2 = -0.0027777777777015593; // 0xbf66c16c_16bebd93
const P3 = 0.00006613756321437934; // 0x3f11566a_af25de2c
const P4 = -0.0000016533902205465252; // 0xbebbbd41_c5d26bf1
const P5 = 4.1381367970572385e-8; // 0x3e663769_72bea4d0
/** Above this, e^x overflows: ln of the largest double. */
const OVERFLOW = 709.782712893384; // 0x40862e42_fefa39ef
/** Below this, e^x rounds to 0: ln(2^−1075). */
const UNDERFLOW = -745.1332191019411; // 0xc0874910_d52d3051
// fdlibm tests the high word of |x|. For a double ≥ 0, "high word ≥ h" is exactly "≥ the double
// whose high word is h and low word 0": these are those doubles.
const BIG = 709.7822265625; // 0x40862e42_00000000: from here on, e^x may overflow or underflow
const HALF_LN2 = 0.3465735912322998; // 0x3fd62e43_00000000: high word above 0x3fd62e42 (0.5·ln2)
const THREE_HALVES_LN2 = 1.0397205352783203; // 0x3ff0a2b2_00000000: about 1.5·ln2
const TINY = 3.725290298461914e-9; // 0x3e300000_00000000 = 2^−28: below it, e^x rounds to 1 + x

/** 2^k for k from −1021 to 1023 (every normal power of two), at POW2[k + 1021]: made by exact doubling. */
const POW2 = new Float64Array(2045);
POW2[1021] = 1;
for (let i = 1022; i < 2045; i++) POW2[i] = POW2[i - 1] * 2;
for (let i = 1020; i >= 0; i--) POW2[i] = POW2[i + 1] / 2;
const TWO_M1000 = POW2[21];
const TWO_1023 = POW2[2044];

/**
 * e^x, the same bits in every JavaScript engine: fdlibm's exp (Node 20's Math.exp), in plain
 * arithmetic, with fdlibm's names and steps.
 *
 * @param x - any number
 * @returns e^x, within 1 ulp (NaN for NaN, +∞ above ~709.78, 0 below ~−745.13, subnormal between)
 * @example
 * exp(1); // returns 2.718281828459045 (Math.E)
 */
export function exp(x: number): number {
  const ax = Math.abs(x);
  if (!(ax < BIG)) {
    if (Number.isNaN(x)) return x;
    if (x > OVERFLOW) return Number.POSITIVE_INFINITY; // and +∞
    if (x < UNDERFLOW) return 0; // and −∞
  }
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (ax >= HALF_LN2) {
    if (ax < THREE_HALVES_LN2) {
      if (x === 1) return Math.E; // V8's change: the steps below would give E's neighbour
      k = x < 0 ? -1 : 1;
      hi = x - k * LN2_HI; // ln2HI[xsb]: ±LN2_HI, and k·LN2_HI is that exactly
      lo = k * LN2_LO;
    } else {
      k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0; // C's (int) cast truncates: rounded half away from 0
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < TINY) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2 * TWO_1023;
    return y * POW2[k + 1021];
  }
  return y * POW2[k + 2021] * TWO_M1000; // a subnormal result: y·2^(k + 1000), then one rounding
}

// tanh, the hidden layers' "tanh": fdlibm's s_tanh.c with the s_expm1.c it calls, as V8 keeps them
// in src/base/ieee754.cc (FreeBSD's versions), so in Node 20 it gives exactly the bits of Math.tanh,
// and in any other engine the bits Node's would give; the WebAssembly kernel has the same steps
// (assembly/tanh.ts), and test/exp.test.ts and test/kernel-options.test.ts hold them to the same bits.
// The method: tanh(x) = 1 − 2/(e^(2|x|) + 1) for |x| ≥ 1, −t/(t + 2) with t = e^(−2|x|) − 1 below
// (expm1, accurate where e^u is near 1), x itself below 2^−28, ±1 from 22 on.

// s_expm1.c's constants: its Remez fit of (e^u − 1)'s rational part, in u²/2
const Q1 = -0.03333333333333313; // 0xbfa11111_111110f4
const Q2 = 1.5873015872548146e-3; // 0x3f5a01a0_19fe5585
const Q3 = -0.0000793650757867488; // 0xbf14ce19_9eaadbb7
const Q4 = 0.000004008217827329362; // 0x3ed0cfca_86e65239
const Q5 = -2.0109921818362437e-7; // 0xbe8afdb7_6e09c32d

/**
 * e^u − 1, s_expm1.c's steps for the arguments tanh gives it: u in [2, 44) or (−2, −2^−27] (so none of
 * its filters for huge, non-finite and tiny arguments applies).
 */
function expm1(u: number): number {
  let x = u;
  let c = 0;
  let k = 0;
  // reduce: x = k·ln2 + r, r = hi − lo, with c the rounding of hi − lo
  if (Math.abs(x) >= HALF_LN2) {
    let hi: number;
    let lo: number;
    if (Math.abs(x) < THREE_HALVES_LN2) {
      k = x >= 0 ? 1 : -1;
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    } else {
      k = Math.trunc(INV_LN2 * x + (x >= 0 ? 0.5 : -0.5));
      hi = x - k * LN2_HI; // exact
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs); // c is 0
  const twopk = POW2[k + 1021];
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  if (k <= -2 || k > 56) return (1 - (e - x)) * twopk - 1;
  if (k < 20) {
    t = 1 - POW2[1021 - k]; // 1 − 2^−k
    return (t - (e - x)) * twopk;
  }
  t = POW2[1021 - k]; // 2^−k
  return (x - (e + t) + 1) * twopk;
}

/**
 * tanh(x), the same bits in every JavaScript engine: fdlibm's tanh (Node 20's Math.tanh), in plain
 * arithmetic, with fdlibm's steps.
 *
 * @param x - any number
 * @returns tanh(x), within 2 ulp (NaN for NaN, ±1 for ±∞ and from |x| = 22 on, −0 for −0)
 * @example
 * tanh(0.5); // returns 0.46211715726000974
 */
export function tanh(x: number): number {
  if (x - x !== 0) return Number.isNaN(x) ? x : x > 0 ? 1 : -1; // NaN; ±∞
  const ax = Math.abs(x);
  if (ax >= 22) return x > 0 ? 1 : -1; // fdlibm's 1 − tiny, rounded
  if (ax < TINY) return x; // tanh(x) = x to the last bit (−0 kept)
  let z: number;
  if (ax >= 1) {
    z = 1 - 2 / (expm1(2 * ax) + 2);
  } else {
    const t = expm1(-2 * ax);
    z = -t / (t + 2);
  }
  return x >= 0 ? z : -z;
}
