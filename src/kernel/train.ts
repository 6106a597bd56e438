// The kernel's one entry: a TrainingJob (job.ts), with any of its options, trained in WebAssembly;
// or null where WebAssembly cannot run (the caller then runs the readable rule,
// src/model/backpropagation.ts).

import { base, IGNORE, kernel } from "./instance";
import type { TrainingJob } from "./job";
import { type KernelPath, layOut, planLayout } from "./layout";

/** Multiply-adds a call does at most: V8 swaps its optimised code in between calls. */
const SLICE = 1 << 20;

/**
 * Trains `job.weights` in place as src/model/backpropagation.ts does, in the WebAssembly kernel;
 * null, having done nothing, where it cannot run. The rows (checked by the caller) are copied once,
 * into the kernel's memory; a job of more than 64 MB gets an instance of its own, dropped after.
 *
 * @param job - the rows, targets, weights and options
 * @returns the kernel's path that trained it ("perceptron": the seed's one neuron with no option;
 * "network": any other), or null
 */
export function trainInWasm(job: TrainingJob): KernelPath | null {
  const where = planLayout(job);
  const k = kernel(where.doubles * 8);
  if (k === null) return null;
  const start = base(k);
  const { work, copyBack } = layOut(job, where, k.exports.memory.buffer, start);
  k.record = (iteration, meanSquaredError) => {
    copyBack();
    job.record(iteration, meanSquaredError);
  };
  k.busy = true;
  try {
    const size = Math.max(1, Math.floor(SLICE / Math.max(1, work)));
    for (let from = 0, countdown = 0; from < job.iterations; from += size) {
      countdown = k.exports.train(start, from, Math.min(job.iterations, from + size), countdown);
    }
  } finally {
    k.busy = false;
    k.record = IGNORE; // so that the caller's steps are not kept alive until the next training
  }
  copyBack();
  return where.path;
}
