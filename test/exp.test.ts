// The portable exp (src/model/exp.ts): its special values, its agreement with Math.exp and with correctly
// rounded values (test/fixtures/exp.json, from mpmath), and Node's Math.exp to the bit; and its tanh,
// Node's Math.tanh to the bit.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { exp, tanh } from "../src/model/exp";
import { seededRandom } from "../src/model/random";

const bits = new BigInt64Array(2);
const doubles = new Float64Array(bits.buffer);

/** How many doubles apart a and b are (both ≥ 0, as e^x is): the difference of their bit patterns. */
function ulps(a: number, b: number): number {
  doubles[0] = a;
  doubles[1] = b;
  return Math.abs(Number(bits[0] - bits[1]));
}

/** The next double above x (x finite). */
function nextUp(x: number): number {
  doubles[0] = x;
  if (x === 0) return Number.MIN_VALUE;
  bits[0] += x > 0 ? 1n : -1n;
  return doubles[0];
}

/** The next double below x (x finite). */
const nextDown = (x: number) => -nextUp(-x);

/** `count` arguments uniform over [from, to), the same every run. */
function uniform(count: number, from: number, to: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: count }, () => from + (to - from) * random());
}

/** Asserts f(x) is within 1 ulp of want(x) for every x, and returns how many differ at all. */
function within1Ulp(xs: ArrayLike<number>, f: (x: number) => number, want: (x: number) => number, label: string) {
  let differ = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const d = ulps(f(x), want(x));
    if (d > 1) assert.unreachable(`${label}: exp(${x}) = ${f(x)}, ${d} ulps from ${want(x)}`);
    if (d === 1) differ++;
  }
  return differ;
}

const OVERFLOW = 709.782712893384;
const UNDERFLOW = -745.1332191019411;

test("exp's special values: NaN, ±Infinity, ±0, overflow and underflow", () => {
  assert.ok(Number.isNaN(exp(Number.NaN)));
  assert.is(exp(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
  assert.ok(Object.is(exp(Number.NEGATIVE_INFINITY), 0), "+0");
  assert.is(exp(0), 1);
  assert.is(exp(-0), 1);
  assert.is(exp(OVERFLOW), 1.7976931348622732e308, "the last finite result");
  assert.is(exp(nextUp(OVERFLOW)), Number.POSITIVE_INFINITY);
  assert.is(exp(710), Number.POSITIVE_INFINITY);
  assert.is(exp(Number.MAX_VALUE), Number.POSITIVE_INFINITY);
  assert.is(exp(UNDERFLOW), Number.MIN_VALUE, "the last non-zero result: 2^−1074");
  assert.ok(Object.is(exp(nextDown(UNDERFLOW)), 0), "+0 below");
  assert.ok(Object.is(exp(-1000), 0));
  assert.ok(Object.is(exp(-Number.MAX_VALUE), 0));
});

test("exp of tiny |x| is 1 + x, and subnormal results are rounded once", () => {
  for (const x of [Number.MIN_VALUE, -Number.MIN_VALUE, 1e-300, -1e-300, 2 ** -54, -(2 ** -54), 2 ** -29]) {
    assert.is(exp(x), 1 + x, `exp(${x})`);
  }
  assert.is(exp(2 ** -28), 1.0000000037252903);
  // below 2^−1022 (about e^−708.4) the results are subnormal; these are the correctly rounded ones
  assert.is(exp(-708.5), 2.006132305331306e-308);
  assert.is(exp(-740), 4.2e-322);
});

test("exp's known values (each the correctly rounded e^x): exp(1) is Math.E, exp(Math.LN2) is 2", () => {
  assert.is(exp(1), Math.E);
  assert.is(exp(-1), 0.36787944117144233);
  assert.is(exp(Math.LN2), 2);
  assert.is(exp(Math.LN10), 10.000000000000002); // Math.LN10 is above ln 10 by about half its ulp
  assert.is(exp(2), 7.38905609893065);
  assert.is(exp(10), 22026.465794806718);
  assert.is(exp(-10), 0.00004539992976248485);
  assert.is(exp(0.5), 1.6487212707001282);
  assert.is(exp(20), 485165195.4097903);
  assert.is(exp(700), 1.0142320547350045e304);
  assert.is(exp(-700), 9.85967654375977e-305);
});

test("exp is within 1 ulp of Math.exp over the whole range and where σ lives (10^6 arguments each)", () => {
  const whole = within1Ulp(uniform(1_000_000, -745.2, 709.8, 1), exp, Math.exp, "[−745.2, 709.8]");
  const sigma = within1Ulp(uniform(1_000_000, -40, 40, 2), exp, Math.exp, "[−40, 40]");
  // Node 20's Math.exp is fdlibm's: there they are the same bits; another engine may differ by 1
  assert.ok(whole <= 200_000 && sigma <= 200_000, `${whole} and ${sigma} arguments 1 ulp from Math.exp`);
});

test("exp is within 1 ulp of the correctly rounded e^x (mpmath, test/fixtures/exp.json)", () => {
  const fixture: { x: number[]; exp: (number | "Infinity")[] } = JSON.parse(
    readFileSync(join(__dirname, "fixtures", "exp.json"), "utf8"),
  );
  assert.ok(fixture.x.length >= 1000);
  const want = new Map(fixture.x.map((x, i) => [x, Number(fixture.exp[i])]));
  const off = within1Ulp(fixture.x, exp, (x) => want.get(x) as number, "mpmath");
  // fdlibm rounds about one in twelve the other way, within its 1 ulp bound
  assert.ok(off < fixture.x.length / 5, `${off} of ${fixture.x.length} not correctly rounded`);
});

test("exp gives Node's Math.exp's bits (V8's fdlibm) at the edges of its steps and at random", () => {
  const xs: number[] = [];
  for (const edge of [0.3465735912322998, 0.34657359027997264, 1.0397205352783203, 707, 2 ** -28, 1, Math.LN2]) {
    for (const x of [edge, -edge]) {
      xs.push(x);
      let down = x;
      let up = x;
      for (let i = 0; i < 64; i++) {
        down = nextDown(down);
        up = nextUp(up);
        xs.push(down, up);
      }
    }
  }
  const draws = [
    // from 0.5·ln2 to HALF_LN2 fdlibm's k is 0, though x/ln2 rounds to ±1
    uniform(10_000, 0.34657359027997264, 0.3465735912322998, 3),
    uniform(10_000, -0.3465735912322998, -0.34657359027997264, 4),
    uniform(100_000, -1.1, 1.1, 5),
    uniform(100_000, -745.2, 709.8, 6),
  ];
  for (const x of [...xs, ...draws.flatMap((d) => Array.from(d))]) {
    if (!Object.is(exp(x), Math.exp(x))) assert.unreachable(`exp(${x}) = ${exp(x)}, Math.exp ${Math.exp(x)}`);
  }
});

test("tanh gives Node's Math.tanh's bits (V8's fdlibm) at its special values, the edges of its steps and at random", () => {
  const xs: number[] = [0, -0, Infinity, -Infinity, Number.NaN, Number.MIN_VALUE, 1e-300];
  // its steps' edges: 2^−28, expm1's 0.5·ln2 and 1.5·ln2 (at 2|x|), 1, 22
  for (const edge of [2 ** -28, 0.3465735912322998 / 2, 1.0397205352783203 / 2, 1, 22, 19.5]) {
    for (const x of [edge, -edge]) {
      let down = x;
      let up = x;
      xs.push(x);
      for (let i = 0; i < 32; i++) {
        down = nextDown(down);
        up = nextUp(up);
        xs.push(down, up);
      }
    }
  }
  const draws = [uniform(100_000, -3, 3, 7), uniform(50_000, -23, 23, 8)];
  for (const x of [...xs, ...draws.flatMap((d) => Array.from(d))]) {
    if (!Object.is(tanh(x), Math.tanh(x))) assert.unreachable(`tanh(${x}) = ${tanh(x)}, Math.tanh ${Math.tanh(x)}`);
  }
});

test.run();
