// The training kernel in WebAssembly (AssemblyScript, compiled by scripts/build-wasm.mjs into
// src/kernel/wasm-bytes.ts): one export that trains, `train`, given a job laid out in memory by
// src/kernel/layout.ts (job.ts says where each field is). The arithmetic is src/model/backpropagation.ts's:
// network.ts for any shape and every option, and perceptron.ts, SIMD, for the seed's one neuron
// with none. σ's e^(−x) is exp.ts's, lane-wise, src/model/exp.ts's to the bit (in rare lanes that
// exp itself, imported). Nothing is allocated here.

import { PATH, PERCEPTRON } from "./job";
import { layered } from "./network";
import { perceptron } from "./perceptron";

/** Where free memory begins (after this module's static data). */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * Trains the job at `job`, iterations `from` to `to`, with `countdown` iterations left before the
 * next record; returns the countdown for the next slice (the caller goes in slices, so that V8 swaps
 * in its optimised code between calls). Called once by each of the job's threads (barrier.ts), with
 * its number: 0 (the one that records), 1.
 */
export function train(job: usize, from: f64, to: f64, countdown: f64, thread: i32): f64 {
  // the path layout.ts chose: the seed's perceptron (one neuron, no option), its rows in blocks of 8
  if (load<i32>(job + PATH) === PERCEPTRON) return perceptron(job, from, to, countdown, thread);
  return layered(job, from, to, countdown, thread);
}
