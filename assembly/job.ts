// A training job in the kernel's memory, as src/kernel/layout.ts writes it: the one thing `train`
// (kernel.ts) is given. Byte offsets from the job's address:
//   0  learningRate (f64)         8  every (f64: 0 records nothing)
//  16  depth (i32)               20  rows (i32)
//  24  targets' address (i32)    28  scratch's address (i32: room for the perceptron's adjustment)
//  32  sizes[0 … depth], then outs[0 … depth] (outs[0]: the rows), deltas[0 … depth] and
//      weights[0 … depth − 1]: i32 each, the last three addresses of f64 arrays.
// A new option (a bias, an activation, a loss, a batch size) is one more field here.

/** Called before the update of every `every`-th iteration (src/kernel/train.ts passes it in). */
// @ts-ignore: decorator
@external("kernel", "record")
export declare function record(iteration: f64, meanSquaredError: f64): void;

export const LEARNING_RATE: usize = 0;
export const EVERY: usize = 8;
export const DEPTH: usize = 16;
export const ROWS: usize = 20;
export const TARGETS: usize = 24;
export const SCRATCH: usize = 28;
const SIZES: usize = 32;

/** The job's depth: how many layers of weights. */
// @ts-ignore: decorator
@inline export function depthOf(job: usize): i32 {
  return load<i32>(job + DEPTH);
}

/** An i32 field of the job's table. */
// @ts-ignore: decorator
@inline function field(job: usize, index: i32): i32 {
  return load<i32>(job + SIZES + ((<usize>index) << 2));
}

/** How many values layer l has (layer 0: the inputs). */
// @ts-ignore: decorator
@inline export function size(job: usize, l: i32): i32 {
  return field(job, l);
}

/** Where layer l's outputs are, row by row (layer 0's: the rows). */
// @ts-ignore: decorator
@inline export function outs(job: usize, l: i32): usize {
  return <usize>field(job, depthOf(job) + 1 + l);
}

/** Where the deltas of layer l's outputs are, row by row. */
// @ts-ignore: decorator
@inline export function deltas(job: usize, l: i32): usize {
  return <usize>field(job, 2 * (depthOf(job) + 1) + l);
}

/** Where layer l + 1's weights are, row by row (layers[l] rows of layers[l + 1]). */
// @ts-ignore: decorator
@inline export function weights(job: usize, l: i32): usize {
  return <usize>field(job, 3 * (depthOf(job) + 1) + l);
}
