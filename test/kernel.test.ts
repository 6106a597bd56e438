// The fast kernel against the readable rule: the same numbers, on numpy's cases and on random shapes.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { trainFast } from "../src/kernel";
import { train } from "../src/perceptron";
import { randomWeights, seededRandom } from "../src/random";
import { assertClose } from "./helpers/assert";
import { reference } from "./helpers/fixtures";

/** The kernel's weights after `iterations`, from `weights`, and the errors it recorded every `every`. */
function fast(inputs: number[][], outputs: number[], weights: number[], iterations: number, rate = 1, every = 0) {
  const w = Float64Array.from(weights);
  const errors: [number, number][] = [];
  trainFast(Float64Array.from(inputs.flat()), Float64Array.from(outputs), w, iterations, rate, every, (i, e) =>
    errors.push([i, e]),
  );
  return { weights: Array.from(w), errors };
}

test("the readable train() gives numpy's weights on every case in the fixtures", () => {
  for (const c of reference.cases) {
    assertClose(train(c.inputs, c.outputs, c.initialWeights, c.iterations, c.learningRate), c.weights, c.name);
  }
});

test("the fast kernel equals the readable train() on every case in the fixtures", () => {
  for (const c of reference.cases) {
    const readable = train(c.inputs, c.outputs, c.initialWeights, c.iterations, c.learningRate);
    assertClose(fast(c.inputs, c.outputs, c.initialWeights, c.iterations, c.learningRate).weights, readable, c.name);
  }
});

test("the fast kernel equals the readable train() on random shapes: odd row counts, one input, many inputs", () => {
  const random = seededRandom(2026);
  const shapes = [
    [1, 1],
    [2, 1],
    [3, 2],
    [5, 3],
    [6, 4],
    [7, 1],
    [9, 17],
    [13, 64],
    [33, 5],
    [101, 3],
  ];
  for (const [rows, width] of shapes) {
    const inputs = Array.from({ length: rows }, () => Array.from({ length: width }, () => 4 * random() - 2));
    const outputs = Array.from({ length: rows }, () => (random() < 0.5 ? 0 : 1));
    const weights = randomWeights(width, rows);
    const rate = 0.05 + random();
    const readable = train(inputs, outputs, weights, 200, rate);
    assertClose(fast(inputs, outputs, weights, 200, rate).weights, readable, `${rows} x ${width}`);
  }
});

test("the fast kernel records the mean squared error before every `every`-th adjustment", () => {
  const c = reference.cases.find((k) => k.every > 1 && k.iterations > k.every);
  if (!c) throw new Error("the fixtures have no case recorded every few iterations");
  const { errors } = fast(c.inputs, c.outputs, c.initialWeights, c.iterations, c.learningRate, c.every);
  const recorded = c.history.iterations.slice(0, -1); // the last is the state after training
  assert.equal(
    errors.map(([i]) => i),
    recorded,
  );
  assertClose(
    errors.map(([, e]) => e),
    c.history.meanSquaredError.slice(0, -1),
    c.name,
  );
});

test("zero iterations leave the weights as they were, in both forms", () => {
  assert.equal(train([[1, 0]], [1], [0.5, -0.5], 0), [0.5, -0.5]);
  assert.equal(fast([[1, 0]], [1], [0.5, -0.5], 0).weights, [0.5, -0.5]);
});

test.run();
