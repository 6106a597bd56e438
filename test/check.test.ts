// check(), an exercise's answer against the right one: right, not yet (saying what was expected),
// a placeholder, and bad calls.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { check } from "../src";
import { checked } from "../src/notebook/check";

const x = Math.log(3 + 2 * Math.SQRT2); // where σ's slope is 0.125

test("a number within a thousandth of its size is right; further off, it says what was expected", () => {
  assert.is(checked(1.7627, x, "the x"), `✓ Right: the x, ${x}.`);
  assert.is(checked(-1.7627, -x, "the x"), `✓ Right: the x, ${-x}.`);
  assert.is(
    checked(1.7, x, "the x"),
    `✗ Not yet: the x is expected to be ${x} (to within 0.001 of its size); you have 1.7.`,
  );
  // below 1, within a thousandth
  assert.ok(checked(4e-18, 4.2e-18, "the slope").startsWith("✓"));
  assert.ok(checked(0.0011, 0, "the slope").startsWith("✗"));
  assert.ok(checked(1.7, x, "the x", 0.05).startsWith("✓"));
});

test("lists item by item, words without case or spaces, yes and no as they are", () => {
  assert.ok(checked([0.5, 1], [0.5, 1], "the outputs").startsWith("✓"));
  assert.is(
    checked([0.5], [0.5, 1], "the outputs"),
    "✗ Not yet: the outputs is expected to be [0.5, 1] (to within 0.001 of its size); you have [0.5].",
  );
  assert.ok(checked(" Setosa", "setosa", "the species").startsWith("✓"));
  assert.is(
    checked("versicolor", "setosa", "the species"),
    '✗ Not yet: the species is expected to be "setosa"; you have "versicolor".',
  );
  assert.ok(checked(true, true, "whether it learns").startsWith("✓"));
  assert.is(
    checked(1, false, "whether it learns"),
    "✗ Not yet: whether it learns is expected to be no (false); you have 1.",
  );
});

test("a placeholder (undefined, null, NaN) asks for an answer", () => {
  assert.is(checked(undefined, x, "the x"), "✎ the x: write your answer in place of undefined, then run the cell.");
  assert.ok(checked(null, "setosa", "the species").startsWith("✎"));
  assert.ok(checked(Number.NaN, 1, "the x").startsWith("✎"));
});

test("check(exercise, answer) prints the message, with the answer from the table; an unknown exercise is refused", () => {
  const printed: string[] = [];
  const log = console.log;
  console.log = (line: string) => printed.push(line);
  try {
    check("2.3", 1.7627);
    check("2.3", undefined);
    check("6.2", "nor");
  } finally {
    console.log = log;
  }
  assert.equal(printed, [
    `✓ Right: 2.3, the positive x where the slope is 0.125, ${x}.`,
    "✎ 2.3, the positive x where the slope is 0.125: write your answer in place of undefined, then run the cell.",
    '✓ Right: 6.2, the gate with a row wrong after 20 iterations, "NOR".',
  ]);
  for (const bad of ["9.9", "__proto__", "constructor", "toString", 2.3]) {
    assert.throws(
      () => check(bad as string, 1),
      /^check\(\): no exercise .+; the exercises with an answer to check are 1\.1, 1\.2/,
    );
  }
});

test("bad calls say what is wrong", () => {
  assert.throws(
    () => checked(1, Number.NaN, "the x"),
    /check\(\): expected must be a finite number, a list of them, a word or true\/false, got NaN/,
  );
  assert.throws(() => checked(1, {} as never, "the x"), /expected must be/);
  assert.throws(() => checked(1, [1, Number.POSITIVE_INFINITY], "the x"), /got \[1, Infinity\]/);
  assert.throws(() => checked(1, 1, ""), /check\(\): say what the answer is/);
  assert.throws(() => checked(1, 1, "the x", -1), /check\(\): tolerance must be a finite number ≥ 0, got -1/);
});

test.run();
