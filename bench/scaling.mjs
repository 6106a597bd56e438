// How the cost of one training iteration grows with the data: the seed's rule on a ladder of sizes
// from the seed's (4 rows x 3 inputs) to 1,000,000 x 64, for this module, each numpy found, and
// TensorFlow.js's cpu and wasm backends. Each trainer runs enough iterations for ~0.2 s a run (at
// least one) and reports its median time per iteration. What is timed is the training loop alone,
// for every one: numpy's loop over arrays made beforehand, TF.js's over tensors made beforehand, and
// the module's kernel (dist/kernel/train.js's trainInWasm, what train() runs once it has checked
// the rows) from its first iteration to its last, timed by its record callback, so without what a
// call does once before its loop. The memory part of `npm run bench` times train() whole at 1,000,000 x 64.
// bench/bench.mjs runs it and draws docs/bench-scaling.svg with scalingSvg.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { root } from "../scripts/setup.mjs";
import { DATA_SEED, median, packedData, startingWeights } from "./data.mjs";
import { BACKENDS, tfTrainer } from "./tfjs.mjs";

export const LADDER = [
  { rows: 4, cols: 3 },
  { rows: 100, cols: 8 },
  { rows: 1000, cols: 16 },
  { rows: 10000, cols: 32 },
  { rows: 100000, cols: 32 },
  { rows: 1000000, cols: 64 },
];
const TARGET = 0.2; // seconds a timed run aims at
/** Timed runs per trainer and size, after the calibrating (warm-up) runs: fewer for the largest. */
const repeatsFor = (rows, cols) => (rows * cols >= 1e7 ? 3 : 5);
const NUMPY_LIMIT = 10; // seconds: a numpy point expected to take longer is skipped

/**
 * Warms the trainer up and finds how many iterations make a run take about TARGET seconds (runs of
 * 1, 8, 64, … iterations, until one takes TARGET / 8 and TARGET has been spent, counting all a run's
 * time, and not on the first run alone unless it took a second), then times `repeats` runs of that
 * many: the median seconds per iteration, and the iterations.
 *
 * @param run - trains n iterations: { seconds } of training, and `wall`, all the run's time, if more
 * @param runs - trains `repeats` runs of n iterations: the seconds of each (default: `run`, `repeats` times)
 */
function perIteration(run, repeats, runs = (n) => Array.from({ length: repeats }, () => run(n).seconds)) {
  let n = 1;
  let spent = 0;
  let seconds = 0;
  let count = 0;
  do {
    const result = run(n);
    seconds = result.seconds;
    spent += result.wall ?? seconds;
    count++;
    if (seconds < TARGET / 8) n *= 8;
    // a first run can be a cold one (code still being compiled): its time decides nothing, unless costly
  } while ((seconds < TARGET / 8 || spent < TARGET || (count < 2 && spent < 1)) && n < 1e7);
  const iterations = Math.max(1, Math.round((TARGET * n) / seconds));
  return { seconds: median(runs(iterations)) / iterations, iterations };
}

/**
 * This module's training loop: one call of its kernel (what train() runs on the rows it has packed)
 * trains `count` runs of n iterations back to back, and its record callback, called before every
 * n-th iteration, times each run. So what a call does once before its loop (the WebAssembly kernel
 * lays the rows out in its memory) is left out, as numpy's and TF.js's making of their arrays is.
 */
function kernelRuns(trainInWasm, x, y, start, n, count) {
  const marks = [];
  const began = performance.now();
  const record = () => marks.push(performance.now());
  const weights = [Float64Array.from(start)];
  const layers = [start.length, 1];
  trainInWasm({ rows: x, targets: y, weights, layers, iterations: count * n + 1, learningRate: 1, every: n, record });
  const wall = (performance.now() - began) / 1000;
  return { seconds: marks.slice(1).map((mark, i) => (mark - marks[i]) / 1000), wall };
}

/** numpy's iterations for ~TARGET seconds, from its usual costs (a per-call overhead, then ~3 ns a number). */
const numpyIterations = (rows, cols) => Math.max(1, Math.round(TARGET / (15e-6 + rows * cols * 3e-9)));

/** numpy's reference at one size, in its own process: the median seconds per iteration. */
function numpyPerIteration(python, rows, cols, iterations, repeats) {
  const args = [join(root, "test", "reference", "perceptron.py"), "bench"];
  const options = { rows, cols, iterations, repeats, "data-seed": DATA_SEED };
  for (const [name, value] of Object.entries(options)) args.push(`--${name}`, String(value));
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const result = spawnSync(python, args, { env, encoding: "utf8", maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`numpy reference failed with ${python}: ${result.stderr}`);
  return { seconds: median(JSON.parse(result.stdout).seconds) / iterations, iterations };
}

/**
 * The ladder, measured: per size, each trainer's median seconds per iteration (and iterations run).
 *
 * @param numpys - [{ python, name }]: each numpy to measure, with the name its series gets
 * @param log - called with a line of progress per size
 */
export async function scaling(numpys, log = () => {}) {
  const module = createRequire(import.meta.url)(root);
  const { trainInWasm } = createRequire(import.meta.url)(join(root, "dist", "kernel", "train.js"));
  const points = [];
  // per numpy, its cost of an iteration: an overhead (the smallest size's time) and a cost per number
  const numpyCost = new Map();
  for (const { rows, cols } of LADDER) {
    const repeats = repeatsFor(rows, cols);
    const { x, y } = packedData(module.seededRandom, rows, cols);
    const start = Float64Array.from(startingWeights(module, cols)[0].flat());
    const point = { rows, cols, series: {} };
    // this module: its training loop, on a fresh copy of the starting weights each run
    point.series["this module"] = perIteration(
      (n) => {
        const { seconds, wall } = kernelRuns(trainInWasm, x, y, start, n, 1);
        return { seconds: seconds[0], wall };
      },
      repeats,
      (n) => kernelRuns(trainInWasm, x, y, start, n, repeats).seconds,
    );
    // numpy, skipped where a point would take more than NUMPY_LIMIT seconds
    for (const { python, name } of numpys) {
      const iterations = numpyIterations(rows, cols);
      const cost = numpyCost.get(python);
      const expected = cost ? (repeats + 1) * iterations * (cost.overhead + rows * cols * cost.perNumber) : 0;
      if (expected > NUMPY_LIMIT) {
        point.series[name] = { skipped: `expected to take ${expected.toFixed(0)} s` };
        continue;
      }
      point.series[name] = numpyPerIteration(python, rows, cols, iterations, repeats);
      const { seconds } = point.series[name];
      if (!cost) numpyCost.set(python, { overhead: seconds, perNumber: 0 });
      else cost.perNumber = Math.max(cost.perNumber, (seconds - cost.overhead) / (rows * cols));
    }
    // TensorFlow.js, float32, on each backend
    const weights = startingWeights(module, cols);
    const rows32 = Float32Array.from(x);
    for (const backend of BACKENDS) {
      const trainer = await tfTrainer(backend, { x: rows32, y, weights });
      try {
        point.series[`TF.js ${backend}`] = perIteration((n) => trainer.run(n), repeats);
      } finally {
        trainer.dispose();
      }
    }
    points.push(point);
    log(point);
  }
  return points;
}

// ---------------------------------------------------------------------------------------------
// The chart: a hand-written SVG, log-log, one line per trainer.

const COLORS = ["#0072B2", "#E69F00", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#000000"]; // Okabe and Ito's
const MARKERS = ["circle", "square", "triangle", "diamond", "cross", "circle", "square"];
const DASHES = ["", "6 3", "2 3", "", "6 3", "2 3", ""];

const xml = (text) =>
  String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const number = (value) => Number(value.toFixed(1));
const count = (value) =>
  value >= 1e6 ? `${value / 1e6}M` : value >= 1e3 ? `${value / 1e3}k` : value.toLocaleString("en");

/** A duration for people: 120 ns, 4.5 µs, 12 ms, 1.2 s. */
export function duration(seconds) {
  const [unit, scale] =
    seconds >= 1 ? ["s", 1] : seconds >= 1e-3 ? ["ms", 1e3] : seconds >= 1e-6 ? ["µs", 1e6] : ["ns", 1e9];
  const value = seconds * scale;
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${unit}`;
}

function marker(shape, x, y, color) {
  if (shape === "square")
    return `<rect x="${number(x - 4)}" y="${number(y - 4)}" width="8" height="8" fill="${color}"/>`;
  if (shape === "triangle")
    return `<path d="M${number(x)},${number(y - 5)} L${number(x + 5)},${number(y + 4)} L${number(x - 5)},${number(y + 4)} Z" fill="${color}"/>`;
  if (shape === "diamond")
    return `<path d="M${number(x)},${number(y - 5.5)} L${number(x + 5.5)},${number(y)} L${number(x)},${number(y + 5.5)} L${number(x - 5.5)},${number(y)} Z" fill="${color}"/>`;
  if (shape === "cross")
    return `<path d="M${number(x - 4)},${number(y - 4)} L${number(x + 4)},${number(y + 4)} M${number(x + 4)},${number(y - 4)} L${number(x - 4)},${number(y + 4)}" stroke="${color}" stroke-width="2.5"/>`;
  return `<circle cx="${number(x)}" cy="${number(y)}" r="4.5" fill="${color}"/>`;
}

/**
 * The ladder as a log-log SVG chart: time per iteration against rows x inputs, a line per trainer.
 *
 * @param points - what scaling() returned
 * @param caption - where and when it was measured (under the title, and in the description)
 */
export function scalingSvg(points, caption) {
  const names = [...new Set(points.flatMap((p) => Object.keys(p.series)))];
  const measured = points.flatMap((p) =>
    Object.values(p.series)
      .filter((s) => s.seconds)
      .map((s) => s.seconds),
  );
  const [width, height] = [960, 520];
  const plot = { left: 86, right: 600, top: 104, bottom: 450 };
  const captions = Array.isArray(caption) ? caption : [caption];
  const xs = points.map((p) => p.rows * p.cols);
  const [x0, x1] = [Math.floor(Math.log10(Math.min(...xs))), Math.ceil(Math.log10(Math.max(...xs)))];
  const [y0, y1] = [Math.floor(Math.log10(Math.min(...measured))), Math.ceil(Math.log10(Math.max(...measured)))];
  const px = (v) => plot.left + ((Math.log10(v) - x0) / (x1 - x0)) * (plot.right - plot.left);
  const py = (v) => plot.bottom - ((Math.log10(v) - y0) / (y1 - y0)) * (plot.bottom - plot.top);
  const out = [];
  const title = "Time per training iteration against rows × inputs";
  const description = [
    `A log-log line chart. ${captions.join(" ")}`,
    "Horizontal axis: rows × inputs, the numbers in the data; vertical axis: time per iteration.",
    ...names.map(
      (name) =>
        `${name}: ${points
          .map(
            (p) =>
              `${p.rows.toLocaleString("en")} × ${p.cols}, ${p.series[name]?.seconds ? duration(p.series[name].seconds) : "not measured"}`,
          )
          .join("; ")}.`,
    ),
  ].join(" ");
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="title desc" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif">`,
    `<title id="title">${xml(title)}</title>`,
    `<desc id="desc">${xml(description)}</desc>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${plot.left}" y="28" font-size="18" font-weight="600" fill="#111111">${xml(title)} (log–log)</text>`,
    ...captions.map(
      (line, i) => `<text x="${plot.left}" y="${50 + i * 17}" font-size="12.5" fill="#444444">${xml(line)}</text>`,
    ),
  );
  // the grid and the axes' labels: a line at every power of ten
  for (let e = x0; e <= x1; e++) {
    const x = number(px(10 ** e));
    out.push(`<line x1="${x}" y1="${plot.top}" x2="${x}" y2="${plot.bottom}" stroke="#dddddd"/>`);
    out.push(
      `<text x="${x}" y="${plot.bottom + 18}" font-size="12" fill="#333333" text-anchor="middle">${count(10 ** e)}</text>`,
    );
  }
  for (let e = y0; e <= y1; e++) {
    const y = number(py(10 ** e));
    out.push(`<line x1="${plot.left}" y1="${y}" x2="${plot.right}" y2="${y}" stroke="#dddddd"/>`);
    out.push(
      `<text x="${plot.left - 8}" y="${number(y + 4)}" font-size="12" fill="#333333" text-anchor="end">${xml(duration(10 ** e).replace(/\.0+ /, " "))}</text>`,
    );
  }
  out.push(
    `<rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}" fill="none" stroke="#888888"/>`,
  );
  // each size, named at its place along the top of the plot
  let previous = Number.NEGATIVE_INFINITY;
  let raised = false;
  for (const p of points) {
    const x = number(px(p.rows * p.cols));
    raised = x - previous < 80 && !raised; // a label close to the one before goes a line higher
    previous = x;
    out.push(`<line x1="${x}" y1="${plot.top}" x2="${x}" y2="${plot.top + 6}" stroke="#888888"/>`);
    out.push(
      `<text x="${x}" y="${plot.top - (raised ? 20 : 6)}" font-size="11.5" fill="#444444" text-anchor="middle">${p.rows.toLocaleString("en")}×${p.cols}</text>`,
    );
  }
  out.push(
    `<text x="${number((plot.left + plot.right) / 2)}" y="${plot.bottom + 42}" font-size="13.5" fill="#111111" text-anchor="middle">rows × inputs (numbers in the data)</text>`,
    `<text transform="translate(22 ${number((plot.top + plot.bottom) / 2)}) rotate(-90)" font-size="13.5" fill="#111111" text-anchor="middle">time per iteration</text>`,
  );
  // a line and markers per trainer, and its legend entry
  names.forEach((name, i) => {
    const color = COLORS[i % COLORS.length];
    const shape = MARKERS[i % MARKERS.length];
    const at = points
      .filter((p) => p.series[name]?.seconds)
      .map((p) => [px(p.rows * p.cols), py(p.series[name].seconds)]);
    const dash = DASHES[i % DASHES.length] ? ` stroke-dasharray="${DASHES[i % DASHES.length]}"` : "";
    out.push(`<g aria-label="${xml(name)}">`);
    out.push(
      `<polyline points="${at.map(([x, y]) => `${number(x)},${number(y)}`).join(" ")}" fill="none" stroke="${color}" stroke-width="2.2"${dash}/>`,
    );
    for (const [x, y] of at) out.push(marker(shape, x, y, color));
    out.push("</g>");
    const ly = plot.top + 10 + i * 26;
    out.push(
      `<line x1="${plot.right + 20}" y1="${ly}" x2="${plot.right + 52}" y2="${ly}" stroke="${color}" stroke-width="2.2"${dash}/>`,
      marker(shape, plot.right + 36, ly, color),
      `<text x="${plot.right + 60}" y="${ly + 4.5}" font-size="13" fill="#111111">${xml(name)}</text>`,
    );
  });
  const note = plot.top + 10 + names.length * 26 + 14;
  const notes = [
    "Medians; the training loop alone:",
    "data converted beforehand for all.",
    "TF.js computes in float32,",
    "this module and numpy in float64.",
  ];
  notes.forEach((line, i) => {
    out.push(`<text x="${plot.right + 20}" y="${note + i * 17}" font-size="11.5" fill="#444444">${xml(line)}</text>`);
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
