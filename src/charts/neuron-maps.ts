// Every neuron's output over the plane of two inputs, as a small heat map per neuron, a row per
// layer: the picture TensorFlow Playground made famous, for notebook 10. Each layer's maps share a
// colour scale (from the lowest output of that layer's neurons over the plane to the highest), so
// that neurons of one layer compare; the output layer's map carries the rows.

import { checkInteger, describe } from "../checks/validate";
import { around, type Grid, OUTPUT_COLOURS } from "./boundary";
import { NEGATIVE, POSITIVE } from "./palette";
import type { Figure, Trace } from "./plotly";

export interface NeuronMaps {
  /** Every layer's outputs at (x₁, x₂), hidden layers first: what `layerOutputs(network, [x1, x2])` returns. */
  outputs: (x1: number, x2: number) => ArrayLike<ArrayLike<number>>;
  /** The rows, drawn on the output's map: their two inputs and their targets (0 or 1). */
  points?: { x: number[][]; label: ArrayLike<number> };
  /** The plane: [[x₁ from, to], [x₂ from, to]]; the points' range with a margin, or [−1, 1]², by default. */
  range?: [[number, number], [number, number]];
  /** Samples along each axis of each map. Default 25. */
  resolution?: number;
  title?: string;
}

const where = "neuronMaps()";
const SIZE = 150; // pixels a row of maps takes

/**
 * Every neuron's output over a plane, a small heat map each: a row per layer, a map per neuron,
 * each layer on its own colour scale (vermillion its lowest output, blue its highest).
 *
 * @param maps - the network's outputs at a point, the rows and the plane
 * @returns a figure for plot()
 * @example
 * neuronMaps({ outputs: (a, b) => layerOutputs(net, [a, b]), points }).data.length; // a heat map per neuron, and the rows
 */
export function neuronMaps(maps: NeuronMaps): Figure {
  const { outputs, points, title = "What each neuron answers over the plane" } = maps;
  if (typeof outputs !== "function") {
    throw new TypeError(
      `${where}: outputs must be a function of (x1, x2) giving every layer's outputs, got ${describe(outputs)}`,
    );
  }
  const resolution = checkInteger(maps.resolution ?? 25, `${where}: resolution`, 2, 200);
  const range =
    maps.range ??
    (points
      ? around(points.x)
      : [
          [-1, 1],
          [-1, 1],
        ]);
  const grids = sampleLayers(outputs, range, resolution);
  const columns = Math.max(...grids.map((layer) => layer.length));
  const rows = grids.length;
  const data: Trace[] = [];
  const layout: Record<string, unknown> = {
    title,
    height: rows * SIZE + 90,
    showlegend: false,
    margin: { t: 56, r: 16, b: 16, l: 16 },
  };
  const annotations: object[] = [];
  grids.forEach((layer, l) => {
    const values = layer.flatMap((grid) => grid.z.flatMap((line) => Array.from(line)));
    const [low, high] = [Math.min(...values), Math.max(...values)];
    const name = l === rows - 1 ? "output" : `layer ${l + 1}`;
    layer.forEach((grid, j) => {
      const k = l * columns + j + 1;
      const [xa, ya] = [`x${k === 1 ? "" : k}`, `y${k === 1 ? "" : k}`];
      const x0 = j / columns;
      const y1 = 1 - l / rows;
      const axis = { showticklabels: false, showgrid: false, zeroline: false, ticks: "" };
      const named = (text: string) => ({ text, font: { size: 10 }, standoff: 2 });
      const xDomain = [x0 + 0.02, x0 + 1 / columns - 0.01];
      layout[`xaxis${k === 1 ? "" : k}`] = { ...axis, title: named("x₁"), domain: xDomain, anchor: ya };
      layout[`yaxis${k === 1 ? "" : k}`] = {
        ...axis,
        title: named("x₂"),
        domain: [y1 - 1 / rows + 0.08, y1 - 0.02],
        anchor: xa,
      };
      const label = layer.length === 1 && l === rows - 1 ? "output" : `${name}, neuron ${j + 1}`;
      annotations.push({
        text: label,
        xref: `${xa} domain`,
        yref: `${ya} domain`,
        x: 0.5,
        y: 1.02,
        showarrow: false,
        yanchor: "bottom",
        font: { size: 11 },
      });
      data.push({
        type: "heatmap",
        name: label,
        x: grid.x,
        y: grid.y,
        z: grid.z,
        xaxis: xa,
        yaxis: ya,
        zmin: low,
        zmax: high === low ? low + 1 : high,
        colorscale: OUTPUT_COLOURS,
        showscale: false,
        hovertemplate: `${label}<br>x₁ %{x:.2f}, x₂ %{y:.2f}<br>output %{z:.3f}<extra></extra>`,
      });
    });
  });
  if (points) data.push(...rowsOn(points, grids.length * columns - columns + 1));
  layout.annotations = annotations;
  return { data, layout };
}

/** Each layer's neurons sampled over the plane: grids[l][j] is neuron j of layer l + 1. */
function sampleLayers(
  outputs: NeuronMaps["outputs"],
  [[x1From, x1To], [x2From, x2To]]: [[number, number], [number, number]],
  resolution: number,
): Grid[][] {
  const axis = (from: number, to: number) =>
    Array.from({ length: resolution }, (_, k) => from + (k * (to - from)) / (resolution - 1));
  const [x, y] = [axis(x1From, x1To), axis(x2From, x2To)];
  const at = y.map((x2) => x.map((x1) => outputs(x1, x2)));
  const shape = at[0][0];
  if (!shape || typeof shape.length !== "number" || shape.length === 0) {
    throw new TypeError(`${where}: outputs(x1, x2) must give every layer's outputs, got ${describe(shape)}`);
  }
  return Array.from(shape, (layer, l) =>
    Array.from(layer, (_, j) => ({
      x,
      y,
      z: at.map((line, i) =>
        line.map((point, k) => {
          const value = point[l]?.[j];
          if (!(typeof value === "number" && Number.isFinite(value))) {
            throw new RangeError(
              `${where}: outputs(${x[k]}, ${y[i]})[${l}][${j}] must be a finite number, got ${describe(value)}`,
            );
          }
          return value;
        }),
      ),
    })),
  );
}

/** The rows on the output's map (the last row's first map): circles for target 0, squares for 1. */
function rowsOn(points: NonNullable<NeuronMaps["points"]>, k: number): Trace[] {
  const [xa, ya] = [`x${k === 1 ? "" : k}`, `y${k === 1 ? "" : k}`];
  return [0, 1].map((target) => {
    const picked = points.x.filter((_, i) => points.label[i] === target);
    return {
      type: "scatter",
      mode: "markers",
      name: `target ${target}`,
      x: picked.map((p) => p[0]),
      y: picked.map((p) => p[1]),
      xaxis: xa,
      yaxis: ya,
      marker: {
        symbol: target ? "square" : "circle",
        size: 4,
        color: target ? POSITIVE : NEGATIVE,
        line: { width: 0.5, color: "white" },
      },
      hoverinfo: "skip",
    };
  });
}
