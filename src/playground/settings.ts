// The playground's settings: everything TensorFlow Playground lets a learner set (its src/state.ts),
// and what it lacks (a loss, a bias switch, data of one's own, weights set by hand), with its
// defaults; and the settings as a URL fragment and back, so that a link reproduces a run exactly.
// A link that cannot be read gets the defaults for what it got wrong, and says which.

import { LIMITS, type Limit, own, within } from "../checks/limits";
import { describe } from "../checks/validate";
import { PLAYGROUND_DATA, PLAYGROUND_REGRESSION } from "../data/playground";
import { ACTIVATION_NAMES, type ActivationName } from "../model/activation";
import { sin } from "../model/libm";

/** What each point gives the network, TensorFlow Playground's seven: name, label, value. */
export const FEATURES = {
  x1: { label: "x₁", f: (x1: number, _x2: number) => x1 },
  x2: { label: "x₂", f: (_x1: number, x2: number) => x2 },
  x1sq: { label: "x₁²", f: (x1: number, _x2: number) => x1 * x1 },
  x2sq: { label: "x₂²", f: (_x1: number, x2: number) => x2 * x2 },
  x1x2: { label: "x₁x₂", f: (x1: number, x2: number) => x1 * x2 },
  sinx1: { label: "sin(x₁)", f: (x1: number, _x2: number) => sin(x1) },
  sinx2: { label: "sin(x₂)", f: (_x1: number, x2: number) => sin(x2) },
} as const;
export type FeatureName = keyof typeof FEATURES;
export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];

/** The data sets by problem; "csv" is the learner's own, pasted or dropped. */
export const CLASSIFY = PLAYGROUND_DATA;
export const REGRESS = PLAYGROUND_REGRESSION;
export type DataName = (typeof CLASSIFY)[number] | (typeof REGRESS)[number] | "csv";
export const DATA_NAMES: readonly DataName[] = [...CLASSIFY, ...REGRESS, "csv"];
export const PROBLEMS = ["classification", "regression"] as const;
export type Problem = (typeof PROBLEMS)[number];
export const REGULARIZATIONS = ["none", "l1", "l2"] as const;
export type Regularization = (typeof REGULARIZATIONS)[number];
/** The loss of a two-class output; regression trains on squared error, more than two classes on cross-entropy. */
export const LOSSES = ["squared", "crossEntropy"] as const;
export type Loss = (typeof LOSSES)[number];

/** TensorFlow Playground's learning rates and regularisation rates, the choices its menus offer. */
export const RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const PENALTY_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];

/** A weight set by hand: at the start of epoch `epoch`, weights[layer][from][to] becomes `value`. */
export interface Edit {
  epoch: number;
  layer: number;
  from: number;
  to: number;
  value: number;
}

export interface PlaygroundSettings {
  problem: Problem;
  /** A data set of the problem's (or "csv": `csv` holds it). */
  data: DataName;
  /** The learner's CSV text (two numeric columns and a label or value), when `data` is "csv". */
  csv: string;
  /** Noise, in percent: 0 to 50. */
  noise: number;
  /** The share of the points trained on, in percent: 10 to 90; the rest are the test points. */
  ratio: number;
  /** numpy's seed: the points, their order and the first weights are drawn from it. */
  seed: number;
  /** The features the network is given, in FEATURE_NAMES' order. */
  features: FeatureName[];
  /** Each hidden layer's neurons: 0 to 6 layers of 1 to 8. */
  hidden: number[];
  activation: ActivationName;
  /** A bias per neuron (TensorFlow Playground always has one). */
  bias: boolean;
  /** A two-class output's loss. */
  loss: Loss;
  regularization: Regularization;
  regularizationRate: number;
  learningRate: number;
  batchSize: number;
  /** The epochs the run has trained: a link restores the run at that epoch. */
  epochs: number;
  /** Epochs trained a frame while playing. */
  speed: number;
  showTest: boolean;
  /** The output's heat map in two colours, at 0.5 (or 0 for regression), not shaded. */
  discretize: boolean;
  /** Weights set by hand, in the order they were set. */
  edits: Edit[];
}

/**
 * TensorFlow Playground's defaults, and ours where it has none: seed 1, biases on, and cross-entropy,
 * the loss for a sigmoid's probabilities (notebook 9; TensorFlow Playground has only squared error).
 */
export function playgroundDefaults(): PlaygroundSettings {
  return {
    problem: "classification",
    data: "circle",
    csv: "",
    noise: 0,
    ratio: 50,
    seed: 1,
    features: ["x1", "x2"],
    hidden: [4, 2],
    activation: "tanh",
    bias: true,
    loss: "crossEntropy",
    regularization: "none",
    regularizationRate: 0,
    learningRate: 0.03,
    batchSize: 10,
    epochs: 0,
    speed: 1,
    showTest: false,
    discretize: false,
    edits: [],
  };
}

/** The problem a data set belongs to ("csv" is either: the settings say). */
export function problemOf(data: DataName, fallback: Problem): Problem {
  if ((CLASSIFY as readonly string[]).includes(data)) return "classification";
  if ((REGRESS as readonly string[]).includes(data)) return "regression";
  return fallback;
}

/** The URL fragment for some settings: every one, so that the link reproduces the run. */
export function playgroundHash(s: PlaygroundSettings): string {
  const params = new URLSearchParams({
    problem: s.problem,
    data: s.data,
    noise: String(s.noise),
    ratio: String(s.ratio),
    seed: String(s.seed),
    features: s.features.join(","),
    hidden: s.hidden.join(","),
    activation: s.activation,
    bias: s.bias ? "1" : "0",
    loss: s.loss,
    regularization: s.regularization,
    regularizationRate: String(s.regularizationRate),
    learningRate: String(s.learningRate),
    batchSize: String(s.batchSize),
    epochs: String(s.epochs),
    speed: String(s.speed),
    showTest: s.showTest ? "1" : "0",
    discretize: s.discretize ? "1" : "0",
  });
  for (const e of s.edits) params.append("edit", `${e.epoch}:${e.layer}:${e.from}:${e.to}:${e.value}`);
  if (s.data === "csv") params.set("csv", s.csv);
  return `#${params}`;
}

/** The names a link may carry, each once (edit may repeat). */
export const LINK_KEYS = [
  "problem",
  "data",
  "csv",
  "noise",
  "ratio",
  "seed",
  "features",
  "hidden",
  "activation",
  "bias",
  "loss",
  "regularization",
  "regularizationRate",
  "learningRate",
  "batchSize",
  "epochs",
  "speed",
  "showTest",
  "discretize",
  "edit",
] as const;

const PLAIN = /^\d*\.?\d+(e-?\d+)?$/i;
const EDIT = /^(\d+):(\d+):(\d+):(\d+):(-?\d*\.?\d+(e[-+]?\d+)?)$/i;

/**
 * The settings a URL fragment holds, over the defaults, and what it got wrong, by name in `problems`
 * (each setting that could not be read keeps its default). Numbers must be written plainly and lie
 * within the playground's limits (limits.ts); names must be one of their lists. The CSV text is
 * checked when the run reads it (run.ts), not here.
 */
export function playgroundFromHash(hash: string): { settings: PlaygroundSettings; problems: string[] } {
  if (typeof hash !== "string") {
    throw new TypeError(`playgroundFromHash(hash): hash must be a string such as "#data=xor", got ${describe(hash)}`);
  }
  const settings = playgroundDefaults();
  const problems: string[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(hash.replace(/^#/, ""));
  } catch {
    return { settings, problems: ["the whole link"] };
  }
  for (const key of new Set(params.keys())) {
    if (!(LINK_KEYS as readonly string[]).includes(key)) {
      problems.push(key === "" ? "(a setting with no name)" : JSON.stringify(key.slice(0, 30)));
    } else if (key !== "edit" && params.getAll(key).length > 1) problems.push(key);
  }
  const one = (name: string) => (params.getAll(name).length === 1 ? params.get(name) : null);
  const choice = <T extends string>(name: keyof PlaygroundSettings, names: readonly T[]) => {
    const text = one(name);
    if (text === null) return;
    const found = names.find((n) => n === text);
    if (found !== undefined) (settings as unknown as Record<string, unknown>)[name] = found;
    else problems.push(name);
  };
  const number = (name: keyof PlaygroundSettings, limit: Limit) => {
    const text = one(name);
    if (text === null) return;
    const value = Number(text);
    if ((limit.integer ? /^\d+$/ : PLAIN).test(text) && within(limit, value)) {
      (settings as unknown as Record<string, unknown>)[name] = value;
    } else problems.push(name);
  };
  const flag = (name: "bias" | "showTest" | "discretize") => {
    const text = one(name);
    if (text === null) return;
    if (text === "0" || text === "1") settings[name] = text === "1";
    else problems.push(name);
  };
  choice("problem", PROBLEMS);
  choice("data", DATA_NAMES);
  if (settings.data !== "csv") settings.problem = problemOf(settings.data, settings.problem);
  if (settings.data === "csv") {
    const csv = one("csv");
    if (csv !== null && csv.length <= LIMITS.playgroundCsvCharacters.max) settings.csv = csv;
    else {
      problems.push("csv");
      settings.data = "circle";
      settings.problem = "classification";
    }
  }
  number("noise", LIMITS.playgroundNoise);
  number("ratio", LIMITS.playgroundRatio);
  number("seed", LIMITS.seed);
  number("regularizationRate", LIMITS.playgroundPenalty);
  number("learningRate", LIMITS.playgroundLearningRate);
  number("batchSize", LIMITS.playgroundBatch);
  number("epochs", LIMITS.playgroundEpochs);
  number("speed", LIMITS.playgroundSpeed);
  choice("activation", ACTIVATION_NAMES);
  choice("loss", LOSSES);
  choice("regularization", REGULARIZATIONS);
  flag("bias");
  flag("showTest");
  flag("discretize");
  const features = one("features");
  if (features !== null) {
    const names = features.split(",");
    const known = names.every((n) => own(FEATURES, n) !== undefined) && new Set(names).size === names.length;
    if (known && names.length > 0) settings.features = FEATURE_NAMES.filter((n) => names.includes(n));
    else problems.push("features");
  }
  const hidden = one("hidden");
  if (hidden !== null) {
    const sizes = hidden === "" ? [] : hidden.split(",");
    const layer = LIMITS.playgroundNeurons;
    if (
      sizes.length <= LIMITS.playgroundLayers.max &&
      sizes.every((n) => /^\d+$/.test(n) && within(layer, Number(n)))
    ) {
      settings.hidden = sizes.map(Number);
    } else problems.push("hidden");
  }
  const edits = params.getAll("edit");
  if (edits.length > LIMITS.playgroundEdits.max) problems.push("edit");
  else {
    for (const text of edits) {
      const m = EDIT.exec(text);
      const edit = m && { epoch: +m[1], layer: +m[2], from: +m[3], to: +m[4], value: +m[5] };
      if (edit && Number.isFinite(edit.value) && edit.epoch <= settings.epochs) settings.edits.push(edit);
      else if (!problems.includes("edit")) problems.push("edit");
    }
  }
  return { settings, problems };
}

/** A one-line description of a setting that could not be read, for the page's note. */
export function describeProblems(problems: string[]): string {
  return problems.length === 0
    ? ""
    : `This link's ${problems.join(", ")} could not be read, so the defaults are used for ${problems.length === 1 ? "it" : "them"}.`;
}
