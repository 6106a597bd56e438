// The package's public surface: what a notebook or a user calls.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as api from "../src";

test("the package exports what a notebook or a user calls, and no internals", () => {
  assert.equal(Object.keys(api).sort(), [
    "ANSWERS",
    "Display",
    "MAX_SEED",
    "Network",
    "Perceptron",
    "barChart",
    "check",
    "confusionMatrix",
    "decisionBoundary",
    "diagram",
    "errorCurves",
    "errorSurface",
    "explore",
    "heatGrid",
    "inputCube",
    "layerOutputs",
    "lineChart",
    "liveChart",
    "neuronMaps",
    "permutation",
    "playgroundData",
    "plot",
    "randomWeights",
    "readCsv",
    "scatterChart",
    "seededRandom",
    "sigmoid",
    "sigmoidDerivative",
    "standardize",
    "standardizeWith",
    "thresholdBars",
    "trainTestSplit",
  ]);
});

test.run();
