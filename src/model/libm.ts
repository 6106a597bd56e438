// sin, cos and log in plain arithmetic, so that every JavaScript engine gives the same bits: the
// playground's data sets (src/data/playground.ts) draw circles and spirals with them, and a page
// must draw the very points the kernel draws. Math.sin, Math.cos and Math.log are left to each
// engine: Chromium 156 gives another last bit than Node 20 for about one argument in thirty.
//
// What: ports of fdlibm's k_sin.c, k_cos.c, e_rem_pio2.c (up to 2^19·π/2) and e_log.c (Sun
// Microsystems, 1993-2004), as V8 keeps them in src/base/ieee754.cc, so in Node 20 they give the
// bits of Math.sin, Math.cos and Math.log (test/libm.test.ts holds them to it). Like exp.ts, they use
// only IEEE double +, −, ×, ÷ (each rounded once), comparisons, truncation to an integer and the
// words of a double. Errors are under 1 ulp (fdlibm's bounds).
//
// fdlibm's notice, which its licence asks to keep:
//   Copyright (C) 1993-2004 by Sun Microsystems, Inc. All rights reserved.
//   Permission to use, copy, modify, and distribute this software is freely granted,
//   provided that this notice is preserved.

const words = new DataView(new ArrayBuffer(8));
/** The high 32 bits of x, as a signed integer (fdlibm's GET_HIGH_WORD). */
function high(x: number): number {
  words.setFloat64(0, x);
  return words.getInt32(0);
}
/** The low 32 bits of x (unsigned). */
function low(x: number): number {
  words.setFloat64(0, x);
  return words.getUint32(4);
}
/** x with its high word replaced (fdlibm's SET_HIGH_WORD). */
function withHigh(x: number, hi: number): number {
  words.setFloat64(0, x);
  words.setInt32(0, hi);
  return words.getFloat64(0);
}
/** The double of two words (fdlibm's INSERT_WORDS). */
function fromWords(hi: number, lo: number): number {
  words.setInt32(0, hi);
  words.setUint32(4, lo);
  return words.getFloat64(0);
}

const S1 = -0.16666666666666632;
const S2 = 0.00833333333332249;
const S3 = -0.0001984126982985795;
const S4 = 0.0000027557313707070068;
const S5 = -2.5050760253406863e-8;
const S6 = 1.58969099521155e-10;

/** sin(x + y) for |x| ≤ π/4, y the tail of x (used when iy is 1). */
function kernelSin(x: number, y: number, iy: 0 | 1): number {
  const ix = high(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return x; // |x| < 2^−27
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy === 0) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

const C1 = 0.0416666666666666;
const C2 = -0.001388888888887411;
const C3 = 0.00002480158728947673;
const C4 = -2.7557314351390663e-7;
const C5 = 2.087572321298175e-9;
const C6 = -1.1359647557788195e-11;

/** cos(x + y) for |x| ≤ π/4, y the tail of x. */
function kernelCos(x: number, y: number): number {
  const ix = high(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return 1; // |x| < 2^−27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0); // x/4, or 0.28125 past 0.78125
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
}

const INV_PIO2 = 0.6366197723675814;
const PIO2_1 = 1.5707963267341256; // the first 33 bits of π/2
const PIO2_1T = 6.077100506506192e-11; // π/2 − PIO2_1
const PIO2_2 = 6.077100506303966e-11; // the next 33 bits
const PIO2_2T = 2.0222662487959506e-21;
const PIO2_3 = 2.0222662487111665e-21; // the next 33
const PIO2_3T = 8.4784276603689e-32;
/** The high words of n·π/2 for n from 1 to 32 (fdlibm's npio2_hw). */
const NPIO2_HW = [
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb, 0x402c463a,
  0x402f6a7a, 0x4031475c, 0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb, 0x403ab41b, 0x403c463a,
  0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c, 0x4042106c, 0x4042d97c, 0x4043a28c, 0x40446b9c, 0x404534ac,
  0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
];

/** x reduced by π/2: n and y0 + y1 = x − n·π/2, for |x| up to 2^19·π/2 (null beyond). */
function remPio2(x: number): [number, number, number] | null {
  const hx = high(x);
  const ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) {
    // |x| < 3π/4: n = ±1
    const sign = hx > 0 ? 1 : -1;
    let z = x - sign * PIO2_1;
    if (ix !== 0x3ff921fb) {
      const y0 = z - sign * PIO2_1T;
      return [sign, y0, z - y0 - sign * PIO2_1T];
    }
    z -= sign * PIO2_2; // near π/2: 33 + 33 + 53 bits of π
    const y0 = z - sign * PIO2_2T;
    return [sign, y0, z - y0 - sign * PIO2_2T];
  }
  if (ix > 0x413921fb) return null;
  const t0 = Math.abs(x);
  const n = Math.trunc(t0 * INV_PIO2 + 0.5);
  const fn = n;
  let r = t0 - fn * PIO2_1;
  let w = fn * PIO2_1T; // good to 85 bits
  let y0: number;
  if (n < 32 && ix !== NPIO2_HW[n - 1]) {
    y0 = r - w; // no cancellation
  } else {
    const j = ix >> 20;
    y0 = r - w;
    let i = j - ((high(y0) >> 20) & 0x7ff);
    if (i > 16) {
      // a second round, good to 118 bits
      let t = r;
      w = fn * PIO2_2;
      r = t - w;
      w = fn * PIO2_2T - (t - r - w);
      y0 = r - w;
      i = j - ((high(y0) >> 20) & 0x7ff);
      if (i > 49) {
        // a third, 151 bits
        t = r;
        w = fn * PIO2_3;
        r = t - w;
        w = fn * PIO2_3T - (t - r - w);
        y0 = r - w;
      }
    }
  }
  const y1 = r - y0 - w;
  return hx < 0 ? [-n, -y0, -y1] : [n, y0, y1];
}

/**
 * sin x, the same bits in every JavaScript engine: fdlibm's (Node 20's Math.sin) for |x| up to
 * 2^19·π/2 ≈ 823,550; beyond, the engine's Math.sin (no data set comes near).
 *
 * @example
 * sin(Math.PI / 6); // returns 0.49999999999999994
 */
export function sin(x: number): number {
  const ix = high(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelSin(x, 0, 0);
  if (ix >= 0x7ff00000) return x - x; // NaN for ±∞ and NaN
  const reduced = remPio2(x);
  if (reduced === null) return Math.sin(x);
  const [n, y0, y1] = reduced;
  switch (n & 3) {
    case 0:
      return kernelSin(y0, y1, 1);
    case 1:
      return kernelCos(y0, y1);
    case 2:
      return -kernelSin(y0, y1, 1);
    default:
      return -kernelCos(y0, y1);
  }
}

/**
 * cos x, the same bits in every JavaScript engine: fdlibm's (Node 20's Math.cos) for |x| up to
 * 2^19·π/2; beyond, the engine's Math.cos.
 *
 * @example
 * cos(0); // returns 1
 */
export function cos(x: number): number {
  const ix = high(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelCos(x, 0);
  if (ix >= 0x7ff00000) return x - x;
  const reduced = remPio2(x);
  if (reduced === null) return Math.cos(x);
  const [n, y0, y1] = reduced;
  switch (n & 3) {
    case 0:
      return kernelCos(y0, y1);
    case 1:
      return -kernelSin(y0, y1, 1);
    case 2:
      return -kernelCos(y0, y1);
    default:
      return kernelSin(y0, y1, 1);
  }
}

const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const TWO54 = 18014398509481984;
const LG1 = 0.6666666666666735;
const LG2 = 0.3999999999940942;
const LG3 = 0.2857142874366239;
const LG4 = 0.22222198432149784;
const LG5 = 0.1818357216161805;
const LG6 = 0.15313837699209373;
const LG7 = 0.14798198605116586;

/**
 * ln x, the same bits in every JavaScript engine: fdlibm's e_log.c (Node 20's Math.log).
 *
 * @example
 * log(Math.E); // returns 1
 */
export function log(x: number): number {
  let hx = high(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | low(x)) === 0) return Number.NEGATIVE_INFINITY; // log(±0)
    if (hx < 0) return Number.NaN; // log of a negative number
    k -= 54;
    x *= TWO54; // subnormal: scale up
    hx = high(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  x = withHigh(x, hx | (i ^ 0x3ff00000)); // x or x/2, in [√2/2, √2)
  k += i >> 20;
  const f = x - 1;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // −2^−20 ≤ f < 2^−20
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - R : dk * LN2_HI - (R - dk * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}
