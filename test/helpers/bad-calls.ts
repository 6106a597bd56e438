// The malformed train and predict calls that a Perceptron and a Network must refuse alike (a
// Perceptron is a Network with layers [inputs, 1], behind the same checks), built from a model's
// data, and the loop that makes each malformed call its own test.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { assertThrows } from "./assert";

/** What the bad calls need of a model: train and predict that check their arguments, and weights to compare. */
export interface Trainable {
  readonly weights: unknown;
  train(inputs: number[][], outputs: number[], iterations: number, options?: { learningRate?: number }): unknown;
  predict(input: number[]): unknown;
}

/** A malformed call: what it is, the call, the error it gets, and the message it reads. */
export type BadCall<M> = [label: string, call: (model: M) => unknown, type: ErrorConstructor, message: RegExp];

/**
 * The malformed train and predict calls on a model of `x[0].length` inputs and one output, trained
 * on rows `x` with targets `y` (at least two rows, and at least three targets): the wrong inputs
 * and outputs are built from them, so the counts in the messages are the data's.
 */
export function trainingBadCalls<M extends Trainable>(x: number[][], y: number[]): BadCall<M>[] {
  const width = x[0].length;
  const rows = x.length;
  return [
    [
      "short row",
      (m) => m.train([x[0], x[1].slice(0, -1)], y.slice(0, 2), 1),
      RangeError,
      new RegExp(String.raw`train\(\): inputs\[1\] must have ${width} values \(one per weight\), got ${width - 1}`),
    ],
    [
      "NaN input",
      (m) => m.train([x[0].map((v, i) => (i === 1 ? Number.NaN : v))], [y[0]], 1),
      RangeError,
      /inputs\[0\]\[1\] must be a finite number, got NaN/,
    ],
    [
      "no rows",
      (m) => m.train([], [], 1),
      RangeError,
      /train\(\): inputs must have at least one row, got an empty array/,
    ],
    [
      "counts differ",
      (m) => m.train(x, y.slice(0, -1), 1),
      RangeError,
      new RegExp(String.raw`outputs must have one value per input row \(${rows}\), got ${rows - 1}`),
    ],
    [
      "output above 1",
      (m) =>
        m.train(
          x,
          y.map((v, i) => (i === 2 ? 2 : v)),
          1,
        ),
      RangeError,
      /outputs\[2\] must be in \[0, 1\] \(a sigmoid's range\), got 2/,
    ],
    [
      "iterations -1",
      (m) => m.train(x, y, -1),
      RangeError,
      /train\(\): iterations must be an integer from 0 to \d+, got -1/,
    ],
    [
      "learning rate 0",
      (m) => m.train(x, y, 1, { learningRate: 0 }),
      RangeError,
      /options\.learningRate must be a finite number above 0, got 0/,
    ],
    [
      "unknown train option learning_rate",
      (m) => m.train(x, y, 1, { learning_rate: 0.1 } as never),
      TypeError,
      /unknown option "learning_rate"/,
    ],
    ["unknown train option rate", (m) => m.train(x, y, 1, { rate: 1 } as never), TypeError, /unknown option "rate"/],
    [
      "predict short",
      (m) => m.predict(x[0].slice(0, -1)),
      RangeError,
      new RegExp(String.raw`predict\(\): input must have ${width} values \(one per weight\), got ${width - 1}`),
    ],
    [
      "predict null",
      (m) => m.predict(null as never),
      TypeError,
      new RegExp(String.raw`predict\(\): input must be an array of ${width} numbers, got null`),
    ],
  ];
}

/**
 * Makes each of `calls` its own test: on a fresh model from `make`, the call throws an error of its
 * type saying where, and the weights are as they were. `model` names the model in the test's name.
 */
export function testBadCalls<M extends { readonly weights: unknown }>(
  model: string,
  make: () => M,
  calls: readonly BadCall<M>[],
): void {
  for (const [label, call, type, message] of calls) {
    test(`a malformed call to ${model} (${label}) throws a ${type.name} saying where, and leaves the weights as they were`, () => {
      const m = make();
      const before = m.weights;
      assertThrows(() => call(m), type, message, label);
      assert.equal(m.weights, before, `${label}: weights unchanged`);
    });
  }
}
