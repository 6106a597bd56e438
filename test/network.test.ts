// The layered Network against numpy's answers (test/reference/network.py follows the sequel line
// by line), against the seed's Perceptron, and every malformed call, one test each.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Network, type NetworkStep, Perceptron } from "../src";
import { DATA_SETS } from "../src/explorer/explorer";
import { assertClose, assertHistory, assertThrowingStepChangesNothing, assertThrows } from "./helpers/assert";
import { type BadCall, testBadCalls, trainingBadCalls } from "./helpers/bad-calls";
import { networkReference } from "./helpers/fixtures";

const { cases } = networkReference;
const SEQUEL_X = DATA_SETS.sequel.inputs;
const SEQUEL_Y = DATA_SETS.sequel.targets;
const flat3 = (w: number[][][]) => w.flat(2);
/** The targets as the Network takes them: a number per row for one output neuron, else rows. */
const targets = (c: (typeof cases)[number]) => (c.layers[c.layers.length - 1] === 1 ? c.outputs.flat() : c.outputs);

test("the sequel's run prints what the article prints: [1, 1, 0] -> 0.0078876... after 60,000 iterations", () => {
  const net = new Network({ layers: [3, 4, 1], seed: 1 });
  net.train(SEQUEL_X, SEQUEL_Y, 60000);
  const prediction = net.predict([1, 1, 0]);
  assert.type(prediction, "number");
  assertClose([prediction as number], [0.00788760437649546], "predict([1, 1, 0])");
  assert.match(String(prediction), /^0\.0078876/);
});

test("a network's rows changed after they were checked train nothing, and say which value is wrong", () => {
  const net = new Network({ layers: [3, 4, 1], seed: 1 });
  const before = net.weights;
  const rows = DATA_SETS.sequel.inputs.map((row) => [...row]);
  const options = {
    get learningRate() {
      rows[0][0] = Number.POSITIVE_INFINITY;
      return 1;
    },
  };
  assertThrows(
    () => net.train(rows, DATA_SETS.sequel.targets, 10, options),
    RangeError,
    /^train\(\): inputs\[0\]\[0\] must be a finite number, got Infinity$/,
  );
  const taken = DATA_SETS.sequel.inputs.map((row) => [...row]);
  assertThrows(
    () => net.train(taken, DATA_SETS.sequel.targets, 10, { every: 5, onStep: () => void taken.pop() }),
    RangeError,
    /now 5 rows, not 7/,
  );
  assert.equal(net.weights, before, "the weights are as they were");
});

test("the first weights are exactly numpy's for every seed and shape in the fixtures", () => {
  assert.ok(cases.some((c) => c.seed === 0) && cases.some((c) => c.seed === 4294967295));
  for (const c of cases)
    assert.equal(new Network({ layers: c.layers, seed: c.seed }).weights, c.initialWeights, c.name);
});

test("training matches numpy within 1e-12 for every case: depths, outputs, seeds, learning rates", () => {
  assert.ok(cases.length >= 9, "the fixtures hold the cases");
  for (const c of cases) {
    const net = new Network({ layers: c.layers, seed: c.seed });
    const steps = net.train(c.inputs, targets(c), c.iterations, {
      learningRate: c.learningRate,
      every: c.every,
      history: true,
    });
    assertClose(flat3(net.weights), flat3(c.weights), `${c.name}: weights`);
    const predicted = net.predict(c.predict.inputs).map((p) => (typeof p === "number" ? [p] : p));
    assertClose(predicted.flat(), c.predict.outputs.flat(), `${c.name}: predictions`);
    assertHistory(steps, c.history, c.name);
  }
});

test("layers [3, 1] are the seed's Perceptron: the same weights and the same training, to the last digit", () => {
  for (const seed of [0, 1, 42]) {
    const net = new Network({ layers: [3, 1], seed: seed });
    const p = new Perceptron({ seed: seed });
    assert.equal(flat3(net.weights), p.weights);
    const X = SEQUEL_X.slice(0, 4);
    const netSteps = net.train(X, [0, 1, 1, 0], 1000, { every: 100, history: true, learningRate: 0.5 });
    const pSteps = p.train(X, [0, 1, 1, 0], 1000, { every: 100, history: true, learningRate: 0.5 });
    assert.equal(flat3(net.weights), p.weights);
    assert.equal(
      netSteps.map((s) => s.meanSquaredError),
      pSteps.map((s) => s.meanSquaredError),
    );
    assert.equal(net.predict(X), p.predict(X));
  }
});

test("history and onStep record every `every`-th iteration, the final state, and copies of every layer", () => {
  const seen: NetworkStep[] = [];
  const net = new Network({ layers: [3, 2, 2], seed: 3 });
  const steps = net.train(
    SEQUEL_X,
    SEQUEL_X.map((r) => [r[0], r[1]]),
    25,
    {
      every: 10,
      history: true,
      onStep: (s) => seen.push(s),
    },
  );
  assert.equal(
    steps.map((s) => s.iteration),
    [0, 10, 20, 25],
  );
  assert.is(seen.length, 4);
  assert.equal(steps[0].weights, new Network({ layers: [3, 2, 2], seed: 3 }).weights);
  assert.equal(steps[3].weights, net.weights);
  steps[3].weights[1][0][0] = 99;
  assert.is.not(net.weights[1][0][0], 99, "a step's weights are a copy");
});

test("predict gives a number per row for one output neuron, else an array per row", () => {
  const one = new Network({ layers: [3, 4, 1], seed: 1 });
  assert.type(one.predict([1, 0, 0]), "number");
  assert.is(one.predict(SEQUEL_X).length, 7);
  const three = new Network({ layers: [3, 4, 3], seed: 1 });
  const row = three.predict([1, 0, 0]) as number[];
  assert.is(row.length, 3);
  assert.equal(three.predict([[1, 0, 0]])[0], row);
  assert.equal(one.predict(Float64Array.from([1, 0, 0])), one.predict([1, 0, 0]));
});

test("outputs for one output neuron may be flat or a column, as numpy has them", () => {
  const a = new Network({ layers: [3, 2, 1], seed: 8 });
  const b = new Network({ layers: [3, 2, 1], seed: 8 });
  a.train(SEQUEL_X, SEQUEL_Y, 50);
  b.train(
    SEQUEL_X,
    SEQUEL_Y.map((y) => [y]),
    50,
  );
  assert.equal(a.weights, b.weights);
});

test("an onStep that throws leaves the weights as they were", () => {
  assertThrowingStepChangesNothing(new Network({ seed: 2 }), SEQUEL_X, SEQUEL_Y);
});

test("weights can be set, checked, and are copied both ways", () => {
  const net = new Network({ layers: [2, 2, 1], seed: 1 });
  const w = [
    [
      [1, 2],
      [3, 4],
    ],
    [[5], [6]],
  ];
  net.weights = w;
  assert.equal(net.weights, w);
  w[0][0][0] = 9;
  assert.is(net.weights[0][0][0], 1);
  assertThrows(
    () => {
      net.weights = [[[1, 2]], [[5], [6]]];
    },
    RangeError,
    /network\.weights\[0\] must have 2 rows \(one per value of layer 0\), got an array of length 1/,
  );
  assertThrows(
    () => {
      net.weights = [w[0]];
    },
    TypeError,
    /network\.weights must be 2 layers of weights, got an array of length 1/,
  );
  assert.equal(net.weights[1], [[5], [6]]);
});

// Each malformed call: what it passes, the error it gets, and the message it reads.
const BAD_CALLS: BadCall<Network>[] = [
  [
    "layers not an array",
    () => new Network({ layers: 3 as never }),
    TypeError,
    /new Network\(\): options\.layers must be an array of at least two layer sizes, inputs first, such as \[3, 4, 1\], got 3/,
  ],
  [
    "one layer",
    () => new Network({ layers: [3] }),
    RangeError,
    /options\.layers must be an array of at least two.*got an array of length 1/,
  ],
  [
    "a zero layer",
    () => new Network({ layers: [3, 0, 1] }),
    RangeError,
    /options\.layers\[1\] must be an integer from 1 to 16777216, got 0/,
  ],
  ["a fractional layer", () => new Network({ layers: [3, 2.5, 1] }), RangeError, /options\.layers\[1\] .*got 2\.5/],
  [
    "a string layer",
    () => new Network({ layers: [3, "4", 1] as never }),
    TypeError,
    /options\.layers\[1\] .*got "4" \(a string\)/,
  ],
  [
    "too many weights",
    () => new Network({ layers: [4096, 4096, 2] }),
    RangeError,
    /makes 16785408 weights in all, more than 16777216/,
  ],
  [
    "seed -1",
    () => new Network({ seed: -1 }),
    RangeError,
    /new Network\(\): options\.seed must be an integer from 0 to 4294967295, got -1/,
  ],
  [
    "unknown option",
    () => new Network({ layer: [3, 1] } as never),
    TypeError,
    /unknown option "layer"; the options are layers, seed/,
  ],
  [
    "a column of two",
    (n) => n.train([[0, 0, 1]], [[0, 1]], 1),
    RangeError,
    /outputs\[0\] must have 1 value \(one per output neuron\), got an array of length 2/,
  ],
];

/** Outputs for three output neurons: each row must have three values in [0, 1]. */
const MULTI_CALLS: BadCall<Network>[] = [
  [
    "flat outputs",
    (n) => n.train([[0, 0, 1]], [0, 1, 0] as never, 1),
    TypeError,
    /train\(\): outputs must be a row of 3 targets per input row \(one per output neuron\), got a flat array of 3 numbers/,
  ],
  [
    "a short output row",
    (n) => n.train([[0, 0, 1]], [[0, 1]], 1),
    RangeError,
    /outputs\[0\] must have 3 values \(one per output neuron\), got 2/,
  ],
  [
    "an output outside [0, 1]",
    (n) => n.train([[0, 0, 1]], [[0, 1, -1]], 1),
    RangeError,
    /outputs\[0\]\[2\] must be in \[0, 1\] \(a sigmoid's range\), got -1/,
  ],
  [
    "output rows differ",
    (n) => n.train([[0, 0, 1]], [], 1),
    RangeError,
    /outputs must have one row per input row \(1\), got 0/,
  ],
];

// One test a malformed call; the train and predict calls a Perceptron refuses alike are
// bad-calls.ts's, on the sequel's rows.
testBadCalls("a [3,4,1] network", () => new Network({ layers: [3, 4, 1], seed: 5 }), [
  ...BAD_CALLS,
  ...trainingBadCalls<Network>(SEQUEL_X, SEQUEL_Y),
]);
testBadCalls("a [3,4,3] network", () => new Network({ layers: [3, 4, 3], seed: 5 }), MULTI_CALLS);

test.run();
