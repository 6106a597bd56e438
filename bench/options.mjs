// The bench's cases for the network's options (issue 19), each timed against numpy's
// test/reference/options.py on the same data from the same first weights, in the same run: the
// sequel's network with a bias, tanh and cross-entropy; a 2 -> 8 -> 8 -> 1 ReLU network on 1,000 rows
// in batches of 10; and 100,000 x 32 -> 16 -> 1. Each row says which path trained it (trainedBy):
// every option runs in the WebAssembly kernel, with no silent fallback to the readable rule.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { root } from "../scripts/setup.mjs";
import { DATA_SEED, data, largestDifference, median, ms, sequel, times } from "./data.mjs";

export const OPTION_CASES = [
  {
    name: "the sequel, bias + tanh + cross-entropy",
    rows: 7,
    layers: [3, 4, 1],
    iterations: 60000,
    repeats: 7,
    network: { bias: true, activation: "tanh", loss: "crossEntropy" },
    train: { learningRate: 0.1 },
    target: 20,
  },
  {
    name: "2-8-8-1 ReLU + bias, batches of 10",
    rows: 1000,
    layers: [2, 8, 8, 1],
    iterations: 100,
    repeats: 7,
    network: { bias: true, activation: "relu" },
    train: { learningRate: 0.01, batchSize: 10 },
    target: 5,
  },
  {
    name: "32-16-1 sigmoid",
    rows: 100000,
    layers: [32, 16, 1],
    iterations: 20,
    repeats: 5,
    network: {},
    train: { learningRate: 0.01 },
    target: 1,
  },
];

/** The case's data: the sequel's for its own size, else numpy's seeded rows (y: the first input above 0.5). */
function caseData({ seededRandom }, { rows, layers }) {
  if (rows === 7 && layers[0] === 3) {
    const { x, y } = sequel();
    return { x, y };
  }
  const { x, y } = data(seededRandom, rows, layers[0]);
  return { x, y: y.map((v) => Array(layers[layers.length - 1]).fill(v)) };
}

/** Seconds per run of ours (a fresh network each, after one warm-up), its last weights, and the path that ran. */
function timeOurs(module, c) {
  const { x, y } = caseData(module, c);
  const seconds = [];
  let net;
  for (let r = -1; r < c.repeats; r++) {
    net = new module.Network({ layers: c.layers, seed: 1, ...c.network });
    const start = performance.now();
    net.train(x, y, c.iterations, c.train);
    if (r >= 0) seconds.push((performance.now() - start) / 1000);
  }
  return { seconds, weights: net.weights.flat(2), path: net.trainedBy };
}

/** The same case timed by test/reference/options.py in its own process. */
function timeNumpy(python, c) {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  const args = [join(root, "test", "reference", "options.py"), "bench", "--layers", ...c.layers.map(String)];
  args.push("--rows", String(c.rows), "--iterations", String(c.iterations), "--repeats", String(c.repeats));
  args.push("--data-seed", String(DATA_SEED), "--learning-rate", String(c.train.learningRate ?? 1));
  if (c.train.batchSize) args.push("--batch-size", String(c.train.batchSize));
  if (c.network.bias) args.push("--bias");
  for (const key of ["activation", "output", "loss"]) if (c.network[key]) args.push(`--${key}`, c.network[key]);
  const result = spawnSync(python, args, { env, encoding: "utf8", maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`numpy options reference failed with ${python}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/**
 * Times every option case against one numpy: prints a line each, and returns the markdown table's
 * rows and the largest difference from numpy's weights.
 */
export function benchOptions(module, python) {
  const lines = [];
  let agreement = 0;
  console.log(
    "\nthe network's options: case                          numpy       ours  numpy/ours  target  path (weights agree)",
  );
  for (const c of OPTION_CASES) {
    const numpy = timeNumpy(python, c);
    const mine = timeOurs(module, c);
    const difference = largestDifference(mine.weights, numpy.weights.flat(2));
    agreement = Math.max(agreement, difference);
    const ratio = median(numpy.seconds) / median(mine.seconds);
    const shown = times(ratio).replace("x", "×");
    const size = `${c.rows.toLocaleString("en")} x ${c.layers.join("-")} x ${c.iterations.toLocaleString("en")}`;
    console.log(
      [
        `${c.name}, ${size}`.padEnd(52),
        ms(numpy.seconds).padStart(11),
        ms(mine.seconds).padStart(11),
        shown.padStart(8),
        `${c.target}x`.padStart(7),
        `  ${mine.path} (${difference <= 1e-9 ? "yes" : `NO: ${difference.toExponential(1)}`})`,
      ].join(" "),
    );
    lines.push(
      `| ${c.name} | ${size} | ${ms(numpy.seconds)} | ${ms(mine.seconds)} | **${shown}** | ≥ ${c.target}× | ${mine.path} |`,
    );
  }
  const table = [
    "| the network's options | rows × layers × iterations | numpy | this module | numpy / ours | target | trained by |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...lines,
  ].join("\n");
  return { table, agreement };
}
