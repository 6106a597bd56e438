// The WebAssembly kernel's instances: the module (assembly/, built into wasm-bytes.ts by
// scripts/build-wasm.mjs) compiled once, an instance kept for small jobs, and the memory a job needs.
// The same bytes run in Node and in the browser, so they give the same bits in both.

import { exp } from "../model/exp";
import type { Recorder } from "./job";
import { KERNEL_WASM } from "./wasm-bytes";

/** The module's exports: its memory, where free memory begins, and its one function, train. */
export interface Exports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  /** Trains the job laid out at `job` (layout.ts), iterations from … to − 1, as thread `thread`; returns the countdown. */
  train(job: number, from: number, to: number, countdown: number, thread: number): number;
}

/** A kernel instance: its exports, and the recorder its `record` import calls now. */
export interface Kernel {
  exports: Exports;
  record: Recorder;
  busy: boolean;
  /** With a second thread (threads.ts): trains the job on both, as `train` does on one. */
  run?: (job: number, from: number, to: number, countdown: number) => number;
  /** The most bytes its memory can hold, where that is bounded (a shared memory's maximum). */
  maxBytes?: number;
}

/**
 * Above this many bytes a problem gets an instance of its own, freed with it; below, one instance
 * is kept (and its memory with it, grown to the largest such problem): fresh memory costs its page
 * faults (~90 ms for 27 MB on the bench's machine, more than 20 iterations at 100,000 x 32).
 */
const KEEP = 1 << 26;
/** The recorder a kernel holds between trainings. */
export const IGNORE: Recorder = () => {};

let wasmModule: WebAssembly.Module | null | undefined;
let kept: Kernel | undefined;

/** A build of the kernel (wasm-bytes.ts), compiled: throws where WebAssembly or its SIMD cannot run. */
export function compile(base64: string): WebAssembly.Module {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return new WebAssembly.Module(bytes);
}

/** The compiled module, or null where WebAssembly (or its SIMD) cannot run. */
function compiled(): WebAssembly.Module | null {
  if (wasmModule !== undefined) return wasmModule;
  try {
    wasmModule = compile(KERNEL_WASM);
  } catch {
    wasmModule = null;
  }
  return wasmModule;
}

/** Whether the WebAssembly kernel runs here. */
export function wasmAvailable(): boolean {
  return compiled() !== null;
}

/** An instance of `module` with the imports every kernel takes (and `more`), its recorder IGNORE. */
export function makeKernel(module: WebAssembly.Module, more: WebAssembly.Imports = {}): Kernel {
  const made: Kernel = { exports: undefined as unknown as Exports, record: IGNORE, busy: false };
  // exp: the module's e^x for the lanes its lane-wise exp leaves (assembly/exp.ts), the TypeScript one;
  // wait: its barrier's sleep (assembly/barrier.ts: Atomics.wait, as the module's own wait instruction
  // loses a local in V8's baseline code), called only with two threads, so on a shared memory
  const wait = (at: number, expected: number) => {
    Atomics.wait(new Int32Array(made.exports.memory.buffer), at >>> 2, expected);
  };
  const imports = { ...more, kernel: { record: (i: number, e: number) => made.record(i, e), exp, wait } };
  made.exports = new WebAssembly.Instance(module, imports).exports as unknown as Exports;
  return made;
}

/**
 * An instance with at least `bytes` free past its heap base: `paired` (a kernel a second thread
 * trains on too: threads.ts) when given, idle and large enough; else the kept one when the job is
 * small and it is idle; else one of its own.
 */
export function kernel(bytes: number, paired: Kernel | null = null): Kernel | null {
  const m = compiled();
  if (m === null) return null;
  let k: Kernel;
  if (paired !== null && !paired.busy && base(paired) + bytes <= (paired.maxBytes ?? 0)) {
    k = paired;
  } else {
    if (bytes <= KEEP && kept === undefined) kept = makeKernel(m);
    k = bytes <= KEEP && kept !== undefined && !kept.busy ? kept : makeKernel(m);
  }
  const memory = k.exports.memory;
  const needed = base(k) + bytes;
  if (memory.buffer.byteLength < needed) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
  return k;
}

/** Where a kernel's free memory begins, aligned to 16 bytes. */
export const base = (k: Kernel) => (k.exports.heapBase() + 15) & ~15;
