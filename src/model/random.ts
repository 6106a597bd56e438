import mt19937 from "@stdlib/random-base-mt19937";
import { MAX_SEED, MAX_WEIGHTS } from "../checks/limits";
import { checkInteger } from "../checks/validate";

export { MAX_SEED, MAX_WEIGHTS };

/** MT19937's state size, in 32-bit words. */
const N = 624;

/**
 * A seeded uniform generator on [0, 1) that yields the same numbers as numpy's
 * `np.random.seed(seed)` followed by calls to `np.random.random()` (MT19937, 53-bit doubles).
 *
 * @param seed - an integer from 0 to 2³² − 1, as numpy accepts
 * @returns a function that returns the next number of the sequence on each call
 * @example
 * const random = seededRandom(1);
 * random(); // returns ~0.417022004702574 (numpy: np.random.seed(1); np.random.random())
 */
export function seededRandom(seed: number): () => number {
  return generator(checkInteger(seed, "seededRandom(): seed", 0, MAX_SEED));
}

/** seededRandom's work, for a seed already checked. */
export function generator(seed: number): () => number {
  return twister(seed).normalized;
}

/**
 * MT19937 as numpy seeds it, for a seed already checked: called, its next 32-bit output;
 * `normalized()`, its next 53-bit double on [0, 1) (two outputs), numpy's random().
 */
export function twister(seed: number): (() => number) & { normalized: () => number } {
  // stdlib refuses seed 0, so for it we hand stdlib the state numpy makes: MT19937's init_genrand(0).
  const options = seed === 0 ? { state: initGenrandState(0) } : { seed };
  // stdlib's types omit `normalized`
  return mt19937.factory(options) as ReturnType<typeof mt19937.factory> & { normalized: () => number };
}

/**
 * Draws `count` weights as the seed does: `np.random.seed(seed); 2 * np.random.random((count, 1)) - 1`.
 *
 * @param count - how many weights
 * @param seed - an integer from 0 to 2³² − 1
 * @returns `count` numbers uniform on [−1, 1)
 * @example
 * randomWeights(3, 1); // returns ~[-0.16596, 0.44065, -0.99977]
 */
export function randomWeights(count: number, seed: number): number[] {
  checkInteger(count, "randomWeights(): count", 0, MAX_WEIGHTS);
  return drawWeights(count, seededRandom(seed));
}

/** The next `count` numbers of `random`, as weights: `2 * random - 1`, uniform on [−1, 1). */
export function drawWeights(count: number, random: () => number): number[] {
  return Array.from({ length: count }, () => 2 * random() - 1);
}

/** stdlib's state array for MT19937 seeded by init_genrand(seed), which is what numpy does. */
function initGenrandState(seed: number): Uint32Array {
  // Layout: | version 1 | 3 sections | N | ...mt | 1 | index | seed length 1 | seed |
  const state = new Uint32Array(N + 7);
  state.set([1, 3, N]);
  let previous = seed >>> 0;
  state[3] = previous;
  for (let i = 1; i < N; i++) {
    previous = (Math.imul(1812433253, previous ^ (previous >>> 30)) + i) >>> 0;
    state[3 + i] = previous;
  }
  state.set([1, N, 1, seed], N + 3);
  return state;
}
