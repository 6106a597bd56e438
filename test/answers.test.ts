// The exercises' answers (src/notebook/answers.ts) for notebooks 1 to 7, recomputed from the module,
// whose numbers are numpy's: each entry is what the exercise's change to its notebook gives.
// (Notebook 8's, 8.1 to 8.6, run its own code: test/e2e/answers-iris.test.ts.)
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ANSWERS, Network, Perceptron, randomWeights, seededRandom, sigmoid, sigmoidDerivative } from "../src";
import { DATA_SETS } from "../src/explorer/explorer";
import { checked } from "../src/notebook/check";

const SEED_ROWS = DATA_SETS.seed.inputs;
const SEED_TARGETS = DATA_SETS.seed.targets;
const GATE_ROWS = DATA_SETS.and.inputs;
const SEQUEL_ROWS = DATA_SETS.sequel.inputs;
const SEQUEL_TARGETS = DATA_SETS.sequel.targets;
const EVERY_INPUT = [0, 1].flatMap((a) => [0, 1].flatMap((b) => [0, 1].map((c) => [a, b, c])));

/** Asserts that exercise `id`'s table entry is `value` (a check of it says right). */
function is(id: string, value: unknown) {
  const entry = ANSWERS[id];
  const said = checked(value, entry.expected, entry.what, entry.tolerance ?? 1e-12);
  assert.ok(said.startsWith("✓"), `${id}: ${said}`);
}

const trained = (rows: number[][], targets: number[], iterations: number, seed = 1, learningRate = 1) => {
  const p = new Perceptron({ inputs: rows[0].length, seed });
  const steps = p.train(rows, targets, iterations, { learningRate, every: 1, history: true });
  return { p, steps };
};
const argmaxAbs = (values: number[]) => values.map(Math.abs).indexOf(Math.max(...values.map(Math.abs)));

test("1: seeds and first weights", () => {
  is("1.1", 2 * seededRandom(2)() - 1);
  const three = new Perceptron({ inputs: 3, seed: 1 }).weights;
  const five = new Perceptron({ inputs: 5, seed: 1 }).weights;
  is(
    "1.2",
    three.every((w, j) => w === five[j]),
  );
  const bins = Array(20).fill(0);
  for (const w of randomWeights(100, 1)) bins[Math.min(19, Math.floor((w + 1) / 0.1))]++;
  is("1.3", [Math.min(...bins), Math.max(...bins)]);
  is("1.4", argmaxAbs(five) + 1);
});

test("2: the sigmoid's slope", () => {
  is("2.1", sigmoidDerivative(sigmoid(-40)));
  assert.is(sigmoidDerivative(sigmoid(40)), 0, "σ(40) rounds to 1: the slope is exactly 0");
  is("2.2", sigmoidDerivative(sigmoid(2)));
  assert.throws(() => sigmoidDerivative(2), /sigmoidDerivative/);
  const x = Math.log(3 + 2 * Math.SQRT2);
  is("2.3", x);
  assert.ok(Math.abs(sigmoidDerivative(sigmoid(x)) - 0.125) < 1e-15);
});

test("3: the training loop", () => {
  const errors = trained(SEED_ROWS, SEED_TARGETS, 10, 1, 10).steps.map((s) => s.meanSquaredError);
  is(
    "3.1",
    errors.findIndex((e, i) => i > 0 && e > errors[i - 1]),
  );
  is("3.2", argmaxAbs(trained(SEED_ROWS, [0, 1, 0, 1], 10000).p.weights) + 1);
  is("3.4", trained(SEED_ROWS, [0, 0, 1, 1], 10000).steps.at(-1)?.meanSquaredError);
});

test("4: predicting", () => {
  const early = trained(SEED_ROWS, SEED_TARGETS, 10).p.predict(EVERY_INPUT) as number[];
  is("4.1", early.filter((y) => Math.abs(y - 0.5) < 0.1).length);
  const p = trained(SEED_ROWS, SEED_TARGETS, 10000).p;
  is("4.2", p.predict([0.5, 0, 0]));
  is("4.3", trained(SEED_ROWS, [1, 0, 0, 1], 10000).p.weights[0]);
  // the examples reordered, [1, 0, 1] → 1 and [0, 1, 1] → 0 first: how many before the unseen are right
  const rows = [SEED_ROWS[2], SEED_ROWS[3], SEED_ROWS[0], SEED_ROWS[1]];
  const targets = [1, 0, 0, 1];
  const needed = [1, 2, 3, 4].find((k) => {
    const q = trained(rows.slice(0, k), targets.slice(0, k), 10000).p;
    const seen = rows.slice(0, k).map(String);
    const unseen = EVERY_INPUT.filter((x) => !seen.includes(String(x)) && String(x) !== "0,0,0");
    return unseen.every((x) => Math.round(q.predict(x) as number) === x[0]);
  });
  is("4.4", needed);
  const sure = (n: number) => Math.abs((trained(SEED_ROWS, SEED_TARGETS, n).p.predict([0, 1, 0]) as number) - 0.5);
  is("4.5", sure(60000) > sure(10000));
});

test("5: the complete network", () => {
  is("5.1", trained(SEED_ROWS, SEED_TARGETS, 10000).p.predict([0, 0, 0]));
  is("5.2", trained(SEED_ROWS, SEED_TARGETS, 100).p.predict([1, 0, 0]));
  is("5.3", argmaxAbs(trained(SEED_ROWS, SEED_TARGETS, 10000, 2).p.weights) === 0);
});

test("6: bias and gates", () => {
  const [, w2, b] = trained(GATE_ROWS, [1, 0, 0, 0], 10000).p.weights;
  is("6.1", -b / w2);
  const gates: Record<string, number[]> = {
    AND: [0, 0, 0, 1],
    OR: [0, 1, 1, 1],
    NAND: [1, 1, 1, 0],
    NOR: [1, 0, 0, 0],
  };
  const right = (rows: number[][], targets: number[], n: number) =>
    (trained(rows, targets, n).p.predict(rows) as number[]).filter((y, r) => y !== 0.5 && Math.round(y) === targets[r])
      .length;
  is(
    "6.2",
    Object.keys(gates).find((g) => right(GATE_ROWS, gates[g], 20) < 4),
  );
  const noBias = GATE_ROWS.map(([x1, x2]) => [x1, x2, 0]);
  is(
    "6.3",
    Object.values(gates).map((t) => right(noBias, t, 10000)),
  );
  const withProduct = GATE_ROWS.map(([x1, x2]) => [x1, x2, x1 * x2, 1]);
  is("6.4", right(withProduct, [0, 1, 1, 0], 10000) === 4);
});

test("7: a hidden layer", () => {
  const net = (hidden: number, seed: number, rows = SEQUEL_ROWS, targets = SEQUEL_TARGETS) => {
    const n = new Network({ layers: [3, hidden, 1], seed });
    const steps = n.train(rows, targets, 60000, { every: 60000, history: true });
    return { n, error: steps.at(-1)?.meanSquaredError ?? Number.NaN };
  };
  const twoHidden = [1, 2, 3].map((seed) => net(2, seed).error);
  is("7.1", [1, 2, 3].filter((_, k) => twoHidden[k] < 0.01)[0]);
  assert.ok(twoHidden[0] > 0.04 && twoHidden[1] > 0.04, "seeds 1 and 2 get stuck");
  is("7.2", net(1, 1).error);
  const [w1, w2, w3] = net(4, 1).n.weights[0];
  const shift = w1.map((_, j) => Math.abs(w3[j]) / Math.hypot(w1[j], w2[j]));
  is("7.4", shift.indexOf(Math.max(...shift)) + 1);
  is("7.5", net(4, 1, [...SEQUEL_ROWS, [1, 1, 0]], [...SEQUEL_TARGETS, 0]).n.predict([1, 1, 0]));
});

test.run();
