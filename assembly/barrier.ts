// Where a job's threads wait for each other (network.ts, perceptron.ts): each arrives, and the last
// to arrive lets them all go on. Threads share the module's memory (src/kernel/threads.ts: a second
// instance of this module in a Node worker, on the same shared memory), each with its share of a
// step's work; a barrier stands between steps where one reads what the other wrote. With one thread
// (the browser, a small job) a barrier does nothing.

import { ARRIVED, GENERATION, STOPPED, THREADS } from "./job";

/** Turns a waiting thread spins before it sleeps: a barrier is usually passed within a few microseconds. */
const SPINS = 1 << 16;

/**
 * Sleeps while the i32 at `at` holds `expected`, until notified: the host's Atomics.wait
 * (src/kernel/instance.ts, src/kernel/threads.ts), imported, not the module's own
 * memory.atomic.wait32. V8's baseline compiler, Liftoff (Node 20's V8 11.3), miscompiles that
 * instruction: across it, a local the function holds in a register (the last one set, where we
 * looked) loses its low 32 bits: an i32 or f32 becomes 0, an f64 keeps only its sign, exponent and
 * top 20 bits of mantissa. -O3 inlined barrier() into its callers, so the local could be theirs:
 * network.ts's pass() summed the squared errors into `total` before its last barrier and returned
 * it after, cut from 1.7093144010133452 to 1.7093143463134766, and two threads recorded the sequel's
 * first error as 0.2441877637590681 against one thread's 0.24418777157333502 (the weights, made
 * before, stayed right). It took both Liftoff's code (a function's first calls, until V8's
 * optimised code is ready: later on a busy machine) and a thread that waited SPINS turns (again, a
 * busy machine): so only now and then, under load, like a race. A counter, the learning rate or
 * barrier()'s own `generation` could be hit the same way. A call to an import is an ordinary call,
 * across which Liftoff keeps every local.
 */
// @ts-ignore: decorator
@external("kernel", "wait")
declare function sleep(at: usize, expected: i32): void;

/** How many threads train the job. */
// @ts-ignore: decorator
@inline export function threadsOf(job: usize): i32 {
  return load<i32>(job + THREADS);
}

/**
 * Waits until every thread of the job has arrived here; once thread 0 has stopped (the caller's
 * record threw: src/kernel/threads.ts, which then moves the generation on, so that no thread sleeps
 * through it), waits no more, so that the others end their call too.
 */
export function barrier(job: usize): void {
  const threads = threadsOf(job);
  if (threads <= 1 || atomic.load<i32>(job + STOPPED) !== 0) return;
  const generation = atomic.load<i32>(job + GENERATION);
  if (atomic.add<i32>(job + ARRIVED, 1) === threads - 1) {
    // the last: the count back to 0 for the next barrier, then the others let go
    atomic.store<i32>(job + ARRIVED, 0);
    atomic.store<i32>(job + GENERATION, generation + 1);
    atomic.notify(job + GENERATION, threads - 1);
    return;
  }
  // the generation changes only when every thread has arrived (a wait may also end early: look again)
  for (let spin = 0; atomic.load<i32>(job + GENERATION) === generation; spin++) {
    if (atomic.load<i32>(job + STOPPED) !== 0) return;
    if (spin >= SPINS) sleep(job + GENERATION, generation);
  }
}

/** The start of thread t's share of `count` things, in whole pairs (t = threads: the end). */
// @ts-ignore: decorator
@inline export function share(count: i32, t: i32, threads: i32): i32 {
  if (t >= threads) return count;
  return min(count, (((count + 1) >> 1) * t + threads - 1) / threads << 1);
}
