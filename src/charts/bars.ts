// Bar charts: a bar per name for each series, side by side, in one panel or several next to each
// other, with a slider over steps (iterations, learning rates) that redraws the series that change;
// and bars that grow from a threshold to each value, coloured by the side they end on. The seed's
// weights, the answers beside the right ones and both sliders of notebooks 3 and 4 are each one call.

import { checkInteger, describe } from "../checks/validate";
import { axisOf, checkList, checkNames, checkNumbers, checkSpec, checkText } from "./inputs";
import { NEGATIVE, POSITIVE } from "./palette";
import type { Figure, Trace } from "./plotly";

export interface BarSeries {
  /** Its name in the legend. */
  name: string;
  /** A bar per name of its panel: their heights. */
  values?: ArrayLike<number>;
  /** Or its heights at each step of the slider: the series the slider redraws. */
  steps?: ArrayLike<number>[];
}

/** A panel: its names along x, its y axis, and its series, side by side. */
export interface BarPanel {
  x: { title: string; names: string[] };
  y: { title: string; range?: [number, number] };
  series: BarSeries[];
}

/** A slider over steps: a label each, the step shown first (the last by default). */
export interface BarSlider {
  /** What the slider's current value says before the step's label: "iteration ". */
  prefix: string;
  labels: string[];
  active?: number;
}

/** One panel, or several side by side (`panels`); a slider when some series have `steps`. */
export type BarChart = { title: string; slider?: BarSlider } & (BarPanel | { panels: BarPanel[] });

/**
 * Bars: a group per name, a bar per series in each, in one panel or several side by side; with a
 * slider, the series given as `steps` are redrawn at each step, the others stay.
 *
 * @param chart - the title, the panel (`x: { title, names }`, `y: { title, range }`, `series`) or
 *   `panels`, and `slider: { prefix, labels, active }`
 * @returns a figure for plot()
 * @example
 * plot(barChart({
 *   title: "Initial weights",
 *   x: { title: "connection", names: ["weight 1", "weight 2"] },
 *   y: { title: "weight", range: [-1, 1] },
 *   series: [{ name: "initial weight", values: [-0.17, 0.44] }],
 * }));
 */
export function barChart(chart: BarChart): Figure {
  const where = "barChart(): chart";
  const known = ["title", "x", "y", "series", "panels", "slider"] as const;
  const spec = checkSpec(chart as BarPanel & { title: string; panels: BarPanel[]; slider?: BarSlider }, known, where);
  const many = spec.panels !== undefined;
  if (many && (spec.x ?? spec.y ?? spec.series) !== undefined) {
    throw new TypeError(`${where} must have panels, or x, y and series for one panel, not both`);
  }
  const panels = many ? checkList(spec.panels, `${where}.panels`) : [{ x: spec.x, y: spec.y, series: spec.series }];
  if (panels.length === 0) throw new RangeError(`${where}.panels must have at least one panel, got none`);
  let slider: { prefix: string; labels: string[]; active: number } | undefined;
  if (spec.slider !== undefined) {
    const s = checkSpec(spec.slider, ["prefix", "labels", "active"], `${where}.slider`);
    const labels = checkNames(s.labels, `${where}.slider.labels`);
    if (labels.length === 0) throw new RangeError(`${where}.slider.labels must have a label per step, got none`);
    const active = checkInteger(s.active ?? labels.length - 1, `${where}.slider.active`, 0, labels.length - 1);
    slider = { prefix: checkText(s.prefix, `${where}.slider.prefix`), labels, active };
  }
  const data: Trace[] = [];
  const stepped: { trace: number; steps: number[][] }[] = [];
  const layout: Record<string, unknown> = { title: checkText(spec.title, `${where}.title`) };
  panels.forEach((panel, p) => {
    const at = many ? `${where}.panels[${p}]` : where;
    const { x, y, series } = checkSpec(panel as BarPanel, ["x", "y", "series"], at);
    const { names } = checkSpec(x as BarPanel["x"], ["title", "names"], `${at}.x`);
    const categories = checkNames(names, `${at}.x.names`);
    const suffix = p === 0 ? "" : String(p + 1);
    layout[`xaxis${suffix}`] = axisOf({ title: (x as BarPanel["x"]).title }, `${at}.x`);
    layout[`yaxis${suffix}`] = axisOf(y as BarPanel["y"], `${at}.y`, ["title", "range"]);
    const list = checkList(series, `${at}.series`);
    if (list.length === 0) throw new RangeError(`${at}.series must have at least one series, got none`);
    if (list.length > 1) layout.barmode = "group";
    list.forEach((item, i) => {
      const w = `${at}.series[${i}]`;
      const s = checkSpec(item as BarSeries, ["name", "values", "steps"], w);
      if ((s.values === undefined) === (s.steps === undefined)) {
        throw new TypeError(`${w} must have values, or steps for the slider, not ${s.values ? "both" : "neither"}`);
      }
      const trace: Trace = { type: "bar", x: categories, name: checkText(s.name, `${w}.name`) };
      if (p > 0) Object.assign(trace, { xaxis: `x${p + 1}`, yaxis: `y${p + 1}` });
      const each = ` (one per name of ${at}.x.names)`;
      if (s.steps === undefined) {
        trace.y = checkNumbers(s.values, `${w}.values`, categories.length, each);
      } else {
        if (!slider) throw new TypeError(`${w} has steps, but the chart has no slider: give chart.slider its labels`);
        const steps = checkList(s.steps, `${w}.steps`, slider.labels.length, " (one per slider label)").map((v, k) =>
          checkNumbers(v, `${w}.steps[${k}]`, categories.length, each),
        );
        trace.y = steps[slider.active];
        stepped.push({ trace: data.length, steps });
      }
      data.push(trace);
    });
  });
  if (many) layout.grid = { rows: 1, columns: panels.length, pattern: "independent" };
  const legend = layout.barmode === "group";
  // bars of one series a panel need no legend: each panel's axes name them
  if (!legend && data.length > 1) layout.showlegend = false;
  if (slider) {
    if (stepped.length === 0) throw new TypeError(`${where}.slider has no series to move: give a series steps`);
    const { prefix, labels, active } = slider;
    // the slider below the axis, so a legend goes above the chart
    if (legend) layout.legend = { orientation: "h", y: 1.12 };
    layout.margin = { b: 150 };
    layout.sliders = [
      {
        active,
        currentvalue: { prefix },
        pad: { t: 70 },
        steps: labels.map((label, k) => ({
          label,
          method: "restyle",
          args: [{ y: stepped.map((s) => s.steps[k]) }, stepped.map((s) => s.trace)],
        })),
      },
    ];
  } else if (legend) {
    layout.legend = { orientation: "h", y: -0.3 };
  }
  return { data, layout };
}

export interface ThresholdBars {
  title: string;
  /** A name per bar, top to bottom. */
  names: string[];
  /** Each bar's value (a prediction, say): its bar runs from the threshold to it. */
  values: ArrayLike<number>;
  /** Where the bars start. Default 0.5. */
  threshold?: number;
  /** The values' axis: its title, and its range (default [0, 1]). */
  x: { title: string; range?: [number, number] };
  /** The names' axis. */
  y: { title: string };
  /** What each side says: [below, above]. Default ["no", "yes"]. */
  sides?: [string, string];
  /** Each bar's label. Default its side, or "undecided" on the threshold. */
  text?: string[];
  /** What a value is called when hovered. Default "prediction". */
  valueName?: string;
}

/**
 * Each value as a bar from a threshold: blue above it, vermillion below (grey on it), so the side
 * is the answer and the length how sure it is; a line at the threshold, each side named above.
 *
 * @param chart - the names and values, the threshold, the axes' titles, and the sides' and bars' words
 * @returns a figure for plot()
 * @example
 * plot(thresholdBars({ title: "Yes or no", names: ["[1, 0, 0]"], values: [0.9999],
 *   x: { title: "prediction" }, y: { title: "input" } })); // one long blue bar, labelled "yes"
 */
export function thresholdBars(chart: ThresholdBars): Figure {
  const where = "thresholdBars(): chart";
  const spec = checkSpec(
    chart,
    ["title", "names", "values", "threshold", "x", "y", "sides", "text", "valueName"],
    where,
  );
  const names = checkNames(spec.names, `${where}.names`);
  const values = checkNumbers(spec.values, `${where}.values`, names.length, " (one per name)");
  const x = checkSpec(spec.x as ThresholdBars["x"], ["title", "range"], `${where}.x`);
  const xaxis = axisOf({ title: x.title as string, range: x.range ?? [0, 1] }, `${where}.x`);
  const [low, high] = xaxis.range as [number, number];
  const t = spec.threshold ?? 0.5;
  if (typeof t !== "number" || !(t > low && t < high)) {
    const kind = typeof t === "number" ? RangeError : TypeError;
    throw new kind(`${where}.threshold must be a number inside x.range [${low}, ${high}], got ${describe(t)}`);
  }
  const [below, above] = checkNames(spec.sides ?? ["no", "yes"], `${where}.sides`, 2, " ([below, above])");
  const sideOf = (v: number) => (v > t ? above : v < t ? below : "undecided");
  const text = spec.text === undefined ? values.map(sideOf) : checkNames(spec.text, `${where}.text`, names.length);
  const valueName = checkText(spec.valueName ?? "prediction", `${where}.valueName`);
  const { title } = checkSpec(spec.y as ThresholdBars["y"], ["title"], `${where}.y`);
  return {
    data: [
      {
        type: "bar",
        orientation: "h",
        y: names,
        x: values.map((v) => v - t),
        base: t,
        marker: { color: values.map((v) => (v > t ? POSITIVE : v < t ? NEGATIVE : "#888888")) },
        text,
        // the long bars hold their label, the short ones have it beside them
        textposition: values.map((v) => (Math.abs(v - t) > (high - low) / 4 ? "inside" : "outside")),
        insidetextanchor: "middle",
        customdata: values,
        hovertemplate: `%{y}: ${valueName} %{customdata:.4f}, %{text}<extra></extra>`,
        name: valueName,
      },
    ],
    layout: {
      title: checkText(spec.title, `${where}.title`),
      xaxis,
      yaxis: { title: checkText(title, `${where}.y.title`), autorange: "reversed" },
      shapes: [{ type: "line", x0: t, x1: t, yref: "paper", y0: 0, y1: 1, line: { color: "#222" } }],
      annotations: [
        { x: (low + t) / 2, y: 1, yref: "paper", yanchor: "bottom", text: `← ${below}`, showarrow: false },
        { x: (t + high) / 2, y: 1, yref: "paper", yanchor: "bottom", text: `${above} →`, showarrow: false },
      ],
      showlegend: false,
    },
  };
}
