// A training job in the kernel's memory, as src/kernel/layout.ts writes it: the one thing `train`
// (kernel.ts) is given. Byte offsets from the job's address:
//   0  learningRate (f64)   8  every (f64: 0 records nothing)   16  l1 (f64)   24  l2 (f64)
//  32  depth (i32)   36  rows (i32)   40  targets' address   44  scratch's address
//  48  batch size (i32: rows an update)   52  the hidden layers' activation   56  the output's
//  60  the loss   64  the path (PERCEPTRON or NETWORK)   68  whether there are biases (1 or 0)
//  72  rows a chunk (network.ts: the outputs and deltas past the inputs have room for so many rows,
//      for each thread: src/kernel/layout.ts)   76  threads (1, or 2: barrier.ts)
//  80  the barrier's count of threads arrived   84  its generation   88  1 once thread 0 has stopped
//      (its record threw: barrier.ts)
//  96  sizes[0 … depth], then outs[0 … depth] (outs[0]: the rows), deltas[0 … depth],
//      weights[0 … depth − 1], biases[0 … depth − 1], sums[0 … depth − 1] (each layer's room to
//      sum its adjustment over the rows: weights, then biases) and transposed[0 … depth − 1] (room
//      for its weights transposed): i32 each, the last six addresses of f64 arrays.
// An option is one field here, written by layout.ts and read by network.ts.

/** Called before the update of every `every`-th iteration (src/kernel/train.ts passes it in). */
// @ts-ignore: decorator
@external("kernel", "record")
export declare function record(iteration: f64, meanSquaredError: f64): void;

export const LEARNING_RATE: usize = 0;
export const EVERY: usize = 8;
export const L1: usize = 16;
export const L2: usize = 24;
export const DEPTH: usize = 32;
export const ROWS: usize = 36;
export const TARGETS: usize = 40;
export const SCRATCH: usize = 44;
export const BATCH: usize = 48;
export const HIDDEN: usize = 52;
export const OUTPUT: usize = 56;
export const LOSS: usize = 60;
export const PATH: usize = 64;
export const BIAS: usize = 68;
export const CHUNK: usize = 72;
export const THREADS: usize = 76;
export const ARRIVED: usize = 80;
export const GENERATION: usize = 84;
export const STOPPED: usize = 88;
const SIZES: usize = 96;

// The activations' codes (src/kernel/layout.ts's ACTIVATION_CODES), the losses' and the paths'.
export const SIGMOID = 0;
export const TANH = 1;
export const RELU = 2;
export const LINEAR = 3;
export const SOFTMAX = 4;
export const CROSS_ENTROPY = 1;
export const PERCEPTRON = 1;

/** The job's depth: how many layers of weights. */
// @ts-ignore: decorator
@inline export function depthOf(job: usize): i32 {
  return load<i32>(job + DEPTH);
}

/** An i32 field of the job's table: group g (sizes, outs, deltas, weights, biases, sums, transposed), layer l. */
// @ts-ignore: decorator
@inline function field(job: usize, g: i32, l: i32): i32 {
  return load<i32>(job + SIZES + ((<usize>(g * (depthOf(job) + 1) + l)) << 2));
}

/** How many values layer l has (layer 0: the inputs). */
// @ts-ignore: decorator
@inline export function size(job: usize, l: i32): i32 {
  return field(job, 0, l);
}

/**
 * Where layer l's outputs are, row by row: layer 0's, the rows; past it, a chunk's, thread t's
 * (network.ts: room for CHUNK rows a thread).
 */
// @ts-ignore: decorator
@inline export function outs(job: usize, l: i32, t: i32 = 0): usize {
  return <usize>field(job, 1, l) + ((<usize>(t * load<i32>(job + CHUNK) * size(job, l))) << 3);
}

/** Where the deltas of layer l's outputs are, row by row: thread t's chunk's. */
// @ts-ignore: decorator
@inline export function deltas(job: usize, l: i32, t: i32 = 0): usize {
  return <usize>field(job, 2, l) + ((<usize>(t * load<i32>(job + CHUNK) * size(job, l))) << 3);
}

/** Where layer l + 1's weights are, row by row (layers[l] rows of layers[l + 1]). */
// @ts-ignore: decorator
@inline export function weights(job: usize, l: i32): usize {
  return <usize>field(job, 3, l);
}

/** Where layer l + 1's biases are (layers[l + 1] of them; unused without biases). */
// @ts-ignore: decorator
@inline export function biases(job: usize, l: i32): usize {
  return <usize>field(job, 4, l);
}

/** Where layer l + 1's adjustment is summed over the rows: layers[l] × layers[l + 1], then layers[l + 1] for the biases. */
// @ts-ignore: decorator
@inline export function sums(job: usize, l: i32): usize {
  return <usize>field(job, 5, l);
}

/** Where room for layer l + 1's weights transposed is: layers[l + 1] rows of layers[l]. */
// @ts-ignore: decorator
@inline export function transposed(job: usize, l: i32): usize {
  return <usize>field(job, 6, l);
}
