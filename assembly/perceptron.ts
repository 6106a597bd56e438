// The seed's perceptron (one layer, one neuron) in WebAssembly with SIMD: network.ts's arithmetic
// for that shape, with the rows in blocks of 8 so that each σ, error and delta is two lanes at a
// time. A specialisation, not a second model: the same forward pass, error, delta and update, summed
// over the rows four at a time (so within rounding of network.ts and backpropagation.ts, which sum
// them one at a time). It is kept because it is 2 to 3 times faster than network.ts at 1,000 x 16
// and 100,000 x 32, where the bench races numpy with OpenBLAS.

import { common, sigmoid2, sigmoidCommon } from "./exp";
import { barrier, share, threadsOf } from "./barrier";
import { EVERY, LEARNING_RATE, outs, record, ROWS, SCRATCH, size, TARGETS, weights } from "./job";

/** e ⊙ (o ⊙ (1 − o)): the delta of outputs o with errors e. */
// @ts-ignore: decorator
@inline function delta2(e: v128, o: v128): v128 {
  return f64x2.mul(e, f64x2.mul(o, f64x2.sub(f64x2.splat(1), o)));
}

/**
 * The perceptron, iterations `from` to `to` (the caller goes in slices, so that V8 swaps in its
 * optimised code between calls; WebAssembly has no on-stack replacement), with `countdown`
 * iterations left before the next record, returned for the next slice. The rows go in blocks of 8,
 * each block stored column by column (x[r][j] for r = 8b + 0, 2, 1, 3, 4, 6, 5, 7, then j + 1: so a
 * pair of lanes added gives two rows' sums): the 8 dot products are 4 pairs of lanes, each a sum
 * over j first to last; the rows past the last are zeros with target ½ (error 0, delta 0). The
 * blocks go in chunks of CHUNK (kept in cache between the two passes): first each block's outputs,
 * errors and deltas (kept in DELTAS), then each block's Xᵀ·delta. σ is expCommon's, all 8 lanes at
 * once and with no call, while every lane is in its case; a block with one that is not goes to
 * slowBlock, whose σ goes through expLanes (the same bits).
 * The squared errors and adjustment[j] are summed four rows at a time:
 * adjustment[j] + ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), where rᵢ is row i's
 * x[i][j]·delta[i]; a padded row adds +0.
 *
 * The job (job.ts) holds, for depth 1 and one neuron: outs[0], the rows, blocks × m × 8 doubles;
 * the targets, blocks × 8; weights[0], m weights, changed in place; scratch, 2m + 16 doubles of room
 * (each thread's adjustments).
 */
export function perceptron(job: usize, from: f64, to: f64, countdown: f64, thread: i32): f64 {
  const xs = outs(job, 0);
  const ys = <usize>load<i32>(job + TARGETS);
  const w = weights(job, 0);
  const m = size(job, 0);
  // each thread's adjustments in a room of its own, 64 bytes or more from the other's (no cache line shared)
  const adjustment = <usize>load<i32>(job + SCRATCH) + ((<usize>(thread * (m + 8))) << 3);
  const n = load<i32>(job + ROWS);
  const rows = <f64>n;
  const blocks = (n + 7) >> 3;
  const learningRate = load<f64>(job + LEARNING_RATE);
  const every = load<f64>(job + EVERY);
  const stride = (<usize>m) << 6;
  const threads = threadsOf(job);
  // this thread's share of the inputs, in Xᵀ·delta and the update
  const j0 = share(m, thread, threads);
  const j1 = share(m, thread + 1, threads);
  for (let iteration = from; iteration < to; iteration++) {
    memory.fill(adjustment + ((<usize>j0) << 3), 0, (<usize>(j1 - j0)) << 3);
    let squares: f64 = 0;
    for (let b0 = 0, buffer = 0; b0 < blocks; b0 += CHUNK, buffer ^= 1) {
      const count = min(blocks, b0 + CHUNK) - b0;
      const deltas = DELTAS + ((<usize>(buffer * CHUNK)) << 6);
      const parts = PARTS + ((<usize>(buffer * CHUNK)) << 4);
      // this thread's share of the chunk's blocks: outputs, errors, deltas
      const last = b0 + share(count, thread + 1, threads);
      const first = b0 + share(count, thread, threads);
      let p = xs + <usize>first * stride;
      let py = ys + ((<usize>first) << 6);
      for (let b = first; b < last; b++, p += stride, py += 64) {
        const g = deltas + ((<usize>(b - b0)) << 6);
        const part = parts + ((<usize>(b - b0)) << 4);
        let d0 = f64x2.splat(0);
        let d1 = f64x2.splat(0);
        let d2 = f64x2.splat(0);
        let d3 = f64x2.splat(0);
        for (let j = 0, q = p; j < m; j++, q += 64) {
          const wj = v128.load64_splat(w + ((<usize>j) << 3));
          d0 = f64x2.add(d0, f64x2.mul(v128.load(q), wj));
          d1 = f64x2.add(d1, f64x2.mul(v128.load(q, 16), wj));
          d2 = f64x2.add(d2, f64x2.mul(v128.load(q, 32), wj));
          d3 = f64x2.add(d3, f64x2.mul(v128.load(q, 48), wj));
        }
        const n0 = f64x2.neg(d0);
        const n1 = f64x2.neg(d1);
        const n2 = f64x2.neg(d2);
        const n3 = f64x2.neg(d3);
        const all = v128.and(v128.and(common(n0), common(n1)), v128.and(common(n2), common(n3)));
        if (i64x2.all_true(all)) {
          errors(py, g, part, sigmoidCommon(d0), sigmoidCommon(d1), sigmoidCommon(d2), sigmoidCommon(d3));
        } else {
          slowBlock(py, g, part, d0, d1, d2, d3);
        }
      }
      barrier(job);
      // the squared errors in the blocks' order; this thread's inputs' share of Xᵀ·delta, block by block
      for (let b = 0; thread === 0 && b < count; b++) {
        squares += load<f64>(parts + ((<usize>b) << 4));
        squares += load<f64>(parts + ((<usize>b) << 4), 8);
      }
      for (let b = 0, q = xs + <usize>b0 * stride; b < count; b++, q += stride) {
        backward(q, j0, j1, adjustment, deltas + ((<usize>b) << 6));
      }
    }
    if (every > 0 && countdown-- === 0) {
      if (thread === 0) record(iteration, squares / rows);
      countdown = every - 1;
      barrier(job); // the weights as recorded, before any thread's update
    }
    for (let j = j0; j < j1; j++) {
      const at = w + ((<usize>j) << 3);
      store<f64>(at, load<f64>(at) + learningRate * load<f64>(adjustment + ((<usize>j) << 3)));
    }
    barrier(job); // the weights updated before the next forward pass reads them
  }
  return countdown;
}

/** Blocks a chunk: 32 blocks of 8 rows (at 16 inputs, 32 KB of rows, kept in cache). */
const CHUNK = 32;
/** Two chunks' deltas, 8 a block: a thread may sum one chunk's while the other makes the next's. */
const DELTAS = memory.data(CHUNK << 7, 16);
/** Two chunks' squared errors, two sums of four a block, for thread 0 to add in the blocks' order. */
const PARTS = memory.data(CHUNK << 5, 16);

/**
 * A block with a lane outside expCommon's case, its sums d0 … d3: σ through expLanes (the same bits
 * in the common lanes). Its deltas go to g, its squared errors to `part`.
 */
function slowBlock(py: usize, g: usize, part: usize, d0: v128, d1: v128, d2: v128, d3: v128): void {
  errors(py, g, part, sigmoid2(d0), sigmoid2(d1), sigmoid2(d2), sigmoid2(d3));
}

/**
 * A block's errors from its outputs o0 … o3: their squares, summed four rows at a time, stored at
 * `part` (two sums, which the caller adds to the error in turn); its deltas e ⊙ o(1 − o) stored at g.
 */
// @ts-ignore: decorator
@inline function errors(py: usize, g: usize, part: usize, o0: v128, o1: v128, o2: v128, o3: v128): void {
  const e0 = f64x2.sub(v128.load(py), o0);
  const e1 = f64x2.sub(v128.load(py, 16), o1);
  const e2 = f64x2.sub(v128.load(py, 32), o2);
  const e3 = f64x2.sub(v128.load(py, 48), o3);
  const q0 = f64x2.mul(e0, e0);
  const q1 = f64x2.mul(e1, e1);
  const q2 = f64x2.mul(e2, e2);
  const q3 = f64x2.mul(e3, e3);
  store<f64>(part, f64x2.extract_lane(q0, 0) + f64x2.extract_lane(q1, 0) + f64x2.extract_lane(q0, 1) + f64x2.extract_lane(q1, 1));
  store<f64>(part, f64x2.extract_lane(q2, 0) + f64x2.extract_lane(q3, 0) + f64x2.extract_lane(q2, 1) + f64x2.extract_lane(q3, 1), 8);
  v128.store(g, delta2(e0, o0));
  v128.store(g, delta2(e1, o1), 16);
  v128.store(g, delta2(e2, o2), 32);
  v128.store(g, delta2(e3, o3), 48);
}

/**
 * A block's Xᵀ·delta added to adjustment for the inputs j0 to j1 − 1, two columns at a time: lanes (0, 2), (1, 3), (4, 6), (5, 7)
 * make h = [r0 + r1, r2 + r3], h2 = [r4 + r5, r6 + r7], and adjustment[j] + ((r0 + r1) + (r2 + r3))
 * + ((r4 + r5) + (r6 + r7)) (four rows at a time).
 */
// @ts-ignore: decorator
@inline function backward(p: usize, j0: i32, j1: i32, adjustment: usize, gs: usize): void {
  const g0 = v128.load(gs);
  const g1 = v128.load(gs, 16);
  const g2 = v128.load(gs, 32);
  const g3 = v128.load(gs, 48);
  let j = j0;
  let q = p + ((<usize>j0) << 6);
  let a = adjustment + ((<usize>j0) << 3);
  for (; j + 1 < j1; j += 2, q += 128, a += 16) {
    const h = f64x2.add(f64x2.mul(v128.load(q), g0), f64x2.mul(v128.load(q, 16), g1));
    const h2 = f64x2.add(f64x2.mul(v128.load(q, 32), g2), f64x2.mul(v128.load(q, 48), g3));
    const k = f64x2.add(f64x2.mul(v128.load(q, 64), g0), f64x2.mul(v128.load(q, 80), g1));
    const k2 = f64x2.add(f64x2.mul(v128.load(q, 96), g2), f64x2.mul(v128.load(q, 112), g3));
    const s1 = f64x2.add(v128.shuffle<f64>(h, k, 0, 2), v128.shuffle<f64>(h, k, 1, 3));
    const s2 = f64x2.add(v128.shuffle<f64>(h2, k2, 0, 2), v128.shuffle<f64>(h2, k2, 1, 3));
    v128.store(a, f64x2.add(f64x2.add(v128.load(a), s1), s2));
  }
  if (j < j1) {
    const h = f64x2.add(f64x2.mul(v128.load(q), g0), f64x2.mul(v128.load(q, 16), g1));
    const h2 = f64x2.add(f64x2.mul(v128.load(q, 32), g2), f64x2.mul(v128.load(q, 48), g3));
    const g = f64x2.add(v128.shuffle<f64>(h, h2, 0, 2), v128.shuffle<f64>(h, h2, 1, 3));
    store<f64>(a, load<f64>(a) + f64x2.extract_lane(g, 0) + f64x2.extract_lane(g, 1));
  }
}

