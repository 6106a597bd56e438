// The fast kernel against the readable rule: the same numbers, on numpy's cases and on random shapes.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  packRows,
  type Recorder,
  type Rows,
  sigmoidInPlace,
  trainFast,
  trainFastTs,
  trainLayersFast,
  trainLayersTs,
} from "../src/kernel/typescript";
import { wasmAvailable } from "../src/kernel/wasm";
import { fdlibmExp } from "../src/model/exp";
import { train } from "../src/model/perceptron";
import { randomWeights, seededRandom } from "../src/model/random";
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
    const run = (kernel: typeof trainLayersTs) => {
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

test("sigmoidInPlace gives 1 / (1 + e^(−v)) to the bit: exp's common case, past ±707, subnormal e^x, 0, ±1, ±∞, NaN", () => {
  const random = seededRandom(3);
  const specials = [0, -0, 1, -1, 3e-9, -3e-9, 4e-9, -4e-9, 0.3465735912322998, 1.0397205352783203, 707, -707];
  specials.push(707.0000000001, -707.0000000001, 709.5, -709.5, 709.78, -709.78, 709.8, -709.8, 720, -720, 745, -745);
  specials.push(
    745.2,
    -745.2,
    800,
    -800,
    1e300,
    -1e300,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NaN,
  );
  specials.push(Number.MIN_VALUE, -Number.MIN_VALUE, 2 ** -28, -(2 ** -28), Math.LN2 / 2, -Math.LN2 / 2);
  const values = [...specials];
  for (const scale of [1e-8, 1e-3, 1, 10, 100, 707, 760]) {
    for (let i = 0; i < 2000; i++) values.push(scale * (2 * random() - 1));
  }
  const expected = values.map((v) => 1 / (1 + fdlibmExp(-v)));
  const got = Float64Array.from(values);
  sigmoidInPlace(got, 0, got.length);
  assert.ok(same(got, expected), "every value");
  const part = Float64Array.from(values);
  sigmoidInPlace(part, 5, 9);
  assert.ok(
    same(part.subarray(0, 5), values.slice(0, 5)) && same(part.subarray(9), values.slice(9)),
    "only from … to − 1",
  );
  assert.ok(same(part.subarray(5, 9), expected.slice(5, 9)), "from … to − 1");
});

test("the kernels train on an array of rows (arrays or typed-array views) as on the rows packed: the same bits", () => {
  const random = seededRandom(13);
  for (let t = 0; t < 40; t++) {
    const rows = 1 + Math.floor(random() * (t % 4 === 0 ? 700 : 30));
    const width = 1 + Math.floor(random() * 20);
    const packed = Float64Array.from({ length: rows * width }, () => 4 * random() - 2);
    const arrays = Array.from({ length: rows }, (_, r) => Array.from(packed.subarray(r * width, (r + 1) * width)));
    const views = arrays.map((_, r) => packed.subarray(r * width, (r + 1) * width));
    const mixed = arrays.map((row, r) => (r % 2 ? views[r] : row));
    assert.ok(same(packRows(arrays, width, rows), packed) && packRows(packed, width, rows) === packed, "packRows");
    const y = Float64Array.from({ length: rows }, () => (random() < 0.5 ? 0 : 1));
    const start = randomWeights(width, t);
    const perceptron = (x: Rows) => {
      const w = Float64Array.from(start);
      const records: number[] = [];
      trainFast(x, y, w, 25, 0.6, 4, (i, e) => records.push(i, e, ...w));
      return [...w, ...records];
    };
    const expected = perceptron(packed);
    for (const [name, x] of [
      ["arrays", arrays],
      ["views", views],
      ["mixed", mixed],
    ] as const) {
      assert.ok(same(perceptron(x), expected), `perceptron ${rows} x ${width}, ${name}`);
    }
    const layers = [width, 1 + Math.floor(random() * 5), 1 + Math.floor(random() * 3)];
    const targets = Float64Array.from({ length: rows * layers[2] }, () => random());
    const weights = [0, 1].map((l) => Float64Array.from({ length: layers[l] * layers[l + 1] }, () => 2 * random() - 1));
    const network = (x: Rows) => {
      const w = weights.map((layer) => Float64Array.from(layer));
      const records: number[] = [];
      trainLayersFast(x, targets, w, layers, 25, 0.6, 4, (i, e) => records.push(i, e));
      return [...w.flatMap((layer) => Array.from(layer)), ...records];
    };
    assert.ok(same(network(mixed), network(packed)), `network ${rows} x ${layers.join("-")}`);
  }
});

test("without WebAssembly (node --no-expose-wasm), train() runs the TypeScript kernel and gives the same bits", () => {
  const dir = mkdtempSync(join(tmpdir(), "perceptron-no-wasm-"));
  try {
    const script = join(dir, "train.ts");
    const src = (name: string) => JSON.stringify(resolve(__dirname, "..", "src", name));
    writeFileSync(
      script,
      [
        `import { wasmAvailable } from ${src("kernel/wasm")};`,
        `import { Network } from ${src("model/network")};`,
        `import { Perceptron } from ${src("model/perceptron")};`,
        `import { seededRandom } from ${src("model/random")};`,
        "export function run() {",
        "  const random = seededRandom(21);",
        "  const x = Array.from({ length: 37 }, () => Array.from({ length: 5 }, () => 4 * random() - 2));",
        "  const y = x.map((row) => (row[0] + row[1] > 0 ? 1 : 0));",
        "  const p = new Perceptron({ inputs: 5, seed: 3 });",
        "  const steps = p.train(x, y, 300, { every: 50, history: true, learningRate: 0.5 });",
        "  const net = new Network({ layers: [5, 4, 1], seed: 3 });",
        "  const netSteps = net.train(x, y, 300, { every: 50, history: true });",
        "  return { wasm: wasmAvailable(), p: [p.weights, steps], net: [net.weights, netSteps] };",
        "}",
        "if (process.argv.includes('--print')) console.log(JSON.stringify(run()));",
      ].join("\n"),
    );
    const child = spawnSync(process.execPath, ["--no-expose-wasm", "--import", "tsx", script, "--print"], {
      encoding: "utf8",
    });
    assert.is(child.status, 0, child.stderr);
    const fallback = JSON.parse(child.stdout);
    assert.is(fallback.wasm, false, "the child has no WebAssembly");
    const here = require(script).run();
    assert.is(here.wasm, true);
    assert.equal(fallback.p, JSON.parse(JSON.stringify(here.p)), "Perceptron: weights and history");
    assert.equal(fallback.net, JSON.parse(JSON.stringify(here.net)), "Network: weights and history");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("zero iterations leave the weights as they were, in both forms", () => {
  assert.equal(train([[1, 0]], [1], [0.5, -0.5], 0), [0.5, -0.5]);
  assert.equal(fast([[1, 0]], [1], [0.5, -0.5], 0).weights, [0.5, -0.5]);
  assert.equal(fast([[1, 0]], [1], [0.5, -0.5], 0, 1, 0, trainFastTs).weights, [0.5, -0.5]);
});

test.run();
