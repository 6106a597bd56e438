// The chart functions the notebooks call instead of writing Plotly by hand (src/charts/lines.ts,
// bars.ts, grid.ts, cube.ts, scatter.ts): what each figure holds (its data, titles and axes), and
// the message for each kind of bad input, naming the function and the argument.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type Figure, lineChart } from "../src";
import { withDefaults } from "../src/charts/plotly";
import { assertThrows } from "./helpers/assert";

const layoutOf = (fig: Figure) => fig.layout as Record<string, Record<string, unknown>>;

test("a line chart draws a line per series, on the axes asked for, the legend below when there are two", () => {
  const xs = [-2, 0, 2];
  const fig = lineChart({
    title: "The sigmoid and its slope",
    x: { title: "x" },
    y: { title: "value", range: [-0.05, 1.05] },
    series: [
      { name: "σ(x)", x: xs, y: [0.12, 0.5, 0.88] },
      { name: "σ′(x)", x: new Float64Array(xs), y: [0.1, 0.25, 0.1] },
    ],
  });
  assert.equal(fig.data, [
    { x: [-2, 0, 2], y: [0.12, 0.5, 0.88], name: "σ(x)", mode: "lines" },
    { x: [-2, 0, 2], y: [0.1, 0.25, 0.1], name: "σ′(x)", mode: "lines" },
  ]);
  assert.ok(Array.isArray(fig.data[1].x), "a typed array becomes a plain one, which JSON carries");
  assert.equal(fig.layout, {
    title: "The sigmoid and its slope",
    xaxis: { title: "x" },
    yaxis: { title: "value", range: [-0.05, 1.05] },
    legend: { orientation: "h", y: -0.25 },
  });
  const one = lineChart({ title: "t", x: { title: "x" }, y: { title: "y" }, series: [{ name: "a", x: [1], y: [2] }] });
  assert.is(one.layout?.legend, undefined, "one series: no legend");
});

test("a line chart's log axes take their range in the data's units, and a second y axis sits on the right", () => {
  const fig = lineChart({
    title: "Live",
    x: { title: "iteration", range: [0, 100] },
    y: { title: "error", log: true, range: [0.001, 1] },
    y2: { title: "output", range: [0, 1] },
    series: [{ name: "error" }, { name: "output", axis: "y2" }],
  });
  const layout = layoutOf(fig);
  assert.equal(layout.yaxis, { title: "error", type: "log", range: [-3, 0] }, "a log axis's range in powers of ten");
  assert.equal(layout.yaxis2, { title: "output", range: [0, 1], overlaying: "y", side: "right", showgrid: false });
  assert.equal(fig.data[0], { x: [], y: [], name: "error", mode: "lines" }, "no points yet: liveChart fills them");
  assert.is(fig.data[1].yaxis, "y2");
  assert.is(layoutOf(withDefaults(fig)).yaxis.exponentformat, "power", "10⁻³, not 1m");
});

test("a line chart shades a stretch of x, its label in the middle at the top", () => {
  const fig = lineChart({
    title: "Flat ends",
    x: { title: "x" },
    y: { title: "slope" },
    series: [{ name: "slope", x: [0, 10], y: [1, 0] }],
    shade: [{ from: 4, to: 10, label: "flat" }],
  });
  const layout = fig.layout as { shapes: Record<string, unknown>[]; annotations: Record<string, unknown>[] };
  assert.equal(
    [layout.shapes[0].x0, layout.shapes[0].x1, layout.shapes[0].yref, layout.shapes[0].fillcolor],
    [4, 10, "paper", "#E69F00"],
  );
  assert.equal([layout.annotations[0].x, layout.annotations[0].text], [7, "flat"]);
});

test("a line chart names the argument that is wrong", () => {
  const ok = { title: "t", x: { title: "x" }, y: { title: "y" }, series: [{ name: "a", x: [1, 2], y: [3, 4] }] };
  const cases: [unknown, ErrorConstructor, RegExp][] = [
    [undefined, TypeError, /lineChart\(\): chart must be an object such as \{ title: … \}, got undefined/],
    [{ ...ok, title: 3 }, TypeError, /lineChart\(\): chart\.title must be a string, got 3/],
    [{ ...ok, xTitle: "x" }, TypeError, /chart has an unknown option "xTitle"; the options are title, x, y, y2/],
    [{ ...ok, x: { title: "x", range: [1, 0] } }, RangeError, /chart\.x\.range must be \[low, high\] with low < high/],
    [{ ...ok, y: { title: "y", log: true, range: [0, 1] } }, RangeError, /0 < low < high \(a log axis\), got \[0, 1\]/],
    [{ ...ok, series: [] }, RangeError, /chart\.series must have at least one series, got none/],
    [
      { ...ok, series: [{ name: "a", x: [1, 2], y: [3] }] },
      RangeError,
      /series\[0\]\.y must have 2 numbers \(one per x\), got 1/,
    ],
    [
      { ...ok, series: [{ name: "a", x: [1, Number.NaN], y: [3, 4] }] },
      RangeError,
      /series\[0\]\.x\[1\] must be a finite number, got NaN/,
    ],
    [{ ...ok, series: [{ name: "a", x: [1] }] }, TypeError, /series\[0\] must have both x and y, or neither/],
    [
      { ...ok, series: [{ name: "a", axis: "y2" }] },
      TypeError,
      /series\[0\]\.axis is "y2", but the chart has no y2 axis/,
    ],
    [
      { ...ok, shade: [{ from: 2, to: 1, label: "s" }] },
      RangeError,
      /chart\.shade\[0\]: \[from, to\] must be \[low, high\]/,
    ],
    [{ ...ok, x: { title: "x", log: true }, shade: [] }, TypeError, /chart\.shade needs a linear x axis/],
  ];
  for (const [chart, type, message] of cases) assertThrows(() => lineChart(chart as never), type, message);
});

test("property: a line chart keeps every series' points and names, in order", () => {
  const series = fc.array(
    fc
      .array(fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: 1e-9, max: 1e9 })), {
        maxLength: 20,
      })
      .chain((points) => fc.record({ name: fc.string(), points: fc.constant(points) })),
    { minLength: 1, maxLength: 5 },
  );
  fc.assert(
    fc.property(series, (runs) => {
      const fig = lineChart({
        title: "runs",
        x: { title: "x" },
        y: { title: "y", log: true },
        series: runs.map((r) => ({ name: r.name, x: r.points.map((p) => p[0]), y: r.points.map((p) => p[1]) })),
      });
      assert.equal(
        fig.data.map((t) => [t.name, t.x, t.y]),
        runs.map((r) => [r.name, r.points.map((p) => p[0]), r.points.map((p) => p[1])]),
      );
      assert.is(fig.layout?.legend !== undefined, runs.length > 1);
    }),
  );
});

test.run();
