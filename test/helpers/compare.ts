// Two JSON values compared side by side, numbers within a tolerance: how a fixture is checked
// against what its numpy program writes today (test/reference.test.ts, test/e2e/reference-chapter.test.ts).
import * as assert from "uvu/assert";

/**
 * Walks two JSON values side by side: same shape, same strings, numbers within `tol` (exact where
 * tol is 0) of the larger of their own size and `scale`, the largest number in the same array: a
 * weight that training drives to 0 (1e-16, from cancellation) differs between numpy builds by the
 * rounding of its row's other weights, not by 1e-12 of itself.
 */
export function compare(
  actual: unknown,
  expected: unknown,
  path: string,
  tol: (path: string) => number,
  scale = 0,
): void {
  if (typeof expected === "number") {
    const error = Math.abs((actual as number) - expected);
    assert.ok(
      typeof actual === "number" && error <= tol(path) * Math.max(Math.abs(expected), scale),
      `${path}: ${actual} vs ${expected}`,
    );
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${path}: length`);
    const row = Math.max(0, ...expected.filter((e) => typeof e === "number").map(Math.abs));
    for (const [i, e] of expected.entries()) compare((actual as unknown[])[i], e, `${path}[${i}]`, tol, row);
  } else if (expected !== null && typeof expected === "object") {
    assert.equal(Object.keys(actual as object), Object.keys(expected), `${path}: keys`);
    for (const [key, e] of Object.entries(expected)) compare((actual as never)[key], e, `${path}.${key}`, tol);
  } else {
    assert.is(actual, expected, path);
  }
}
