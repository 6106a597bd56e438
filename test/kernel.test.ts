// The WebAssembly kernel against the readable rule (src/model/backpropagation.ts): the same numbers
// on numpy's cases and on random shapes, and the readable rule where WebAssembly is missing.

import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { wasmAvailable } from "../src/kernel/instance";
import type { Rows, TrainingJob } from "../src/kernel/job";
import { trainInWasm } from "../src/kernel/train";
import { backpropagation } from "../src/model/backpropagation";
import { Network } from "../src/model/network";
import { seededRandom } from "../src/model/random";
import { assertClose } from "./helpers/assert";
import { networkReference, reference } from "./helpers/fixtures";

/** A problem: rows, targets (a row each), every layer's starting weights (nested), the layer sizes. */
interface Problem {
  inputs: Rows;
  outputs: number[][];
  weights: number[][][];
  layers: number[];
}

/** Trains a problem by `trainer`: the weights after it (flat) and its records (iteration, error, …). */
function run(trainer: "readable" | "wasm", p: Problem, iterations: number, learningRate = 1, every = 0) {
  const records: number[] = [];
  const job: TrainingJob = {
    rows: p.inputs,
    targets: Float64Array.from(p.outputs.flat()),
    weights: p.weights.map((layer) => Float64Array.from(layer.flat())),
    layers: p.layers,
    iterations,
    learningRate,
    every,
    record: (i, e) => records.push(i, e, ...job.weights.flatMap((w) => Array.from(w))),
  };
  if (trainer === "readable") backpropagation(job);
  else assert.ok(trainInWasm(job), "the WebAssembly kernel ran");
  return { weights: job.weights.flatMap((w) => Array.from(w)), records };
}

/** The records' columns: the iterations, the errors, and the weights at each. */
function columns(records: number[], weights: number) {
  const rows = Array.from({ length: records.length / (2 + weights) }, (_, i) =>
    records.slice(i * (2 + weights), (i + 1) * (2 + weights)),
  );
  return { iterations: rows.map((r) => r[0]), errors: rows.map((r) => r[1]), weights: rows.map((r) => r.slice(2)) };
}

/**
 * Asserts a and b agree to 1e-12 relative to the largest of b: a weight that training brings near 0
 * (by cancellation) keeps the absolute rounding of the others, so element by element it can differ more.
 */
function assertNear(a: number[], b: number[], label: string): void {
  const scale = Math.max(...b.map(Math.abs));
  const worst = Math.max(...a.map((v, i) => Math.abs(v - b[i])));
  assert.ok(a.length === b.length && worst <= 1e-12 * scale, `${label}: ${worst} apart, scale ${scale}`);
}

/** Whether two lists hold the same bits (−0 is not 0). */
const same = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

/** The seed's cases as one-layer problems. */
const perceptronCases = reference.cases.map((c) => ({
  c,
  problem: {
    inputs: c.inputs,
    outputs: c.outputs.map((y) => [y]),
    weights: [c.initialWeights.map((w) => [w])],
    layers: [c.inputs[0].length, 1],
  },
}));

/** A random problem: `rows` rows for `layers`, inputs of size `scale`, starting weights in [−1, 1). */
function randomProblem(random: () => number, layers: number[], rows: number, scale = 2): Problem {
  const row = <T>(size: number, f: () => T): T[] => Array.from({ length: size }, f);
  return {
    inputs: row(rows, () => row(layers[0], () => scale * (2 * random() - 1))),
    outputs: row(rows, () => row(layers[layers.length - 1], () => (random() < 0.5 ? 0 : random()))),
    weights: layers.slice(1).map((k, l) => row(layers[l], () => row(k, () => 2 * random() - 1))),
    layers,
  };
}

test("the WebAssembly kernel runs in Node", () => {
  assert.ok(wasmAvailable());
});

/** Every fixture case as a problem, with numpy's weights after it. */
const fixtureCases = [
  ...perceptronCases.map(({ c, problem }) => ({ c, problem, numpy: c.weights })),
  ...networkReference.cases.map((c) => ({
    c,
    problem: { inputs: c.inputs, outputs: c.outputs, weights: c.initialWeights, layers: c.layers },
    numpy: c.weights.flat(2),
  })),
];

test("the readable rule gives numpy's weights, and the kernel the readable rule's (<= 1e-12), on every fixture", () => {
  for (const { c, problem, numpy } of fixtureCases) {
    const readable = run("readable", problem, c.iterations, c.learningRate).weights;
    assertClose(readable, numpy, `${c.name}: readable vs numpy`);
    const wasm = run("wasm", problem, c.iterations, c.learningRate).weights;
    assertClose(wasm, readable, `${c.name}: kernel vs readable`);
    assertClose(wasm, numpy, `${c.name}: kernel vs numpy`);
  }
});

test("the kernel equals the readable rule on random shapes (seeded): one neuron, and layers", () => {
  const random = seededRandom(2026);
  for (let t = 0; t < 60; t++) {
    const perceptron = t % 2 === 0;
    const depth = perceptron ? 1 : 1 + Math.floor(random() * 3);
    const layers = Array.from({ length: depth + 1 }, (_, l) =>
      perceptron && l === 1 ? 1 : 1 + Math.floor(random() * 9),
    );
    if (perceptron) layers[0] = 1 + Math.floor(random() * 40);
    const rows = 1 + Math.floor(random() * (t % 10 === 0 ? 300 : 20));
    const problem = randomProblem(random, layers, rows);
    // (a large step on many rows makes training chaotic, and any rounding grows past 1e-12)
    const rate = (0.05 + random()) * Math.min(1, 20 / rows);
    const readable = run("readable", problem, 60, rate, 7);
    const wasm = run("wasm", problem, 60, rate, 7);
    assertNear(wasm.weights, readable.weights, `[${layers}] x ${rows}`);
    const [a, b] = [wasm, readable].map((r) => columns(r.records, r.weights.length));
    assert.equal(a.iterations, b.iterations);
    assertNear(a.errors, b.errors, `[${layers}] x ${rows}: errors`);
    for (const [i, w] of a.weights.entries()) assertNear(w, b.weights[i], `[${layers}] x ${rows}: record ${i}`);
    // beyond one neuron the kernel takes the same sums in the same order: the same bits
    if (!perceptron || rows === 1) assert.ok(same(wasm.weights, readable.weights), `[${layers}] x ${rows}: bits`);
  }
});

test("the kernel's σ is the readable one to the bit where it leaves exp's common case (|x| < 2^-28, > 707, x = 1)", () => {
  const random = seededRandom(11);
  for (let t = 0; t < 40; t++) {
    const layers =
      t % 2 ? [1 + Math.floor(random() * 5), 1 + Math.floor(random() * 4), 2] : [1 + Math.floor(random() * 5), 1];
    const rows = 1 + Math.floor(random() * 30);
    // mostly ordinary rows, some far out (sums past ±707, to overflow and underflow), some zero,
    // some whose sum is exactly −1 or 1 (one input ±1, weight 1)
    const inputs = Array.from({ length: rows }, () => {
      const kind = random();
      if (kind < 0.15) return Array.from({ length: layers[0] }, () => 2000 * random() - 1000);
      if (kind < 0.25) return Array.from({ length: layers[0] }, () => 0);
      if (kind < 0.35) return Array.from({ length: layers[0] }, (_, j) => (j === 0 ? (random() < 0.5 ? -1 : 1) : 0));
      return Array.from({ length: layers[0] }, () => 4 * random() - 2);
    });
    const problem = { ...randomProblem(random, layers, rows), inputs };
    problem.weights[0][0] = problem.weights[0][0].map(() => 1);
    for (const iterations of [1, 7]) {
      const readable = run("readable", problem, iterations, 0.01, 1);
      const wasm = run("wasm", problem, iterations, 0.01, 1);
      if (layers[1] === 1 && rows > 1) {
        const [a, b] = [wasm, readable].map((r) => columns(r.records, r.weights.length));
        assertNear(a.errors, b.errors, `[${layers}] x ${rows}: errors`);
      } else assert.ok(same(wasm.records, readable.records), `[${layers}] x ${rows}: bits`);
    }
  }
});

test("the kernel trains on an array of rows (arrays or typed-array views) as on the rows packed: the same bits", () => {
  const random = seededRandom(13);
  for (let t = 0; t < 30; t++) {
    const width = 1 + Math.floor(random() * 20);
    const layers = t % 2 ? [width, 1] : [width, 1 + Math.floor(random() * 5), 1 + Math.floor(random() * 3)];
    const rows = 1 + Math.floor(random() * (t % 4 === 0 ? 700 : 30));
    const problem = randomProblem(random, layers, rows);
    const arrays = problem.inputs as number[][];
    const packed = Float64Array.from(arrays.flat());
    const views = arrays.map((_, r) => packed.subarray(r * width, (r + 1) * width));
    const expected = run("wasm", { ...problem, inputs: packed }, 25, 0.6, 4);
    for (const [name, inputs] of [
      ["arrays", arrays],
      ["views", views],
      ["mixed", arrays.map((row, r) => (r % 2 ? views[r] : row))],
    ] as const) {
      const got = run("wasm", { ...problem, inputs }, 25, 0.6, 4);
      assert.ok(same(got.weights, expected.weights) && same(got.records, expected.records), `[${layers}] ${name}`);
    }
  }
});

test("the kernel records the mean squared error before every `every`-th update, as numpy's history", () => {
  const found = perceptronCases.find(({ c }) => c.every > 1 && c.iterations > c.every);
  if (!found) throw new Error("the fixtures have no case recorded every few iterations");
  const { c, problem } = found;
  const { records } = run("wasm", problem, c.iterations, c.learningRate, c.every);
  const { iterations, errors } = columns(records, problem.layers[0]);
  assert.equal(iterations, c.history.iterations.slice(0, -1)); // the last is the state after training
  assertClose(errors, c.history.meanSquaredError.slice(0, -1), c.name);
});

test("training inside a record (the kernel busy), and after a throwing record, trains as it would alone", () => {
  const { c, problem } = perceptronCases[0];
  const alone = run("wasm", problem, c.iterations, c.learningRate).weights;
  let inner: number[] = [];
  const job: TrainingJob = {
    rows: c.inputs,
    targets: Float64Array.from(c.outputs),
    weights: [Float64Array.from(c.initialWeights)],
    layers: problem.layers,
    iterations: 30,
    learningRate: c.learningRate,
    every: 10,
    record: () => {
      inner = run("wasm", problem, c.iterations, c.learningRate).weights;
    },
  };
  trainInWasm(job);
  assert.equal(inner, alone);
  assert.equal(Array.from(job.weights[0]), run("wasm", problem, 30, c.learningRate).weights);
  const throwing = {
    ...job,
    weights: [Float64Array.from(c.initialWeights)],
    record: () => {
      throw new Error("stop");
    },
  };
  assert.throws(() => trainInWasm(throwing), /stop/);
  assert.equal(run("wasm", problem, c.iterations, c.learningRate).weights, alone);
});

test("zero iterations leave the weights as they were, in both forms", () => {
  const problem = { inputs: [[1, 0]], outputs: [[1]], weights: [[[0.5], [-0.5]]], layers: [2, 1] };
  assert.equal(run("readable", problem, 0).weights, [0.5, -0.5]);
  assert.equal(run("wasm", problem, 0).weights, [0.5, -0.5]);
});

/**
 * A script that trains a Perceptron and a Network through the public API, run here and (started
 * now, so that it runs beside the tests above) in a child with no WebAssembly.
 */
const noWasm = (() => {
  const dir = mkdtempSync(join(tmpdir(), "perceptron-no-wasm-"));
  const script = join(dir, "train.ts");
  const src = (name: string) => JSON.stringify(resolve(__dirname, "..", "src", name));
  writeFileSync(
    script,
    [
      `import { wasmAvailable } from ${src("kernel/instance")};`,
      `import { Network } from ${src("model/network")};`,
      `import { Perceptron } from ${src("model/perceptron")};`,
      `import { seededRandom } from ${src("model/random")};`,
      "const random = seededRandom(21);",
      "export const x = Array.from({ length: 37 }, () => Array.from({ length: 5 }, () => 4 * random() - 2));",
      "export const y = x.map((row) => (row[0] + row[1] > 0 ? 1 : 0));",
      "export function run() {",
      "  const p = new Perceptron({ inputs: 5, seed: 3 });",
      "  const steps = p.train(x, y, 300, { every: 50, history: true, learningRate: 0.5 });",
      "  const net = new Network({ layers: [5, 4, 1], seed: 3 });",
      "  const netSteps = net.train(x, y, 300, { every: 50, history: true });",
      "  return { wasm: wasmAvailable(), p: [p.weights, steps], net: [net.weights, netSteps], by: net.trainedBy };",
      "}",
      "if (process.argv.includes('--print')) console.log(JSON.stringify(run()));",
    ].join("\n"),
  );
  const args = ["--no-expose-wasm", "--import", "tsx", script, "--print"];
  const done = new Promise<{ failed: boolean; out: string; err: string }>((resolve) => {
    execFile(process.execPath, args, (error, out, err) => resolve({ failed: error !== null, out, err }));
  });
  return { dir, script, done };
})();

test("without WebAssembly (node --no-expose-wasm), train() runs the readable rule: its numbers, within 1e-12 of the kernel's", async () => {
  try {
    const child = await noWasm.done;
    assert.not.ok(child.failed, child.err);
    const fallback = JSON.parse(child.out);
    assert.equal([fallback.wasm, fallback.by], [false, "readable rule"], "the child has no WebAssembly");
    const { run: here, x, y } = require(noWasm.script);
    const wasm = here();
    assert.is(wasm.wasm, true);
    // the readable rule here, from the same first weights: the child's numbers to the bit
    for (const [name, layers, rate] of [
      ["p", [5, 1], 0.5],
      ["net", [5, 4, 1], 1],
    ] as const) {
      const start = new Network({ layers: [...layers], seed: 3 }).weights;
      const problem = { inputs: x, outputs: y.map((v: number) => [v]), weights: start, layers: [...layers] };
      const readable = run("readable", problem, 300, rate, 50);
      const [weights, steps] = fallback[name];
      assert.ok(same((weights as number[] | number[][][]).flat(2), readable.weights), `${name}: weights`);
      const errors = steps.slice(0, -1).map((s: { meanSquaredError: number }) => s.meanSquaredError);
      const width = 2 + readable.weights.length;
      const recorded = errors.map((_: number, i: number) => readable.records[i * width + 1]);
      assert.ok(same(errors, recorded), `${name}: errors`);
      assertClose(readable.weights, (wasm[name][0] as number[] | number[][][]).flat(2), `${name}: the kernel's`);
    }
  } finally {
    rmSync(noWasm.dir, { recursive: true, force: true });
  }
});

test.run();
