// Backpropagation for any number of layers of any size in WebAssembly, with every option: the
// arithmetic of src/model/backpropagation.ts (forward pass, error, deltas, update; biases, each
// activation, softmax, cross-entropy, batches, L1 and L2), on packed rows in this module's memory,
// with no allocation. Each sum is taken in the readable rule's order, so every number is its bits.
// The rows go in chunks of CHUNK: each chunk's outputs and deltas stay in cache from its forward
// pass to its share of the update's sums over the rows (products.ts), which wait in `sums` (job.ts)
// until the last chunk of the batch; then the update. With two threads (barrier.ts), each takes every
// other chunk's forward pass and deltas, and half of each layer's inputs in the sums over all the
// chunks' rows, in order: each sum is still taken row by row, first to last, so two threads give one's bits.

import { activate, slope, slope2 } from "./activation";
import {
  BATCH,
  BIAS,
  CHUNK,
  biases,
  CROSS_ENTROPY,
  deltas,
  depthOf,
  EVERY,
  HIDDEN,
  L1,
  L2,
  LEARNING_RATE,
  LOSS,
  OUTPUT,
  outs,
  ROWS,
  SIGMOID,
  record,
  size,
  sums,
  transposed,
  TARGETS,
  weights,
} from "./job";
import { barrier, share, threadsOf } from "./barrier";
import { forward, sum } from "./products";

/**
 * A network of any shape and options, iterations `from` to `to` (the caller goes in slices, so that
 * V8 swaps in its optimised code between calls; WebAssembly has no on-stack replacement), with
 * `countdown` iterations left before the next record, returned for the next slice. An iteration is
 * one update a batch, on consecutive slices of BATCH rows (all the rows without batches). Run by
 * each of the job's threads (barrier.ts) as thread `thread`, on its share of each step; thread 0
 * records.
 */
export function layered(job: usize, from: f64, to: f64, countdown: f64, thread: i32): f64 {
  const depth = depthOf(job);
  const n = load<i32>(job + ROWS);
  const batch = load<i32>(job + BATCH);
  const every = load<f64>(job + EVERY);
  const count = <f64>n * <f64>size(job, depth);
  for (let iteration = from; iteration < to; iteration++) {
    const recording = every > 0 && countdown === 0;
    if (every > 0) countdown = recording ? every - 1 : countdown - 1;
    // in batches, the error over every row before the first update, from a forward pass of its own
    if (recording && batch < n) {
      const squares = pass(job, 0, n, false, true, thread);
      if (thread === 0) record(iteration, squares / count);
    }
    for (let start = 0; start < n; start += batch) {
      if (thread === 0) {
        for (let l = 0; l < depth; l++) {
          memory.fill(sums(job, l), 0, (<usize>(size(job, l) + 1) * size(job, l + 1)) << 3);
          if (l > 0) transpose(weights(job, l), transposed(job, l), size(job, l), size(job, l + 1));
        }
      }
      barrier(job);
      // all the rows at once: the update's own forward pass gives the error (the weights not yet changed)
      const squares = pass(job, start, min(n, start + batch), true, recording && batch >= n, thread);
      if (recording && batch >= n) {
        if (thread === 0) record(iteration, squares / count);
        barrier(job); // the weights as recorded, before any thread's update
      }
      for (let l = 0; l < depth; l++) update(job, l, thread);
      barrier(job);
    }
  }
  return countdown;
}

/**
 * Rows start to end − 1, a chunk a thread at a time: each thread's chunk's forward pass, and with
 * `learn` its deltas; then, every thread's chunk done, each layer's adjustment summed into `sums`
 * over those chunks in order, each thread its share of the inputs. With `squares`, thread 0 returns
 * the sum of (y − output)², row by row (0 otherwise).
 */
function pass(job: usize, start: i32, end: i32, learn: bool, squares: bool, thread: i32): f64 {
  const depth = depthOf(job);
  const k = size(job, depth);
  const chunk = load<i32>(job + CHUNK);
  const threads = threadsOf(job);
  let total: f64 = 0;
  for (let c = start; c < end; c += chunk * threads) {
    const mine = c + chunk * thread;
    if (mine < end) chunkForward(job, mine, min(chunk, end - mine), learn, thread);
    barrier(job);
    for (let t = 0, at = c; squares && thread === 0 && t < threads && at < end; t++, at += chunk) {
      total = errors(outs(job, depth, t), targets(job, at), min(chunk, end - at) * k, total);
    }
    for (let l = 0; learn && l < depth; l++) {
      const m = size(job, l);
      const from = share(m, thread, threads);
      const to = share(m, thread + 1, threads);
      for (let t = 0, at = c; t < threads && at < end; t++, at += chunk) {
        const input = l === 0 ? rowsAt(job, at) : outs(job, l, t);
        sum(input, deltas(job, l + 1, t), sums(job, l), m, size(job, l + 1), min(chunk, end - at), from, to, thread === threads - 1);
      }
    }
    barrier(job); // before the next chunks' forward passes write over these
  }
  return total;
}

/** Row r's inputs. */
// @ts-ignore: decorator
@inline function rowsAt(job: usize, r: i32): usize {
  return outs(job, 0) + ((<usize>r * <usize>size(job, 0)) << 3);
}

/** Row r's targets. */
// @ts-ignore: decorator
@inline function targets(job: usize, r: i32): usize {
  return <usize>load<i32>(job + TARGETS) + ((<usize>r * <usize>size(job, depthOf(job))) << 3);
}

/**
 * The rows from row c, `rows` of them, in thread t's room: the forward pass, aₗ = f(aₗ₋₁ · Wₗ + bₗ);
 * with `learn`, the last layer's deltas, then each hidden layer's, δₗ = (δₗ₊₁ · Wₗ₊₁ᵀ) ⊙ f′(aₗ), from
 * the weights before the update.
 */
function chunkForward(job: usize, c: i32, rows: i32, learn: bool, t: i32): void {
  const depth = depthOf(job);
  const bias = load<i32>(job + BIAS) !== 0;
  const hidden = load<i32>(job + HIDDEN);
  const output = load<i32>(job + OUTPUT);
  const x = rowsAt(job, c);
  for (let l = 0; l < depth; l++) {
    const into = outs(job, l + 1, t);
    const b = bias ? biases(job, l) : 0;
    const code = l === depth - 1 ? output : hidden;
    // σ as the sums are made where forward() can (whole blocks of 8 neurons and pairs of rows), else after
    const fused = code === SIGMOID && (size(job, l + 1) & 7) === 0 && (rows & 1) === 0;
    forward(l === 0 ? x : outs(job, l, t), weights(job, l), b, into, size(job, l), size(job, l + 1), rows, fused);
    if (!fused) activate(into, rows, size(job, l + 1), code);
  }
  if (!learn) return;
  const k = size(job, depth);
  outputDeltas(outs(job, depth, t), targets(job, c), deltas(job, depth, t), rows * k, output, load<i32>(job + LOSS));
  for (let l = depth - 1; l > 0; l--) {
    back(deltas(job, l + 1, t), transposed(job, l), outs(job, l, t), deltas(job, l, t), size(job, l), size(job, l + 1), rows, hidden);
  }
}

/** `squares` with the squared errors (y − o)² of `count` outputs added one by one. */
function errors(o: usize, y: usize, count: i32, squares: f64): f64 {
  for (let i = 0; i < count; i++) {
    const at = (<usize>i) << 3;
    const error = load<f64>(y + at) - load<f64>(o + at);
    squares += error * error;
  }
  return squares;
}

/** The last layer's deltas from its outputs o: (y − o) ⊙ f′(o), or y − o for cross-entropy. */
function outputDeltas(o: usize, y: usize, delta: usize, count: i32, code: i32, loss: i32): void {
  for (let i = 0; i < count; i++) {
    const at = (<usize>i) << 3;
    const out = load<f64>(o + at);
    const error = load<f64>(y + at) - out;
    store<f64>(delta + at, loss === CROSS_ENTROPY ? error : error * slope(code, out));
  }
}

/**
 * below = (after · wᵀ) ⊙ f′(o), row by row: o has m values a row, after k; each sum over j first to
 * last. Two of o's values at a time, a lane each, from wᵀ (k rows of m: transposed by `transpose`).
 */
function back(after: usize, wT: usize, o: usize, below: usize, m: i32, k: i32, rows: i32, code: i32): void {
  const mStride = (<usize>m) << 3;
  for (let r = 0, a = o, d = below, b = after; r < rows; r++, a += mStride, d += mStride, b += (<usize>k) << 3) {
    let i = 0;
    for (; i + 2 <= m; i += 2) {
      let total = f64x2.splat(0);
      for (let j = 0, c = wT + ((<usize>i) << 3); j < k; j++, c += mStride) {
        total = f64x2.add(total, f64x2.mul(v128.load64_splat(b + ((<usize>j) << 3)), v128.load(c)));
      }
      v128.store(d + ((<usize>i) << 3), f64x2.mul(total, slope2(code, v128.load(a + ((<usize>i) << 3)))));
    }
    if (i < m) {
      let total: f64 = 0;
      for (let j = 0, c = wT + ((<usize>i) << 3); j < k; j++, c += mStride) total += load<f64>(b + ((<usize>j) << 3)) * load<f64>(c);
      store<f64>(d + ((<usize>i) << 3), total * slope(code, load<f64>(a + ((<usize>i) << 3))));
    }
  }
}

/** Layer l + 1's weights (m rows of k) transposed into wT (k rows of m), for back(). */
function transpose(w: usize, wT: usize, m: i32, k: i32): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < k; j++) store<f64>(wT + ((<usize>(j * m + i)) << 3), load<f64>(w + ((<usize>(i * k + j)) << 3)));
  }
}

/**
 * Layer l + 1's update from its sums: w += η · (s − l2 · w − l1 · sign(w)) (a penalty only where it
 * is above 0); b += η · s[m] (biases are not decayed). Thread t updates its share of the weights,
 * the last thread the biases.
 */
function update(job: usize, l: i32, thread: i32): void {
  const m = size(job, l);
  const k = size(job, l + 1);
  const w = weights(job, l);
  const s = sums(job, l);
  const learningRate = load<f64>(job + LEARNING_RATE);
  const l1 = load<f64>(job + L1);
  const l2 = load<f64>(job + L2);
  const count = m * k;
  const threads = threadsOf(job);
  const to = share(count, thread + 1, threads);
  for (let i = share(count, thread, threads); i < to; i++) {
    const at = (<usize>i) << 3;
    const wi = load<f64>(w + at);
    let step = load<f64>(s + at);
    if (l2 > 0) step -= l2 * wi;
    if (l1 > 0) step -= l1 * (wi > 0 ? 1 : wi < 0 ? -1 : wi);
    store<f64>(w + at, wi + learningRate * step);
  }
  if (load<i32>(job + BIAS) === 0 || thread !== threads - 1) return;
  const b = biases(job, l);
  for (let j = 0; j < k; j++) {
    const at = (<usize>j) << 3;
    store<f64>(b + at, load<f64>(b + at) + learningRate * load<f64>(s + ((<usize>count) << 3) + at));
  }
}
