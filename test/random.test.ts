import { test } from "uvu";
import * as assert from "uvu/assert";
import { MAX_SEED, randomWeights, seededRandom } from "../src";
import { assertThrows } from "./helpers/assert";
import { reference } from "./helpers/fixtures";

test("seededRandom gives numpy's random() sequence exactly, for every seed in the fixtures", () => {
  assert.ok(reference.random.some((r) => r.seed === 0) && reference.random.some((r) => r.seed === MAX_SEED));
  for (const { seed, values } of reference.random) {
    const random = seededRandom(seed);
    assert.equal(
      values.map(() => random()),
      values,
      `seed ${seed}`,
    );
  }
});

test("seededRandom with seed 0 is numpy's seed 0, which stdlib refuses as a seed option", () => {
  assert.is(seededRandom(0)(), 0.5488135039273248);
});

test("two generators with the same seed are independent and equal", () => {
  const a = seededRandom(42);
  const b = seededRandom(42);
  const first = [a(), a()];
  assert.equal([b(), b()], first);
});

test("randomWeights is 2 * random - 1, numpy's np.random.seed(1); 2*np.random.random((3,1)) - 1", () => {
  assert.equal(randomWeights(3, 1), [-0.165955990594852, 0.4406489868843162, -0.9997712503653102]);
  assert.equal(randomWeights(0, 1), []);
});

test("seededRandom rejects seeds numpy rejects, saying what came", () => {
  assertThrows(
    () => seededRandom(-1),
    RangeError,
    /seededRandom\(\): seed must be an integer from 0 to 4294967295, got -1$/,
  );
  assertThrows(() => seededRandom(MAX_SEED + 1), RangeError, /got 4294967296$/);
  assertThrows(() => seededRandom(1.5), RangeError, /got 1\.5$/);
  assertThrows(() => seededRandom(Number.NaN), RangeError, /got NaN$/);
  assertThrows(() => seededRandom("1" as unknown as number), TypeError, /got "1" \(a string\)$/);
});

test("randomWeights rejects a count that is not a non-negative integer", () => {
  assertThrows(
    () => randomWeights(-1, 1),
    RangeError,
    /randomWeights\(\): count must be an integer from 0 to \d+, got -1/,
  );
  assertThrows(() => randomWeights(2, -3), RangeError, /seed must be an integer/);
});

test.run();
