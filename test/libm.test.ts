// sin, cos and log in plain arithmetic (src/model/libm.ts): Node's Math.sin, Math.cos and Math.log to
// the bit (V8's fdlibm), at random and at the edges of their steps, and their special values; and the
// playground's data sets drawn with them, so that a page draws the kernel's very points.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cos, log, sin } from "../src/model/libm";

/** n numbers from a seeded generator, spread over [from, to]. */
function spread(n: number, from: number, to: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return from + (s / 2147483648) * (to - from);
  });
}

test("sin and cos give Node's Math.sin and Math.cos to the bit, near 0, at multiples of π/2, and far out", () => {
  const xs = [
    ...spread(20000, -20, 20, 1),
    ...spread(5000, -1e-6, 1e-6, 2),
    ...spread(5000, -8e5, 8e5, 3),
    ...Array.from({ length: 64 }, (_, n) => ((n - 32) * Math.PI) / 2),
    ...Array.from({ length: 64 }, (_, n) => ((n - 32) * Math.PI) / 2 + 1e-13),
  ];
  for (const x of [...xs, 0, -0, 1e-300, -1e-300, Math.PI / 4, (3 * Math.PI) / 4]) {
    assert.ok(Object.is(sin(x), Math.sin(x)), `sin(${x}): ${sin(x)} against ${Math.sin(x)}`);
    assert.ok(Object.is(cos(x), Math.cos(x)), `cos(${x}): ${cos(x)} against ${Math.cos(x)}`);
  }
  for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    assert.ok(Number.isNaN(sin(x)) && Number.isNaN(cos(x)), `sin and cos of ${x} are NaN`);
  }
});

test("log gives Node's Math.log to the bit, from subnormals to the largest double", () => {
  const xs = [
    ...spread(20000, 0, 2, 4),
    ...spread(5000, 0.999, 1.001, 5),
    ...spread(5000, 0, 1e300, 6),
    ...spread(1000, 0, 1e-308, 7),
    Number.MIN_VALUE,
    Number.MAX_VALUE,
    1,
    2,
    1 + 2 ** -30,
    1 - 2 ** -30,
  ];
  for (const x of xs) assert.ok(Object.is(log(x), Math.log(x)), `log(${x}): ${log(x)} against ${Math.log(x)}`);
  assert.is(log(0), Number.NEGATIVE_INFINITY);
  assert.is(log(-0), Number.NEGATIVE_INFINITY);
  assert.ok(Number.isNaN(log(-1)) && Number.isNaN(log(Number.NaN)));
  assert.is(log(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
});

test("sin² + cos² is 1 and log inverts multiplication, within a few ulps, for any double in range", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -1e5, max: 1e5, noNaN: true }),
      fc.double({ min: 1e-300, max: 1e300, noNaN: true }),
      (x, y) => {
        assert.ok(Math.abs(sin(x) ** 2 + cos(x) ** 2 - 1) < 1e-15);
        assert.ok(Math.abs(log(y * 2) - log(y) - Math.LN2) < 1e-12 * Math.max(1, Math.abs(log(y))));
      },
    ),
  );
});

test.run();
