// Preparing rows (src/data/prepare.ts) against numpy (test/reference/data.py writes
// test/fixtures/data.json): the seeded permutation, the split that follows it, standardizing.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { permutation, playgroundData, standardize, standardizeWith, trainTestSplit } from "../src";
import { assertClose, assertThrows } from "./helpers/assert";

const fixtures = JSON.parse(readFileSync(join(__dirname, "fixtures", "data.json"), "utf8"));

test("permutation(n, seed) is numpy's np.random.permutation after np.random.seed, seeds 0 to 2³² − 1", () => {
  for (const { seed, n, order } of fixtures.permutations)
    assert.equal(permutation(n, seed), order, `seed ${seed}, n ${n}`);
  assertThrows(() => permutation(-1, 1), RangeError, /permutation\(n, seed\): n must be an integer from 0/);
  assertThrows(() => permutation(3, 2 ** 32), RangeError, /permutation\(n, seed\): seed must be an integer/);
});

test("trainTestSplit takes the test rows first from numpy's permutation, the rest for training", () => {
  const rows = Array.from({ length: 10 }, (_, i) => [i, i * 2]);
  const targets = rows.map(([i]) => i % 2);
  const { train, test: held, order } = trainTestSplit(rows, targets, { testFraction: 0.3, seed: 7 });
  const numpy = fixtures.permutations.find((p: { seed: number; n: number }) => p.seed === 7 && p.n === 10).order;
  assert.equal(order, numpy);
  assert.equal(
    held.rows,
    numpy.slice(0, 3).map((i: number) => rows[i]),
  );
  assert.equal(
    train.targets,
    numpy.slice(3).map((i: number) => targets[i]),
  );
  assertThrows(() => trainTestSplit(rows, targets.slice(1)), RangeError, /targets must have one per row \(10\)/);
  assertThrows(
    () => trainTestSplit(rows, targets, { testFraction: 1 }),
    RangeError,
    /options\.testFraction must be above 0/,
  );
});

test("standardize: numpy's means, deviations and rows; standardizeWith applies them to new rows", () => {
  const s = fixtures.standardize;
  const got = standardize(s.rows);
  assertClose(got.means, s.means, "means");
  assertClose(got.deviations, s.deviations, "deviations");
  assertClose(got.rows.flat(), s.standardized.flat(), "rows");
  assertClose(standardizeWith(s.new, got).flat(), s.newStandardized.flat(), "new rows");
  assertThrows(
    () =>
      standardize([
        [1, 2],
        [1, 3],
      ]),
    RangeError,
    /standardize\(rows\): column 0 has one value in every row/,
  );
  assertThrows(() => standardize([]), TypeError, /standardize\(rows\): rows must be a non-empty array/);
  assertThrows(() => standardize([[1, 2], [3]]), RangeError, /standardize\(rows\)\[1\]/);
  assertThrows(
    () => standardizeWith([[1, 2]], { means: [0, 0], deviations: [1, 0] }),
    RangeError,
    /by\.deviations\[1\] must be above 0/,
  );
});

test("playgroundData: the Playground's six data sets from numpy's stream, numpy's points, classes and values", () => {
  for (const set of fixtures.playground) {
    const label = `${set.name}, ${set.samples} samples, noise ${set.noise}, seed ${set.seed}`;
    const got = playgroundData(set.name, { samples: set.samples, noise: set.noise, seed: set.seed });
    assert.equal(got.targets, set.targets, `${label}: classes or values`);
    assert.is(got.rows.length, set.rows.length, `${label}: points`);
    // sin, cos and log may differ from numpy's in a last bit: within 1e-12 of the plane's size (5)
    const far = got.rows.flat().map((v, i) => Math.abs(v - set.rows.flat()[i]));
    assert.ok(Math.max(...far) <= 5e-12, `${label}: points within 5e-12 of numpy's, got ${Math.max(...far)}`);
  }
  assertThrows(
    () => playgroundData("moons" as never),
    RangeError,
    /name must be one of "circle", "xor", "gauss", "spiral", "plane", "multigauss"/,
  );
  assertThrows(
    () => playgroundData("xor", { noise: 0.6 }),
    RangeError,
    /options\.noise must be from 0 to 0\.5, got 0\.6/,
  );
  assertThrows(() => playgroundData("xor", { samples: 1 }), RangeError, /options\.samples must be an integer from 2/);
});

test.run();
