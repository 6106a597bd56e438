import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { NetworkOptions } from "../../src";

export interface Case {
  name: string;
  seed: number;
  inputs: number[][];
  outputs: number[];
  iterations: number;
  learningRate: number;
  every: number;
  initialWeights: number[];
  weights: number[];
  history: { iterations: number[]; meanSquaredError: number[] };
  predict: { inputs: number[][]; outputs: number[] };
}

export interface Reference {
  generator: string;
  random: { seed: number; values: number[] }[];
  cases: Case[];
}

export const FIXTURES = join(__dirname, "..", "fixtures", "reference.json");

/** numpy's answers, written by test/reference/perceptron.py. */
export const reference: Reference = JSON.parse(readFileSync(FIXTURES, "utf8"));

/** The case with this seed, iteration count and learning rate on the seed's data. */
export function seedCase(seed: number, iterations: number, learningRate = 1): Case {
  const found = reference.cases.find(
    (c) =>
      c.seed === seed && c.iterations === iterations && c.learningRate === learningRate && c.inputs[0].length === 3,
  );
  if (!found) throw new Error(`no fixture for seed ${seed}, ${iterations} iterations, learning rate ${learningRate}`);
  return found;
}

export interface NetworkCase {
  name: string;
  seed: number;
  layers: number[];
  inputs: number[][];
  outputs: number[][];
  iterations: number;
  learningRate: number;
  every: number;
  initialWeights: number[][][];
  weights: number[][][];
  history: { iterations: number[]; meanSquaredError: number[] };
  predict: { inputs: number[][]; outputs: number[][] };
}

/** numpy's answers for the layered network, written by test/reference/network.py. */
export const networkReference: { generator: string; cases: NetworkCase[] } = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "network.json"), "utf8"),
);

/** One of numpy's cases for the network's options (test/reference/options.py). */
export interface OptionCase {
  name: string;
  layers: number[];
  seed: number;
  network: NetworkOptions;
  train: { learningRate?: number; batchSize?: number; l1?: number; l2?: number; every: number };
  iterations: number;
  inputs: number[][];
  outputs: number[][];
  weights: number[][][];
  biases: number[][] | null;
  errors: number[];
  predictions: number[][];
}

/** numpy's answers for the network's options, written by test/reference/options.py. */
export const optionCases: OptionCase[] = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "options.json"), "utf8"),
).cases;
