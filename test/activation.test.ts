import { test } from "uvu";
import * as assert from "uvu/assert";
import { sigmoid, sigmoidDerivative } from "../src";
import { assertClose, assertThrows } from "./helpers/assert";

test("sigmoid squashes numbers into (0, 1) with sigmoid(0) = 0.5", () => {
  assert.is(sigmoid(0), 0.5);
  assertClose([sigmoid(1), sigmoid(-1)], [0.7310585786300049, 0.2689414213699951], "sigmoid(±1)");
  assert.is(sigmoid(Number.POSITIVE_INFINITY), 1);
  assert.is(sigmoid(Number.NEGATIVE_INFINITY), 0);
  assert.is(sigmoid(-1000), 0, "no NaN for large negative inputs");
});

test("sigmoid is symmetric: sigmoid(-x) = 1 - sigmoid(x)", () => {
  for (const x of [0.1, 0.5, 2, 7.5]) assertClose([sigmoid(-x)], [1 - sigmoid(x)], `x = ${x}`, 1e-14);
});

test("sigmoidDerivative is written in terms of the output: output * (1 - output)", () => {
  assert.is(sigmoidDerivative(sigmoid(0)), 0.25);
  assert.is(sigmoidDerivative(0), 0);
  assert.is(sigmoidDerivative(1), 0);
  assertClose([sigmoidDerivative(0.9)], [0.09], "at 0.9", 1e-14);
});

test("sigmoid refuses what is not a number", () => {
  assertThrows(
    () => sigmoid("1" as unknown as number),
    TypeError,
    /^sigmoid\(x\): x must be a number, got "1" \(a string\)$/,
  );
  assertThrows(() => sigmoid(Number.NaN), TypeError, /got NaN$/);
});

test("sigmoidDerivative refuses an input that is not a sigmoid output, and says how to call it", () => {
  assertThrows(
    () => sigmoidDerivative(2),
    RangeError,
    /output must be a sigmoid output in \[0, 1\], got 2; .*sigmoidDerivative\(sigmoid\(x\)\)/,
  );
  assertThrows(() => sigmoidDerivative(Number.NaN), RangeError, /got NaN/);
  assertThrows(() => sigmoidDerivative(null as unknown as number), TypeError, /got null/);
});

test.run();
