// A playground run, with no page: the points (a data set drawn from the seed, or the learner's
// CSV), split into training and test points, turned into the features the settings name, and a
// Network trained on them an epoch at a time, its losses kept per epoch. Each step is a call of the
// module's public API, the calls the code panel (code.ts) writes out, so that its program prints
// this run's numbers; test/reference/playground.py does the same in numpy.

import { LIMITS } from "../checks/limits";
import { checkCsv } from "../data/csv";
import { playgroundData } from "../data/playground";
import { trainTestSplit } from "../data/prepare";
import { layerOutputsOf } from "../model/layers";
import { Network } from "../model/network";
import type { SavedNetwork } from "../model/network-options";
import { type Edit, FEATURES, type FeatureName, type PlaygroundSettings, type Problem } from "./settings";

/** How many points each data set has: TensorFlow Playground's 500 to classify, 1,200 to fit. */
export const SAMPLES: Record<Problem, number> = { classification: 500, regression: 1200 };

/** TensorFlow Playground's plane, x₁ and x₂ from −6 to 6, for its data sets. */
const PLANE: [number, number] = [-6, 6];

/** Points on the plane and a target each: a class's index, or a value to fit. */
export interface Points {
  points: [number, number][];
  targets: number[];
}

/** The points a run trains and tests on, and what they are. */
export interface PlaygroundPoints {
  problem: Problem;
  train: Points;
  test: Points;
  /** The classes' names, in the order of their indices; null for regression. */
  classes: string[] | null;
  /** The plane drawn: [[x₁ from, to], [x₂ from, to]]. */
  domain: [[number, number], [number, number]];
  /** The two inputs' names. */
  axes: [string, string];
}

/** A learner's CSV that cannot be read: each message names a line and a column. */
export class CsvProblems extends RangeError {
  constructor(readonly problems: string[]) {
    super(`The CSV could not be read: ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? "; …" : ""}`);
  }
}

/**
 * The learner's CSV as playground points: two numeric columns and a label (a name or a number a
 * class) to classify, or a value to fit. Throws CsvProblems naming every bad line and column.
 */
export function csvPoints(
  text: string,
  problem: Problem,
): Omit<Points, never> & {
  classes: string[] | null;
  axes: [string, string];
} {
  const { data, problems } = checkCsv(text);
  if (data === null) throw new CsvProblems(problems);
  if (data.columns.length !== 2) {
    throw new CsvProblems([`line 1: it needs two input columns and a label, got ${data.columns.length + 1} columns`]);
  }
  const rows = data.rows.length;
  if (rows < LIMITS.playgroundCsvRows.min || rows > LIMITS.playgroundCsvRows.max) {
    throw new CsvProblems([
      `it has ${rows} rows; the playground takes ${LIMITS.playgroundCsvRows.min} to ${LIMITS.playgroundCsvRows.max}`,
    ]);
  }
  const points = data.rows.map(([a, b]) => [a, b] as [number, number]);
  const axes = data.columns as [string, string];
  if (problem === "regression") {
    if (data.classes !== null) {
      const r = data.targets.indexOf(0);
      throw new CsvProblems([
        `line ${r + 2}, column "${data.target}": ${JSON.stringify(data.classes[0])} is not a number to fit (choose classification for labels)`,
      ]);
    }
    return { points, targets: data.targets, classes: null, axes };
  }
  // classes: the names in the order they come, or the numbers from lowest to highest
  const classes = data.classes ?? [...new Set(data.targets)].sort((a, b) => a - b).map(String);
  const targets = data.classes ? data.targets : data.targets.map((v) => classes.indexOf(String(v)));
  if (classes.length < LIMITS.playgroundClasses.min || classes.length > LIMITS.playgroundClasses.max) {
    throw new CsvProblems([
      `column "${data.target}" has ${classes.length} classes; the playground takes ${LIMITS.playgroundClasses.min} to ${LIMITS.playgroundClasses.max}`,
    ]);
  }
  return { points, targets, classes, axes };
}

/** The plane around some points: their range, a tenth wider each way (or ±1 where all are equal). */
function around(points: [number, number][]): [[number, number], [number, number]] {
  const range = (k: 0 | 1): [number, number] => {
    const values = points.map((p) => p[k]);
    const [low, high] = [Math.min(...values), Math.max(...values)];
    const margin = high > low ? (high - low) / 10 : 1;
    return [low - margin, high + margin];
  };
  return [range(0), range(1)];
}

/**
 * The run's points: the data set drawn from the seed (or the CSV), then split by the seed's
 * permutation, `ratio` percent to train on (trainTestSplit, the first share of the order to test).
 */
export function playgroundPoints(s: PlaygroundSettings): PlaygroundPoints {
  let all: Points;
  let classes: string[] | null;
  let axes: [string, string] = ["x₁", "x₂"];
  let domain: [[number, number], [number, number]] = [PLANE, PLANE];
  if (s.data === "csv") {
    const csv = csvPoints(s.csv, s.problem);
    all = { points: csv.points, targets: csv.targets };
    classes = csv.classes;
    axes = csv.axes;
    domain = around(csv.points);
  } else {
    const drawn = playgroundData(s.data, { samples: SAMPLES[s.problem], noise: s.noise / 100, seed: s.seed });
    all = { points: drawn.rows, targets: drawn.targets };
    classes = s.problem === "classification" ? ["0", "1"] : null;
  }
  const split = trainTestSplit(all.points, all.targets, { testFraction: (100 - s.ratio) / 100, seed: s.seed });
  const part = (p: { rows: [number, number][]; targets: unknown[] }) => ({
    points: p.rows,
    targets: p.targets as number[],
  });
  return { problem: s.problem, train: part(split.train), test: part(split.test), classes, domain, axes };
}

/** A point's features, in the settings' order. */
export function featuresOf(features: readonly FeatureName[]): (point: readonly [number, number]) => number[] {
  const fs = features.map((name) => FEATURES[name].f);
  return ([x1, x2]) => fs.map((f) => f(x1, x2));
}

/** The targets as train() takes them: a number a row, or with more than two classes a one-hot row. */
export function trainingTargets(targets: number[], classes: string[] | null): number[] | number[][] {
  if (classes === null || classes.length <= 2) return targets;
  return targets.map((c) => classes.map((_, k) => (k === c ? 1 : 0)));
}

/** The network the settings describe, before training. */
export function playgroundNetwork(s: PlaygroundSettings, classes: string[] | null): Network {
  const many = classes !== null && classes.length > 2;
  return new Network({
    layers: [s.features.length, ...s.hidden, many ? (classes as string[]).length : 1],
    seed: s.seed,
    bias: s.bias,
    activation: s.activation,
    output: classes === null ? "linear" : many ? "softmax" : "sigmoid",
    loss: classes === null ? "squared" : many ? "crossEntropy" : s.loss,
  });
}

/** train()'s options for the settings' epochs (PlaygroundRun.trainOptions). */
export function trainOptionsOf(s: PlaygroundSettings): {
  learningRate: number;
  batchSize: number;
  l1?: number;
  l2?: number;
} {
  const { learningRate, batchSize, regularization, regularizationRate } = s;
  const options: { learningRate: number; batchSize: number; l1?: number; l2?: number } = { learningRate, batchSize };
  if (regularization !== "none" && regularizationRate > 0) options[regularization] = regularizationRate;
  return options;
}

/** What the note says when a loss stops being a number. */
export function stoppedNote(epoch: number, learningRate: number): string {
  return (
    `Training stopped at epoch ${epoch + 1}: its loss became NaN or Infinity, so the weights of epoch ${epoch} are kept. ` +
    `The learning rate (${learningRate}) is too high for this loss: each step overshoots and the weights grow without bound. ` +
    "Try a rate ten times smaller."
  );
}

/** A class's confusion: counts[actual][predicted]. */
export type Confusion = number[][];

/**
 * A run: its points, its network and its losses per epoch. step() trains epochs one at a time, each
 * one pass over the training points in batches of `batchSize` (train(rows, targets, 1, …)), with
 * L1 or L2 as the settings say; when a loss becomes NaN or ±Infinity it stops, keeps the network
 * of the epoch before and says why in `stopped`.
 */
export class PlaygroundRun {
  readonly data: PlaygroundPoints;
  /** The training and test points' features. */
  readonly trainRows: number[][];
  readonly testRows: number[][];
  readonly trainTargets: number[] | number[][];
  readonly testTargets: number[] | number[][];
  readonly features: (point: readonly [number, number]) => number[];
  /** The losses per epoch, [0] before training: each after that epoch and any weight set by hand at its end. */
  readonly losses: { train: number[]; test: number[] } = { train: [], test: [] };
  /** Why training stopped, or null. */
  stopped: string | null = null;
  #network: Network;
  #epoch = 0;
  #edits: Edit[];

  /**
   * @param settings - the settings (copied); its `edits` are made again as the run reaches their epochs
   */
  constructor(readonly settings: PlaygroundSettings) {
    this.settings = { ...settings, hidden: [...settings.hidden], features: [...settings.features], edits: [] };
    this.#edits = [...settings.edits].sort((a, b) => a.epoch - b.epoch);
    this.data = playgroundPoints(this.settings);
    this.features = featuresOf(this.settings.features);
    this.trainRows = this.data.train.points.map(this.features);
    this.testRows = this.data.test.points.map(this.features);
    this.trainTargets = trainingTargets(this.data.train.targets, this.data.classes);
    this.testTargets = trainingTargets(this.data.test.targets, this.data.classes);
    this.#network = playgroundNetwork(this.settings, this.data.classes);
    this.#editsDue();
    this.#measure();
  }

  /** The network as trained so far. */
  get network(): Network {
    return this.#network;
  }

  /** The epochs trained. */
  get epoch(): number {
    return this.#epoch;
  }

  /**
   * train()'s options for an epoch: the learning rate scales the sum of a batch's changes, the
   * seed's rule (TensorFlow Playground scales their mean: the same rate here steps b times as far).
   */
  get trainOptions(): { learningRate: number; batchSize: number; l1?: number; l2?: number } {
    return trainOptionsOf(this.settings);
  }

  /** Trains up to `count` epochs more (fewer if a loss stops being a number); returns how many it trained. */
  step(count = 1): number {
    let trained = 0;
    const options = this.trainOptions;
    while (trained < count && this.stopped === null) {
      const before: SavedNetwork = this.#network.toJSON();
      this.#network.train(this.trainRows, this.trainTargets, 1, options);
      const train = this.#network.loss(this.trainRows, this.trainTargets);
      const test = this.#network.loss(this.testRows, this.testTargets);
      if (!Number.isFinite(train) || !Number.isFinite(test)) {
        this.#network = Network.fromJSON(before);
        this.stopped = stoppedNote(this.#epoch, this.settings.learningRate);
        break;
      }
      this.#epoch++;
      trained++;
      this.losses.train.push(train);
      this.losses.test.push(test);
      if (this.#editsDue()) this.#measure(true);
    }
    return trained;
  }

  /**
   * Sets one weight by hand, now, at the end of the current epoch; kept in `settings.edits`, so a
   * link or the code panel makes it again. A weight that is not there, or not a finite number, is a
   * RangeError naming it, and changes nothing.
   */
  edit(layer: number, from: number, to: number, value: number): void {
    const edit = { epoch: this.#epoch, layer, from, to, value };
    this.#apply(edit);
    this.settings.edits.push(edit);
    this.#measure(true);
  }

  /** Sets the weights the edits made at this epoch; whether there were any. */
  #editsDue(): boolean {
    let any = false;
    while (this.#edits.length > 0 && this.#edits[0].epoch <= this.#epoch) {
      const edit = this.#edits.shift() as Edit;
      if (edit.epoch === this.#epoch) {
        this.#apply(edit);
        this.settings.edits.push(edit);
        any = true;
      }
    }
    return any;
  }

  #apply({ layer, from, to, value }: Edit): void {
    const weights = this.#network.weights;
    const where = `weights[${layer}][${from}][${to}]`;
    if (weights[layer]?.[from]?.[to] === undefined) {
      throw new RangeError(`The weight ${where} is not in this network (layers ${this.#network.layers.join(", ")})`);
    }
    if (!Number.isFinite(value)) throw new RangeError(`The weight ${where} must be a finite number, got ${value}`);
    weights[layer][from][to] = value;
    this.#network.weights = weights;
  }

  /** Records the losses at this epoch (again, after a weight is set). */
  #measure(again = false): void {
    if (again) {
      this.losses.train.pop();
      this.losses.test.pop();
    }
    this.losses.train.push(this.#network.loss(this.trainRows, this.trainTargets));
    this.losses.test.push(this.#network.loss(this.testRows, this.testTargets));
  }

  /** The class each point of a part is given: the likeliest output, or for one output 1 at 0.5 and above. */
  predictedClasses(part: "train" | "test"): number[] {
    const rows = part === "train" ? this.trainRows : this.testRows;
    const outputs = this.#network.predict(rows) as (number | number[])[];
    return outputs.map((o) => (typeof o === "number" ? (o >= 0.5 ? 1 : 0) : o.indexOf(Math.max(...o))));
  }

  /** The share of a part's points given their class; null for regression. */
  accuracy(part: "train" | "test"): number | null {
    if (this.data.classes === null) return null;
    const targets = this.data[part].targets;
    const predicted = this.predictedClasses(part);
    return predicted.filter((c, i) => c === targets[i]).length / targets.length;
  }

  /** counts[actual][predicted] over a part's points; null for regression. */
  confusion(part: "train" | "test"): Confusion | null {
    const classes = this.data.classes;
    if (classes === null) return null;
    const counts = classes.map(() => classes.map(() => 0));
    const targets = this.data[part].targets;
    this.predictedClasses(part).forEach((c, i) => {
      counts[targets[i]][c]++;
    });
    return counts;
  }

  /**
   * Every neuron's output over the plane, at the centres of a density × density grid (x₁ across,
   * x₂ from the top down, as a picture is drawn): outputs[l][k][j], neuron j of layer l + 1 at
   * point k. The features are the inputs' own (layer 0 is the features over the plane).
   */
  grid(density: number): { density: number; features: number[][]; outputs: number[][][] } {
    const [[x0, x1], [y0, y1]] = this.data.domain;
    const rows: number[][] = [];
    for (let r = 0; r < density; r++) {
      const y = y1 - ((r + 0.5) * (y1 - y0)) / density;
      for (let c = 0; c < density; c++) rows.push(this.features([x0 + ((c + 0.5) * (x1 - x0)) / density, y]));
    }
    return { density, features: rows, outputs: layerOutputsOf(this.#network, rows) };
  }
}

/** A run trained to its settings' epochs (or until a loss stops being a number). */
export function playgroundRun(settings: PlaygroundSettings): PlaygroundRun {
  const run = new PlaygroundRun(settings);
  run.step(settings.epochs);
  return run;
}
