// The one table of limits: every check, the playground's URL parser and the explorer's controls
// read their ranges from here, so a limit is written once.

/** A range of numbers a setting may take, and how a control steps through it. */
export interface Limit {
  /** The smallest value allowed. */
  readonly min: number;
  /** The largest value allowed. */
  readonly max: number;
  /** A control's step; integers step by 1 unless it says otherwise. */
  readonly step?: number;
  /** Whether only integers are allowed. */
  readonly integer: boolean;
}

/** The largest seed numpy's `np.random.seed` accepts: 2³² − 1. */
export const MAX_SEED = 4294967295;

/** The most weights drawn at once, hence a perceptron's most inputs: 2²⁴ (128 MiB of doubles). */
export const MAX_WEIGHTS = 2 ** 24;

/** Every limit, by the name of what it limits. */
export const LIMITS = {
  /** numpy's seeds: 0 … 2³² − 1 (also the explorer's seed box). */
  seed: { min: 0, max: MAX_SEED, step: 1, integer: true },
  /** A layer's size, and the weights of a whole network. */
  weights: { min: 1, max: MAX_WEIGHTS, integer: true },
  /** Iterations of `train()`. */
  iterations: { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true },
  /** The explorer's (explore()'s, the playground's) hidden neurons: 0 is the seed's single neuron. */
  explorerHidden: { min: 0, max: 8, step: 1, integer: true },
  /** The explorer's iterations: the sequel's 60,000 at most. */
  explorerIterations: { min: 0, max: 60000, step: 100, integer: true },
  /**
   * The explorer's learning rate. Its slider moves on a log scale, from log₁₀ min to log₁₀ max in
   * steps of `step` (so 10^−2 … 10^1), and trains with 10^v to three digits (ui.ts rateOf).
   */
  explorerLearningRate: { min: 0.01, max: 10, step: 0.05, integer: false },
  /** The explorer's L2 penalty (weight decay, train()'s `l2`): 0 is none. */
  explorerL2: { min: 0, max: 0.1, step: 0.001, integer: false },
  /** The playground's noise, in percent (TensorFlow Playground's 0 to 50, in steps of 5). */
  playgroundNoise: { min: 0, max: 50, step: 5, integer: true },
  /** The playground's share of points to train on, in percent (its 10 to 90, in steps of 10). */
  playgroundRatio: { min: 10, max: 90, step: 10, integer: true },
  /** The playground's batch size (its 1 to 30). */
  playgroundBatch: { min: 1, max: 30, step: 1, integer: true },
  /** The playground's hidden layers (its 0 to 6). */
  playgroundLayers: { min: 0, max: 6, step: 1, integer: true },
  /** The playground's neurons a hidden layer (its 1 to 8). */
  playgroundNeurons: { min: 1, max: 8, step: 1, integer: true },
  /** The playground's learning rate (its menu: 0.00001 to 10). */
  playgroundLearningRate: { min: 0.00001, max: 10, integer: false },
  /** The playground's L1 or L2 rate (its menu: 0 to 10). */
  playgroundPenalty: { min: 0, max: 10, integer: false },
  /** The epochs a playground link may ask to be trained again when it is opened (and play's last). */
  playgroundEpochs: { min: 0, max: 100000, step: 1, integer: true },
  /** Epochs a frame while the playground plays. */
  playgroundSpeed: { min: 1, max: 100, step: 1, integer: true },
  /** Weights set by hand a playground link may carry. */
  playgroundEdits: { min: 0, max: 100, integer: true },
  /** A playground CSV: its characters (about 1 MB; a link carries it) and its rows. */
  playgroundCsvCharacters: { min: 0, max: 1_000_000, integer: true },
  playgroundCsvRows: { min: 2, max: 5000, integer: true },
  /** Classes a playground CSV may have (each its colour, Okabe and Ito's eight). */
  playgroundClasses: { min: 2, max: 8, integer: true },
} as const satisfies Record<string, Limit>;

/** What a limit allows, in words: "an integer from 0 to 8", "a number from 0.01 to 10". */
export function allowed(limit: Limit): string {
  return `${limit.integer ? "an integer" : "a number"} from ${limit.min} to ${limit.max}`;
}

/** Whether `value` is a number a limit allows. */
export function within(limit: Limit, value: unknown): value is number {
  return (
    typeof value === "number" &&
    (limit.integer ? Number.isInteger(value) : Number.isFinite(value)) &&
    value >= limit.min &&
    value <= limit.max
  );
}

/** Data sets with more rows than this show a count of right answers, not a line per row. */
export const ROWS_SHOWN = 8;

/**
 * The value a table holds under `key` as its own property, else undefined: a lookup by a caller's
 * string never finds what every object inherits (`toString`, `constructor`, `__proto__`).
 */
export function own<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === "string" && Object.hasOwn(table, key) ? table[key] : undefined;
}
