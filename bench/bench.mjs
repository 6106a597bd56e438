// npm run bench: trains this module, the numpy reference (test/reference/perceptron.py, network.py)
// and TensorFlow.js (its cpu and wasm backends, bench/tfjs.mjs) on the same data for the same
// iterations, in the same run, and prints each one's time and its time / ours at each size.
// All draw the data from MT19937 with the same seed, so all fit the same numbers, from the same
// starting weights; the weights they end with are compared (numpy's to 1e-9, TF.js's, in float32, to 1e-3).
// It measures against every numpy it finds (the reference program's, Debian's in CI, and any
// other python3 with numpy, e.g. a pip wheel with OpenBLAS), or those given with --python.
// Then the cost of an iteration from the seed's size to 1,000,000 x 64 for each (bench/scaling.mjs),
// and the memory of training 1,000,000 x 64 (bench/memory.mjs).
// Plain Node on the compiled module (dist/), as users run it.
// usage: npm run bench [-- --python PATH ...] [-- --readme] [-- --class]
//   --readme writes the tables into docs/BENCH.md (between its bench markers) and the chart into
//   docs/bench-scaling.svg
//   --class (or PERCEPTRON_BENCH_CLASS=1) also runs the class load test last, bench/class.mjs (npm run
//   bench:class): npm run class's JupyterHub with 1, 5, 10 and 20 learners running notebook 3 at once
//   (as root, a Unix user each). It takes several minutes, so it is left out unless asked; with
//   --readme it writes its table into docs/CLASS.md.
// Then bench/live-chart.mjs, bench/explorer.mjs (the live explorer in Chromium: retrain and redraw
// times), bench/playground.mjs (our playground beside TensorFlow Playground in Chromium: epochs and frames
// a second) and bench/e2e-timings.mjs: each notebook in a fresh kernel, and a site rebuild with nothing changed.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { hasModules, PYTHONS, root, setup } from "../scripts/setup.mjs";
import { DATA_SEED, data, largestDifference, median, ms, ours, sequel, times } from "./data.mjs";
import { describeMemory, memory } from "./memory.mjs";
import { benchOptions } from "./options.mjs";
import { duration, LADDER, scaling, scalingSvg } from "./scaling.mjs";
import { AGREE, BACKENDS, loadTf, problem, timeTf } from "./tfjs.mjs";

const started = performance.now();
const SIZES = [
  { rows: 4, cols: 3, iterations: 10000, repeats: 30, target: 50 },
  { rows: 1000, cols: 16, iterations: 1000, repeats: 10, target: 1 },
  { rows: 100000, cols: 32, iterations: 20, repeats: 5, target: 1 },
  // the sequel's network on its own data: 7 rows, 3 -> 4 -> 1
  { rows: 7, cols: 3, layers: [3, 4, 1], iterations: 60000, repeats: 5, target: 20 },
];
/** TF.js's runs a size, after a warm-up of up to 2,000 iterations: fewer (it is slower), one for the network. */
const tfRepeats = ({ layers }) => (layers ? 1 : 3);
const phases = [];
let phaseStart = performance.now();
/** Notes how long the part of the bench just ended took. */
function phase(name) {
  phases.push(`${name} ${((performance.now() - phaseStart) / 1000).toFixed(0)} s`);
  phaseStart = performance.now();
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

/** The machine: the processor's model (from /proc/cpuinfo), how many cores, the system. */
function machine() {
  let model = cpus()[0]?.model ?? "unknown processor";
  try {
    model =
      readFileSync("/proc/cpuinfo", "utf8")
        .match(/^model name\s*:\s*(.+)$/m)?.[1]
        .trim() ?? model;
  } catch {}
  return `${model}, ${cpus().length} cores, ${process.platform} ${process.arch}`;
}

/** A numpy's short name: its version and BLAS, e.g. "numpy 2.4.6 (OpenBLAS)". */
function numpyName(numpy) {
  const blas = /openblas/i.test(numpy.blas)
    ? "OpenBLAS"
    : /libblas\.so\.([\d.]+)/.test(numpy.blas)
      ? `reference BLAS ${numpy.blas.match(/libblas\.so\.([\d.]+)/)[1]}`
      : numpy.blas;
  return `numpy ${numpy.numpy} (${blas})`;
}

const ratio = (theirs, mine) => median(theirs) / median(mine);

setup("bench");
const module = ours();
const tfjs = await loadTf();
const shape = ({ cols, layers }) => (layers ? layers.join("-") : cols);
const sizeName = (size) =>
  `${size.rows.toLocaleString("en")} x ${shape(size)} x ${size.iterations.toLocaleString("en")}`;

// TensorFlow.js at each size, once: its times do not depend on the numpy it is shown beside
console.log(`TensorFlow.js ${tfjs.version}: cpu backend, and wasm backend (${tfjs.wasm.about})`);
const tf = SIZES.map(() => ({}));
for (const [i, size] of SIZES.entries()) {
  const { x, y, weights } = problem(module, size);
  for (const backend of BACKENDS) {
    const warmUp = Math.min(size.iterations, 2000);
    tf[i][backend] = await timeTf(backend, {
      x,
      y,
      weights,
      iterations: size.iterations,
      repeats: tfRepeats(size),
      warmUp,
    });
  }
}

phase("TF.js");
const tables = [];
const numpys = [];
const agreement = { numpy: 0, cpu: 0, wasm: 0 };
for (const python of pythons()) {
  const lines = [];
  let about = "";
  let numpyInfo;
  console.log(
    "\nsize (rows x inputs x iterations)      numpy       ours  TF.js cpu TF.js wasm  numpy/ours  cpu/ours wasm/ours  target  weights agree",
  );
  for (const [i, { rows, cols, iterations, repeats, target, layers }] of SIZES.entries()) {
    const numpy = timeNumpy(python, rows, cols, iterations, repeats, layers);
    const mine = timeOurs(module, rows, cols, iterations, repeats, layers);
    numpy.weights = numpy.weights.flat(2);
    numpyInfo = numpy;
    about = `numpy ${numpy.numpy} with ${numpy.blas} (${numpy.python})`;
    const agree = mine.weights.every((w, j) => Math.abs(w - numpy.weights[j]) <= 1e-9 * Math.abs(numpy.weights[j]));
    agreement.numpy = Math.max(agreement.numpy, largestDifference(mine.weights, numpy.weights));
    const tfAgree = BACKENDS.map((backend) => {
      const difference = largestDifference(tf[i][backend].weights, mine.weights);
      agreement[backend] = Math.max(agreement[backend], difference);
      return difference <= AGREE;
    });
    const size = sizeName({ rows, cols, layers, iterations });
    const ratios = [numpy.seconds, tf[i].cpu.seconds, tf[i].wasm.seconds].map((s) => ratio(s, mine.seconds));
    const columns = [numpy.seconds, mine.seconds, tf[i].cpu.seconds, tf[i].wasm.seconds].map((s) => ms(s));
    console.log(
      [
        size.padEnd(33),
        ...columns.map((c) => c.replace(/(\.\d)\d\d ms$/, "$1 ms").padStart(10)),
        ...ratios.map((r) => times(r).padStart(i === 0 ? 11 : 9)),
        `${target}x`.padStart(7),
        `  numpy ${agree ? "yes" : "NO"}, TF.js ${tfAgree.every(Boolean) ? "yes" : "NO"}`,
      ].join(" "),
    );
    lines.push(
      `| ${size} | ${columns.join(" | ")} | **${times(ratios[0]).replace("x", "×")}** | ${ratios
        .slice(1)
        .map((r) => times(r).replace("x", "×"))
        .join(" | ")} | ≥ ${target}× |`,
    );
  }
  console.log(`  against ${about}`);
  const options = benchOptions(module, python);
  agreement.numpy = Math.max(agreement.numpy, options.agreement);
  const version = spawnSync(python, ["-c", "import sys; print(sys.version.split()[0])"], { encoding: "utf8" });
  numpys.push({ python, name: numpyName(numpyInfo), info: numpyInfo, version: version.stdout.trim() });
  tables.push(
    [
      `Against ${about.replace(/ \(.*\)$/, "")}:`,
      "",
      "| rows × inputs × iterations | numpy | this module | TF.js cpu | TF.js wasm | numpy / ours | TF.js cpu / ours | TF.js wasm / ours | target (numpy / ours) |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...lines,
      "",
      options.table,
    ].join("\n"),
  );
}
const agreed =
  `TensorFlow.js computes in float32: its trained weights agree with this module's to within ${agreement.cpu.toExponential(1)} (cpu) ` +
  `and ${agreement.wasm.toExponential(1)} (wasm), numpy's (float64, like this module) to within ${agreement.numpy.toExponential(1)} ` +
  `(the largest |difference| / max(|weight|, 1) at any size).`;
console.log(`\n${agreed}`);
phase("numpy and this module");

// the cost of an iteration, from the seed's size to 1,000,000 x 64
console.log(
  `\nTime per iteration, ${LADDER.map((s) => `${s.rows.toLocaleString("en")} x ${s.cols}`).join(", ")} (the training loop alone, medians):`,
);
const names = ["this module", ...numpys.map((n) => n.name), ...BACKENDS.map((b) => `TF.js ${b}`)];
console.log(["rows x inputs".padEnd(16), ...names.map((n) => n.padStart(Math.max(12, n.length)))].join(" "));
const cell = (series) => (series?.seconds ? `${duration(series.seconds)}` : "skipped");
const points = await scaling(numpys, (point) => {
  console.log(
    [
      `${point.rows.toLocaleString("en")} x ${point.cols}`.padEnd(16),
      ...names.map((n) => cell(point.series[n]).padStart(Math.max(12, n.length))),
    ].join(" "),
  );
});

phase("scaling");

// the memory of training 1,000,000 x 64
console.log("");
const memoryLines = describeMemory(await memory());
console.log(memoryLines.join("\n"));
phase("memory");

const date = new Date().toISOString().slice(0, 10);
const versions = [
  `Node ${process.version}`,
  ...numpys.map((n) => `numpy ${n.info.numpy} with ${n.info.blas} (Python ${n.version})`),
  `TensorFlow.js ${tfjs.version} (tfjs-backend-cpu ${tfjs.versions.cpu}; tfjs-backend-wasm ${tfjs.versions.wasm}: ${tfjs.wasm.about})`,
];
console.log(`\n${machine()}; ${versions.join("; ")}`);
console.log(`the bench above took ${((performance.now() - started) / 1000).toFixed(0)} s: ${phases.join(", ")}`);

if (process.argv.includes("--readme")) {
  const svg = join(root, "docs", "bench-scaling.svg");
  mkdirSync(join(root, "docs"), { recursive: true });
  const caption = [
    `Measured ${date} by npm run bench on ${machine()}, shared; Node ${process.version}, TensorFlow.js ${tfjs.version}.`,
    "Medians of the training loop alone: every trainer's data made beforehand (this module's rows packed).",
  ];
  writeFileSync(svg, scalingSvg(points, caption));
  const scalingTable = [
    `| rows × inputs | ${names.join(" | ")} |`,
    `| --- | ${names.map(() => "---").join(" | ")} |`,
    ...points.map(
      (p) => `| ${p.rows.toLocaleString("en")} × ${p.cols} | ${names.map((n) => cell(p.series[n])).join(" | ")} |`,
    ),
  ].join("\n");
  const readme = join(root, "docs", "BENCH.md");
  const header =
    `Measured ${date} by \`npm run bench\` on ${machine()}, shared (medians; ${versions.join("; ")}).` +
    " Times are for the whole training; each ratio is the other's time / this module's.";
  const section = [
    header,
    ...tables,
    agreed,
    "Time per iteration, the training loop alone for each (numpy's arrays, TF.js's tensors and this module's packed rows made beforehand), from the seed's size to 1,000,000 × 64:",
    `![Time per training iteration against rows × inputs, log–log: this module, ${numpys.map((n) => n.name).join(", ")}, TF.js cpu and TF.js wasm](bench-scaling.svg)`,
    scalingTable,
    ...memoryLines.slice(0, 1),
    memoryLines.slice(1).join("\n"),
  ];
  const text = readFileSync(readme, "utf8").replace(
    /(<!-- bench:start -->\n)[\s\S]*?(<!-- bench:end -->)/,
    () => `<!-- bench:start -->\n${section.join("\n\n")}\n<!-- bench:end -->`,
  );
  writeFileSync(readme, text);
  // align the tables as the format check wants them
  spawnSync(join(root, "node_modules", ".bin", "biome"), ["format", "--write", readme], { stdio: "ignore" });
  console.log("docs/BENCH.md: figures updated; docs/bench-scaling.svg: the chart drawn");
}

// then what a live chart costs training, how live the explorer is in Chromium, our playground beside
// TensorFlow Playground in Chromium, and the end-to-end timings: notebooks in their kernels, a site rebuild
for (const script of ["live-chart.mjs", "explorer.mjs", "playground.mjs", "e2e-timings.mjs"]) {
  console.log("");
  const run = spawnSync(process.execPath, [join(root, "bench", script)], { stdio: "inherit" });
  if (run.status !== 0) process.exitCode = run.status ?? 1;
}
// and, when asked (it takes minutes), the class load test: many learners on npm run class's JupyterHub
if (process.argv.includes("--class") || process.env.PERCEPTRON_BENCH_CLASS === "1") {
  console.log("");
  const args = [join(root, "bench", "class.mjs"), ...(process.argv.includes("--readme") ? ["--readme"] : [])];
  const run = spawnSync(process.execPath, args, { stdio: "inherit" });
  if (run.status !== 0) process.exitCode = run.status ?? 1;
} else console.log("\n(the class load test, bench/class.mjs, runs with --class or PERCEPTRON_BENCH_CLASS=1)");
console.log(`\nnpm run bench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
