// The network grown past the sequel (issue 19): a bias, activations, outputs, losses, batches, L1
// and L2, each alone and together, against numpy's numbers (test/reference/options.py writes
// test/fixtures/options.json); the refused combinations, each with its message; toJSON/fromJSON.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Network } from "../src";
import { assertClose, assertThrows, TOL } from "./helpers/assert";
import { type OptionCase, optionCases } from "./helpers/fixtures";

/**
 * 1e-12 relative, but 1e-10 where a last bit compounds: numpy's libm tanh and exp against V8's
 * tanh and the module's exp, over hundreds of updates (tanh and softmax cases); and L1, which
 * holds a weight near 0, where sign(w) flips it by η · l1 each update and its few digits left
 * carry every earlier rounding (the L1 case's weights[11], −2.3e−4, differs by 2e−12 relative).
 */
const tolerance = (c: OptionCase) =>
  c.network.activation === "tanh" || c.network.output === "softmax" || (c.train.l1 ?? 0) > 0 ? 1e-10 : TOL;

const flat = (values: number[][][] | number[][]) => (values as number[][]).flat(2) as number[];

for (const c of optionCases) {
  test(`${c.name}: numpy's weights, biases, errors and predictions`, () => {
    const net = new Network({ layers: c.layers, seed: c.seed, ...c.network });
    const steps = net.train(c.inputs, c.outputs, c.iterations, { ...c.train, history: true });
    const tol = tolerance(c);
    assertClose(flat(net.weights), flat(c.weights), `${c.name}: weights`, tol);
    if (c.biases === null) assert.is(net.biases, null, "no biases");
    else assertClose(flat(net.biases as number[][]), flat(c.biases), `${c.name}: biases`, tol);
    assertClose(
      steps.map((s) => s.meanSquaredError),
      c.errors,
      `${c.name}: the mean squared error every ${c.train.every} iterations`,
      tol,
    );
    const predicted = net.predict(c.inputs).map((p) => (Array.isArray(p) ? p : [p]));
    assertClose(predicted.flat(), c.predictions.flat(), `${c.name}: predictions`, tol);
  });
}

test("with no option, a network trains as the sequel's: the same bits as before the options", () => {
  const [plain] = optionCases;
  const a = new Network({ layers: plain.layers, seed: plain.seed });
  const b = new Network({
    layers: plain.layers,
    seed: plain.seed,
    bias: false,
    activation: "sigmoid",
    output: "sigmoid",
    loss: "squared",
  });
  a.train(plain.inputs, plain.outputs, 300);
  b.train(plain.inputs, plain.outputs, 300, { l1: 0, l2: 0, batchSize: plain.inputs.length });
  assert.equal(b.weights, a.weights);
});

test("each refused combination or value is a RangeError naming the option, and makes nothing", () => {
  const layers = [2, 3, 1];
  assertThrows(
    () => new Network({ layers, output: "softmax" }),
    RangeError,
    /options\.output "softmax" trains with options\.loss "crossEntropy"/,
  );
  assertThrows(
    () => new Network({ layers, output: "linear", loss: "crossEntropy" }),
    RangeError,
    /options\.loss "crossEntropy" needs a sigmoid or softmax output/,
  );
  assertThrows(
    () => new Network({ layers, activation: "swish" as never }),
    RangeError,
    /new Network\(\): options\.activation must be one of "sigmoid", "tanh", "relu", "linear", got "swish"/,
  );
  assertThrows(
    () => new Network({ layers, output: "tanh" as never }),
    RangeError,
    /options\.output must be one of "sigmoid", "softmax", "linear"/,
  );
  assertThrows(() => new Network({ layers, loss: "hinge" as never }), RangeError, /options\.loss must be one of/);
  assertThrows(() => new Network({ layers, bias: 1 as never }), TypeError, /options\.bias must be true or false/);
  assertThrows(
    () => new Network({ layers, activation: "toString" as never }),
    RangeError,
    /options\.activation must be one of/,
  );
  const net = new Network({ layers, bias: true });
  const before = JSON.stringify(net);
  const x = [
    [0, 1],
    [1, 0],
  ];
  for (const [options, message] of [
    [{ batchSize: 0 }, /train\(\): options\.batchSize must be an integer from 1/],
    [{ batchSize: 1.5 }, /options\.batchSize must be an integer/],
    [{ l1: -1 }, /train\(\): options\.l1 must be a finite number of at least 0, got -1/],
    [{ l2: Number.POSITIVE_INFINITY }, /train\(\): options\.l2 must be a finite number/],
    [{ l2: Number.NaN }, /options\.l2 must be a finite number/],
  ] as const)
    assertThrows(() => net.train(x, [0, 1], 5, options), RangeError, message);
  assertThrows(() => net.train(x, [0, 2], 5), RangeError, /outputs\[1\] must be in \[0, 1\] \(a sigmoid's range\)/);
  const softmax = new Network({ layers: [2, 3, 2], output: "softmax", loss: "crossEntropy" });
  assertThrows(
    () =>
      softmax.train(
        x,
        [
          [0, 1],
          [1, -0.5],
        ],
        5,
      ),
    RangeError,
    /outputs\[1\]\[1\] must be in \[0, 1\] \(a softmax's range\)/,
  );
  assert.is(JSON.stringify(net), before, "nothing changed");
  // a linear output takes any finite target
  const linear = new Network({ layers, output: "linear" });
  linear.train(x, [-3, 7.5], 5, { learningRate: 0.01 });
});

test("toJSON and fromJSON: the same network to the last digit, from the object or its text", () => {
  const c = optionCases.find((k) => k.network.output === "softmax") as OptionCase;
  const net = new Network({ layers: c.layers, seed: c.seed, ...c.network });
  net.train(c.inputs, c.outputs, 20, { learningRate: 0.05, batchSize: 8 });
  const saved = net.toJSON();
  assert.equal(Object.keys(saved), [
    "format",
    "version",
    "layers",
    "seed",
    "bias",
    "activation",
    "output",
    "loss",
    "weights",
    "biases",
  ]);
  for (const copy of [Network.fromJSON(saved), Network.fromJSON(JSON.stringify(net))]) {
    assert.equal(copy.toJSON(), saved);
    assert.equal(copy.predict(c.inputs), net.predict(c.inputs));
    // and they train on alike
    copy.train(c.inputs, c.outputs, 3, { learningRate: 0.05 });
  }
  const plain = new Network({ layers: [3, 2, 1], seed: 9 });
  assert.equal(Network.fromJSON(plain.toJSON()).weights, plain.weights);
});

test("fromJSON refuses a malformed saved network, naming the field", () => {
  const saved = new Network({ layers: [2, 2, 1], bias: true }).toJSON();
  const broken = (change: Record<string, unknown>) => ({ ...saved, ...change }) as never;
  assertThrows(() => Network.fromJSON("{not json"), TypeError, /Network\.fromJSON\(\): the text is not JSON/);
  assertThrows(() => Network.fromJSON(null as never), TypeError, /takes what network\.toJSON\(\) returned, got null/);
  assertThrows(
    () => Network.fromJSON(broken({ format: "x" })),
    RangeError,
    /format must be "perceptron-notebooks\/network"/,
  );
  assertThrows(() => Network.fromJSON(broken({ version: 2 })), RangeError, /version must be 1, got 2/);
  assertThrows(
    () => Network.fromJSON(broken({ layers: [2] })),
    RangeError,
    /Network\.fromJSON\(\): layers must be an array/,
  );
  assertThrows(
    () => Network.fromJSON(broken({ seed: -1 })),
    RangeError,
    /Network\.fromJSON\(\): seed must be an integer/,
  );
  assertThrows(
    () => Network.fromJSON(broken({ activation: "cube" })),
    RangeError,
    /Network\.fromJSON\(\): options\.activation/,
  );
  assertThrows(
    () => Network.fromJSON(broken({ weights: [[[1, 2]], [[1], [2]]] })),
    RangeError,
    /Network\.fromJSON\(\): weights\[0\] must have 2 rows/,
  );
  assertThrows(
    () =>
      Network.fromJSON(
        broken({
          weights: [
            [
              [1, Number.NaN],
              [0, 0],
            ],
            [[1], [2]],
          ],
        }),
      ),
    RangeError,
    /Network\.fromJSON\(\): weights\[0\]\[0\]/,
  );
  assertThrows(
    () => Network.fromJSON(broken({ biases: null })),
    TypeError,
    /Network\.fromJSON\(\): biases must be 2 arrays/,
  );
  assertThrows(
    () =>
      Network.fromJSON(
        broken({
          biases: [
            [0, 0],
            [0, 0],
          ],
        }),
      ),
    RangeError,
    /Network\.fromJSON\(\): biases\[1\]/,
  );
  assertThrows(
    () => Network.fromJSON(broken({ bias: false })),
    RangeError,
    /Network\.fromJSON\(\): biases must be null when bias is false/,
  );
});

test.run();
