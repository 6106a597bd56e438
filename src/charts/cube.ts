// Points of three coordinates in 3-D, joined where they differ in one coordinate only: for inputs
// of three bits, the corners and edges of a cube. Each point is coloured and labelled by its value.
// Notebook 4's eight inputs, coloured by prediction, are one call.

import { checkList, checkNames, checkNumbers, checkRange, checkSpec, checkText } from "./inputs";
import type { Figure } from "./plotly";

export interface InputCube {
  title: string;
  /** The points, three coordinates each: inputs of three bits are a cube's corners. */
  points: ArrayLike<number>[];
  /** A value per point: its colour, and its label (to 3 decimals). */
  values: ArrayLike<number>;
  /** What the values are: the colour bar's title. */
  valueTitle: string;
  /** The three axes' titles. Default "input 1", "input 2", "input 3". */
  axes?: [string, string, string];
  /** The values at the ends of the colour scale (Cividis). Default [0, 1]. */
  range?: [number, number];
}

/**
 * The points in 3-D, each coloured and labelled by its value, a grey line joining each two that
 * differ in one coordinate (a cube's edges, for its corners); the axes' ticks at the points' values.
 *
 * @param cube - the points, their values, and the titles
 * @returns a figure for plot()
 * @example
 * const corners = [[0, 0, 0], [0, 0, 1], [0, 1, 0], [0, 1, 1], [1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]];
 * plot(inputCube({ title: "The first input", points: corners, values: corners.map((c) => c[0]), valueTitle: "x₁" }));
 * // 8 corners, 12 edges
 */
export function inputCube(cube: InputCube): Figure {
  const where = "inputCube(): cube";
  const spec = checkSpec(cube, ["title", "points", "values", "valueTitle", "axes", "range"], where);
  const points = checkList(spec.points, `${where}.points`).map((p, i) =>
    checkNumbers(p, `${where}.points[${i}]`, 3, " (x, y, z)"),
  );
  const values = checkNumbers(spec.values, `${where}.values`, points.length, " (one per point)");
  const valueTitle = checkText(spec.valueTitle, `${where}.valueTitle`);
  const axes = checkNames(spec.axes ?? ["input 1", "input 2", "input 3"], `${where}.axes`, 3, " (x, y, z)");
  const [cmin, cmax] = checkRange(spec.range ?? [0, 1], `${where}.range`);
  // the pairs of points that differ in one coordinate only: each an edge
  const edges = points.flatMap((a, i) =>
    points
      .slice(i + 1)
      .filter((b) => a.filter((v, j) => v !== b[j]).length === 1)
      .map((b) => [a, b]),
  );
  const along = (j: number) => edges.flatMap(([a, b]) => [a[j], b[j], null]);
  const axis = (j: number) => ({
    title: { text: axes[j] },
    tickvals: [...new Set(points.map((p) => p[j]))].sort((a, b) => a - b),
  });
  return {
    data: [
      {
        type: "scatter3d",
        mode: "lines",
        x: along(0),
        y: along(1),
        z: along(2),
        line: { color: "#bbbbbb", width: 3 },
        hoverinfo: "skip",
        name: "cube edges",
        showlegend: false,
      },
      {
        type: "scatter3d",
        mode: "markers+text",
        x: points.map((p) => p[0]),
        y: points.map((p) => p[1]),
        z: points.map((p) => p[2]),
        text: values.map((v) => v.toFixed(3)),
        textposition: "top center",
        marker: {
          size: 10,
          color: values,
          colorscale: "Cividis",
          cmin,
          cmax,
          colorbar: { title: { text: valueTitle } },
        },
        name: valueTitle,
        showlegend: false,
      },
    ],
    layout: {
      title: checkText(spec.title, `${where}.title`),
      height: 520,
      scene: {
        camera: { eye: { x: 1.7, y: 1.7, z: 1.2 } },
        aspectmode: "cube",
        xaxis: axis(0),
        yaxis: axis(1),
        zaxis: axis(2),
      },
      margin: { t: 56, r: 0, b: 16, l: 0 },
    },
  };
}
