// Points in a plane by group, a colour each from the palette, and optionally some of them ringed
// in their group's colour and labelled: notebook 8's flowers by species, and its mistakes.

import { describe } from "../checks/validate";
import { type AxisInput, axisOf, checkList, checkNames, checkNumbers, checkSpec, checkText } from "./inputs";
import { COLORS } from "./palette";
import type { Figure, Trace } from "./plotly";

export interface ScatterGroup {
  /** Its name in the legend. */
  name: string;
  /** Its points: (x[k], y[k]). */
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export interface ScatterChart {
  title: string;
  x: AxisInput;
  y: AxisInput;
  /** The groups, coloured in the palette's order (blue, orange, green, …). */
  groups: ScatterGroup[];
  /** Points to ring and label, each ringed in the colour of its group (an index into groups). */
  ringed?: Ringed;
}

/** Points ringed and labelled: `group[k]` is point k's group, an index into groups; `text[k]` its label. */
export type Ringed = ScatterGroup & { group: number[]; text: string[] };

/**
 * A scatter plot: a colour per group, and rings with labels around the points asked for.
 *
 * @param chart - the title, the axes (`{ title, range, log }`), the groups and the ringed points
 * @returns a figure for plot()
 * @example
 * plot(scatterChart({
 *   title: "Two groups",
 *   x: { title: "length" },
 *   y: { title: "width" },
 *   groups: [{ name: "small", x: [1, 2], y: [1, 1] }, { name: "large", x: [5, 6], y: [2, 3] }],
 * }));
 */
export function scatterChart(chart: ScatterChart): Figure {
  const where = "scatterChart(): chart";
  const spec = checkSpec(chart, ["title", "x", "y", "groups", "ringed"], where);
  const points = (group: ScatterGroup, at: string, known: (keyof Ringed)[]) => {
    const g = checkSpec(group as Ringed, known, at);
    const x = checkNumbers(g.x, `${at}.x`);
    return {
      ...g,
      name: checkText(g.name, `${at}.name`),
      x,
      y: checkNumbers(g.y, `${at}.y`, x.length, " (one per x)"),
    };
  };
  const groups = checkList(spec.groups, `${where}.groups`).map((g, k) =>
    points(g as ScatterGroup, `${where}.groups[${k}]`, ["name", "x", "y"]),
  );
  if (groups.length === 0) throw new RangeError(`${where}.groups must have at least one group, got none`);
  if (groups.length > COLORS.length) {
    throw new RangeError(
      `${where}.groups must have at most ${COLORS.length} groups (a colour each), got ${groups.length}`,
    );
  }
  const data: Trace[] = groups.map((g, k) => ({
    type: "scatter",
    mode: "markers",
    name: g.name,
    x: g.x,
    y: g.y,
    marker: { color: COLORS[k] },
  }));
  if (spec.ringed !== undefined) {
    const at = `${where}.ringed`;
    const r = points(spec.ringed, at, ["name", "x", "y", "group", "text"]);
    const group = checkList(r.group, `${at}.group`, r.x.length, " (one per point)").map((k, i) => {
      if (!Number.isInteger(k) || (k as number) < 0 || (k as number) >= groups.length) {
        throw new RangeError(
          `${at}.group[${i}] must be a group's index, 0 to ${groups.length - 1}, got ${describe(k)}`,
        );
      }
      return k as number;
    });
    data.push({
      type: "scatter",
      mode: "markers+text",
      name: r.name,
      x: r.x,
      y: r.y,
      text: checkNames(r.text, `${at}.text`, r.x.length, " (one per point)"),
      textposition: "top center",
      textfont: { size: 11 },
      marker: { symbol: "circle-open", size: 20, line: { width: 3 }, color: group.map((k) => COLORS[k]) },
    });
  }
  return {
    data,
    layout: {
      title: checkText(spec.title, `${where}.title`),
      xaxis: axisOf(spec.x as AxisInput, `${where}.x`),
      yaxis: axisOf(spec.y as AxisInput, `${where}.y`),
    },
  };
}
