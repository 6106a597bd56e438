// The live explorer, in the page: labelled controls that retrain the module's own Network and
// redraw its charts with Plotly.react, with no kernel. Bundled for the browser (browser.ts) and
// mounted by the HTML that explore() sends, or by the site's playground page.
import { Network, type NetworkStep } from "./network";

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
};

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

/** The explorer's defaults for a data set: the seed's settings. */
export function defaults(data = "seed"): Settings {
  const set = DATA_SETS[data] ?? DATA_SETS.seed;
  return {
    data: DATA_SETS[data] ? data : "seed",
    hidden: data === "sequel" || data === "xor" ? 4 : 0,
    seed: 1,
    learningRate: 1,
    iterations: data === "sequel" ? 60000 : 10000,
    targets: [...set.targets],
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

/** The numbers of a run, a line each, as the explorer shows them and as the kernel would print them. */
export function report(settings: Settings, result: Result): string {
  const set = DATA_SETS[settings.data];
  return [
    `mean squared error after ${settings.iterations} iterations: ${result.meanSquaredError}`,
    ...set.inputs.map((row, r) => `prediction for [${row.join(", ")}]: ${result.predictions[r]}`),
  ].join("\n");
}
