// The chart functions the notebooks call instead of writing Plotly by hand (src/charts/lines.ts,
// bars.ts, grid.ts, cube.ts, scatter.ts): what each figure holds (its data, titles and axes), and
// the message for each kind of bad input, naming the function and the argument.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { barChart, type Figure, heatGrid, inputCube, lineChart, scatterChart, thresholdBars } from "../src";
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
      .array(
        fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: 1e-9, max: 1e9, noNaN: true })),
        {
          maxLength: 20,
        },
      )
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

test("a bar chart groups a bar per series for each name, its legend below", () => {
  const fig = barChart({
    title: "Predictions beside the rule",
    x: { title: "input", names: ["[0, 0, 1]", "[1, 0, 0]"] },
    y: { title: "output", range: [0, 1.05] },
    series: [
      { name: "predicted", values: [0.01, 0.99] },
      { name: "the rule", values: [0, 1] },
    ],
  });
  assert.equal(fig.data, [
    { type: "bar", x: ["[0, 0, 1]", "[1, 0, 0]"], name: "predicted", y: [0.01, 0.99] },
    { type: "bar", x: ["[0, 0, 1]", "[1, 0, 0]"], name: "the rule", y: [0, 1] },
  ]);
  assert.equal(fig.layout, {
    title: "Predictions beside the rule",
    xaxis: { title: "input" },
    yaxis: { title: "output", range: [0, 1.05] },
    barmode: "group",
    legend: { orientation: "h", y: -0.3 },
  });
});

test("a bar chart's slider redraws the series given as steps, in panels side by side, and leaves the others", () => {
  const fig = barChart({
    title: "Weights and answers",
    panels: [
      {
        x: { title: "connection", names: ["w1", "w2"] },
        y: { title: "weight" },
        series: [
          {
            name: "weights",
            steps: [
              [0, 0],
              [1, -1],
              [2, -2],
            ],
          },
        ],
      },
      {
        x: { title: "input", names: ["a"] },
        y: { title: "answer", range: [0, 1] },
        series: [
          { name: "answers", steps: [[0.5], [0.7], [0.9]] },
          { name: "the rule", values: [1] },
        ],
      },
    ],
    slider: { prefix: "iteration ", labels: ["0", "10", "100"], active: 1 },
  });
  assert.equal(
    fig.data.map((t) => [t.name, t.y, t.xaxis, t.yaxis]),
    [
      ["weights", [1, -1], undefined, undefined],
      ["answers", [0.7], "x2", "y2"],
      ["the rule", [1], "x2", "y2"],
    ],
    "each stepped series starts at the active step; the second panel on the second axes",
  );
  const layout = layoutOf(fig);
  assert.equal(layout.grid, { rows: 1, columns: 2, pattern: "independent" });
  assert.equal([layout.xaxis2, layout.yaxis2], [{ title: "input" }, { title: "answer", range: [0, 1] }]);
  assert.equal(layout.legend, { orientation: "h", y: 1.12 }, "the legend above: the slider is below");
  const [slider] = layout.sliders as unknown as { active: number; currentvalue: unknown; steps: unknown[] }[];
  assert.is(slider.active, 1);
  assert.equal(slider.currentvalue, { prefix: "iteration " });
  assert.equal(slider.steps[2], { label: "100", method: "restyle", args: [{ y: [[2, -2], [0.9]] }, [0, 1]] });
  const last = barChart({
    title: "t",
    x: { title: "x", names: ["a"] },
    y: { title: "y" },
    series: [{ name: "s", steps: [[1], [2]] }],
    slider: { prefix: "", labels: ["one", "two"] },
  });
  assert.is((layoutOf(last).sliders as unknown as { active: number }[])[0].active, 1, "the last step by default");
  assert.equal(last.data[0].y, [2]);
});

test("a bar chart names the argument that is wrong", () => {
  const one = { title: "t", x: { title: "x", names: ["a", "b"] }, y: { title: "y" } };
  const slider = { prefix: "", labels: ["1", "2"] };
  const cases: [unknown, ErrorConstructor, RegExp][] = [
    [
      { ...one, series: [{ name: "s", values: [1] }] },
      RangeError,
      /chart\.series\[0\]\.values must have 2 numbers \(one per name of barChart\(\): chart\.x\.names\), got 1/,
    ],
    [
      { ...one, series: [{ name: "s" }] },
      TypeError,
      /chart\.series\[0\] must have values, or steps for the slider, not neither/,
    ],
    [
      { ...one, series: [{ name: "s", steps: [[1, 2]] }] },
      TypeError,
      /series\[0\] has steps, but the chart has no slider/,
    ],
    [
      { ...one, series: [{ name: "s", steps: [[1, 2]] }], slider },
      RangeError,
      /series\[0\]\.steps must have 2 items \(one per slider label\), got 1/,
    ],
    [{ ...one, series: [{ name: "s", values: [1, 2] }], slider }, TypeError, /chart\.slider has no series to move/],
    [
      {
        ...one,
        series: [
          {
            name: "s",
            steps: [
              [1, 2],
              [3, 4],
            ],
          },
        ],
        slider: { ...slider, active: 2 },
      },
      RangeError,
      /chart\.slider\.active must be an integer from 0 to 1, got 2/,
    ],
    [{ ...one, series: [], panels: [] }, TypeError, /must have panels, or x, y and series for one panel, not both/],
    [{ title: "t", panels: [] }, RangeError, /chart\.panels must have at least one panel, got none/],
    [
      { title: "t", panels: [{ x: one.x, y: one.y, series: [{ name: 1, values: [1, 2] }] }] },
      TypeError,
      /chart\.panels\[0\]\.series\[0\]\.name must be a string, got 1/,
    ],
    [{ ...one, x: { title: "x", names: "ab" }, series: [] }, TypeError, /chart\.x\.names must be an array, got "ab"/],
  ];
  for (const [chart, type, message] of cases) assertThrows(() => barChart(chart as never), type, message);
});

test("property: a bar chart's slider steps hold each stepped series' values at that step, in trace order", () => {
  const panel = fc.integer({ min: 1, max: 4 }).chain((names) =>
    fc.record({
      names: fc.constant(Array.from({ length: names }, (_, k) => `n${k}`)),
      stepped: fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }),
    }),
  );
  fc.assert(
    fc.property(fc.array(panel, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 5 }), (panels, count) => {
      fc.pre(panels.some((p) => p.stepped.includes(true)));
      const value = (p: number, s: number, k: number) => p * 100 + s * 10 + k;
      const fig = barChart({
        title: "t",
        panels: panels.map((p, i) => ({
          x: { title: `x${i}`, names: p.names },
          y: { title: `y${i}` },
          series: p.stepped.map((stepped, s) =>
            stepped
              ? { name: `${i}.${s}`, steps: Array.from({ length: count }, (_, k) => p.names.map(() => value(i, s, k))) }
              : { name: `${i}.${s}`, values: p.names.map(() => -1) },
          ),
        })),
        slider: { prefix: "", labels: Array.from({ length: count }, (_, k) => String(k)) },
      });
      const moved = panels.flatMap((p) => p.stepped).flatMap((stepped, i) => (stepped ? [i] : []));
      const steps = (layoutOf(fig).sliders as unknown as { steps: { args: [{ y: number[][] }, number[]] }[] }[])[0]
        .steps;
      steps.forEach((step, k) => {
        assert.equal(step.args[1], moved);
        assert.equal(
          step.args[0].y.map((ys) => ys[0]),
          moved.map((i) => {
            const [p, s] = String(fig.data[i].name).split(".").map(Number);
            return value(p, s, k);
          }),
        );
      });
    }),
  );
});

test("threshold bars grow from the threshold to each value, blue above, vermillion below, each side named", () => {
  const fig = thresholdBars({
    title: "Yes or no",
    names: ["[1, 0, 0]", "[0, 1, 0]", "[0, 0, 0]"],
    values: [0.99, 0.3, 0.5],
    x: { title: "prediction" },
    y: { title: "input" },
  });
  const [bars] = fig.data;
  assert.equal(
    [bars.orientation, bars.base, bars.x, bars.y],
    ["h", 0.5, [0.49, -0.2, 0], ["[1, 0, 0]", "[0, 1, 0]", "[0, 0, 0]"]],
  );
  assert.equal((bars.marker as { color: string[] }).color, ["#0072B2", "#D55E00", "#888888"]);
  assert.equal(bars.text, ["yes", "no", "undecided"]);
  assert.equal(
    bars.textposition,
    ["inside", "outside", "outside"],
    "a bar longer than a quarter of the axis holds its label",
  );
  const layout = fig.layout as { xaxis: unknown; yaxis: unknown; annotations: { x: number; text: string }[] };
  assert.equal(layout.xaxis, { title: "prediction", range: [0, 1] });
  assert.equal(layout.yaxis, { title: "input", autorange: "reversed" }, "the first name on top");
  assert.equal(
    layout.annotations.map((a) => [a.x, a.text]),
    [
      [0.25, "← no"],
      [0.75, "yes →"],
    ],
  );
  const cases: [unknown, ErrorConstructor, RegExp][] = [
    [
      { title: "t", names: ["a"], values: [0.5, 0.2], x: { title: "x" }, y: { title: "y" } },
      RangeError,
      /thresholdBars\(\): chart\.values must have 1 number \(one per name\), got 2/,
    ],
    [
      { title: "t", names: ["a"], values: [0.5], threshold: 2, x: { title: "x" }, y: { title: "y" } },
      RangeError,
      /chart\.threshold must be a number inside x\.range \[0, 1\], got 2/,
    ],
    [
      { title: "t", names: ["a"], values: [0.5], x: { title: "x" }, y: { title: "y" }, sides: ["no"] },
      RangeError,
      /chart\.sides must have 2 items \(\[below, above\]\), got 1/,
    ],
    [
      { title: "t", names: ["a"], values: [0.5], x: { title: "x" } },
      TypeError,
      /thresholdBars\(\): chart\.y must be an object/,
    ],
  ];
  for (const [chart, type, message] of cases) assertThrows(() => thresholdBars(chart as never), type, message);
});

test("a heat grid puts a row per y name, the first on top, a column per x name, each cell with its text", () => {
  const fig = heatGrid({
    title: "Truth tables",
    x: { title: "input", names: ["0, 0", "1, 1"] },
    y: { title: "gate", names: ["AND", "OR"] },
    values: [new Float64Array([0.01, 0.98]), [0.02, 0.999]],
    scaleTitle: "output",
  });
  const [cells] = fig.data;
  assert.equal([cells.type, cells.name, cells.x, cells.y], ["heatmap", "output", ["0, 0", "1, 1"], ["AND", "OR"]]);
  assert.equal(cells.z, [
    [0.01, 0.98],
    [0.02, 0.999],
  ]);
  assert.equal(cells.text, [
    ["0.010", "0.980"],
    ["0.020", "0.999"],
  ]);
  assert.equal(cells.colorscale, [
    [0, "#D55E00"],
    [0.5, "#ffffff"],
    [1, "#0072B2"],
  ]);
  assert.equal([cells.zmin, cells.zmax, cells.colorbar], [0, 1, { title: { text: "output" } }]);
  assert.equal(fig.layout, {
    title: "Truth tables",
    xaxis: { title: "input", showgrid: false },
    yaxis: { title: "gate", autorange: "reversed", showgrid: false },
    height: 420,
  });
  const tall = heatGrid({
    title: "t",
    x: { title: "x", names: ["a"] },
    y: { title: "y", names: Array.from({ length: 8 }, (_, i) => `r${i}`) },
    values: Array.from({ length: 8 }, () => [0.5]),
    scaleTitle: "s",
  });
  assert.is(tall.layout?.height, 480, "60 pixels a row past seven rows");
});

test("a heat grid draws the muted cells grey, apart from the colour scale, and the error scale has its own ticks", () => {
  const fig = heatGrid({
    title: "After each training set",
    x: { title: "set", names: ["first 1", "all"] },
    y: { title: "input", names: ["a", "b"] },
    values: [
      [0.5, 0.01],
      [0.9, 0.02],
    ],
    text: [
      ["0.500", "trained<br>0.010"],
      ["0.900", "trained<br>0.020"],
    ],
    colours: "error",
    scaleTitle: "distance",
    muted: {
      cells: [
        [false, true],
        [false, true],
      ],
      name: "trained",
    },
    name: "not trained",
    hover: "%{y}: %{text}",
  });
  const [coloured, grey] = fig.data;
  assert.equal(coloured.z, [
    [0.5, null],
    [0.9, null],
  ]);
  assert.equal(coloured.text, [
    ["0.500", ""],
    ["0.900", ""],
  ]);
  assert.equal(grey.z, [
    [null, 0.01],
    [null, 0.02],
  ]);
  assert.equal((grey.text as string[][])[1], ["", "trained<br>0.020"]);
  assert.equal(
    [coloured.name, grey.name, grey.showscale, coloured.hovertemplate],
    ["not trained", "trained", false, "%{y}: %{text}"],
  );
  assert.equal((coloured.colorbar as { ticktext: string[] }).ticktext, [
    "0: right, sure",
    "0.5: coin toss",
    "1: wrong, sure",
  ]);
  assert.equal((coloured.colorscale as unknown[]).length, 4, "pale yellows to 0.5, oranges and reds past it");
});

test("a heat grid names the argument that is wrong", () => {
  const ok = { title: "t", x: { title: "x", names: ["a", "b"] }, y: { title: "y", names: ["r"] }, scaleTitle: "s" };
  const cases: [unknown, ErrorConstructor, RegExp][] = [
    [{ ...ok, values: [] }, RangeError, /heatGrid\(\): grid\.values must have 1 item \(one per row: y\.names\), got 0/],
    [{ ...ok, values: [[1]] }, RangeError, /grid\.values\[0\] must have 2 numbers \(one per column: x\.names\), got 1/],
    [{ ...ok, values: [[1, "2"]] }, TypeError, /grid\.values\[0\]\[1\] must be a finite number, got "2" \(a string\)/],
    [{ ...ok, values: [[1, 2]], text: [["a"]] }, RangeError, /grid\.text\[0\] must have 2 items/],
    [
      { ...ok, values: [[1, 2]], colours: [[0, "#fff"]] },
      RangeError,
      /grid\.colours must run from \[0, colour\] to \[1, colour\]/,
    ],
    [
      { ...ok, values: [[1, 2]], muted: { cells: [[true, 1]], name: "m" } },
      TypeError,
      /grid\.muted\.cells\[0\]\[1\] must be true or false, got 1/,
    ],
    [{ ...ok, values: [[1, 2]], scaleTitle: undefined }, TypeError, /grid\.scaleTitle must be a string, got undefined/],
  ];
  for (const [grid, type, message] of cases) assertThrows(() => heatGrid(grid as never), type, message);
});

test("an input cube puts each point at its corner, coloured and labelled by its value, an edge per one-bit change", () => {
  const corners = Array.from({ length: 8 }, (_, i) => [(i >> 2) & 1, (i >> 1) & 1, i & 1]);
  const fig = inputCube({ title: "The cube", points: corners, values: corners.map((c) => c[0]), valueTitle: "x₁" });
  const [edges, points] = fig.data;
  assert.is((edges.x as unknown[]).length, 12 * 3, "12 edges, each two ends and a gap");
  assert.equal([points.x, points.z], [corners.map((c) => c[0]), corners.map((c) => c[2])]);
  assert.equal(points.text, ["0.000", "0.000", "0.000", "0.000", "1.000", "1.000", "1.000", "1.000"]);
  const marker = points.marker as { color: number[]; cmin: number; cmax: number; colorbar: unknown };
  assert.equal([marker.cmin, marker.cmax, marker.colorbar], [0, 1, { title: { text: "x₁" } }]);
  const scene = (fig.layout as { scene: Record<string, { title: { text: string }; tickvals: number[] }> }).scene;
  assert.equal(
    ["xaxis", "yaxis", "zaxis"].map((a) => [scene[a].title.text, scene[a].tickvals]),
    [
      ["input 1", [0, 1]],
      ["input 2", [0, 1]],
      ["input 3", [0, 1]],
    ],
  );
  assertThrows(
    () => inputCube({ title: "t", points: [[0, 1]], values: [1], valueTitle: "v" }),
    RangeError,
    /inputCube\(\): cube\.points\[0\] must have 3 numbers \(x, y, z\), got 2/,
  );
  assertThrows(
    () => inputCube({ title: "t", points: [[0, 1, 0]], values: [], valueTitle: "v" }),
    RangeError,
    /cube\.values must have 1 number \(one per point\), got 0/,
  );
});

test("property: a cube's edges join exactly the pairs of points one coordinate apart", () => {
  const point = fc.tuple(
    fc.integer({ min: 0, max: 2 }),
    fc.integer({ min: 0, max: 2 }),
    fc.integer({ min: 0, max: 2 }),
  );
  fc.assert(
    fc.property(fc.uniqueArray(point, { maxLength: 10, selector: (p) => p.join() }), (points) => {
      const fig = inputCube({ title: "t", points, values: points.map(() => 0.5), valueTitle: "v" });
      const [ex, ey, ez] = [fig.data[0].x, fig.data[0].y, fig.data[0].z] as number[][];
      const drawn = new Set<string>();
      for (let k = 0; k < ex.length; k += 3)
        drawn.add(`${ex[k]},${ey[k]},${ez[k]}|${ex[k + 1]},${ey[k + 1]},${ez[k + 1]}`);
      let pairs = 0;
      points.forEach((a, i) => {
        for (const b of points.slice(i + 1)) {
          if (a.filter((v, j) => v !== b[j]).length === 1) {
            pairs++;
            assert.ok(drawn.has(`${a}|${b}`), `an edge from ${a} to ${b}`);
          }
        }
      });
      assert.is(drawn.size, pairs);
    }),
  );
});

test("a scatter chart colours each group from the palette, and rings points in their group's colour", () => {
  const fig = scatterChart({
    title: "Petals",
    x: { title: "length", range: [3.8, 6.2] },
    y: { title: "width" },
    groups: [
      { name: "setosa", x: [1.4], y: [0.2] },
      { name: "versicolor", x: [4.7], y: [1.4] },
      { name: "virginica", x: [6], y: [2.5] },
    ],
    ringed: { name: "wrong", x: [4.8, 5], y: [1.8, 1.7], group: [2, 1], text: ["70", "77"] },
  });
  assert.equal(
    fig.data.slice(0, 3).map((t) => [t.type, t.mode, t.name, t.x, (t.marker as { color: string }).color]),
    [
      ["scatter", "markers", "setosa", [1.4], "#0072B2"],
      ["scatter", "markers", "versicolor", [4.7], "#E69F00"],
      ["scatter", "markers", "virginica", [6], "#009E73"],
    ],
  );
  const rings = fig.data[3];
  assert.equal([rings.mode, rings.name, rings.text], ["markers+text", "wrong", ["70", "77"]]);
  assert.equal(rings.marker, { symbol: "circle-open", size: 20, line: { width: 3 }, color: ["#009E73", "#E69F00"] });
  assert.equal(fig.layout, {
    title: "Petals",
    xaxis: { title: "length", range: [3.8, 6.2] },
    yaxis: { title: "width" },
  });
  const groups = [{ name: "a", x: [1], y: [2] }];
  const cases: [unknown, ErrorConstructor, RegExp][] = [
    [
      { title: "t", x: { title: "x" }, y: { title: "y" }, groups: [] },
      RangeError,
      /scatterChart\(\): chart\.groups must have at least one group/,
    ],
    [
      { title: "t", x: { title: "x" }, y: { title: "y" }, groups: [{ name: "a", x: [1, 2], y: [2] }] },
      RangeError,
      /chart\.groups\[0\]\.y must have 2 numbers \(one per x\), got 1/,
    ],
    [
      {
        title: "t",
        x: { title: "x" },
        y: { title: "y" },
        groups,
        ringed: { name: "r", x: [1], y: [1], group: [1], text: ["1"] },
      },
      RangeError,
      /chart\.ringed\.group\[0\] must be a group's index, 0 to 0, got 1/,
    ],
    [
      { title: "t", x: { title: "x" }, y: { title: "y" }, groups, ringed: { name: "r", x: [1], y: [1], group: [0] } },
      TypeError,
      /chart\.ringed\.text must be an array, got undefined/,
    ],
    [
      { title: "t", x: "x", y: { title: "y" }, groups },
      TypeError,
      /chart\.x must be an object such as \{ title: … \}, got "x" \(a string\)/,
    ],
  ];
  for (const [chart, type, message] of cases) assertThrows(() => scatterChart(chart as never), type, message);
});

test.run();
