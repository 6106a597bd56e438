// A line chart of named series: each a line, on linear or log axes, a second y axis on the right
// when two kinds of number share the x axis, and shaded stretches of x with a word on each. The
// sigmoid and its slope (notebook 2), the weights' paths, the live chart and the learning rates'
// error curves (notebook 3) are each one call.

import { describe } from "../checks/validate";
import { type AxisInput, axisOf, checkList, checkNumbers, checkRange, checkSpec, checkText } from "./inputs";
import { COLORS } from "./palette";
import type { Figure, Trace } from "./plotly";

export interface LineSeries {
  /** Its name in the legend. */
  name: string;
  /** Its points: x[k] against y[k]. Leave both out for a live chart to fill (liveChart's push). */
  x?: ArrayLike<number>;
  y?: ArrayLike<number>;
  /** "y2": drawn against the right-hand axis, `y2`. */
  axis?: "y" | "y2";
}

/** A stretch of x shaded across the chart, its label at the top (on a linear x axis). */
export interface Shade {
  from: number;
  to: number;
  label: string;
}

export interface LineChart {
  title: string;
  x: AxisInput;
  y: AxisInput;
  /** A second y axis, on the right, for the series with `axis: "y2"`. */
  y2?: AxisInput;
  series: LineSeries[];
  shade?: Shade[];
}

/**
 * A line per series, the legend below the chart when there are two or more; log axes, a second y
 * axis on the right and shaded stretches of x when asked.
 *
 * @param chart - the title, the axes (`{ title, range, log }`), the series and the shaded stretches
 * @returns a figure for plot(), or for liveChart() with series that have no points yet
 * @example
 * plot(lineChart({
 *   title: "The sigmoid",
 *   x: { title: "x" },
 *   y: { title: "σ(x)", range: [0, 1] },
 *   series: [{ name: "σ(x)", x: [-2, 0, 2], y: [0.119, 0.5, 0.881] }],
 * }));
 */
export function lineChart(chart: LineChart): Figure {
  const spec = checkSpec(chart, ["title", "x", "y", "y2", "series", "shade"], "lineChart(): chart");
  const layout: Record<string, unknown> = {
    title: checkText(spec.title, "lineChart(): chart.title"),
    xaxis: axisOf(spec.x as AxisInput, "lineChart(): chart.x"),
    yaxis: axisOf(spec.y as AxisInput, "lineChart(): chart.y"),
  };
  if (spec.y2 !== undefined) {
    // on the right, over the first y axis, its grid left to the first
    const y2 = axisOf(spec.y2, "lineChart(): chart.y2");
    layout.yaxis2 = { ...y2, overlaying: "y", side: "right", showgrid: false };
  }
  const list = checkList(spec.series, "lineChart(): chart.series");
  if (list.length === 0) throw new RangeError("lineChart(): chart.series must have at least one series, got none");
  const data = list.map((series, i) => lineOf(series as LineSeries, `lineChart(): chart.series[${i}]`, layout));
  if (data.length > 1) layout.legend = { orientation: "h", y: -0.25 };
  if (spec.shade !== undefined) {
    if (spec.x?.log) throw new TypeError("lineChart(): chart.shade needs a linear x axis, but chart.x.log is true");
    const shades = checkList(spec.shade, "lineChart(): chart.shade").map((s, i) =>
      shadeOf(s as Shade, `lineChart(): chart.shade[${i}]`),
    );
    layout.shapes = shades.map((s) => s.shape);
    layout.annotations = shades.map((s) => s.annotation);
  }
  return { data, layout };
}

/** One series as a Plotly line, checked. */
function lineOf(series: LineSeries, where: string, layout: Record<string, unknown>): Trace {
  const { name, x, y, axis = "y" } = checkSpec(series, ["name", "x", "y", "axis"], where);
  if ((x === undefined) !== (y === undefined)) {
    throw new TypeError(`${where} must have both x and y, or neither (a live chart's), got only ${x ? "x" : "y"}`);
  }
  const xs = x === undefined ? [] : checkNumbers(x, `${where}.x`);
  const ys = y === undefined ? [] : checkNumbers(y, `${where}.y`, xs.length, " (one per x)");
  if (axis !== "y" && axis !== "y2") throw new TypeError(`${where}.axis must be "y" or "y2", got ${describe(axis)}`);
  if (axis === "y2" && layout.yaxis2 === undefined) {
    throw new TypeError(`${where}.axis is "y2", but the chart has no y2 axis: give chart.y2 a title`);
  }
  const trace: Trace = { x: xs, y: ys, name: checkText(name, `${where}.name`), mode: "lines" };
  if (axis === "y2") trace.yaxis = "y2";
  return trace;
}

/** A shaded stretch: a rectangle the chart's height, its label at the top, in the middle. */
function shadeOf(shade: Shade, where: string) {
  const { from, to, label } = checkSpec(shade, ["from", "to", "label"], where);
  const [x0, x1] = checkRange([from, to], `${where}: [from, to]`);
  return {
    shape: {
      type: "rect",
      xref: "x",
      yref: "paper",
      x0,
      x1,
      y0: 0,
      y1: 1,
      fillcolor: COLORS[1],
      opacity: 0.12,
      line: { width: 0 },
    },
    annotation: {
      x: (x0 + x1) / 2,
      y: 0.95,
      xref: "x",
      yref: "paper",
      text: checkText(label, `${where}.label`),
      showarrow: false,
    },
  };
}
