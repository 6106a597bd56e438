// One description, two renderers: each chart drawn by Plotly (notebooks, site) and as SVG (the live
// explorers) from the same description holds the same points, nodes, edges, colours and titles.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type Boundary, describeBoundary, sample } from "../src/charts/boundary";
import { describeErrorCurve } from "../src/charts/error-curve";
import { describeNetwork } from "../src/charts/network-diagram";
import type { Trace } from "../src/charts/plotly";
import { boundaryFigure, errorCurveFigure, networkFigure } from "../src/charts/plotly-renderer";
import { boundarySvg, outputColour } from "../src/charts/svg/boundary";
import { type SvgNode, svgText } from "../src/charts/svg/dom";
import { errorCurveSvg } from "../src/charts/svg/error-curve";
import { scales } from "../src/charts/svg/frame";
import { networkScales, networkSvg } from "../src/charts/svg/network";
import { defaults, run } from "../src/explorer/explorer";

/** Every element of the tree, depth first. */
const elements = (node: SvgNode): SvgNode[] => [
  node,
  ...node.children.flatMap((c) => (typeof c === "string" ? [] : elements(c))),
];
/** The element's text, its children's included. */
const textOf = (node: SvgNode): string => node.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("");
/** The group of class `name`'s elements. */
const group = (svg: SvgNode, name: string) =>
  (elements(svg).find((e) => e.attributes.class === name)?.children ?? []) as SvgNode[];
const texts = (svg: SvgNode) =>
  elements(svg)
    .filter((e) => e.tag === "text")
    .map(textOf);
const layoutOf = (fig: { layout?: Record<string, unknown> }) =>
  fig.layout as Record<string, { title?: unknown; range?: number[]; text?: string } & Record<string, unknown>>;
/** Pixels to a tenth, as the SVG writes them. */
const px = (v: number) => Math.round(v * 10) / 10;
const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 0.051, `${what}: ${a} against ${b}`);

test("the error curve: Plotly's traces and the SVG's paths hold the same runs, points, colours and titles", () => {
  const sequel = run({ ...defaults("sequel"), iterations: 2000 });
  const seed = run({ ...defaults("seed"), iterations: 2000 });
  const curve = describeErrorCurve(
    [
      { name: "one neuron", steps: seed.steps },
      { name: "a hidden layer", steps: sequel.steps },
    ],
    "Two runs",
  );
  const fig = errorCurveFigure(curve);
  const svg = errorCurveSvg(curve);
  const layout = layoutOf(fig);
  // the titles and what a screen reader says
  assert.is(layout.title as unknown, "Two runs");
  assert.is(textOf(svg.children[0] as SvgNode), "Two runs", "the <title>");
  assert.ok(texts(svg).includes("Two runs"), "the title shown");
  assert.is(svg.attributes["aria-label"], curve.label);
  assert.match(
    curve.label,
    /^The mean squared error per iteration on a log scale: one neuron, 0\.310 at iteration 0, /,
  );
  for (const axis of ["x", "y"] as const) {
    assert.is(layout[`${axis}axis`].title, curve[axis].title);
    assert.ok(texts(svg).includes(curve[axis].title), `the SVG's ${axis} axis title`);
  }
  // the ranges: iterations 0 to 2000, errors from a power of ten to a power of ten
  assert.equal(layout.xaxis.range, [0, 2000]);
  assert.equal(layout.yaxis.range, curve.y.range.map(Math.log10));
  const powers = texts(svg).filter((t) => /^10[−\d]/.test(t));
  assert.equal(
    [powers[0], powers[powers.length - 1]],
    curve.y.range.map((v) => `10${String(Math.round(Math.log10(v))).replace("-", "−")}`),
  );
  // the same points: Plotly's x and y, and the SVG path through them on the same scales
  const paths = elements(svg).filter((e) => e.tag === "path");
  const { x, y } = scales({
    x: { from: curve.x.range[0], to: curve.x.range[1], title: "", ticks: [] },
    y: { from: curve.y.range[0], to: curve.y.range[1], title: "", ticks: [], log: true },
  });
  // Plotly: a line per run, then a marker trace per run at its last point
  const runs = curve.series.length;
  assert.is(runs, 2);
  assert.is(fig.data.length, 2 * runs);
  assert.is(paths.length, runs);
  fig.data.slice(0, runs).forEach((trace, i) => {
    const s = curve.series[i];
    assert.is(trace.name, s.name);
    assert.equal([trace.x, trace.y], [s.x, s.y]);
    assert.is(s.x.length, (i === 0 ? seed : sequel).steps.length, "every recorded step above 0");
    const drawn = Array.from(String(paths[i].attributes.d).matchAll(/[ML]([\d.-]+),([\d.-]+)/g), (m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    assert.is(drawn.length, s.x.length);
    drawn.forEach(([a, b], k) => {
      near(a, px(x(s.x[k])), `run ${i} point ${k} x`);
      near(b, px(y(s.y[k])), `run ${i} point ${k} y`);
    });
    // the same colour, and the last point marked in both
    assert.is((trace.line as { color: string }).color, s.colour);
    assert.is(paths[i].attributes.stroke, s.colour);
    assert.is(trace.mode, "lines", "no marker on every point: Plotly would draw an element for each");
    const end = fig.data[runs + i];
    assert.equal([end.x, end.y, end.mode], [s.x.slice(-1), s.y.slice(-1), "markers"], "Plotly marks the last point");
    assert.is((end.marker as { color: string }).color, s.colour);
    assert.equal([end.legendgroup, end.showlegend], [s.name, false], "one legend entry a run");
  });
  const ends = elements(svg).filter((e) => e.tag === "circle");
  assert.equal(
    ends.map((c) => [c.attributes.cx, c.attributes.cy, c.attributes.fill]),
    curve.series.map((s) => [px(x(s.x[s.x.length - 1])), px(y(s.y[s.y.length - 1])), s.colour]),
    "the SVG marks each run's last point",
  );
  // a legend: Plotly's, and the SVG's key
  assert.is(layout.showlegend as unknown, true);
  assert.equal(
    group(svg, "key")
      .filter((e) => e.tag === "text")
      .map(textOf),
    ["one neuron", "a hidden layer"],
  );
});

test("the decision boundary: the same output grid, marks by target, line, colours and titles in both", () => {
  const output = (x1: number, x2: number) => 1 / (1 + Math.exp(-(4 * x1 + 4 * x2 - 6)));
  const range: [[number, number], [number, number]] = [
    [-0.5, 1.5],
    [-0.5, 1.5],
  ];
  const boundary = describeBoundary({
    grid: sample(output, range, 5),
    points: {
      x: [
        [1, 1],
        [0, 0],
        [0, 1],
        [1, 0],
      ],
      label: [1, 0, 0, 0],
    },
    range,
    lines: [
      { label: "iteration 0", line: [4, 4, -6] },
      { label: "iteration 100", line: [1, 0, -0.5] },
    ],
    title: "AND",
    xTitle: "first input",
    yTitle: "second input",
  });
  const fig = boundaryFigure(boundary);
  let pictured: Boundary["output"] | undefined;
  const svg = boundarySvg(boundary, (o) => {
    pictured = o;
    return "data:image/png;base64,AAAA";
  });
  const layout = layoutOf(fig);
  assert.is(layout.title as unknown, "AND");
  assert.is(textOf(svg.children[0] as SvgNode), "AND");
  assert.is(svg.attributes["aria-label"], boundary.label);
  assert.match(boundary.label, /with the 4 rows: 3 with target 0 \(circles\), 1 with target 1 \(squares\); /);
  assert.equal([layout.xaxis.title, layout.yaxis.title], ["first input", "second input"]);
  assert.ok(texts(svg).includes("first input") && texts(svg).includes("second input"), "the SVG's axis titles");
  assert.equal([layout.xaxis.range, layout.yaxis.range], range);
  // the output: Plotly's heat map and the SVG's picture, from the same grid and colours
  const [heat, zeros, ones, line] = fig.data;
  assert.equal([heat.x, heat.y, heat.z], [boundary.output.x, boundary.output.y, boundary.output.z]);
  assert.is(pictured, boundary.output, "the SVG's picture is made from the description's grid");
  assert.equal(heat.colorscale, boundary.output.colours);
  assert.is(heat.opacity, boundary.output.opacity);
  const bar = group(svg, "colour-bar").filter((e) => e.tag === "rect");
  assert.is(bar[19].attributes.fill, `rgb(${outputColour(0.025, boundary.output.colours, 0.75).join(",")})`);
  // the rows: a trace per target in Plotly, the same marks in the SVG, at the same points
  const { x, y } = scales({
    x: { from: -0.5, to: 1.5, title: "", ticks: [] },
    y: { from: -0.5, to: 1.5, title: "", ticks: [] },
    right: 56,
  });
  assert.equal(
    [zeros, ones].map((t: Trace) => [t.name, (t.marker as { symbol: string }).symbol, t.x, t.y]),
    [
      ["target 0", "circle", [0, 0, 1], [0, 1, 0]],
      ["target 1", "square", [1], [1]],
    ],
  );
  const marks = group(svg, "boundary-points");
  const r = boundary.markerSize / 2;
  const expected = boundary.classes.flatMap((c) => c.x.map((a, i) => [c.symbol, x(a), y(c.y[i])] as const));
  assert.is(marks.length, expected.length);
  marks.forEach((m, k) => {
    const [symbol, cx, cy] = expected[k];
    const at =
      m.tag === "circle"
        ? [m.attributes.cx, m.attributes.cy]
        : [Number(m.attributes.x) + r, Number(m.attributes.y) + r];
    assert.is(m.tag === "circle" ? "circle" : "square", symbol);
    near(Number(at[0]), cx, `mark ${k} x`);
    near(Number(at[1]), cy, `mark ${k} y`);
  });
  // the line shown: the last of the slider's, x₁ = 0.5, in both
  assert.equal([line.x, line.y], [boundary.line?.x, boundary.line?.y]);
  assert.equal(
    [line.x, line.y],
    [
      [0.5, 0.5],
      [-0.5, 1.5],
    ],
  );
  const drawn = elements(svg).find((e) => e.attributes.class === "boundary-line")?.attributes;
  assert.equal([drawn?.x1, drawn?.y1, drawn?.x2, drawn?.y2], [px(x(0.5)), px(y(-0.5)), px(x(0.5)), px(y(1.5))]);
  assert.is((layout.sliders as unknown as unknown[]).length, 1, "Plotly's slider over the lines");
});

test("the boundary's line stops at the plane's edge in SVG, as Plotly's axes cut it", () => {
  const range: [[number, number], [number, number]] = [
    [-0.5, 1.5],
    [-0.5, 1.5],
  ];
  const boundary = describeBoundary({
    grid: sample(() => 0.5, range, 3),
    points: { x: [[0, 0]], label: [0] },
    range,
    line: [4, 4, -6],
    title: "t",
    xTitle: "a",
    yTitle: "b",
  });
  assert.equal(
    [boundary.line?.x, boundary.line?.y],
    [
      [-0.5, 1.5],
      [2, 0],
    ],
  );
  const { x, y } = scales({
    x: { from: -0.5, to: 1.5, title: "", ticks: [] },
    y: { from: -0.5, to: 1.5, title: "", ticks: [] },
    right: 56,
  });
  const drawn = elements(boundarySvg(boundary, () => "")).find(
    (e) => e.attributes.class === "boundary-line",
  )?.attributes;
  // 4x₁ + 4x₂ = 6 enters the plane at (0, 1.5) and leaves it at (1.5, 0)
  assert.equal([drawn?.x1, drawn?.y1, drawn?.x2, drawn?.y2], [px(x(0)), px(y(1.5)), px(x(1.5)), px(y(0))]);
});

test("the network diagram: the same nodes, places, names, connections, weights and colours in both", () => {
  const { network } = run(defaults("sequel"));
  const diagram = describeNetwork(network.weights, { title: "The weights", inputs: ["a", "b", "bias"] });
  const fig = networkFigure(diagram);
  const svg = networkSvg(diagram);
  const { x, y } = networkScales(diagram);
  assert.is(layoutOf(fig).title as unknown, "The weights");
  assert.is(textOf(svg.children[0] as SvgNode), "The weights");
  assert.is(svg.attributes["aria-label"], diagram.label);
  // the nodes: Plotly's "nodes" trace, the SVG's circles and names, at the same places
  const nodes = fig.data.find((t) => t.name === "nodes") as Trace;
  assert.equal(nodes.text, ["a", "b", "bias", "h₁", "h₂", "h₃", "h₄", "output"]);
  assert.equal([nodes.x, nodes.y], [diagram.nodes.map((n) => n.x), diagram.nodes.map((n) => n.y)]);
  const circles = group(svg, "nodes").filter((e) => e.tag === "circle");
  const names = group(svg, "nodes").filter((e) => e.tag === "text");
  assert.equal(
    circles.map((c) => [c.attributes.cx, c.attributes.cy]),
    diagram.nodes.map((n) => [px(x(n.x)), px(y(n.y))]),
  );
  assert.equal(names.map(textOf), nodes.text);
  // a long name stands beside its node in both: "bias" left of the inputs, "output" right of the last layer
  assert.equal((nodes.textposition as string[])[2], "middle left");
  assert.is(names[2].attributes["text-anchor"], "end");
  assert.equal((nodes.textposition as string[])[7], "middle right");
  assert.is(names[7].attributes["text-anchor"], "start");
  // the connections: a line trace each in Plotly, a <line> each in SVG, same ends, colour and width
  const edges = fig.data.filter((t) => t.mode === "lines");
  const lines = group(svg, "connections");
  const weights = network.weights.flat(2);
  assert.is(edges.length, weights.length);
  assert.is(lines.length, weights.length);
  diagram.edges.forEach((e, k) => {
    const [from, to] = [diagram.nodes[e.from], diagram.nodes[e.to]];
    assert.equal(
      [edges[k].x, edges[k].y],
      [
        [from.x, to.x],
        [from.y, to.y],
      ],
    );
    const { x1, y1, x2, y2, stroke } = lines[k].attributes;
    assert.equal([x1, y1, x2, y2], [px(x(from.x)), px(y(from.y)), px(x(to.x)), px(y(to.y))]);
    const { color, width } = edges[k].line as { color: string; width: number };
    assert.is(stroke, color);
    near(Number(lines[k].attributes["stroke-width"]), width, `edge ${k} width`);
    assert.is(e.weight, weights[k]);
  });
  // the weights' values: Plotly's "weights" trace, the SVG's texts with their tooltips
  const values = fig.data.find((t) => t.name === "weights") as Trace;
  const shown = group(svg, "weights");
  assert.equal(
    values.text,
    weights.map((w) => w.toFixed(2)),
  );
  assert.equal(
    shown.map((t) => t.children[1]),
    values.text,
  );
  assert.equal(
    shown.map((t) => textOf(t.children[0] as SvgNode)),
    values.hovertext,
  );
  assert.equal(
    shown.map((t) => [t.attributes.x, t.attributes.y]),
    diagram.edges.map((e) => [px(x(e.at[0])), px(y(e.at[1]) - 6)]),
    "each value just above its place on its connection",
  );
  // the key under it
  assert.is((layoutOf(fig).annotations as unknown as { text: string }[])[0].text, diagram.key);
  assert.ok(texts(svg).includes(diagram.key));
});

test("hostile text from a description arrives escaped in SVG: titles, axis names, run, class and node names", () => {
  const hostile = '<img src=x onerror="alert(1)">';
  const steps = [{ iteration: 0, meanSquaredError: 0.5 }];
  const svgs = [
    errorCurveSvg(
      describeErrorCurve(
        [
          { name: hostile, steps },
          { name: "b", steps },
        ],
        hostile,
      ),
    ),
    boundarySvg(
      describeBoundary({
        grid: { x: [0], y: [0], z: [[0.5]] },
        points: { x: [[0, 0]], label: [hostile] },
        range: [
          [0, 1],
          [0, 1],
        ],
        title: hostile,
        xTitle: hostile,
        yTitle: hostile,
      }),
      () => '"><script>alert(1)</script>',
    ),
    networkSvg(describeNetwork([[[1]], [[2]]], { title: hostile, inputs: [hostile], outputs: [hostile] })),
  ].map(svgText);
  for (const svg of svgs) {
    assert.not.match(svg, /<img|<script/);
    assert.match(svg, /&#60;img src=x onerror=&#34;alert\(1\)&#34;&#62;/);
  }
});

test.run();
