// The WebAssembly kernel with the network's options (issue 19: biases, activations, outputs, losses,
// batches, L1, L2) against the readable rule: the same bits, on numpy's option cases and on seeded
// random networks, options and data; and `trainedBy` says which path ran.

import { test } from "uvu";
import * as assert from "uvu/assert";
import { DATA_SETS } from "../src/explorer/explorer";
import type { TrainingJob } from "../src/kernel/job";
import { pairedKernel } from "../src/kernel/threads";
import { trainInWasm } from "../src/kernel/train";
import { ACTIVATION_NAMES, OUTPUT_NAMES } from "../src/model/activation";
import { backpropagation } from "../src/model/backpropagation";
import { tanh } from "../src/model/exp";
import { Network } from "../src/model/network";
import { Perceptron } from "../src/model/perceptron";
import { seededRandom } from "../src/model/random";
import { type OptionCase, optionCases } from "./helpers/fixtures";

/** What a run needs: an option case's fields, with any first weights. */
type Options = Pick<OptionCase, "layers" | "network" | "train" | "iterations" | "inputs" | "outputs" | "weights">;

/**
 * Trains `o` from `start` by the readable rule or the kernel (on one thread, two, or as many as its
 * size says): every number it ends with and records, in order.
 */
function run(trainer: "readable" | "wasm" | "wasm, 1 thread" | "wasm, 2 threads", o: Options): number[] {
  const out: number[] = [];
  const k = o.layers[o.layers.length - 1];
  const job: TrainingJob = {
    rows: o.inputs,
    targets: Float64Array.from(o.outputs.flat()),
    weights: o.weights.map((layer) => Float64Array.from(layer.flat())),
    layers: o.layers,
    iterations: o.iterations,
    learningRate: o.train.learningRate ?? 1,
    every: o.train.every,
    record: (i, e) =>
      out.push(i, e, ...job.weights.flatMap((w) => [...w]), ...(job.biases ?? []).flatMap((b) => [...b])),
    biases: o.network.bias ? o.layers.slice(1).map((n) => new Float64Array(n)) : null,
    activation: o.network.activation,
    output: o.network.output,
    loss: o.network.loss,
    batchSize: o.train.batchSize,
    l1: o.train.l1,
    l2: o.train.l2,
  };
  const threads = trainer === "wasm, 2 threads" ? 2 : trainer === "wasm, 1 thread" ? 1 : undefined;
  if (trainer === "readable") backpropagation(job);
  else assert.is(trainInWasm(job, threads), k === 1 && o.layers.length === 2 && isPlain(o) ? "perceptron" : "network");
  return [...out, ...job.weights.flatMap((w) => [...w]), ...(job.biases ?? []).flatMap((b) => [...b])];
}

const isPlain = (o: Options) =>
  !o.network.bias &&
  [o.network.activation, o.network.output].every((f) => (f ?? "sigmoid") === "sigmoid") &&
  (o.network.loss ?? "squared") === "squared" &&
  !o.train.batchSize &&
  !o.train.l1 &&
  !o.train.l2;

/** The index and bits of the first difference between two lists, or null (−0 is not 0; NaN is NaN). */
function firstDifference(a: number[], b: number[]): string | null {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  const i = a.findIndex((v, j) => !Object.is(v, b[j]));
  return i < 0 ? null : `[${i}]: ${a[i]} against ${b[i]}`;
}

/**
 * Every numpy option case's first 150 iterations (all of them: test/network-options.test.ts, through
 * the kernel, against numpy), by `trainer` and by the readable rule: the same bits.
 */
function assertOptionCases(trainer: "wasm" | "wasm, 2 threads") {
  for (const c of optionCases) {
    const o = {
      ...c,
      iterations: Math.min(c.iterations, 150),
      weights: new Network({ layers: c.layers, seed: c.seed }).weights,
    };
    const difference = firstDifference(run(trainer, o), run("readable", o));
    assert.is(difference, null, `${c.name}: ${difference}`);
  }
}

test("on every numpy option case, the kernel gives the readable rule's numbers to the bit", () => {
  assertOptionCases("wasm");
});

/** A random valid network, options and data: shapes that reach each of the kernel's paths (8 neurons at a time, odd rows). */
function randomOptions(random: () => number): Options {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const depth = int(1, 4);
  const layers = Array.from({ length: depth + 1 }, () => (random() < 0.2 ? int(8, 20) : int(1, 9)));
  const output = pick(OUTPUT_NAMES);
  if (output === "softmax") layers[depth] = Math.max(2, layers[depth]);
  const loss =
    output === "softmax"
      ? "crossEntropy"
      : output === "linear"
        ? "squared"
        : pick(["squared", "crossEntropy"] as const);
  const rows = random() < 0.15 ? int(65, 200) : int(1, 30);
  const k = layers[depth];
  const outputs = Array.from({ length: rows }, () => {
    if (output === "softmax") return Array.from({ length: k }, (_, j, c = int(0, k - 1)) => (j === c ? 1 : 0));
    return Array.from({ length: k }, () => (output === "linear" ? 4 * random() - 2 : random() < 0.5 ? 0 : random()));
  });
  const every = pick([0, 1, 3, 7]);
  return {
    layers,
    network: { bias: random() < 0.5, activation: pick(ACTIVATION_NAMES), output, loss },
    train: {
      learningRate: (0.02 + 0.3 * random()) * Math.min(1, 10 / rows),
      batchSize: random() < 0.5 ? int(1, rows + 2) : undefined,
      l1: random() < 0.3 ? 0.01 * random() : undefined,
      l2: random() < 0.3 ? 0.01 * random() : undefined,
      every,
    },
    iterations: int(0, 25),
    inputs: Array.from({ length: rows }, () => Array.from({ length: layers[0] }, () => 4 * random() - 2)),
    outputs,
    weights: layers
      .slice(1)
      .map((n, l) => Array.from({ length: layers[l] }, () => Array.from({ length: n }, () => 2 * random() - 1))),
  };
}

test("on seeded random networks, options and data, the kernel gives the readable rule's numbers to the bit", () => {
  const random = seededRandom(1919);
  for (let t = 0; t < 150; t++) {
    const o = randomOptions(random);
    const difference = firstDifference(run("wasm", o), run("readable", o));
    assert.is(
      difference,
      null,
      `case ${t}: [${o.layers}] x ${o.inputs.length}, ${JSON.stringify(o.network)} ${JSON.stringify(o.train)}: ${difference}`,
    );
  }
});

test("two threads give one thread's bits: on numpy's option cases, 48 random networks and perceptrons", () => {
  assert.ok(pairedKernel() !== null, "Node has a second thread for the kernel");
  assertOptionCases("wasm, 2 threads");
  const random = seededRandom(2024);
  for (let t = 0; t < 48; t++) {
    const o = randomOptions(random);
    // more rows than two chunks (64 rows a thread), odd and even, most of the time
    const rows = Math.floor(random() * 400) + 1;
    const from = o.inputs.length;
    o.inputs = Array.from({ length: rows }, (_, r) => o.inputs[r % from].map((v) => v + r / 100));
    o.outputs = Array.from({ length: rows }, (_, r) => o.outputs[r % from]);
    o.train.learningRate = Math.min(o.train.learningRate ?? 1, 2 / rows);
    if (t % 4 === 0) Object.assign(o, perceptronOptions(o, random));
    const difference = firstDifference(run("wasm, 2 threads", o), run("wasm, 1 thread", o));
    assert.is(
      difference,
      null,
      `case ${t}: [${o.layers}] x ${rows}, ${JSON.stringify(o.network)} ${JSON.stringify(o.train)}: ${difference}`,
    );
  }
});

test("a record that throws on thread 0 stops the other thread too: the next job on two threads is right", () => {
  const random = seededRandom(7);
  for (const shape of [
    [6, 9, 2],
    [5, 1],
  ]) {
    const o = randomOptions(random);
    const rows = 300;
    const m = shape[0];
    Object.assign(o, {
      layers: shape,
      network: {},
      train: { learningRate: 0.01, every: 2 },
      iterations: 9,
      inputs: Array.from({ length: rows }, (_, r) => Array.from({ length: m }, (_, j) => Math.cos(r + j))),
      outputs: Array.from({ length: rows }, (_, r) => Array.from({ length: shape.at(-1) ?? 1 }, () => r % 2)),
      weights: shape
        .slice(1)
        .map((k, l) => Array.from({ length: shape[l] }, () => Array.from({ length: k }, () => random() - 0.5))),
    });
    let records = 0;
    const job = {
      rows: o.inputs,
      targets: Float64Array.from(o.outputs.flat()),
      weights: o.weights.map((layer) => Float64Array.from(layer.flat())),
      layers: o.layers,
      iterations: o.iterations,
      learningRate: 0.01,
      every: 2,
      record: () => {
        if (++records === 2) throw new Error("a step that throws");
      },
    };
    assert.throws(() => trainInWasm(job, 2), /a step that throws/);
    const difference = firstDifference(run("wasm, 2 threads", o), run("wasm, 1 thread", o));
    assert.is(difference, null, `[${shape}]: ${difference}`);
  }
});

/** `o` made the seed's kind of job (one neuron, no option), which the kernel's perceptron path takes. */
function perceptronOptions(o: Options, random: () => number): Options {
  const m = 1 + Math.floor(random() * 40);
  return {
    ...o,
    layers: [m, 1],
    network: {},
    train: { learningRate: o.train.learningRate, every: o.train.every },
    inputs: o.inputs.map((_, r) => Array.from({ length: m }, (_, j) => Math.sin(r * 7 + j * 3))),
    outputs: o.inputs.map((_, r) => [r % 3 === 0 ? 1 : 0]),
    weights: [Array.from({ length: m }, () => [2 * random() - 1])],
  };
}

test("the kernel's tanh is src/model/exp.ts's to the bit: at its steps' edges, specials and 200,000 random values", () => {
  // one row [1]; weight v to hidden neuron j makes its sum v; with output weights 0, a linear output
  // and target 1, one update (η = 1) sets output weight j to 0 + tanh(v) · 1
  // (NaN alone: it makes the one output NaN, and so every output weight)
  const values: number[] = [Number.NaN, 0, -0, Infinity, -Infinity, Number.MIN_VALUE, 1e308, -1e-300];
  for (const edge of [2 ** -28, 0.3465735912322998 / 2, 1.0397205352783203 / 2, 1, 22, 19.5, 10, 1.25]) {
    for (let i = -40; i <= 40; i++) values.push(edge + i * edge * 2 ** -52, -(edge + i * edge * 2 ** -52));
  }
  const random = seededRandom(77);
  for (let i = 0; i < 100_000; i++) values.push(6 * random() - 3, 48 * random() - 24);
  for (let from = 0; from < values.length; from += from === 0 ? 1 : 128) {
    const v = values.slice(from, from === 0 ? 1 : from + 128);
    const job: TrainingJob = {
      rows: [[1]],
      targets: Float64Array.of(1),
      weights: [Float64Array.from(v), new Float64Array(v.length)],
      layers: [1, v.length, 1],
      iterations: 1,
      learningRate: 1,
      every: 0,
      record: () => {},
      activation: "tanh",
      output: "linear",
    };
    assert.is(trainInWasm(job), "network");
    const want = v.map((x) => 0 + tanh(x) * 1);
    const difference = firstDifference([...job.weights[1]], want);
    assert.is(
      difference,
      null,
      `tanh of values ${from}…: ${difference} (x = ${v[Number(difference?.match(/\d+/)?.[0])]})`,
    );
  }
});

test("trainedBy says which path trained: the perceptron kernel for one neuron with no option, else the network kernel", () => {
  const { inputs: x, targets: y } = DATA_SETS.seed;
  const p = new Perceptron();
  assert.is(p.trainedBy, null, "before any training");
  p.train(x, y, 10);
  assert.is(p.trainedBy, "WebAssembly perceptron kernel");
  for (const options of [
    { layers: [3, 1], bias: true },
    { layers: [3, 4, 1] },
    { layers: [3, 4, 1], activation: "tanh" as const },
  ]) {
    const net = new Network(options);
    net.train(x, y, 10);
    assert.is(net.trainedBy, "WebAssembly network kernel", JSON.stringify(options));
  }
  const net = new Network({ layers: [3, 1] });
  net.train(x, y, 10, { batchSize: 2 });
  assert.is(net.trainedBy, "WebAssembly network kernel", "one neuron in batches");
});

test.run();
