import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  confusionMatrix,
  decisionBoundary,
  diagram,
  errorCurves,
  errorSurface,
  type Figure,
  Perceptron,
  type Trace,
} from "../src";
import { assertThrows } from "./helpers/assert";

const edgesOf = (fig: Figure) => fig.data.filter((t) => t.mode === "lines");
const trace = (fig: Figure, name: string) => fig.data.find((t) => t.name === name) as Trace;

/** A [3, 4, 1] network's weights, each different: 3 rows of 4 into the hidden layer, 4 rows of 1 into the output. */
const NETWORK_WEIGHTS = [
  [
    [0.1, -0.2, 0.3, -0.4],
    [0.5, -0.6, 0.7, -0.8],
    [0.9, -1, 1.1, -1.2],
  ],
  [[1], [2], [-3], [4]],
];

test("a perceptron's diagram has its inputs and one output, and a connection per weight carrying its value", () => {
  const weights = new Perceptron({ seed: 1 }).weights;
  const fig = diagram(weights, { title: "The seeded perceptron" });
  const nodes = trace(fig, "nodes");
  assert.equal(nodes.text, ["x₁", "x₂", "x₃", "output"]);
  assert.equal(nodes.x, [0, 0, 0, 1]);
  assert.equal(nodes.y, [1, 0, -1, 0], "the inputs in a column, centred on the output");
  const edges = edgesOf(fig);
  assert.is(edges.length, 3);
  assert.equal(
    edges.map((e) => [e.x, e.y]),
    [
      [
        [0, 1],
        [1, 0],
      ],
      [
        [0, 1],
        [0, 0],
      ],
      [
        [0, 1],
        [-1, 0],
      ],
    ],
  );
  assert.equal(trace(fig, "weights").text, ["-0.17", "0.44", "-1.00"]);
  assert.match(String((trace(fig, "weights").hovertext as string[])[1]), /x₂ → output: weight 0\.4406489868843162/);
  assert.equal(
    edges.map((e) => (e.line as { color: string }).color),
    ["#D55E00", "#0072B2", "#D55E00"],
    "negative vermillion, positive blue",
  );
  const widths = edges.map((e) => (e.line as { width: number }).width);
  assert.is(widths[2], 8, "the largest weight is drawn at full width");
  assert.ok(widths[0] < widths[1] && widths[1] < widths[2], "wider is larger");
  assert.equal(fig.layout?.title, "The seeded perceptron");
});

test("a network's diagram has a column per layer and a connection per weight, for any layer sizes", () => {
  const fig = diagram(NETWORK_WEIGHTS, { inputs: ["a", "b", "bias"] });
  const nodes = trace(fig, "nodes");
  assert.equal(nodes.text, ["a", "b", "bias", "h₁", "h₂", "h₃", "h₄", "output"]);
  assert.equal(nodes.x, [0, 0, 0, 1, 1, 1, 1, 2]);
  assert.is(edgesOf(fig).length, 12 + 4);
  const labels = trace(fig, "weights");
  assert.equal(
    labels.text,
    [...NETWORK_WEIGHTS[0].flat(), ...NETWORK_WEIGHTS[1].flat()].map((w) => w.toFixed(2)),
  );
  assert.is((labels.hovertext as string[])[15], "h₄ → output: weight 4");
  const three = diagram([[[1, 2, 3]], [[1], [2], [3]].map(() => [1, 2])], { outputs: ["setosa", "other"] });
  assert.equal(trace(three, "nodes").text, ["x₁", "h₁", "h₂", "h₃", "setosa", "other"]);
});

test("a diagram's weight labels stand apart: a column per target node, halfway along into a single one", () => {
  const labels = trace(diagram(NETWORK_WEIGHTS), "weights");
  const at = (labels.x as number[]).map((x, k) => ({ x, y: (labels.y as number[])[k] }));
  const first = at.slice(0, 12); // input i to hidden node j, row by row
  const tol = 1e-12;
  first.forEach(({ x }, k) => {
    assert.ok(Math.abs(x - (0.2 + (0.55 * (k % 4)) / 3)) <= tol, `label ${k}: its target's column`);
  });
  for (const [a, p] of first.entries()) {
    for (const q of first.slice(a + 1)) {
      assert.ok(Math.abs(p.x - q.x) >= 0.18 || Math.abs(p.y - q.y) >= 0.25, `labels at (${p.x}, ${p.y}) meet`);
    }
  }
  assert.equal(
    at.slice(12).map((p) => p.x),
    [1.5, 1.5, 1.5, 1.5],
    "into the one output: halfway",
  );
});

test("maxWeight gives two diagrams one scale, so they can be compared", () => {
  const before = diagram([1, -2], { maxWeight: 8 });
  assert.equal(
    edgesOf(before).map((e) => (e.line as { width: number }).width),
    [1 + 7 / 8, 1 + 14 / 8],
  );
});

test("a diagram refuses weights that are not a network's, saying where", () => {
  assertThrows(() => diagram([]), TypeError, /diagram\(weights\) must be a perceptron's weights or a network's layers/);
  assertThrows(() => diagram([1, Number.NaN]), TypeError, /diagram\(weights\)\[1\] must be a finite number, got NaN/);
  assertThrows(
    () => diagram([[[1, 2]], [[1], [2], [3]]]),
    RangeError,
    /diagram\(weights\)\[1\] must have a row per node of layer 1 \(2\), got 3/,
  );
  assertThrows(
    () =>
      diagram([
        [
          [1, 2],
          [3, 4, 5],
        ],
      ]),
    RangeError,
    /\[0\]\[1\] must have 2 weights, like the row above, got 3/,
  );
  assertThrows(() => diagram([1, 2], { inputs: ["a"] }), RangeError, /options\.inputs must name the 2 nodes/);
  assertThrows(() => diagram([1, 2], { maxWeight: 0 }), RangeError, /options\.maxWeight must be a number above 0/);
  assertThrows(() => diagram([1, 2], { size: 1 } as never), TypeError, /unknown option "size"/);
});

test("an error surface draws the error on a log scale, and the path from start to trained", () => {
  const fig = errorSurface({
    x: [0, 1, 2],
    xTitle: "weight 1",
    y: [0, 1],
    yTitle: "weight 3",
    z: [
      [0.1, 0.01, 0.001],
      [0.2, 0.02, 0.002],
    ],
    path: { x: [0, 1, 2], y: [1, 0.5, 0] },
  });
  const [contour, path, ends] = fig.data;
  assert.is(contour.type, "contour");
  assert.equal((contour.z as number[][])[0], [-1, -2, -3]);
  assert.equal(path.x, [0, 1, 2]);
  assert.equal(ends.text, ["start", "trained"]);
  assert.equal(ends.x, [0, 2]);
  assertThrows(
    () => errorSurface({ x: [0, 1], xTitle: "a", y: [0], yTitle: "b", z: [[1]] }),
    RangeError,
    /z must have a row per y value \(1\), each with an error per x value \(2\)/,
  );
  assertThrows(
    () => errorSurface({ x: [0], xTitle: "a", y: [0], yTitle: "b", z: [[0]] }),
    RangeError,
    /z\[0\]\[0\] must be an error above 0, got 0/,
  );
});

test("error curves draw a line per run, iteration against error on a log scale", () => {
  const p = new Perceptron({ seed: 1 });
  const steps = p.train(
    [
      [0, 0, 1],
      [1, 1, 1],
    ],
    [0, 1],
    20,
    { every: 10, history: true },
  );
  const fig = errorCurves([
    { name: "a", steps },
    { name: "b", steps: steps.slice(1) },
  ]);
  // a line per run, then a marker per run at its last point, kept out of the legend
  assert.equal(
    fig.data.map((t) => [t.name, t.mode, t.showlegend ?? true]),
    [
      ["a", "lines", true],
      ["b", "lines", true],
      ["a", "markers", false],
      ["b", "markers", false],
    ],
  );
  assert.equal([fig.data[2].x, fig.data[2].y], [[20], [steps[2].meanSquaredError]]);
  assert.equal(fig.data[0].x, [0, 10, 20]);
  assert.equal(
    fig.data[0].y,
    steps.map((s) => s.meanSquaredError),
  );
  assert.is((fig.layout as { yaxis: { type: string } }).yaxis.type, "log");
  assertThrows(() => errorCurves([]), TypeError, /errorCurves\(runs\) must be an array of \{ name, steps \} runs/);
  assertThrows(
    () => errorCurves([{ name: "a" } as never]),
    TypeError,
    /errorCurves\(runs\)\[0\] must be \{ name, steps \}/,
  );
});

test("a decision boundary shows the output over the plane, the points by target, the line and a slider", () => {
  const fig = decisionBoundary({
    output: (x1, x2) => 1 / (1 + Math.exp(-(4 * x1 + 4 * x2 - 6))),
    points: {
      x: [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ],
      label: [0, 0, 0, 1],
    },
    range: [
      [-0.5, 1.5],
      [-0.5, 1.5],
    ],
    resolution: 5,
    lines: [
      { label: "iteration 0", line: [1, 0, -0.5] },
      { label: "iteration 100", line: [4, 4, -6] },
    ],
  });
  const [heat, zeros, ones, line] = fig.data;
  assert.equal(heat.x, [-0.5, 0, 0.5, 1, 1.5]);
  assert.ok(
    Math.abs((heat.z as number[][])[4][4] - 1 / (1 + Math.exp(-6))) < 1e-15,
    "z[i][k] is the output at (x[k], y[i])",
  );
  assert.equal([zeros.name, ones.name], ["target 0", "target 1"]);
  assert.equal(ones.x, [1]);
  assert.equal(line.x, [-0.5, 1.5], "the last line is shown first");
  assert.equal(line.y, [2, 0], "4x1 + 4x2 - 6 = 0");
  const layout = fig.layout as { sliders: { steps: { label: string; args: unknown[] }[] }[] };
  const slider = layout.sliders[0];
  assert.equal(
    slider.steps.map((s) => s.label),
    ["iteration 0", "iteration 100"],
  );
  assert.equal(slider.steps[0].args, [{ x: [[0.5, 0.5]], y: [[-0.5, 1.5]] }, [3]], "a vertical line: x1 = 0.5");
  const room = fig.layout as { height: number; margin: { t: number; b: number }; legend: { y: number } };
  assert.is(room.height, 540, "a slider makes the chart taller, so the plane keeps its size");
  assert.equal([room.margin.t, room.margin.b, room.legend.y], [56, 170, -0.25], "legend and slider below the x axis");
  assertThrows(
    () => decisionBoundary({ points: { x: [], label: [] } } as never),
    TypeError,
    /output must be a function/,
  );
});

test("a decision boundary marks targets in their order (0 circles, 1 squares), class names as they come", () => {
  const marks = (label: (number | string)[]) =>
    decisionBoundary({
      output: () => 0.5,
      points: { x: label.map((_, r) => [r, r]), label },
      resolution: 3,
    })
      .data.slice(1)
      .map((t) => [t.name, (t.marker as { symbol: string; size: number }).symbol, t.x]);
  assert.equal(marks([1, 1, 1, 0]), [
    ["target 0", "circle", [3]],
    ["target 1", "square", [0, 1, 2]],
  ]);
  assert.equal(marks(["setosa", "other", "setosa"]), [
    ["target setosa", "circle", [0, 2]],
    ["target other", "square", [1]],
  ]);
});

test("a confusion matrix puts each true class in a row, each predicted one in a column, with its count", () => {
  const fig = confusionMatrix({
    labels: ["setosa", "versicolor", "virginica"],
    counts: [
      [13, 0, 0],
      [0, 19, 0],
      [0, 2, 16],
    ],
    title: "Test flowers",
  });
  const [heat] = fig.data;
  assert.is(heat.type, "heatmap");
  assert.equal(heat.x, ["setosa", "versicolor", "virginica"]);
  assert.equal(heat.y, ["setosa", "versicolor", "virginica"]);
  assert.equal((heat.z as number[][])[2], [0, 2, 16], "row: the true class; column: the predicted one");
  assert.equal((heat.text as string[][])[2], ["0", "2", "16"], "each cell shows its count");
  assert.equal(fig.layout?.title, "Test flowers");
  assert.equal(
    (fig.layout?.yaxis as { autorange?: string } | undefined)?.autorange,
    "reversed",
    "the first class on top",
  );
  assertThrows(
    () => confusionMatrix({ labels: ["a", "b"], counts: [[1, 0]] }),
    RangeError,
    /counts must have a row per class \(2\)/,
  );
  assertThrows(
    () =>
      confusionMatrix({
        labels: ["a", "b"],
        counts: [
          [1, 0],
          [0.5, 2],
        ],
      }),
    RangeError,
    /counts\[1\]\[0\] must be a count \(0, 1, 2, …\), got 0\.5/,
  );
  assertThrows(() => confusionMatrix({ labels: "ab" } as never), TypeError, /labels must be an array/);
});

test.run();
