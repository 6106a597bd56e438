// train()'s options, shared by Network and Perceptron: what they mean and how they are checked.

import { checkFinite, checkInteger, checkOptions, describe } from "../checks/validate";
import { checkUpdate } from "./network-options";

/** The state of training at one iteration, before that iteration's adjustment. */
export interface TrainingStep {
  /** 0 for the first iteration; `iterations` for the state after the last. */
  iteration: number;
  /** The mean of (output − target)² over the training rows. */
  meanSquaredError: number;
  /** A copy of the weights at that point. */
  weights: number[];
}

export interface TrainOptions<Step = TrainingStep> {
  /** Multiplies each adjustment. Default 1: the seed has none. */
  learningRate?: number;
  /** Record every `every`-th iteration, and always the final state. Default 1. */
  every?: number;
  /** Return the recorded steps. Default false. */
  history?: boolean;
  /** Called with each recorded step while training runs, e.g. to update a live chart. */
  onStep?: (step: Step) => void;
  /** Rows an update: ⌈n / batchSize⌉ updates an iteration, on consecutive slices in order. Default: every row at once. */
  batchSize?: number;
  /** L1 penalty: each update also takes η · l1 · sign(w) off every weight. Default 0. */
  l1?: number;
  /** L2 penalty (weight decay): each update also takes η · l2 · w off every weight. Default 0. */
  l2?: number;
}

/** train()'s options once checked: every one filled in but `onStep`. */
export type CheckedTrainOptions<Step> = Required<Omit<TrainOptions<Step>, "onStep">> &
  Pick<TrainOptions<Step>, "onStep">;

/** Checks `train`'s options (a Perceptron's or a Network's), and fills in their defaults. */
export function checkTrainOptions<Step>(options: TrainOptions<Step>): CheckedTrainOptions<Step> {
  const where = "train(): options";
  const {
    learningRate = 1,
    every = 1,
    history = false,
    onStep,
    ...update
  } = checkOptions(options, ["learningRate", "every", "history", "onStep", "batchSize", "l1", "l2"], where);
  if (checkFinite(learningRate, `${where}.learningRate`) <= 0) {
    throw new RangeError(`${where}.learningRate must be a finite number above 0, got ${describe(learningRate)}`);
  }
  checkInteger(every, `${where}.every`, 1, Number.MAX_SAFE_INTEGER);
  if (typeof history !== "boolean") {
    throw new TypeError(`${where}.history must be true or false, got ${describe(history)}`);
  }
  if (onStep !== undefined && typeof onStep !== "function") {
    throw new TypeError(`${where}.onStep must be a function, got ${describe(onStep)}`);
  }
  return { learningRate, every, history, onStep, ...checkUpdate(update) };
}
