// explore() in the kernel: one output that carries the page's code once, and the first run's numbers.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Display, explore, type MimeBundle } from "../src";
import { LIMITS } from "../src/checks/limits";
import { DATA_SETS, defaults, run } from "../src/explorer/explorer";
import { rateOf } from "../src/explorer/ui";
import { Network } from "../src/model/network";
import { assertThrows } from "./helpers/assert";

test("explore sends controls that mount in the page, the module's bundle once, and the first run's error curve", () => {
  const sent: MimeBundle[] = [];
  const display = new Display((bundle) => sent.push(bundle));
  explore({ data: "xor", hidden: 4, display: display });
  const settings = { ...defaults("xor"), hidden: 4 };
  explore({ display: display });
  assert.is(sent.length, 2);
  const [first, second] = sent.map((b) => b["text/html"]);
  assert.is(first.split("data-perceptron-js").length - 1, 1, "the module's bundle with the first explorer");
  assert.is(second.split("data-perceptron-js").length - 1, 0, "and not again");
  assert.is(first.split("data-plotly-js").length - 1, 1, "plotly.js too");
  assert.match(first, /window\.PerceptronNotebooks\.mountExplorer\(root, settings\)/);
  assert.match(first, new RegExp(`settings = ${JSON.stringify(settings).replace(/[[\]]/g, "\\$&")}`));
  const { meanSquaredError, steps } = run(settings);
  assert.match(sent[0]["text/plain"], new RegExp(`mean squared error after training: ${meanSquaredError}$`));
  // no Plotly chart beside the HTML: JupyterLab would show it in place of the explorer, trusted or not
  assert.equal(Object.keys(sent[0]).sort(), ["text/html", "text/plain"]);
  const picture =
    /<div id="[^"]+" class="perceptron-explorer"><p class="perceptron-chart-fallback">[^<]*<\/p><img [^>]*alt="([^"]+)"[^>]* src="data:image\/svg\+xml,([^"]+)"><\/div>/.exec(
      first,
    );
  assert.ok(picture, "the first run's error curve as a picture, in the div the explorer mounts in");
  assert.is(
    picture[1],
    `The mean squared error per iteration on a log scale: ${steps[0].meanSquaredError.toPrecision(3)} at iteration 0, ` +
      `${meanSquaredError.toPrecision(3)} at iteration ${steps[steps.length - 1].iteration}`,
  );
  const svg = decodeURIComponent(picture[2]);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<\/svg>$/);
  assert.not.match(svg, /<script|\son\w+=/i, "no script in the picture");
  assert.is(svg.match(/[ML]\d/g)?.length, steps.length, "a point per recorded step");
});

test("explore refuses settings it cannot train, saying which and why", () => {
  const display = new Display(() => {});
  assertThrows(
    () => explore({ data: "nand", display }),
    RangeError,
    /explore\(options\)\.data must be one of seed, and, or, xor, sequel, iris, got "nand"/,
  );
  assertThrows(() => explore({ hidden: -1, display }), RangeError, /\.hidden must be an integer from 0 to 8, got -1/);
  assertThrows(() => explore({ hidden: 9, display }), RangeError, /\.hidden must be an integer from 0 to 8, got 9/);
  assertThrows(
    () => explore({ iterations: 60001, display }),
    RangeError,
    /\.iterations must be an integer from 0 to 60000, got 60001/,
  );
  assertThrows(
    () => explore({ learningRate: 0, display }),
    RangeError,
    /\.learningRate must be a number from 0\.01 to 10, got 0/,
  );
  assertThrows(
    () => explore({ learningRate: "1" as never, display }),
    TypeError,
    /\.learningRate must be a number from 0\.01 to 10, got "1" \(a string\)/,
  );
  assertThrows(
    () => explore({ targets: [0, 1], display }),
    RangeError,
    /\.targets must have 4 values, one per row, got an array of length 2/,
  );
  assertThrows(() => explore({ targets: [0, 1, 2, 0], display }), RangeError, /\.targets\[2\] must be 0 or 1, got 2/);
  assertThrows(() => explore({ speed: 1 } as never), TypeError, /unknown option "speed"/);
  assertThrows(
    () => explore({ activation: "softmax" as never, display }),
    RangeError,
    /\.activation must be one of "sigmoid", "tanh", "relu", "linear", got "softmax"/,
  );
  assertThrows(() => explore({ bias: 1 as never, display }), TypeError, /\.bias must be true or false, got 1/);
  assertThrows(() => explore({ l2: 0.5, display }), RangeError, /\.l2 must be a number from 0 to 0\.1, got 0\.5/);
});

test("the explorer trains the hidden layer's activation and a bias as the module's Network does, to the bit", () => {
  const settings = { ...defaults("sequel"), activation: "relu" as const, bias: true, iterations: 500 };
  const result = run(settings);
  const net = new Network({ layers: [3, 4, 1], seed: 1, activation: "relu", bias: true });
  net.train(DATA_SETS.sequel.inputs, settings.targets, 500, { learningRate: 1 });
  assert.equal(result.network.weights, net.weights);
  assert.equal(result.network.biases, net.biases);
  // and an L2 penalty, as train()'s l2: smaller weights, the same bits as the module
  const decayed = run({ ...settings, l2: 0.01 });
  const small = new Network({ layers: [3, 4, 1], seed: 1, activation: "relu", bias: true });
  small.train(DATA_SETS.sequel.inputs, settings.targets, 500, { learningRate: 1, l2: 0.01 });
  assert.equal(decayed.network.weights, small.weights);
  const largest = (w: number[][][]) => Math.max(...w.flat(2).map(Math.abs));
  assert.ok(largest(decayed.network.weights) < largest(net.weights), "weight decay keeps the weights smaller");
  // without a bias, a ReLU hidden layer answers [0, 0, 0] with σ(0) = 0.5 whatever it learns
  const plain = run({ ...settings, bias: false });
  assert.is(plain.predictions[6], 0.5);
  assert.ok(Math.abs(result.predictions[6]) < 0.1, "with a bias it learns [0, 0, 0] → 0");
  // and the text a notebook shows says which
  let shown = "";
  explore({
    data: "sequel",
    activation: "tanh",
    bias: true,
    iterations: 100,
    display: new Display((b) => {
      shown = String((b as MimeBundle)["text/plain"]);
    }),
  });
  assert.match(shown, /4 hidden neurons, tanh hidden layer, a bias per neuron, learning rate 1/);
});

test("explore looks a data set up among its own keys: an inherited name is refused as any other", () => {
  const display = new Display(() => {});
  for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]) {
    assertThrows(
      () => explore({ data: name, display }),
      RangeError,
      new RegExp(`explore\\(options\\)\\.data must be one of seed, and, or, xor, sequel, iris, got "${name}"`),
    );
  }
  assertThrows(() => explore(JSON.parse('{"__proto__": {"data": "xor"}}')), TypeError, /unknown option "__proto__"/);
  assertThrows(() => explore({ data: 1 as never, display }), RangeError, /\.data must be one of .*got 1$/);
});

test("the explorer's limits are the table's: explore and the controls agree", () => {
  // the slider's log scale reaches the rate's limits exactly
  const { min, max } = LIMITS.explorerLearningRate;
  assert.is(rateOf(Math.log10(min)), min);
  assert.is(rateOf(Math.log10(max)), max);
  const sent: MimeBundle[] = [];
  explore({
    data: "xor",
    hidden: LIMITS.explorerHidden.max,
    iterations: 100,
    learningRate: LIMITS.explorerLearningRate.max,
    seed: LIMITS.seed.max,
    display: (b) => sent.push(b),
  });
  assert.is(sent.length, 1);
});

test.run();
