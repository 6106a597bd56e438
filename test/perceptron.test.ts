// The Perceptron against numpy's answers, and every malformed call, one test each (the table of bad
// calls is most of this file's length).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Perceptron, type TrainingStep } from "../src";
import { assertClose, assertHistory, assertThrowingStepChangesNothing, assertThrows } from "./helpers/assert";
import { type BadCall, testBadCalls, trainingBadCalls } from "./helpers/bad-calls";
import { reference, seedCase } from "./helpers/fixtures";

const X = [
  [0, 0, 1],
  [1, 1, 1],
  [1, 0, 1],
  [0, 1, 1],
];
const Y = [0, 1, 1, 0];

test("new Perceptron() is the seed's: 3 inputs, seed 1, numpy's first weights", () => {
  const p = new Perceptron();
  assert.is(p.inputs, 3);
  assert.is(p.seed, 1);
  assert.equal(p.weights, [-0.165955990594852, 0.4406489868843162, -0.9997712503653102]);
});

test("the first weights are exactly numpy's for every seed and shape in the fixtures", () => {
  for (const c of reference.cases) {
    const p = new Perceptron({ inputs: c.inputs[0].length, seed: c.seed });
    assert.equal(p.weights, c.initialWeights, c.name);
  }
});

test("training matches numpy within 1e-12 for every case in the fixtures", () => {
  assert.ok(reference.cases.length >= 15, "the fixtures hold the cases");
  for (const c of reference.cases) {
    const p = new Perceptron({ inputs: c.inputs[0].length, seed: c.seed });
    const steps = p.train(c.inputs, c.outputs, c.iterations, {
      learningRate: c.learningRate,
      every: c.every,
      history: true,
    });
    assertClose(p.weights, c.weights, `${c.name}: weights`);
    assertClose(p.predict(c.predict.inputs), c.predict.outputs, `${c.name}: predictions`);
    assertHistory(steps, c.history, c.name);
  }
});

test("the seed's run gives the seed's numbers: 10,000 iterations, then [1, 0, 0] -> 0.99993704...", () => {
  const p = new Perceptron({ seed: 1 });
  p.train(X, Y, 10000);
  assertClose(p.weights, [9.672993027736892, -0.2078434992663196, -4.62963668773159], "weights");
  assertClose([p.predict([1, 0, 0])], [0.9999370428352157], "prediction");
  assertClose(p.weights, seedCase(1, 10000).weights, "weights against the fixture");
});

test("training in two halves ends where training at once does", () => {
  const once = new Perceptron({ seed: 7 });
  once.train(X, Y, 1000);
  const halves = new Perceptron({ seed: 7 });
  halves.train(X, Y, 500);
  halves.train(X, Y, 500);
  assert.equal(halves.weights, once.weights);
});

test("zero iterations change nothing", () => {
  const p = new Perceptron({ seed: 3 });
  const before = p.weights;
  assert.equal(p.train(X, Y, 0), []);
  assert.equal(p.weights, before);
});

test("history records every `every`-th iteration and always the final state", () => {
  const p = new Perceptron();
  const steps = p.train(X, Y, 25, { every: 10, history: true });
  assert.equal(
    steps.map((s) => s.iteration),
    [0, 10, 20, 25],
  );
  assert.equal(steps[0].weights, new Perceptron().weights, "step 0 holds the weights before any adjustment");
  assert.equal(steps[3].weights, p.weights, "the last step holds the trained weights");
  steps[3].weights[0] = 99;
  assert.is.not(p.weights[0], 99, "a step's weights are a copy");
  assert.equal(
    new Perceptron().train(X, Y, 20, { every: 10, history: true }).map((s) => s.iteration),
    [0, 10, 20],
  );
  assert.equal(new Perceptron().train(X, Y, 3, { history: true }).length, 4, "every defaults to 1");
  assert.equal(new Perceptron().train(X, Y, 3, { every: 1 }), [], "no history unless asked for");
});

test("onStep sees each recorded step while training runs", () => {
  const seen: TrainingStep[] = [];
  const p = new Perceptron();
  const steps = p.train(X, Y, 100, { every: 25, onStep: (s) => seen.push(s) });
  assert.equal(steps, []);
  assert.equal(
    seen.map((s) => s.iteration),
    [0, 25, 50, 75, 100],
  );
  assert.ok(seen[0].meanSquaredError > seen[4].meanSquaredError, "the error falls");
});

test("an onStep that throws leaves the weights as they were", () => {
  assertThrowingStepChangesNothing(new Perceptron(), X, Y);
});

test("rows changed after they were checked (by a getter, or the caller's code the checks run) train nothing", () => {
  const rows = () => [
    [0, 0, 1],
    [1, 1, 1],
    [1, 0, 1],
    [0, 1, 1],
  ];
  const p = new Perceptron();
  const before = p.weights;
  // each value is read once, as training copies it: a getter that would read NaN the second time
  const once = rows();
  let reads = 0;
  Object.defineProperty(once[2], 1, { get: () => (reads++ === 0 ? 0 : Number.NaN) });
  const readOnce = new Perceptron();
  readOnce.train(once, [0, 1, 1, 0], 10);
  assert.is(reads, 1);
  const plain = new Perceptron();
  plain.train(rows(), [0, 1, 1, 0], 10);
  assert.equal(readOnce.weights, plain.weights);
  // a value that reads NaN when copied and 0 when the check looks again to say which
  const sly = rows();
  reads = 0;
  Object.defineProperty(sly[2], 1, { get: () => (reads++ === 0 ? Number.NaN : 0) });
  const fresh = new Perceptron();
  assertThrows(
    () => fresh.train(sly, [0, 1, 1, 0], 10),
    RangeError,
    /^train\(\): inputs changed after they were checked \(now a value that is not a finite number\); nothing was trained$/,
  );
  assert.equal(fresh.weights, before);
  // a row taken away by an options getter, after the rows were checked
  const short = rows();
  const options = {
    get learningRate() {
      short.pop();
      return 1;
    },
  };
  assertThrows(
    () => p.train(short, [0, 1, 1, 0], 10, options),
    RangeError,
    /^train\(\): inputs changed after they were checked \(now 3 rows, not 4\); nothing was trained$/,
  );
  // a row taken away by onStep, before the final step's error
  const taken = rows();
  assertThrows(
    () => p.train(taken, [0, 1, 1, 0], 10, { every: 5, onStep: () => void taken.splice(1) }),
    RangeError,
    /now 1 rows, not 4/,
  );
  assert.equal(p.weights, before, "the weights are as they were");
});

test("predict takes one row or a batch of rows, and typed arrays", () => {
  const p = new Perceptron();
  p.train(X, Y, 1000);
  const batch = p.predict(X);
  assert.equal(
    batch,
    X.map((row) => p.predict(row)),
  );
  assert.is(p.predict(Float64Array.from([1, 0, 0])), p.predict([1, 0, 0]));
  const q = new Perceptron();
  q.train(
    X.map((row) => Float64Array.from(row)),
    Float64Array.from(Y),
    1000,
  );
  assert.equal(q.weights, p.weights);
});

test("weights can be set, checked, and are copied both ways", () => {
  const p = new Perceptron();
  p.weights = [1, 2, 3];
  assert.equal(p.weights, [1, 2, 3]);
  const w = p.weights;
  w[0] = 5;
  assert.is(p.weights[0], 1);
  assertThrows(
    () => {
      p.weights = [1, 2];
    },
    RangeError,
    /perceptron\.weights must have 3 values/,
  );
  assertThrows(
    () => {
      p.weights = [1, Number.NaN, 3];
    },
    RangeError,
    /perceptron\.weights\[1\] must be a finite number, got NaN/,
  );
  assert.equal(p.weights, [1, 2, 3]);
});

// Each malformed call: what it passes, the error it gets, and the message it reads.
const BAD_CALLS: BadCall<Perceptron>[] = [
  [
    "inputs: 0",
    () => new Perceptron({ inputs: 0 }),
    RangeError,
    /options\.inputs must be an integer from 1 to \d+, got 0/,
  ],
  ["inputs: 2.5", () => new Perceptron({ inputs: 2.5 }), RangeError, /options\.inputs .*got 2\.5/],
  [
    "inputs: '3'",
    () => new Perceptron({ inputs: "3" as unknown as number }),
    TypeError,
    /options\.inputs .*got "3" \(a string\)/,
  ],
  ["inputs: huge", () => new Perceptron({ inputs: 1e12 }), RangeError, /options\.inputs .*got 1000000000000/],
  [
    "seed: -1",
    () => new Perceptron({ seed: -1 }),
    RangeError,
    /options\.seed must be an integer from 0 to 4294967295, got -1/,
  ],
  ["seed: 2^32", () => new Perceptron({ seed: 2 ** 32 }), RangeError, /options\.seed .*got 4294967296/],
  ["seed: 0.5", () => new Perceptron({ seed: 0.5 }), RangeError, /options\.seed .*got 0\.5/],
  ["seed: null", () => new Perceptron({ seed: null as unknown as number }), TypeError, /options\.seed .*got null/],
  [
    "unknown option",
    () => new Perceptron({ sead: 1 } as never),
    TypeError,
    /unknown option "sead"; the options are inputs, seed/,
  ],
  [
    "options not an object",
    () => new Perceptron(5 as never),
    TypeError,
    /new Perceptron\(options\) must be an object such as \{ inputs: … \}, got 5/,
  ],
  ["long row", (p) => p.train([[0, 0, 1, 1]], [0], 1), RangeError, /inputs\[0\] must have 3 values .*got 4/],
  [
    "row not an array",
    (p) => p.train([5 as never], [0], 1),
    TypeError,
    /inputs\[0\] must be an array of 3 numbers, got 5/,
  ],
  [
    "inputs not an array",
    (p) => p.train("abc" as never, [0], 1),
    TypeError,
    /train\(\): inputs must be an array of rows, got "abc"/,
  ],
  [
    "Infinity input",
    (p) => p.train([[0, 0, Number.POSITIVE_INFINITY]], [0], 1),
    RangeError,
    /inputs\[0\]\[2\] must be a finite number, got Infinity/,
  ],
  [
    "string input",
    (p) =>
      p.train(
        [
          [0, 0, 1],
          [1, "1" as never, 1],
        ],
        [0, 1],
        1,
      ),
    TypeError,
    /inputs\[1\]\[1\] must be a finite number, got "1" \(a string\)/,
  ],
  [
    "null input",
    (p) => p.train([[null as never, 0, 1]], [0], 1),
    TypeError,
    /inputs\[0\]\[0\] must be a finite number, got null/,
  ],
  [
    "undefined in a row",
    (p) => p.train([[0, undefined as never, 1]], [0], 1),
    TypeError,
    /inputs\[0\]\[1\] .*got undefined/,
  ],
  [
    "NaN output",
    (p) => p.train(X, [0, 1, Number.NaN, 0], 1),
    RangeError,
    /outputs\[2\] must be a finite number, got NaN/,
  ],
  ["string output", (p) => p.train(X, [0, 1, "1" as never, 0], 1), TypeError, /outputs\[2\] .*got "1" \(a string\)/],
  ["output below 0", (p) => p.train(X, [0, -0.5, 1, 0], 1), RangeError, /outputs\[1\] must be in \[0, 1\].*got -0\.5/],
  [
    "outputs as a column",
    (p) => p.train(X, [[0], [1], [1], [0]] as never, 1),
    TypeError,
    /outputs\[0\] must be a number, got an array of length 1; pass outputs flat/,
  ],
  ["iterations 1.5", (p) => p.train(X, Y, 1.5), RangeError, /iterations .*got 1\.5/],
  ["iterations Infinity", (p) => p.train(X, Y, Number.POSITIVE_INFINITY), RangeError, /iterations .*got Infinity/],
  ["iterations NaN", (p) => p.train(X, Y, Number.NaN), RangeError, /iterations .*got NaN/],
  ["iterations '10'", (p) => p.train(X, Y, "10" as never), TypeError, /iterations .*got "10" \(a string\)/],
  ["learning rate -1", (p) => p.train(X, Y, 1, { learningRate: -1 }), RangeError, /learningRate .*got -1/],
  [
    "learning rate NaN",
    (p) => p.train(X, Y, 1, { learningRate: Number.NaN }),
    RangeError,
    /learningRate must be a finite number, got NaN/,
  ],
  [
    "learning rate Infinity",
    (p) => p.train(X, Y, 1, { learningRate: Number.POSITIVE_INFINITY }),
    RangeError,
    /learningRate .*got Infinity/,
  ],
  [
    "learning rate string",
    (p) => p.train(X, Y, 1, { learningRate: "0.1" as never }),
    TypeError,
    /learningRate .*got "0\.1"/,
  ],
  ["every 0", (p) => p.train(X, Y, 1, { every: 0 }), RangeError, /options\.every must be an integer from 1/],
  [
    "history 'yes'",
    (p) => p.train(X, Y, 1, { history: "yes" as never }),
    TypeError,
    /options\.history must be true or false/,
  ],
  [
    "onStep not a function",
    (p) => p.train(X, Y, 1, { onStep: 1 as never }),
    TypeError,
    /options\.onStep must be a function, got 1/,
  ],
  ["predict empty", (p) => p.predict([]), RangeError, /predict\(\): input must have 3 values.*got 0/],
  [
    "predict NaN",
    (p) => p.predict([1, Number.NaN, 0]),
    RangeError,
    /predict\(\): input\[1\] must be a finite number, got NaN/,
  ],
  ["predict string", (p) => p.predict([1, "0" as never, 0]), TypeError, /input\[1\] .*got "0"/],
  [
    "predict batch row",
    (p) =>
      p.predict([
        [1, 0, 0],
        [1, 0],
      ]),
    RangeError,
    /predict\(\): inputs\[1\] must have 3 values/,
  ],
];

// One test a malformed call, so that each failure names itself; the train and predict calls a
// Network refuses alike are bad-calls.ts's, on the seed's rows.
testBadCalls("a perceptron", () => {
  const p = new Perceptron({ seed: 5 });
  p.train(X, Y, 10);
  return p;
}, [...BAD_CALLS, ...trainingBadCalls<Perceptron>(X, Y)]);

test.run();
