// The playground's settings in the URL: every setting read back exactly, so a link reproduces a run,
// and a malformed or hostile link gets the defaults for what it got wrong, named, never an error.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { LIMITS } from "../src/checks/limits";
import {
  LINK_KEYS,
  type PlaygroundSettings,
  playgroundDefaults,
  playgroundFromHash,
  playgroundHash,
} from "../src/playground/settings";

test("every setting written into a link is read back the same", () => {
  const settings: PlaygroundSettings = {
    problem: "classification",
    data: "csv",
    csv: 'x,y,label\n1,2,"a&b=c#d"\n3,4,🙂\n',
    noise: 35,
    ratio: 70,
    seed: 4294967295,
    features: ["x1", "x2sq", "sinx2"],
    hidden: [8, 1, 3, 2, 5, 6],
    activation: "relu",
    bias: false,
    loss: "squared",
    regularization: "l1",
    regularizationRate: 0.003,
    learningRate: 0.00001,
    batchSize: 30,
    epochs: 250,
    speed: 20,
    showTest: true,
    discretize: true,
    edits: [
      { epoch: 0, layer: 0, from: 1, to: 7, value: -0.5 },
      { epoch: 250, layer: 6, from: 5, to: 0, value: 1.25e-7 },
    ],
  };
  assert.equal(playgroundFromHash(playgroundHash(settings)), { settings, problems: [] });
  assert.equal(playgroundFromHash(""), { settings: playgroundDefaults(), problems: [] });
  const none = { ...playgroundDefaults(), hidden: [], problem: "regression" as const, data: "multigauss" as const };
  assert.equal(playgroundFromHash(playgroundHash(none)).settings, none, "no hidden layer; regression");
  for (const key of LINK_KEYS) {
    if (key !== "csv" && key !== "edit") assert.ok(playgroundHash(settings).includes(`${key}=`), key);
  }
});

test("a link it cannot read gets the defaults for those settings, and names them", () => {
  const { settings, problems } = playgroundFromHash(
    "#data=%3Cscript%3Ealert(1)%3C/script%3E&hidden=9,1&seed=1e3&learningRate=javascript:1&epochs=99999999" +
      "&activation=constructor&bias=true&regularizationRate=11&noise=55&ratio=5&batchSize=0&speed=101" +
      "&features=x1,x1&loss=hinge&regularization=l3&problem=both&showTest=yes&discretize=2&edit=1:2&evil=1",
  );
  assert.equal(settings, playgroundDefaults());
  assert.equal(
    problems.sort(),
    [
      "activation",
      "batchSize",
      "bias",
      "data",
      "discretize",
      "edit",
      "epochs",
      '"evil"',
      "features",
      "hidden",
      "learningRate",
      "loss",
      "noise",
      "problem",
      "ratio",
      "regularization",
      "regularizationRate",
      "seed",
      "showTest",
      "speed",
    ].sort(),
  );
  assert.equal(playgroundFromHash("#learningRate=100").problems, ["learningRate"]);
  assert.equal(playgroundFromHash("#seed=7&seed=8").problems, ["seed"], "a setting given twice");
  assert.equal(playgroundFromHash("#data=csv").problems, ["csv"], "a CSV data set needs its text");
  assert.equal(playgroundFromHash("#data=csv").settings.data, "circle");
  assert.is(playgroundFromHash("#data=xor&seed=7").settings.seed, 7, "what it can read, it keeps");
  assert.is(playgroundFromHash("#data=plane").settings.problem, "regression", "a data set says its problem");
  assert.equal(playgroundFromHash("#epochs=3&edit=4:0:0:0:1").problems, ["edit"], "an edit after the last epoch");
  for (const name of ["toString", "__proto__", "constructor", "hasOwnProperty"]) {
    assert.equal(playgroundFromHash(`#data=${name}`).problems, ["data"], name);
    assert.equal(playgroundFromHash(`#features=${name}`).problems, ["features"], name);
  }
});

test("the playground's limits are the table's: the link takes each end and nothing past it", () => {
  const ends = [
    ["noise", LIMITS.playgroundNoise],
    ["ratio", LIMITS.playgroundRatio],
    ["batchSize", LIMITS.playgroundBatch],
    ["epochs", LIMITS.playgroundEpochs],
    ["speed", LIMITS.playgroundSpeed],
  ] as const;
  for (const [name, limit] of ends) {
    for (const v of [limit.min, limit.max])
      assert.equal(playgroundFromHash(`#${name}=${v}`).problems, [], `${name}=${v}`);
    for (const v of [limit.min - 1, limit.max + 1]) {
      assert.equal(playgroundFromHash(`#${name}=${v}`).problems, [name], `${name}=${v}`);
    }
  }
  assert.equal(playgroundFromHash("#learningRate=0.00001").problems, []);
  assert.equal(playgroundFromHash("#learningRate=0.000009").problems, ["learningRate"]);
  assert.equal(playgroundFromHash("#hidden=8,8,8,8,8,8").problems, []);
  assert.equal(playgroundFromHash("#hidden=8,8,8,8,8,8,8").problems, ["hidden"]);
  assert.equal(playgroundFromHash("#hidden=").settings.hidden, []);
});

test.run();
