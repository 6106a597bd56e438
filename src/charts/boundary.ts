// The decision boundary, described once: the model's output over a plane of two inputs as colour,
// the rows on it by target, and optionally a neuron's line. decisionBoundary() draws it with Plotly
// (with a slider over lines); the explorer draws it as SVG.

import { ROWS_SHOWN } from "../checks/limits";
import type { Axis, Chart } from "./chart";
import { NEGATIVE, POSITIVE } from "./palette";

/** The output sampled over the plane: `z[i][k]` at (`x[k]`, `y[i]`), each a cell's centre. */
export interface Grid {
  x: number[];
  y: number[];
  z: ArrayLike<number>[];
}

/** How a class of rows is marked, by the order of its name: circles for target 0, squares for 1. */
export type MarkerSymbol = "circle" | "square" | "diamond" | "triangle-up" | "x";
const SYMBOLS: MarkerSymbol[] = ["circle", "square", "diamond", "triangle-up", "x"];
const PLURALS: Record<MarkerSymbol, string> = {
  circle: "circles",
  square: "squares",
  diamond: "diamonds",
  "triangle-up": "triangles",
  x: "crosses",
};

/** The output's colours: vermillion at 0, white at 0.5, blue at 1. */
export const OUTPUT_COLOURS: [number, string][] = [
  [0, NEGATIVE],
  [0.5, "#ffffff"],
  [1, POSITIVE],
];

/** A line across the plane, from its first point to its second. */
export interface Segment {
  x: [number, number];
  y: [number, number];
}

/** A neuron's weights [w₁, w₂, b]: its line w₁x₁ + w₂x₂ + b = 0 is where σ is 0.5. */
export type Weights = [number, number, number];

/** The output over the plane, the rows on it, and the line where the output is 0.5. */
export interface Boundary extends Chart {
  x: Axis;
  y: Axis;
  /** The output over the plane, from 0 to 1, and its colours: `colours` at 0, 0.5 and 1, drawn at `opacity` over white. */
  output: Grid & { title: string; colours: [number, string][]; opacity: number };
  /** The rows by target: a class each, with its mark and its rows' two inputs. */
  classes: { name: string; symbol: MarkerSymbol; x: number[]; y: number[] }[];
  /** The marks' size across, in pixels: smaller where there are many rows. */
  markerSize: number;
  /** The line shown, where the output is 0.5 (dashed): `line` if given, else the last of `lines`. */
  line?: Segment;
  /** Lines to step through (a slider, where the renderer can make one). */
  steps: { label: string; line: Segment }[];
}

export interface BoundaryInput {
  /** The model's output sampled over the plane. */
  grid: Grid;
  /** The rows: their first two inputs, and their targets (0 or 1, or a class name). */
  points: { x: ArrayLike<number>[]; label: ArrayLike<number | string> };
  /** The plane: [[x₁ from, to], [x₂ from, to]]. */
  range: [[number, number], [number, number]];
  /** A neuron's line to draw. */
  line?: Weights;
  /** Lines to step through; the last is shown first. */
  lines?: { label: string; line: Weights }[];
  title: string;
  xTitle: string;
  yTitle: string;
}

/**
 * The decision boundary over a plane.
 *
 * @param input - the sampled output, the rows, the plane, the lines and the titles
 * @example
 * describeBoundary({ grid, points, range: [[0, 1], [0, 1]], title: "AND", xTitle: "x₁", yTitle: "x₂" }).classes[1].symbol; // returns "square"
 */
export function describeBoundary(input: BoundaryInput): Boundary {
  const { grid, points, range, lines = [], title, xTitle, yTitle } = input;
  const [[x1From, x1To], [x2From, x2To]] = range;
  const names = Array.from(points.label, String);
  // targets in their order (0 before 1), class names in the order they come
  const classes = [...new Set(names)];
  if (Array.from(points.label).every((l) => typeof l === "number")) classes.sort((a, b) => Number(a) - Number(b));
  const segment = ([w1, w2, b]: Weights): Segment => {
    // where w₁x₁ + w₂x₂ + b = 0 crosses the plane: solve for the axis the line is less steep against
    if (Math.abs(w2) >= Math.abs(w1))
      return { x: [x1From, x1To], y: [x1From, x1To].map((x1) => -(w1 * x1 + b) / w2) as Segment["y"] };
    return { x: [x2From, x2To].map((x2) => -(w2 * x2 + b) / w1) as Segment["x"], y: [x2From, x2To] };
  };
  const shown = input.line ?? lines[lines.length - 1]?.line;
  const marked = classes.map((name, c) => {
    const rows = Array.from(points.x).filter((_, r) => names[r] === name);
    return { name, symbol: SYMBOLS[c % SYMBOLS.length], x: rows.map((p) => p[0]), y: rows.map((p) => p[1]) };
  });
  const said = marked.map((c) => `${c.x.length} with target ${c.name} (${PLURALS[c.symbol]})`).join(", ");
  const line = shown && segment(shown);
  return {
    title,
    label:
      `${title}: the output as colour, from vermillion at 0 through white at 0.5 to blue at 1, over ` +
      `${xTitle} and ${yTitle}, with the ${names.length} rows: ${said}` +
      (line ? "; a dashed line where the output is 0.5" : ""),
    x: { title: xTitle, range: [x1From, x1To] },
    y: { title: yTitle, range: [x2From, x2To] },
    output: {
      ...grid,
      title: "output",
      colours: OUTPUT_COLOURS,
      opacity: 0.75,
    },
    classes: marked,
    markerSize: names.length > ROWS_SHOWN ? 7 : 11,
    ...(line && { line }),
    steps: lines.map(({ label, line }) => ({ label, line: segment(line) })),
  };
}

/** The rows' range on each axis with a quarter of it to spare each side (a width of 1 where they all sit at one value). */
export function around(points: ArrayLike<number>[]): [[number, number], [number, number]] {
  const margin = (values: number[]): [number, number] => {
    const [low, high] = [Math.min(...values), Math.max(...values)];
    const pad = (high - low || 1) * 0.25;
    return [low - pad, high + pad];
  };
  const rows = Array.from(points);
  return [margin(rows.map((p) => p[0])), margin(rows.map((p) => p[1]))];
}

/**
 * `output` sampled at `resolution` points along each axis, both ends included.
 *
 * @example
 * sample((a, b) => a + b, [[0, 1], [0, 1]], 2).z; // returns [[0, 1], [1, 2]]
 */
export function sample(
  output: (x1: number, x2: number) => number,
  [[x1From, x1To], [x2From, x2To]]: [[number, number], [number, number]],
  resolution: number,
): Grid {
  const axis = (from: number, to: number) =>
    Array.from({ length: resolution }, (_, k) => from + (k * (to - from)) / (resolution - 1));
  const [x, y] = [axis(x1From, x1To), axis(x2From, x2To)];
  return { x, y, z: y.map((x2) => x.map((x1) => output(x1, x2))) };
}
