// The WebAssembly kernel (assembly/kernel.ts, built into kernel-wasm-bytes.ts by
// scripts/build-wasm.mjs): its loading, and the copying of a problem into its memory and back.
// The same bytes run in Node and in the browser, so they give the same bits in both. The rows go
// straight from the caller's form (an array of rows, or one packed Float64Array) into the kernel's
// layout in its memory: that is the one copy of them that training makes.

import { checkCopiedRows } from "../checks/validate";
import type { Recorder, Rows } from "./typescript";
import { KERNEL_WASM } from "./wasm-bytes";

interface Exports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  perceptron(
    xs: number,
    ys: number,
    w: number,
    adjustment: number,
    blocks: number,
    m: number,
    rows: number,
    from: number,
    to: number,
    learningRate: number,
    every: number,
    countdown: number,
  ): number;
  layered(
    table: number,
    y: number,
    from: number,
    to: number,
    learningRate: number,
    every: number,
    countdown: number,
  ): number;
}

/** A kernel instance: its exports, and the recorder its `record` import calls now. */
interface Kernel {
  exports: Exports;
  record: Recorder;
  busy: boolean;
}

/**
 * Above this many bytes a problem gets an instance of its own, freed with it; below, one instance
 * is kept (and its memory with it, grown to the largest such problem): fresh memory costs its page
 * faults (~90 ms for 27 MB on the bench's machine, more than 20 iterations at 100,000 x 32).
 */
const KEEP = 1 << 26;
/**
 * The order of a block's 8 rows in the kernel's memory: lanes (0, 2), (1, 3), (4, 6), (5, 7). Row
 * ORDER[t] of a block is at place t, and (the order being its own inverse) row s at place ORDER[s].
 */
const ORDER = [0, 2, 1, 3, 4, 6, 5, 7];
/** The recorder a kernel holds between trainings. */
const IGNORE: Recorder = () => {};
/** Multiply-adds a call does at most: V8 swaps its optimised code in between calls. */
const SLICE = 1 << 20;

/** Runs iterations 0 … iterations − 1 as `step(from, to, countdown)` slices of about SLICE work. */
function sliced(iterations: number, work: number, step: (from: number, to: number, countdown: number) => number) {
  const size = Math.max(1, Math.floor(SLICE / Math.max(1, work)));
  for (let from = 0, countdown = 0; from < iterations; from += size) {
    countdown = step(from, Math.min(iterations, from + size), countdown);
  }
}
let wasmModule: WebAssembly.Module | null | undefined;
let kept: Kernel | undefined;

/** The compiled module, or null where WebAssembly (or its SIMD) cannot run. */
function compiled(): WebAssembly.Module | null {
  if (wasmModule !== undefined) return wasmModule;
  try {
    const text = atob(KERNEL_WASM);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    wasmModule = new WebAssembly.Module(bytes);
  } catch {
    wasmModule = null;
  }
  return wasmModule;
}

/** An instance with at least `bytes` free past its heap base: the kept one when it is small and idle. */
function kernel(bytes: number): Kernel | null {
  const m = compiled();
  if (m === null) return null;
  const reuse = bytes <= KEEP && kept !== undefined && !kept.busy;
  let k: Kernel;
  if (reuse && kept) {
    k = kept;
  } else {
    const made: Kernel = { exports: undefined as unknown as Exports, record: () => {}, busy: false };
    const instance = new WebAssembly.Instance(m, { kernel: { record: (i: number, e: number) => made.record(i, e) } });
    made.exports = instance.exports as unknown as Exports;
    k = made;
    if (bytes <= KEEP && kept === undefined) kept = k;
  }
  const memory = k.exports.memory;
  const needed = base(k) + bytes;
  if (memory.buffer.byteLength < needed) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
  return k;
}

/** Where a kernel's free memory begins, aligned to 16 bytes. */
const base = (k: Kernel) => (k.exports.heapBase() + 15) & ~15;

/** Whether the WebAssembly kernel runs here. */
export function wasmAvailable(): boolean {
  return compiled() !== null;
}

/**
 * Lays rows out in the perceptron kernel's blocks of 8: each block column by column, its rows in
 * the order ORDER; the rows past the last, up to a whole block, zeros. Row by row, as the caller
 * has them: so an array of rows goes in with no packed copy between.
 */
function layBlocks(x: Rows, n: number, m: number, blocks: number, memory: Float64Array): void {
  const stride = 8 * m;
  /** Where row r's first value goes: its block, then its place in the block; its next values 8 apart. */
  const slot = (r: number) => (r >> 3) * stride + ORDER[r & 7];
  if (x instanceof Float64Array) {
    for (let r = 0; r < n; r++) {
      for (let j = 0, at = slot(r), i = r * m; j < m; j++, at += 8, i++) memory[at] = x[i];
    }
  } else {
    copyRows(x, n, m, memory, slot, 8);
  }
  for (let r = n; r < 8 * blocks; r++) {
    for (let j = 0, at = slot(r); j < m; j++, at += 8) memory[at] = 0;
  }
}

/**
 * Copies n checked rows of m values each into `to`, row r's value j at `at(r) + j · step`, and
 * checks as it goes that they are still the rows that were checked (checkCopiedRows): the one copy
 * of an array of rows, in the kernel's memory or (packRows) for the TypeScript kernel.
 */
export function copyRows(
  x: ReadonlyArray<ArrayLike<number>>,
  n: number,
  m: number,
  to: Float64Array,
  at: (r: number) => number,
  step: number,
): void {
  checkCopiedRows(0, x.length, n);
  let sum = 0; // v − v over every value: 0 unless one is NaN or ±∞
  for (let r = 0; r < n; r++) {
    const row = x[r];
    for (let j = 0, i = at(r); j < m; j++, i += step) {
      const v = row[j];
      to[i] = v;
      sum += v - v;
    }
  }
  checkCopiedRows(sum, n, n);
}

/**
 * The perceptron's training (kernel.ts's trainFast) in WebAssembly; false, having done nothing,
 * where it cannot run. The rows (checked by the caller) are laid out in the instance's memory, with
 * no other copy; an instance for more than KEEP bytes is dropped after, its memory with it.
 */
export function trainPerceptronWasm(
  x: Rows,
  y: Float64Array,
  w: Float64Array,
  iterations: number,
  learningRate: number,
  every: number,
  record: Recorder,
): boolean {
  const n = y.length;
  const m = w.length;
  const blocks = Math.ceil(n / 8);
  const doubles = blocks * 8 * m + blocks * 8 + m + 2 * m;
  const k = kernel(doubles * 8);
  if (k === null) return false;
  const start = base(k);
  const memory = new Float64Array(k.exports.memory.buffer, start, doubles);
  // the rows in blocks of 8; the rows past the last: 0, target ½
  layBlocks(x, n, m, blocks, memory);
  const ys = blocks * 8 * m;
  for (let b = 0; b < blocks; b++) {
    for (let t = 0; t < 8; t++) {
      const r = 8 * b + ORDER[t];
      memory[ys + 8 * b + t] = r < n ? y[r] : 0.5;
    }
  }
  const ws = ys + blocks * 8;
  const weights = memory.subarray(ws, ws + m);
  weights.set(w);
  k.record = (iteration, meanSquaredError) => {
    w.set(weights);
    record(iteration, meanSquaredError);
  };
  k.busy = true;
  try {
    const { perceptron } = k.exports;
    const [xsAt, ysAt, wAt, adjustmentAt] = [start, start + ys * 8, start + ws * 8, start + (ws + m) * 8];
    sliced(iterations, blocks * 8 * m, (from, to, countdown) =>
      perceptron(xsAt, ysAt, wAt, adjustmentAt, blocks, m, n, from, to, learningRate, every, countdown),
    );
  } finally {
    k.busy = false;
    k.record = IGNORE; // so that the caller's steps are not kept alive until the next training
  }
  w.set(weights);
  return true;
}

/**
 * A network's training (kernel.ts's trainLayersFast, sum for sum: the same bits) in WebAssembly;
 * false, having done nothing, where it cannot run. The rows (checked by the caller) are packed row
 * by row in the instance's memory, with no other copy.
 */
export function trainLayersWasm(
  x: Rows,
  y: Float64Array,
  w: Float64Array[],
  layers: readonly number[],
  iterations: number,
  learningRate: number,
  every: number,
  record: Recorder,
): boolean {
  const depth = w.length;
  const n = y.length / layers[depth];
  const words = 2 + 4 * (depth + 1); // the table, in 32-bit words; padded to whole doubles below
  const tableDoubles = Math.ceil(words / 2) + 1;
  let doubles = tableDoubles + n * layers[0] + y.length;
  for (let l = 1; l <= depth; l++) doubles += 2 * n * layers[l];
  for (const layer of w) doubles += layer.length;
  const k = kernel(doubles * 8);
  if (k === null) return false;
  const start = base(k);
  const memory = new Float64Array(k.exports.memory.buffer, start, doubles);
  const table = new Int32Array(k.exports.memory.buffer, start, words);
  let at = tableDoubles;
  const place = (values: Float64Array | number) => {
    const here = at;
    if (typeof values === "number") {
      memory.fill(0, at, at + values);
      at += values;
    } else {
      memory.set(values, at);
      at += values.length;
    }
    return here;
  };
  /** The rows, packed row by row: copied as they are when packed, else row by row. */
  const placeRows = () => {
    if (x instanceof Float64Array) return place(x);
    const here = at;
    copyRows(x, n, layers[0], memory, (r) => here + r * layers[0], 1);
    at += n * layers[0];
    return here;
  };
  const address = (index: number) => start + index * 8;
  table[0] = depth;
  table[1] = n;
  for (let l = 0; l <= depth; l++) table[2 + l] = layers[l];
  const outs = 2 + (depth + 1);
  const deltas = outs + (depth + 1);
  const weightsAt = deltas + (depth + 1);
  table[outs] = address(placeRows());
  const ys = address(place(y));
  table[deltas] = 0; // delta[0] is never used
  for (let l = 1; l <= depth; l++) {
    table[outs + l] = address(place(n * layers[l]));
    table[deltas + l] = address(place(n * layers[l]));
  }
  const views = w.map((layer, l) => {
    const from = place(layer);
    table[weightsAt + l] = address(from);
    return memory.subarray(from, from + layer.length);
  });
  const copyBack = () => {
    for (let l = 0; l < depth; l++) w[l].set(views[l]);
  };
  k.record = (iteration, meanSquaredError) => {
    copyBack();
    record(iteration, meanSquaredError);
  };
  k.busy = true;
  try {
    const { layered } = k.exports;
    let work = 0;
    for (let l = 0; l < depth; l++) work += n * layers[l] * layers[l + 1];
    sliced(iterations, work, (from, to, countdown) => layered(start, ys, from, to, learningRate, every, countdown));
  } finally {
    k.busy = false;
    k.record = IGNORE; // so that the caller's steps are not kept alive until the next training
  }
  copyBack();
  return true;
}
