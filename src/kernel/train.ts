// The kernel's one entry: a TrainingJob (job.ts), with any of its options, trained in WebAssembly;
// or null where WebAssembly cannot run (the caller then runs the readable rule,
// src/model/backpropagation.ts).

import { base, IGNORE, kernel } from "./instance";
import type { TrainingJob } from "./job";
import { type KernelPath, layOut, planLayout } from "./layout";
import { pairedKernel } from "./threads";

/** Multiply-adds a call does at most: V8 swaps its optimised code in between calls. */
const SLICE = 1 << 20;
/**
 * Multiply-adds an update takes from which two threads train it, where there are two (threads.ts):
 * below, waiting for each other costs more than sharing the work saves. 2^14 was too low for a
 * machine that is busy with other work (npm test runs three processes on two cores): notebook 10's
 * spiral, 200 rows through 2 → 8 → 8 → 1 (17,600 an update), took 0.7 s for 10,000 iterations on one
 * thread and 1.7 to 5.1 s on two. 2^17 leaves it on one; the bench's large networks keep two.
 */
const TWO_THREADS_FROM = 1 << 17;

/**
 * Trains `job.weights` in place as src/model/backpropagation.ts does, in the WebAssembly kernel;
 * null, having done nothing, where it cannot run. The rows are copied once, into the kernel's
 * memory, and checked as they are; a job of more than 64 MB gets an instance of its own, dropped
 * after. In Node an update of TWO_THREADS_FROM multiply-adds or more is shared by two threads
 * (threads.ts), with the same bits.
 *
 * @param job - the rows, targets, weights and options
 * @param threads - 1 or 2 to say how many threads train it (2 where there is a second: Node); by
 * default, as the job's size says
 * @returns the kernel's path that trained it ("perceptron": the seed's one neuron with no option;
 * "network": any other), or null
 */
export function trainInWasm(job: TrainingJob, threads?: 1 | 2): KernelPath | null {
  const where = planLayout(job);
  const perUpdate = (where.work / where.padded) * Math.min(job.batchSize || where.n, where.n);
  const two = threads === undefined ? perUpdate >= TWO_THREADS_FROM : threads === 2;
  const k = kernel(where.doubles * 8, two ? pairedKernel() : null);
  if (k === null) return null;
  const start = base(k);
  const run =
    k.run ?? ((at: number, from: number, to: number, countdown: number) => k.exports.train(at, from, to, countdown, 0));
  const { copyBack } = layOut(job, where, k.exports.memory.buffer, start, k.run ? 2 : 1);
  k.record = (iteration, meanSquaredError) => {
    copyBack();
    job.record(iteration, meanSquaredError);
  };
  k.busy = true;
  try {
    const size = Math.max(1, Math.floor(SLICE / Math.max(1, where.work)));
    for (let from = 0, countdown = 0; from < job.iterations; from += size) {
      countdown = run(start, from, Math.min(job.iterations, from + size), countdown);
    }
  } finally {
    k.busy = false;
    k.record = IGNORE; // so that the caller's steps are not kept alive until the next training
  }
  copyBack();
  return where.path;
}
