// Memory at 1,000,000 rows x 64 inputs: 64 M numbers, 512 MB as one packed Float64Array. The issue's
// target: training 1,000,000 x 64 allocates nothing per iteration, and beyond one packed copy of the
// rows its peak stays under 10% of that copy's size. Each case runs in its own `node --expose-gc`
// process (side by side), which reads its resident memory from /proc/self/status (VmRSS, and VmHWM,
// its peak, reset before training by writing 5 to /proc/self/clear_refs), and V8's heap (its GC profiler).
// The cases:
//   rows     train() on an array of 1,000,000 number[] rows, as the notebooks and the README do;
//   views    train() on 1,000,000 Float64Array views into one packed Float64Array;
//   no-wasm  train() on number[] rows in a process with no WebAssembly (node --no-expose-wasm):
//            the readable rule (src/model/backpropagation.ts), the fallback, which is written to be
//            read, not to save memory (a new matrix per step, as nested arrays): shown, not held to the targets;
//   kernels  the WebAssembly kernel (dist/kernel/train.js's trainInWasm) on packed rows: what it
//            allocates an iteration on V8's heap (its young generation), once V8 has optimised it,
//            and how its resident memory grows from iteration to iteration.
// What is held to the 10% target, in the WebAssembly train() cases: what train() adds at its peak
// to what was resident just before it (the caller's rows already made), minus one packed copy (512 MB).
// usage: node bench/memory.mjs [--rows N --cols M] [--json]   (after npm run compile)
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import v8 from "node:v8";
import { root } from "../scripts/setup.mjs";

const MB = 1e6;
const ITERATIONS = 3;
/** The kernels' heap is metered over this many iterations, from iteration WINDOW to 2 · WINDOW. */
const WINDOW = 5;
/** Allocation an iteration that counts as none: a few numbers boxed at a call or the record, never one a row. */
const NOTHING = 4096;
const TARGET = 0.1;
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
 * A meter of what is allocated in V8's young generation (new space, and its large objects) between
 * its start() and stop(), and the collections in between: V8's GC profiler gives each space's size
 * before and after each collection, so what was allocated is the growth between them. The young
 * generation is where what a loop boxes goes; the code V8 compiles, and what it keeps with it, go
 * to other spaces, and would count a compilation during the window as the loop's.
 */
function heapMeter() {
  const YOUNG = new Set(["new_space", "new_large_object_space"]);
  const young = (spaces) =>
    spaces.reduce((total, space) => total + (YOUNG.has(space.spaceName) ? space.spaceUsedSize : 0), 0);
  const now = () =>
    young(
      v8
        .getHeapSpaceStatistics()
        .map((space) => ({ spaceName: space.space_name, spaceUsedSize: space.space_used_size })),
    );
  const profiler = new v8.GCProfiler();
  let start = 0;
  return {
    start() {
      start = now();
      profiler.start();
    },
    stop() {
      const { statistics } = profiler.stop();
      let bytes = 0;
      let last = start;
      for (const gc of statistics) {
        bytes += young(gc.beforeGC.heapSpaceStatistics) - last;
        last = young(gc.afterGC.heapSpaceStatistics);
      }
      return { bytes: bytes + now() - last, gcs: statistics.length };
    },
  };
}

/** The caller's values, in [0, 1) from a cheap sequence (memory does not depend on them). */
const value = (i) => (i * 0.6180339887498949) % 1;

/**
 * One kernel on packed rows, in steady state: first optimised by V8 on small rows, recording as it
 * will here, then called twice on these rows, each time for 2 · WINDOW iterations recorded every
 * WINDOW-th (at 0 and WINDOW); in the second call, its heap is metered from the record at
 * iteration WINDOW to its return (so over WINDOW iterations with no record in them), and its
 * resident memory read and the time taken at both. What V8 does once on these rows (compiling for
 * them, moving hot WebAssembly to its optimising compiler) is done in the first call.
 */
function kernelAllocation(train, packed, targets, cols) {
  const w = new Float64Array(cols);
  for (let i = 0; i < 200; i++) {
    train(packed.subarray(0, 64 * cols), targets.subarray(0, 64), w.fill(0), 20, 1, WINDOW, () => {});
  }
  const meter = heapMeter();
  const call = () => {
    let rss;
    let began;
    // as train() runs below: weights in [-1, 1), learning rate 1 (so σ soon leaves exp's common
    // case for most rows, its sums past ±707)
    for (let j = 0; j < cols; j++) w[j] = 2 * value(7 * j + 3) - 1;
    train(packed, targets, w, 2 * WINDOW, 1, WINDOW, (iteration) => {
      if (iteration === WINDOW) {
        rss = resident().rss;
        began = performance.now();
        meter.start();
      }
    });
    const heap = meter.stop();
    return { ...heap, seconds: (performance.now() - began) / 1000, rss: resident().rss - rss };
  };
  call();
  // what the meter allocates itself (its profiler's results), taken off
  let idle = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    meter.start();
    idle = Math.min(idle, meter.stop().bytes);
  }
  globalThis.gc();
  const { bytes, gcs, seconds, rss } = call();
  return { bytes: (bytes - idle) / WINDOW, idle, gcs, rss: rss / WINDOW, seconds: seconds / WINDOW };
}

/** One case, in this process (started with --expose-gc): what it measured. */
function measure(kind, rows, cols) {
  const require = createRequire(import.meta.url);
  const packedBytes = rows * cols * 8;
  if (kind === "kernels") {
    const { trainInWasm } = require(join(root, "dist", "kernel", "train.js"));
    const trainFast = (rows, targets, w, iterations, learningRate, every, record) =>
      trainInWasm({ rows, targets, weights: [w], layers: [w.length, 1], iterations, learningRate, every, record });
    const packed = new Float64Array(rows * cols);
    for (let i = 0; i < packed.length; i++) packed[i] = value(i);
    const targets = new Float64Array(rows);
    for (let r = 0; r < rows; r++) targets[r] = packed[r * cols] > 0.5 ? 1 : 0;
    const wasm = kernelAllocation(trainFast, packed, targets, cols);
    return { kind, rows, cols, packedBytes, wasm };
  }
  const { Perceptron } = require(root);
  const { wasmAvailable } = require(join(root, "dist", "kernel", "instance.js"));
  // first, train() and its kernel optimised by V8 on small rows of the same kind, so that what is
  // measured below is their steady state, not the interpreter's
  const few = new Float64Array(64 * cols).map((_, i) => value(i));
  const small = Array.from({ length: 64 }, (_, r) =>
    kind === "views" ? few.subarray(r * cols, (r + 1) * cols) : Array.from(few.subarray(r * cols, (r + 1) * cols)),
  );
  const smallY = small.map((row) => (row[0] > 0.5 ? 1 : 0));
  for (let i = 0; i < 200; i++) new Perceptron({ inputs: cols, seed: 1 }).train(small, smallY, 20);
  globalThis.gc();
  const start = resident().rss;

  let x;
  if (kind === "views") {
    const packed = new Float64Array(rows * cols);
    for (let i = 0; i < packed.length; i++) packed[i] = value(i);
    x = Array.from({ length: rows }, (_, r) => packed.subarray(r * cols, (r + 1) * cols));
  } else {
    x = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, j) => value(r * cols + j)));
  }
  const y = Array.from({ length: rows }, (_, r) => (value(r * cols) > 0.5 ? 1 : 0));
  globalThis.gc();
  const data = resident().rss - start;

  // train(): its peak, above what was resident just before
  const p = new Perceptron({ inputs: cols, seed: 1 });
  globalThis.gc();
  const before = resident().rss;
  resetPeak();
  const began = performance.now();
  p.train(x, y, ITERATIONS);
  const seconds = (performance.now() - began) / 1000;
  const added = resident().peak - before;
  return { kind, rows, cols, packedBytes, wasm: wasmAvailable(), data, added, seconds, iterations: ITERATIONS };
}

const CASES = ["rows", "views", "no-wasm", "kernels"];

/** The cases, each in its own `node --expose-gc` process, side by side: rows, views, no-wasm, kernels. */
export function memory(rows = 1000000, cols = 64) {
  const script = fileURLToPath(import.meta.url);
  const one = (kind) =>
    new Promise((resolve, reject) => {
      const flags = kind === "no-wasm" ? ["--expose-gc", "--no-expose-wasm"] : ["--expose-gc"];
      const args = [...flags, script, "--case", kind, "--rows", String(rows), "--cols", String(cols)];
      execFile(process.execPath, args, (error, out, err) =>
        error
          ? reject(new Error(`bench/memory.mjs (${kind}) failed: ${err || error.message}`))
          : resolve(JSON.parse(out)),
      );
    });
  return Promise.all(CASES.map(one));
}

const mb = (bytes) => `${(bytes / MB).toLocaleString("en", { maximumFractionDigits: 1 })} MB`;
const percent = (part, whole) => `${((100 * part) / whole).toFixed(1)}%`;
const met = (ok) => (ok ? "met" : "NOT MET");

/** Whether the cases meet the two targets: { peak, perIteration }, each true or false. */
export function memoryTargets(cases) {
  const trains = cases.filter((c) => c.kind !== "kernels" && c.wasm);
  const { wasm } = cases.find((c) => c.kind === "kernels");
  return {
    peak: trains.every((c) => c.added - c.packedBytes < TARGET * c.packedBytes),
    perIteration: wasm.bytes < NOTHING,
  };
}

/** What the cases measured, in lines for people (the first says what; the next, the headlines). */
export function describeMemory(cases) {
  const byKind = Object.fromEntries(cases.map((c) => [c.kind, c]));
  const { rows: arrays, views, "no-wasm": fallback, kernels } = byKind;
  const size = `${arrays.rows.toLocaleString("en")} x ${arrays.cols}`;
  const copy = arrays.packedBytes;
  const targets = memoryTargets(cases);
  const trainLine = (c, what) => {
    const beyond = c.added - copy;
    const target = c.wasm ? `target < ${100 * TARGET}%): ${met(beyond < TARGET * copy)}` : "not held to the target)";
    return (
      `- ${what} (${c.wasm ? "WebAssembly kernel" : "the readable rule, no WebAssembly"}): train() adds ${mb(c.added)} at its peak, ` +
      `${mb(beyond)} beyond one packed copy (${percent(beyond, copy)} of its ${mb(copy)}; ${target}. ` +
      `The rows themselves take ${mb(c.data)}; train() took ${c.seconds.toFixed(1)} s.`
    );
  };
  const kernelLine = (k, what) =>
    `${what} ${Math.round(k.bytes).toLocaleString("en")} bytes an iteration in V8's young generation (${(k.bytes / arrays.rows).toFixed(3)} a row; ` +
    `${k.gcs} collections), its resident memory ${k.rss >= 0 ? "grows" : "shrinks"} ${(Math.abs(k.rss) / 1e3).toLocaleString("en", { maximumFractionDigits: 0 })} kB an iteration ` +
    `(${k.seconds.toFixed(2)} s an iteration)`;
  return [
    `Memory, training ${size} (${arrays.iterations} iterations), each case in a fresh node --expose-gc process, side by side (MB = 10^6 bytes). ` +
      `Peak beyond one packed copy of the rows, under ${100 * TARGET}% of it: ${met(targets.peak)}; ` +
      `nothing allocated per iteration (under ${NOTHING.toLocaleString("en")} bytes, none a row): ${met(targets.perIteration)}.`,
    trainLine(arrays, "Rows as number[] arrays"),
    trainLine(views, "Rows as Float64Array views into one packed Float64Array"),
    trainLine(fallback, "Rows as number[] arrays"),
    `- Per iteration, once optimised, on packed rows: ${kernelLine(kernels.wasm, "the WebAssembly kernel allocates")}: ` +
      `${met(kernels.wasm.bytes < NOTHING)}. ` +
      `Metered over ${WINDOW} iterations with no record callback in them, in a second call on these rows; ` +
      `V8's young generation, where what a loop boxes goes, less what the meter allocates itself (${(kernels.wasm.idle / 1e3).toFixed(1)} kB).`,
    `- What train() adds beyond the one copy: the targets packed (${mb(arrays.rows * 8)}), and with WebAssembly their copy in its memory, and the weights. ` +
      "The one copy is the rows laid out where the kernel trains on them: the WebAssembly kernel's memory (its instance dropped after training). " +
      "Without WebAssembly the readable rule trains on one packed copy too (its rows views into it), and makes a new matrix (nested arrays) for each step of each iteration.",
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
