// Where a job's threads wait for each other (network.ts, perceptron.ts): each arrives, and the last
// to arrive lets them all go on. Threads share the module's memory (src/kernel/threads.ts: a second
// instance of this module in a Node worker, on the same shared memory), each with its share of a
// step's work; a barrier stands between steps where one reads what the other wrote. With one thread
// (the browser, a small job) a barrier does nothing.

import { ARRIVED, GENERATION, STOPPED, THREADS } from "./job";

/** Turns a waiting thread spins before it sleeps: a barrier is usually passed within a few microseconds. */
const SPINS = 1 << 16;

/** How many threads train the job. */
// @ts-ignore: decorator
@inline export function threadsOf(job: usize): i32 {
  return load<i32>(job + THREADS);
}

/**
 * Waits until every thread of the job has arrived here; once thread 0 has stopped (the caller's
 * record threw: src/kernel/threads.ts), waits no more, so that the others end their call too.
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
    if (spin >= SPINS) atomic.wait<i32>(job + GENERATION, generation, -1);
  }
}

/** The start of thread t's share of `count` things, in whole pairs (t = threads: the end). */
// @ts-ignore: decorator
@inline export function share(count: i32, t: i32, threads: i32): i32 {
  if (t >= threads) return count;
  return min(count, (((count + 1) >> 1) * t + threads - 1) / threads << 1);
}
