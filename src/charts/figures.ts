// Charts the notebooks draw more than once, each one call: the error over two weights with the path
// training took, error curves, a decision boundary and a confusion matrix. Each returns a Plotly
// figure for plot(); the error curve and the boundary are described once (error-curve.ts,
// boundary.ts) and drawn by the Plotly renderer, as the explorer draws them in SVG.

import { describe } from "../checks/validate";
import { around, describeBoundary, sample } from "./boundary";
import { describeErrorCurve, type Run } from "./error-curve";
import { POSITIVE } from "./palette";
import type { Figure, Trace } from "./plotly";
import { boundaryFigure, errorCurveFigure } from "./plotly-renderer";

export interface ErrorSurface {
  /** The first weight's values along the x axis, and its name. */
  x: number[];
  xTitle: string;
  /** The second weight's values along the y axis, and its name. */
  y: number[];
  yTitle: string;
  /** The error at each grid point: z[i][k] at (x[k], y[i]), as Plotly's contour takes it. */
  z: number[][];
  /** The weights training went through, in order: the path drawn over the surface. */
  path?: { x: number[]; y: number[] };
  title?: string;
}

/**
 * The error as a landscape over two weights, on a log colour scale, with the path training took
 * down it: gradient descent drawn.
 *
 * @param surface - the grid, its errors, and the path
 * @returns a figure for plot()
 */
export function errorSurface(surface: ErrorSurface): Figure {
  const { x, y, z, path, xTitle, yTitle, title = "The error over two weights, and the path training took" } = surface;
  if (!Array.isArray(z) || z.length !== y.length || z.some((row) => !Array.isArray(row) || row.length !== x.length)) {
    throw new RangeError(
      `errorSurface(): z must have a row per y value (${y?.length}), each with an error per x value (${x?.length})`,
    );
  }
  z.forEach((row, i) => {
    row.forEach((e, k) => {
      if (!(typeof e === "number" && e > 0 && Number.isFinite(e))) {
        throw new RangeError(`errorSurface(): z[${i}][${k}] must be an error above 0, got ${describe(e)}`);
      }
    });
  });
  const log = z.map((row) => row.map((e) => Math.log10(e)));
  const low = Math.floor(Math.min(...log.flat()));
  const high = Math.ceil(Math.max(...log.flat()));
  const ticks = Array.from({ length: high - low + 1 }, (_, k) => low + k);
  const data: Trace[] = [
    {
      type: "contour",
      name: "mean squared error",
      x,
      y,
      z: log,
      colorscale: "Viridis",
      contours: { coloring: "heatmap", start: low, end: high, size: 0.5 },
      colorbar: {
        title: { text: "mean squared error" },
        tickvals: ticks,
        ticktext: ticks.map((k) => `10<sup>${k}</sup>`),
      },
      hovertemplate: `${xTitle} %{x:.2f}<br>${yTitle} %{y:.2f}<br>error 10<sup>%{z:.2f}</sup><extra></extra>`,
    },
  ];
  const annotations: object[] = [];
  if (path) {
    const end = path.x.length - 1;
    data.push(
      {
        type: "scatter",
        mode: "lines",
        name: "training's path",
        x: path.x,
        y: path.y,
        line: { color: "white", width: 3 },
        showlegend: false,
      },
      {
        type: "scatter",
        mode: "markers",
        name: "start and end",
        x: [path.x[0], path.x[end]],
        y: [path.y[0], path.y[end]],
        text: ["start", "trained"],
        marker: { color: "white", size: 11, symbol: ["circle", "star"], line: { color: "#222", width: 1 } },
        showlegend: false,
      },
    );
    // the labels on white, readable over every colour of the scale
    for (const [k, text] of [
      [0, "start"],
      [end, "trained"],
    ] as const) {
      annotations.push({ x: path.x[k], y: path.y[k], text, ax: 0, ay: -28, bgcolor: "white", arrowcolor: "#222" });
    }
  }
  return {
    data,
    layout: {
      title,
      xaxis: { title: xTitle },
      yaxis: { title: yTitle },
      annotations,
    },
  };
}

export type { Run };

/**
 * The error per iteration of one or more training runs, on a log scale: which learns, and how fast.
 *
 * @param runs - `{ name, steps }` per run
 * @param title - the chart's title
 * @returns a figure for plot()
 * @example
 * plot(errorCurves([{ name: "one neuron", steps: a }, { name: "a hidden layer", steps: b }]));
 */
export function errorCurves(runs: Run[], title = "Training error per iteration"): Figure {
  return errorCurveFigure(describeErrorCurve(runs, title));
}

export interface DecisionBoundary {
  /** The model's output for the point (x₁, x₂): what the heat map shows. */
  output: (x1: number, x2: number) => number;
  /** The training points: their two inputs and their targets (0 or 1, or a class name). */
  points: { x: number[][]; label: ArrayLike<number | string> };
  /** The plane shown: [[x₁ from, to], [x₂ from, to]]; the points' range with a margin by default. */
  range?: [[number, number], [number, number]];
  /** Heat-map cells along each axis. Default 60. */
  resolution?: number;
  /** A neuron's weights [w₁, w₂, b]: draws its line w₁x₁ + w₂x₂ + b = 0 (where σ is 0.5). */
  line?: [number, number, number];
  /** Lines to step through with a slider (e.g. during training); the last is shown first. */
  lines?: { label: string; line: [number, number, number] }[];
  title?: string;
  xTitle?: string;
  yTitle?: string;
}

/**
 * What the model decides over the input plane: its output as a heat map (0 vermillion, 1 blue),
 * the training points on it (circles for target 0, squares for 1), and optionally a neuron's line
 * and a slider over such lines.
 *
 * @param boundary - the model's output, the points, and what to draw
 * @returns a figure for plot()
 */
export function decisionBoundary(boundary: DecisionBoundary): Figure {
  const { output, points, resolution = 60, line, lines, xTitle = "x₁", yTitle = "x₂" } = boundary;
  const { title = "What the model decides over the inputs" } = boundary;
  if (typeof output !== "function") {
    throw new TypeError(`decisionBoundary(): output must be a function of (x1, x2), got ${describe(output)}`);
  }
  const range = boundary.range ?? around(points.x);
  const grid = sample(output, range, resolution);
  return boundaryFigure(describeBoundary({ grid, points, range, line, lines, title, xTitle, yTitle }));
}

export interface ConfusionMatrix {
  /** The classes, in the order of the rows and columns of `counts`. */
  labels: string[];
  /** counts[i][j]: how many examples of class labels[i] the model put in class labels[j]. */
  counts: number[][];
  title?: string;
}

/**
 * A classifier's answers against the truth: a heat map with a row per true class and a column per
 * predicted class, each cell showing its count. The diagonal holds the right answers.
 *
 * @param matrix - the class names and the counts
 * @returns a figure for plot()
 * @example
 * plot(confusionMatrix({ labels: ["yes", "no"], counts: [[9, 1], [2, 8]] })); // 17 of 20 right
 */
export function confusionMatrix(matrix: ConfusionMatrix): Figure {
  const { labels, counts, title = "Which class the model chose, for each true class" } = matrix;
  if (!Array.isArray(labels) || labels.length === 0 || labels.some((l) => typeof l !== "string")) {
    throw new TypeError(`confusionMatrix(): labels must be an array of class names, got ${describe(labels)}`);
  }
  if (!Array.isArray(counts) || counts.length !== labels.length) {
    throw new RangeError(
      `confusionMatrix(): counts must have a row per class (${labels.length}), got ${describe(counts)}`,
    );
  }
  counts.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== labels.length) {
      throw new RangeError(
        `confusionMatrix(): counts[${i}] must have a count per class (${labels.length}), got ${describe(row)}`,
      );
    }
    row.forEach((n, j) => {
      if (!Number.isInteger(n) || n < 0) {
        throw new RangeError(`confusionMatrix(): counts[${i}][${j}] must be a count (0, 1, 2, …), got ${describe(n)}`);
      }
    });
  });
  return {
    data: [
      {
        type: "heatmap",
        name: "count",
        x: labels,
        y: labels,
        z: counts,
        text: counts.map((row) => row.map(String)),
        texttemplate: "%{text}",
        textfont: { size: 16 },
        colorscale: [
          [0, "#ffffff"],
          [1, POSITIVE],
        ],
        zmin: 0,
        xgap: 2,
        ygap: 2,
        colorbar: { title: { text: "count" } },
        hovertemplate: "true class %{y}, predicted %{x}: %{z}<extra></extra>",
      },
    ],
    layout: {
      title,
      xaxis: { title: "predicted class", showgrid: false },
      yaxis: { title: "true class", autorange: "reversed", showgrid: false },
      height: 360,
    },
  };
}
