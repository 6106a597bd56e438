// Memory at 1,000,000 rows x 64 inputs: 64 M numbers, 512 MB as one packed Float64Array. The issue's
// target: training allocates nothing per iteration, and beyond one packed copy of the rows its peak
// stays under 10% of that copy's size. Each case runs in its own `node --expose-gc` process (the three
// side by side), and reads the process's resident memory from /proc/self/status (VmRSS, and VmHWM, its
// peak, reset before training by writing 5 to /proc/self/clear_refs), and V8's heap (its GC profiler).
// Two ways to hand the rows to Perceptron.train, which takes an array of rows:
//   rows   an array of 1,000,000 number[] rows, as the notebooks and the README do;
//   views  1,000,000 Float64Array views into one packed Float64Array (the leanest rows it accepts).
// What is counted, in each: the process's resident memory at its peak during train() minus what it
// was before the rows were made (Node and the module loaded), minus one packed copy (512 MB). Apart,
// what train() itself adds at its peak beyond what was resident just before it; and, in a third
// process, its kernel on packed rows: its peak, and its resident memory and V8 heap from iteration to
// iteration, read by its record callback.
// usage: node bench/memory.mjs [--rows N --cols M] [--json]   (after npm run compile)
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import v8 from "node:v8";
import { root } from "../scripts/setup.mjs";

const MB = 1e6;
const ITERATIONS = 3;
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

/** Resident memory now and at its peak since the last reset, in bytes. */
function resident() {
  const status = readFileSync("/proc/self/status", "utf8");
  const kB = (field) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))[1]) * 1024;
  return { rss: kB("VmRSS"), peak: kB("VmHWM") };
}
const resetPeak = () => writeFileSync("/proc/self/clear_refs", "5");

/**
 * A meter of what is allocated on V8's heap between its start() and stop(), and the collections in
 * between: V8's GC profiler gives the heap's size before and after each collection, so what was
 * allocated is the growth between them.
 */
function heapMeter() {
  const used = (stats) => stats.heapSpaceStatistics.reduce((total, space) => total + space.spaceUsedSize, 0);
  const profiler = new v8.GCProfiler();
  let start = 0;
  return {
    start() {
      start = v8.getHeapStatistics().used_heap_size;
      profiler.start();
    },
    stop() {
      const { statistics } = profiler.stop();
      let bytes = 0;
      let last = start;
      for (const gc of statistics) {
        bytes += used(gc.beforeGC) - last;
        last = used(gc.afterGC);
      }
      return { bytes: bytes + v8.getHeapStatistics().used_heap_size - last, gcs: statistics.length };
    },
  };
}

/**
 * train()'s kernel on packed rows (optimised first on small ones), in a process that holds little
 * else, for ITERATIONS + 2 iterations: its peak resident memory above what was resident before it;
 * and, from its record callback, called at each iteration, its resident memory at each and what it
 * allocates on V8's heap from the second iteration to the last (its WebAssembly memory is not V8's heap).
 */
function kernelAllocation(rows, cols, value) {
  const { trainFast } = createRequire(import.meta.url)(join(root, "dist", "kernel.js"));
  const packed = new Float64Array(rows * cols);
  for (let i = 0; i < packed.length; i++) packed[i] = value(i);
  const targets = new Float64Array(rows);
  for (let r = 0; r < rows; r++) targets[r] = packed[r * cols] > 0.5 ? 1 : 0;
  const w = new Float64Array(cols);
  for (let i = 0; i < 200; i++)
    trainFast(packed.subarray(0, 64 * cols), targets.subarray(0, 64), w.fill(0), 20, 1, 0, () => {});
  const iterations = ITERATIONS + 2;
  const rss = [];
  const meter = heapMeter();
  let heap;
  const record = (iteration) => {
    rss.push(resident().rss);
    if (iteration === 1) meter.start();
    if (iteration === iterations - 1) heap = meter.stop();
  };
  globalThis.gc();
  const before = resident().rss;
  resetPeak();
  trainFast(packed, targets, w, iterations, 1, 1, record);
  return { added: resident().peak - before, rss, heap, iterations: iterations - 2 };
}

/** One case, in this process (started with --expose-gc): what it measured. */
function measure(kind, rows, cols) {
  const { Perceptron } = createRequire(import.meta.url)(root);
  const packedBytes = rows * cols * 8;
  // the caller's rows: values in [0, 1) from a cheap sequence (memory does not depend on them)
  const value = (i) => (i * 0.6180339887498949) % 1;
  if (kind === "kernel") return { kind, kernel: kernelAllocation(rows, cols, value) };
  // first, train() and its kernel optimised by V8 on small rows of the same kind, so that what is
  // measured below is their steady state, not the interpreter's
  const few = new Float64Array(64 * cols).map((_, i) => value(i));
  const small = Array.from({ length: 64 }, (_, r) =>
    kind === "rows" ? Array.from(few.subarray(r * cols, (r + 1) * cols)) : few.subarray(r * cols, (r + 1) * cols),
  );
  const smallY = small.map((row) => (row[0] > 0.5 ? 1 : 0));
  for (let i = 0; i < 200; i++) new Perceptron({ inputs: cols, seed: 1 }).train(small, smallY, 20);
  globalThis.gc();
  const start = resident().rss;

  let x;
  let packed;
  if (kind === "rows") {
    x = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, j) => value(r * cols + j)));
  } else {
    packed = new Float64Array(rows * cols);
    for (let i = 0; i < packed.length; i++) packed[i] = value(i);
    x = Array.from({ length: rows }, (_, r) => packed.subarray(r * cols, (r + 1) * cols));
  }
  const y = Array.from({ length: rows }, (_, r) => (value(r * cols) > 0.5 ? 1 : 0));
  globalThis.gc();
  const data = resident().rss - start;

  // train(): its peak, above what was resident just before, and above the start
  const p = new Perceptron({ inputs: cols, seed: 1 });
  const runs = {};
  for (const iterations of [ITERATIONS]) {
    globalThis.gc();
    const before = resident().rss;
    resetPeak();
    const began = performance.now();
    p.train(x, y, iterations);
    const seconds = (performance.now() - began) / 1000;
    const { peak } = resident();
    runs[iterations] = { seconds, added: peak - before, beyondStart: peak - start };
  }
  return { kind, rows, cols, packedBytes, start, data, runs, iterations: ITERATIONS };
}

/** The cases, each in its own `node --expose-gc` process, side by side: rows, views, and the kernel. */
export function memory(rows = 1000000, cols = 64) {
  const script = fileURLToPath(import.meta.url);
  const one = (kind) =>
    new Promise((resolve, reject) => {
      const args = ["--expose-gc", script, "--case", kind, "--rows", String(rows), "--cols", String(cols)];
      const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout.on("data", (chunk) => {
        out += chunk;
      });
      child.stderr.on("data", (chunk) => {
        err += chunk;
      });
      child.on("close", (code) =>
        code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`bench/memory.mjs (${kind}) failed: ${err}`)),
      );
    });
  return Promise.all(["rows", "views", "kernel"].map(one));
}

const mb = (bytes) => `${(bytes / MB).toLocaleString("en", { maximumFractionDigits: 1 })} MB`;
const percent = (part, whole) => `${((100 * part) / whole).toFixed(1)}%`;

/** What the cases measured, in lines for people (the first says what; the next two, the headlines). */
export function describeMemory(cases) {
  const [rows, views, { kernel }] = cases;
  const size = `${rows.rows.toLocaleString("en")} x ${rows.cols}`;
  const copy = rows.packedBytes;
  const n = rows.iterations;
  // what train() adds is read at its first call in its process: a later one can reuse what an earlier freed
  const first = (c) => c.runs[Math.min(...Object.keys(c.runs).map(Number))];
  const headline = (c, what) => {
    const beyond = Math.max(...Object.values(c.runs).map((run) => run.beyondStart)) - copy;
    return (
      `${what}: peak beyond the packed copy: ${mb(beyond)} (${percent(beyond, copy)} of its ${mb(copy)}; target < 10%): ` +
      `${beyond < 0.1 * copy ? "met" : "not met"}. The rows take ${mb(c.data)}, train() adds ${mb(first(c).added)} at its peak`
    );
  };
  const own = Math.max(first(rows).added, first(views).added) - copy;
  const kernelBytes = kernel.heap.bytes / kernel.iterations;
  const growth = (kernel.rss[kernel.rss.length - 1] - kernel.rss[1]) / kernel.iterations;
  const targets = rows.rows * 8;
  return [
    `Memory, training ${size} (${n} iterations), each case in a fresh node --expose-gc process: the process's resident memory at its peak, beyond what it was before the rows were made (MB = 10^6 bytes):`,
    `- ${headline(rows, "rows as number[] arrays")}`,
    `- ${headline(views, "rows as Float64Array views into one packed Float64Array")}`,
    `- train() itself, beyond its own packed copy of the rows: ${mb(own)} (${percent(own, copy)}): the targets packed ` +
      `(${mb(targets)}), the weights${own > copy / 2 ? ", and a second copy of the rows, which its kernel trains on (the WebAssembly kernel lays them out in its own memory)" : ""}. ` +
      `It packs the rows on every call: train() took ${rows.runs[n].seconds.toFixed(1)} s from number[] rows, ${views.runs[n].seconds.toFixed(1)} s from views (the cases side by side on the machine).`,
    `- Per iteration, the kernel on the packed rows (${mb(kernel.added)} above what was resident before it), over ${kernel.iterations} ` +
      `iterations after its first: its resident memory grows ${(growth / 1e3).toLocaleString("en", { maximumFractionDigits: 0 })} kB an iteration, ` +
      `and it allocates ${Math.round(kernelBytes).toLocaleString("en")} bytes an iteration on V8's heap (${(kernelBytes / rows.rows).toFixed(2)} a row; ` +
      `${kernel.heap.gcs} collections; the callback that reads these allocates a few kB itself).`,
    `- What would meet the target: train() taking the rows packed (one Float64Array of rows × inputs) and its kernel ` +
      `training on them where they are, with no copy; beyond that one copy there would be the targets and the weights (${mb(targets)}, ${percent(targets, copy)}).`,
  ];
}

// Run directly: the summary; with --case, one case's measurement as JSON (what memory() runs).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const kind = process.argv[process.argv.indexOf("--case") + 1];
  if (process.argv.includes("--case")) {
    if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
    process.stdout.write(`${JSON.stringify(measure(kind, arg("rows", 1000000), arg("cols", 64)))}\n`);
  } else {
    const cases = await memory(arg("rows", 1000000), arg("cols", 64));
    if (process.argv.includes("--json")) console.log(JSON.stringify(cases));
    else console.log(describeMemory(cases).join("\n"));
  }
}
