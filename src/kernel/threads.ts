// A second thread for the kernel, where Node runs it: a worker (node:worker_threads) with its own
// instance of the kernel's shared-memory build (scripts/build-wasm.mjs) on the same memory as this
// thread's. Each training call runs on both at once, each on its share of each step (assembly/barrier.ts),
// so two threads give one's bits. The browser has no such worker here (the site is not cross-origin
// isolated, so it has no shared memory): there one thread trains, with the same bits.

import { compile, type Kernel, makeKernel } from "./instance";
import { GENERATION_AT, STOPPED_AT } from "./layout";
import { KERNEL_WASM_SHARED } from "./wasm-bytes";

/**
 * The control words shared with the worker: GO (a count of calls), READY, DONE (a count of calls
 * it has ended), then the call's four numbers.
 */
const GO = 0;
const READY = 1;
const DONE = 2;
/** Pages (64 KiB) the shared memory may grow to: the kept kernel's jobs (instance.ts's KEEP) and its heap. */
const MAXIMUM_PAGES = 2048;
/** How long to wait for the worker to start, once (~30 ms on the bench's machine). */
const START_MS = 5000;

/**
 * The worker: its instance on the shared memory, then each call the control words announce. e^x for
 * the lanes the kernel leaves to it is Math.exp: V8's fdlibm exp, whose bits src/model/exp.ts gives
 * (test/exp.test.ts), and this worker runs only in Node, on V8. Only thread 0 records. Its barrier
 * sleeps in Atomics.wait, as thread 0's does (instance.ts: assembly/barrier.ts says why).
 */
const WORKER = `
const { workerData } = require("node:worker_threads");
const { module, memory, control } = workerData;
const ints = new Int32Array(control);
const args = new Float64Array(control, 16, 4);
const wait = (at, expected) => {
  Atomics.wait(new Int32Array(memory.buffer), at >>> 2, expected);
};
const imports = { env: { memory }, kernel: { record() {}, exp: Math.exp, wait } };
const { train } = new WebAssembly.Instance(module, imports).exports;
Atomics.store(ints, ${READY}, 1);
Atomics.notify(ints, ${READY});
for (let seen = 0; ; ) {
  while (Atomics.load(ints, ${GO}) === seen) Atomics.wait(ints, ${GO}, seen);
  seen = Atomics.load(ints, ${GO});
  train(args[0], args[1], args[2], args[3], 1);
  Atomics.add(ints, ${DONE}, 1);
  Atomics.notify(ints, ${DONE});
}
`;

/** A kernel on a shared memory and the worker that trains beside it; null once that failed. */
let paired: Kernel | null | undefined;

/** Node's worker_threads, or undefined (the browser, or a Node without process.getBuiltinModule). */
function workerThreads(): typeof import("node:worker_threads") | undefined {
  const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return node?.getBuiltinModule?.("node:worker_threads") as typeof import("node:worker_threads") | undefined;
}

/**
 * The kernel that two threads train on, made the first time (its worker started, ~30 ms): an
 * instance of the shared-memory build whose `run` trains a job on both threads; null where there
 * is no worker or no shared memory.
 */
export function pairedKernel(): Kernel | null {
  if (paired !== undefined) return paired;
  paired = null;
  const threads = workerThreads();
  if (threads === undefined || typeof SharedArrayBuffer !== "function") return null;
  try {
    const module = compile(KERNEL_WASM_SHARED);
    const memory = new WebAssembly.Memory({ initial: 1, maximum: MAXIMUM_PAGES, shared: true });
    const control = new SharedArrayBuffer(48);
    const ints = new Int32Array(control);
    const args = new Float64Array(control, 16, 4);
    const worker = new threads.Worker(WORKER, { eval: true, workerData: { module, memory, control } });
    worker.unref(); // it does not keep Node running
    worker.on("error", () => {}); // a worker that failed leaves the kernel to one thread (READY stays 0)
    if (Atomics.wait(ints, READY, 0, START_MS) === "timed-out" || Atomics.load(ints, READY) !== 1) {
      void worker.terminate();
      return null;
    }
    const kernel = makeKernel(module, { env: { memory } });
    kernel.maxBytes = MAXIMUM_PAGES * 65536;
    kernel.run = (job, from, to, countdown) => {
      args.set([job, from, to, countdown]);
      const call = Atomics.add(ints, GO, 1) + 1;
      Atomics.notify(ints, GO);
      try {
        return kernel.exports.train(job, from, to, countdown, 0);
      } catch (error) {
        // the record threw, on this thread, between barriers: the worker, waiting at one, stops too.
        // The generation moves on before the notify: a worker that read STOPPED as 0 just before the
        // store, and goes to sleep on the generation just after the notify, would otherwise sleep
        // for ever (and this thread with it, below); a sleep on a generation that has moved returns
        const words = new Int32Array(memory.buffer);
        Atomics.store(words, (job + STOPPED_AT) >> 2, 1);
        Atomics.add(words, (job + GENERATION_AT) >> 2, 1);
        Atomics.notify(words, (job + GENERATION_AT) >> 2);
        throw error;
      } finally {
        for (let done = Atomics.load(ints, DONE); done !== call; done = Atomics.load(ints, DONE)) {
          Atomics.wait(ints, DONE, done);
        }
      }
    };
    paired = kernel;
  } catch {
    paired = null;
  }
  return paired;
}
