// A labelled grid: a heat map with a row per name down the side and a column per name along the
// top, each cell coloured by its value and showing its text; some cells can be drawn grey, apart
// from the colour scale (the rows a model trained on, say). Notebook 4's predictions after each
// training set and notebook 6's four truth tables are each one call.

import { checkFinite, describe } from "../checks/validate";
import { OUTPUT_COLOURS } from "./boundary";
import { checkList, checkNames, checkNumbers, checkRange, checkSpec, checkText } from "./inputs";
import { COLORS, NEGATIVE } from "./palette";
import type { Figure, Trace } from "./plotly";

export interface HeatGrid {
  title: string;
  /** The columns, left to right: their axis title and names. */
  x: { title: string; names: string[] };
  /** The rows, top to bottom: their axis title and names. */
  y: { title: string; names: string[] };
  /** values[i][k]: the cell in row i and column k. */
  values: ArrayLike<number>[];
  /** Each cell's text, as values; default each value to 3 decimals. */
  text?: string[][];
  /**
   * The colour scale: "output" (vermillion at 0, white at 0.5, blue at 1: a sigmoid's output),
   * "error" (the distance from the right answer: pale yellows up to 0.5, the right side; oranges
   * and reds past it, the wrong side), or Plotly's [[0, colour], …, [1, colour]]. Default "output".
   */
  colours?: "output" | "error" | [number, string][];
  /** The values at the two ends of the colour scale. Default [0, 1]. */
  range?: [number, number];
  /** The colour bar's title: what the colours show. */
  scaleTitle: string;
  /** The colour bar's ticks, [value, label] each; "error" has its own, the others Plotly's. */
  ticks?: [number, string][];
  /** The cells drawn grey, their text grey too, apart from the colour scale; `name` says what they are. */
  muted?: { cells: boolean[][]; name: string };
  /** What the coloured cells are, as the figure names them. Default the scale's title. */
  name?: string;
  /** The label a hovered cell shows, a Plotly template (%{x}, %{y}, %{text}); default Plotly's. */
  hover?: string;
}

/** The "error" scale: white to pale yellow on the right side of 0.5, orange to vermillion past it. */
const ERROR_COLOURS: [number, string][] = [
  [0, "#ffffff"],
  [0.5, "#f3dc9a"],
  [0.5, COLORS[1]],
  [1, NEGATIVE],
];
const ERROR_TICKS: [number, string][] = [
  [0, "0: right, sure"],
  [0.5, "0.5: coin toss"],
  [1, "1: wrong, sure"],
];

/**
 * A heat map of labelled cells: a row per `y` name (the first on top), a column per `x` name, each
 * cell coloured by its value and showing its text, with gaps between the cells.
 *
 * @param grid - the names, the values and their text, the colours and their scale, and the cells drawn grey
 * @returns a figure for plot()
 * @example
 * plot(heatGrid({
 *   title: "AND and OR, learnt",
 *   x: { title: "input", names: ["0, 0", "0, 1", "1, 0", "1, 1"] },
 *   y: { title: "gate", names: ["AND", "OR"] },
 *   values: [[0.0001, 0.02, 0.02, 0.97], [0.02, 0.99, 0.99, 1]],
 *   scaleTitle: "output",
 * })); // AND's row vermillion but its last cell, OR's blue but its first
 */
export function heatGrid(grid: HeatGrid): Figure {
  const where = "heatGrid(): grid";
  const known = [
    "title",
    "x",
    "y",
    "values",
    "text",
    "colours",
    "range",
    "scaleTitle",
    "ticks",
    "muted",
    "name",
    "hover",
  ];
  const spec = checkSpec(grid, known as (keyof HeatGrid)[], where);
  const x = checkSpec(spec.x as HeatGrid["x"], ["title", "names"], `${where}.x`);
  const y = checkSpec(spec.y as HeatGrid["y"], ["title", "names"], `${where}.y`);
  const columns = checkNames(x.names, `${where}.x.names`);
  const rows = checkNames(y.names, `${where}.y.names`);
  const table = <T>(value: unknown, name: string, read: (row: unknown, at: string) => T[]): T[][] =>
    checkList(value, `${where}.${name}`, rows.length, " (one per row: y.names)").map((row, i) =>
      read(row, `${where}.${name}[${i}]`),
    );
  const each = " (one per column: x.names)";
  const values = table(spec.values, "values", (row, at) => checkNumbers(row, at, columns.length, each));
  const text =
    spec.text === undefined
      ? values.map((row) => row.map((v) => v.toFixed(3)))
      : table(spec.text, "text", (row, at) => checkNames(row, at, columns.length, each));
  const colours = spec.colours ?? "output";
  const colorscale =
    colours === "output"
      ? OUTPUT_COLOURS
      : colours === "error"
        ? ERROR_COLOURS
        : checkScale(colours, `${where}.colours`);
  const [zmin, zmax] = checkRange(spec.range ?? [0, 1], `${where}.range`);
  const scaleTitle = checkText(spec.scaleTitle, `${where}.scaleTitle`);
  const colorbar: Record<string, unknown> = { title: { text: scaleTitle } };
  const ticks = spec.ticks ?? (colours === "error" ? ERROR_TICKS : undefined);
  if (ticks !== undefined) {
    const pairs = checkList(ticks, `${where}.ticks`).map((tick, k) => {
      const [value, label] = checkList(tick, `${where}.ticks[${k}]`, 2, " ([value, label])");
      return [checkFinite(value, `${where}.ticks[${k}][0]`), checkText(label, `${where}.ticks[${k}][1]`)];
    });
    Object.assign(colorbar, { tickvals: pairs.map((t) => t[0]), ticktext: pairs.map((t) => t[1]) });
  }
  const muted = spec.muted === undefined ? undefined : checkSpec(spec.muted, ["cells", "name"], `${where}.muted`);
  const grey =
    muted === undefined
      ? values.map((row) => row.map(() => false))
      : table(muted.cells, "muted.cells", (row, at) =>
          checkList(row, at, columns.length, each).map((cell, k) => {
            if (typeof cell !== "boolean")
              throw new TypeError(`${at}[${k}] must be true or false, got ${describe(cell)}`);
            return cell;
          }),
        );
  if (spec.hover !== undefined) checkText(spec.hover, `${where}.hover`);
  // a layer: the cells it draws (grey or not) hold their value and text, the others nothing
  const layer = (drawn: boolean, name: string): Trace => ({
    type: "heatmap",
    name,
    x: columns,
    y: rows,
    z: values.map((row, i) => row.map((v, k) => (grey[i][k] === drawn ? v : null))),
    text: text.map((row, i) => row.map((t, k) => (grey[i][k] === drawn ? t : ""))),
    texttemplate: "%{text}",
    ...(spec.hover !== undefined && { hovertemplate: spec.hover }),
    xgap: 2,
    ygap: 2,
    zmin,
    zmax,
  });
  const data: Trace[] = [
    { ...layer(false, checkText(spec.name ?? scaleTitle, `${where}.name`)), colorscale, colorbar },
  ];
  if (muted !== undefined) {
    const flat = [
      [0, "#e4e4e4"],
      [1, "#e4e4e4"],
    ];
    const name = checkText(muted.name, `${where}.muted.name`);
    data.push({ ...layer(true, name), colorscale: flat, showscale: false, textfont: { color: "#777777" } });
  }
  return {
    data,
    layout: {
      title: checkText(spec.title, `${where}.title`),
      xaxis: { title: checkText(x.title, `${where}.x.title`), showgrid: false },
      yaxis: { title: checkText(y.title, `${where}.y.title`), autorange: "reversed", showgrid: false },
      // 60 pixels a row, and no less than a chart's usual height
      height: Math.max(420, 60 * rows.length),
    },
  };
}

/** Throws unless `value` is a Plotly colour scale: [position, colour] pairs from 0 to 1, in order. */
function checkScale(value: unknown, where: string): [number, string][] {
  const stops = checkList(value, where).map((stop, k) => {
    const [at, colour] = checkList(stop, `${where}[${k}]`, 2, " ([position, colour])");
    return [checkFinite(at, `${where}[${k}][0]`), checkText(colour, `${where}[${k}][1]`)] as [number, string];
  });
  const ordered = stops.every(([at], k) => at >= 0 && at <= 1 && (k === 0 || at >= stops[k - 1][0]));
  if (stops.length < 2 || stops[0][0] !== 0 || stops[stops.length - 1][0] !== 1 || !ordered) {
    throw new RangeError(
      `${where} must run from [0, colour] to [1, colour], its positions in order, got ${describe(value)}`,
    );
  }
  return stops;
}
