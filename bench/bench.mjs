// npm run bench: trains this module and the numpy reference (test/reference/perceptron.py) on the
// same data for the same iterations, in the same run, and prints numpy's time / ours at each size.
// Both draw the data from MT19937 with the same seed, so both fit the same numbers.
// It measures against every numpy it finds (the reference program's, Debian's in CI, and any
// other python3 with numpy, e.g. a pip wheel with OpenBLAS), or those given with --python.
// Plain Node on the compiled module (dist/), as users run it.
// usage: npm run bench [-- --python PATH ...] [-- --readme]   (--readme writes the tables into README.md)
// Then bench/live-chart.mjs, bench/explorer.mjs (the live explorer in Chromium: retrain and redraw
// times) and bench/e2e-timings.mjs: each notebook in a fresh kernel, and a site rebuild with nothing changed.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { hasModules, PYTHONS, root, setup } from "../scripts/setup.mjs";

const DATA_SEED = 7;
const SIZES = [
  { rows: 4, cols: 3, iterations: 10000, repeats: 30, target: 20 },
  { rows: 1000, cols: 16, iterations: 1000, repeats: 10, target: 1 },
  { rows: 100000, cols: 32, iterations: 20, repeats: 7, target: 1 },
  // the sequel's network on its own data: 7 rows, 3 -> 4 -> 1
  { rows: 7, cols: 3, layers: [3, 4, 1], iterations: 60000, repeats: 10, target: 20 },
];
/** The sequel's data, as the explorer has it (dist/explorer.js, once setup has built it). */
function sequel() {
  const { inputs, targets } = createRequire(import.meta.url)(join(root, "dist", "explorer.js")).DATA_SETS.sequel;
  return { x: inputs, y: targets };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (seconds) => `${(median(seconds) * 1000).toFixed(3)} ms`;

/** numpy's `np.random.seed(s); X = np.random.random((rows, cols)); y = X[:, 0] > 0.5`. */
function data(seededRandom, rows, cols) {
  const random = seededRandom(DATA_SEED);
  const x = Array.from({ length: rows }, () => Array.from({ length: cols }, random));
  return { x, y: x.map((row) => (row[0] > 0.5 ? 1 : 0)) };
}

/** Seconds per run of our training, each on a fresh perceptron (or network), after one warm-up run. */
function timeOurs({ Network, Perceptron, seededRandom }, rows, cols, iterations, repeats, layers) {
  const { x, y } = layers ? sequel() : data(seededRandom, rows, cols);
  let weights = [];
  const seconds = [];
  for (let r = -1; r < repeats; r++) {
    const model = layers ? new Network({ layers, seed: 1 }) : new Perceptron({ inputs: cols, seed: 1 });
    const start = performance.now();
    model.train(x, y, iterations);
    if (r >= 0) seconds.push((performance.now() - start) / 1000);
    weights = model.weights.flat(2);
  }
  return { seconds, weights };
}

/** The same, timed by the numpy reference in its own process (OpenBLAS left to pick its kernel). */
function timeNumpy(python, rows, cols, iterations, repeats, layers) {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const args = [join(root, "test", "reference", layers ? "network.py" : "perceptron.py"), "bench"];
  const options = layers
    ? { rows, iterations, repeats, layers: layers.join(" ") }
    : { rows, cols, iterations, repeats, "data-seed": DATA_SEED };
  for (const [name, value] of Object.entries(options)) args.push(`--${name}`, ...String(value).split(" "));
  const result = spawnSync(python, args, { env, encoding: "utf8", maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`numpy reference failed with ${python}: ${result.stderr}`);
  return JSON.parse(result.stdout); // { seconds, weights, numpy, blas, python }
}

/** The Pythons to measure: those given, else each distinct one of setup's that has numpy. */
function pythons() {
  const given = process.argv.flatMap((arg, i) => (process.argv[i - 1] === "--python" ? [arg] : []));
  if (given.length > 0) return given;
  const seen = new Map();
  for (const python of PYTHONS.filter((p) => hasModules(p, ["numpy"]))) {
    const where = spawnSync(python, ["-c", "import os, sys; print(os.path.realpath(sys.executable))"], {
      encoding: "utf8",
    }).stdout.trim();
    if (!seen.has(where)) seen.set(where, python);
  }
  return [...seen.values()];
}

setup("bench");
const ours = createRequire(import.meta.url)(root);
const tables = [];
for (const python of pythons()) {
  const lines = [];
  let about = "";
  console.log(
    "size (rows x inputs x iterations)   numpy (median)   ours (median)   numpy / ours   target   weights agree",
  );
  for (const { rows, cols, iterations, repeats, target, layers } of SIZES) {
    const numpy = timeNumpy(python, rows, cols, iterations, repeats, layers);
    const mine = timeOurs(ours, rows, cols, iterations, repeats, layers);
    numpy.weights = numpy.weights.flat(2);
    about = `numpy ${numpy.numpy} with ${numpy.blas} (${numpy.python})`;
    const ratio = median(numpy.seconds) / median(mine.seconds);
    const agree = mine.weights.every((w, j) => Math.abs(w - numpy.weights[j]) <= 1e-9 * Math.abs(numpy.weights[j]));
    const shape = layers ? layers.join("-") : cols;
    const size = `${rows.toLocaleString("en")} x ${shape} x ${iterations.toLocaleString("en")}`;
    const line = [size.padEnd(36), ms(numpy.seconds).padStart(14), ms(mine.seconds).padStart(15)];
    line.push(`${ratio.toFixed(1)}x`.padStart(14), `${target}x`.padStart(8), (agree ? "yes" : "NO").padStart(15));
    console.log(line.join(" "));
    lines.push(`| ${size} | ${ms(numpy.seconds)} | ${ms(mine.seconds)} | **${ratio.toFixed(1)}×** | ≥ ${target}× |`);
  }
  console.log(`  against ${about}\n`);
  tables.push(
    [
      `Against ${about.replace(/ \(.*\)$/, "")}:`,
      "",
      "| rows × inputs × iterations | numpy | this module | numpy / ours | target |",
      "| --- | --- | --- | --- | --- |",
      ...lines,
    ].join("\n"),
  );
}

if (process.argv.includes("--readme")) {
  const readme = join(root, "README.md");
  const header = `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` (Node ${process.version}, medians, one 2-core machine):`;
  const text = readFileSync(readme, "utf8").replace(
    /(<!-- bench:start -->\n)[\s\S]*?(<!-- bench:end -->)/,
    `$1${[header, ...tables].join("\n\n")}\n$2`,
  );
  writeFileSync(readme, text);
  // align the tables as the format check wants them
  spawnSync(join(root, "node_modules", ".bin", "biome"), ["format", "--write", readme], { stdio: "ignore" });
  console.log("README.md: figures updated");
}

// then what a live chart costs training, how live the explorer is in Chromium, and the end-to-end
// timings: notebooks in their kernels, a site rebuild
for (const script of ["live-chart.mjs", "explorer.mjs", "e2e-timings.mjs"]) {
  console.log("");
  const run = spawnSync(process.execPath, [join(root, "bench", script)], { stdio: "inherit" });
  if (run.status !== 0) process.exitCode = run.status ?? 1;
}
