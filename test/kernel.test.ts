// The fast kernel against the readable rule: the same numbers, on numpy's cases and on random shapes.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type Recorder, trainFast, trainFastTs, trainLayersFast, trainLayersTs } from "../src/kernel";
import { wasmAvailable } from "../src/kernel-wasm";
import { train } from "../src/perceptron";
import { randomWeights, seededRandom } from "../src/random";
import { assertClose } from "./helpers/assert";
import { reference } from "./helpers/fixtures";

type Kernel = (
  x: Float64Array,
  y: Float64Array,
  w: Float64Array,
  iterations: number,
  rate: number,
  every: number,
  record: Recorder,
) => void;

/** The kernel's weights after `iterations`, from `weights`, and the errors it recorded every `every`. */
function fast(
  inputs: number[][],
  outputs: number[],
  weights: number[],
  iterations: number,
  rate = 1,
  every = 0,
  kernel: Kernel = trainFast,
) {
  const w = Float64Array.from(weights);
  const errors: [number, number][] = [];
  kernel(Float64Array.from(inputs.flat()), Float64Array.from(outputs), w, iterations, rate, every, (i, e) =>
    errors.push([i, e]),
  );
  return { weights: Array.from(w), errors };
}

/** Whether two lists hold the same bits (−0 is not 0). */
const same = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

test("the WebAssembly kernel runs in Node (so trainFast below is it)", () => {
  assert.ok(wasmAvailable());
});

test("the readable train() gives numpy's weights on every case in the fixtures", () => {
  for (const c of reference.cases) {
    assertClose(train(c.inputs, c.outputs, c.initialWeights, c.iterations, c.learningRate), c.weights, c.name);
  }
});

test("the fast kernels (WebAssembly and TypeScript) equal the readable train() on every case in the fixtures", () => {
  for (const c of reference.cases) {
    const readable = train(c.inputs, c.outputs, c.initialWeights, c.iterations, c.learningRate);
    for (const kernel of [trainFast, trainFastTs]) {
      const { weights } = fast(c.inputs, c.outputs, c.initialWeights, c.iterations, c.learningRate, 0, kernel);
      assertClose(weights, readable, `${c.name} (${kernel.name})`);
      assertClose(weights, c.weights, `${c.name} (${kernel.name}) vs numpy`);
    }
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
    for (const kernel of [trainFast, trainFastTs]) {
      assertClose(fast(inputs, outputs, weights, 200, rate, 0, kernel).weights, readable, `${rows} x ${width}`);
    }
  }
});

test("the WebAssembly and TypeScript perceptron kernels give the same bits, weights and records", () => {
  const random = seededRandom(7);
  for (let t = 0; t < 120; t++) {
    const rows = 1 + Math.floor(random() * 41);
    const width = 1 + Math.floor(random() * 90);
    const inputs = Array.from({ length: rows }, () => Array.from({ length: width }, () => 6 * random() - 3));
    const outputs = Array.from({ length: rows }, () => (random() < 0.5 ? 0 : 1));
    const weights = randomWeights(width, t);
    const a = fast(inputs, outputs, weights, 40, 0.7, 3, trainFast);
    const b = fast(inputs, outputs, weights, 40, 0.7, 3, trainFastTs);
    assert.ok(same(a.weights, b.weights) && same(a.errors.flat(), b.errors.flat()), `${rows} x ${width}`);
  }
});

test("the two perceptron kernels give the same bits where σ leaves exp's common case (|x| < 2^-28, |x| > 707, x = 1)", () => {
  const random = seededRandom(11);
  for (let t = 0; t < 60; t++) {
    // up to 30 rows, and some past the WebAssembly kernel's chunk of 256 rows
    const rows = t % 6 === 0 ? 250 + Math.floor(random() * 600) : 1 + Math.floor(random() * 30);
    const width = 1 + Math.floor(random() * 6);
    // mostly ordinary rows, some far out (dot products past ±707, to overflow and underflow), some
    // zero (a dot product of 0), some whose dot product is exactly −1 or 1 (one input ±1, weight 1)
    const inputs = Array.from({ length: rows }, () => {
      const kind = random();
      if (kind < 0.15) return Array.from({ length: width }, () => 2000 * random() - 1000);
      if (kind < 0.25) return Array.from({ length: width }, () => 0);
      if (kind < 0.35) return Array.from({ length: width }, (_, j) => (j === 0 ? (random() < 0.5 ? -1 : 1) : 0));
      return Array.from({ length: width }, () => 4 * random() - 2);
    });
    const outputs = Array.from({ length: rows }, () => (random() < 0.5 ? 0 : 1));
    const weights = [1, ...randomWeights(width - 1, t)];
    for (const iterations of [1, 7]) {
      const a = fast(inputs, outputs, weights, iterations, 0.01, 1, trainFast);
      const b = fast(inputs, outputs, weights, iterations, 0.01, 1, trainFastTs);
      assert.ok(same(a.weights, b.weights) && same(a.errors.flat(), b.errors.flat()), `${rows} x ${width}`);
    }
  }
});

test("the WebAssembly and TypeScript network kernels give the same bits, weights and records", () => {
  const random = seededRandom(9);
  for (let t = 0; t < 60; t++) {
    const depth = 1 + Math.floor(random() * 3);
    const layers = Array.from({ length: depth + 1 }, () => 1 + Math.floor(random() * 9));
    const rows = 1 + Math.floor(random() * 20);
    const x = Float64Array.from({ length: rows * layers[0] }, () => 4 * random() - 2);
    const y = Float64Array.from({ length: rows * layers[depth] }, () => random());
    const start = layers
      .slice(0, -1)
      .map((m, l) => Float64Array.from({ length: m * layers[l + 1] }, () => 2 * random() - 1));
    const run = (kernel: typeof trainLayersFast) => {
      const w = start.map((layer) => Float64Array.from(layer));
      const records: number[] = [];
      kernel(x, y, w, layers, 150, 0.9, 7, (i, e) => records.push(i, e, ...w.flatMap((layer) => Array.from(layer))));
      return [...w.flatMap((layer) => Array.from(layer)), ...records];
    };
    assert.ok(same(run(trainLayersFast), run(trainLayersTs)), layers.join("-"));
  }
});

test("training inside a record (the kernel busy) trains as it would alone", () => {
  const c = reference.cases[0];
  const alone = fast(c.inputs, c.outputs, c.initialWeights, c.iterations, c.learningRate).weights;
  let inner: number[] = [];
  const outer = fast(c.inputs, c.outputs, c.initialWeights, 30, c.learningRate, 10, (x, y, w, n, rate, every, record) =>
    trainFast(x, y, w, n, rate, every, (i, e) => {
      record(i, e);
      inner = fast(c.inputs, c.outputs, c.initialWeights, c.iterations, c.learningRate).weights;
    }),
  );
  assert.equal(inner, alone);
  assert.equal(outer.weights, fast(c.inputs, c.outputs, c.initialWeights, 30, c.learningRate).weights);
});

test("a throwing record stops the WebAssembly kernel, which then trains again", () => {
  const c = reference.cases[0];
  assert.throws(() =>
    fast(c.inputs, c.outputs, c.initialWeights, 100, c.learningRate, 10, (x, y, w, n, rate, every) =>
      trainFast(x, y, w, n, rate, every, () => {
        throw new Error("stop");
      }),
    ),
  );
  const again = fast(c.inputs, c.outputs, c.initialWeights, c.iterations, c.learningRate).weights;
  assertClose(again, train(c.inputs, c.outputs, c.initialWeights, c.iterations, c.learningRate), c.name);
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
  assert.equal(fast([[1, 0]], [1], [0.5, -0.5], 0, 1, 0, trainFastTs).weights, [0.5, -0.5]);
});

test.run();
