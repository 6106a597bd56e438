// Figures the notebooks draw more than once, each one call: the network as the article draws it,
// and the error over two weights with the path training took. Each returns a Plotly figure for plot().
import type { Figure, Trace } from "./charts";
import { checkOptions, describe, isRow } from "./validate";

/** Positive weights in blue, negative in vermillion (Okabe and Ito's palette). */
const POSITIVE = "#0072B2";
const NEGATIVE = "#D55E00";
const SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";
const subscript = (n: number) => [...String(n)].map((d) => SUBSCRIPTS[Number(d)]).join("");

export interface DiagramOptions {
  /** The chart's title. */
  title?: string;
  /** Names of the input nodes; x₁, x₂, … by default. */
  inputs?: string[];
  /** Names of the output nodes; "output" (or output₁, …) by default. */
  outputs?: string[];
  /** The weight drawn at full width; the largest in the figure by default (pass one for charts to compare). */
  maxWeight?: number;
}

/**
 * The network as the article draws it: a column of nodes per layer and a connection per weight,
 * its width and colour from the weight (blue positive, vermillion negative) and its value on it.
 *
 * @param weights - a perceptron's weights, one per input; or a network's, where weights[l][i][j]
 *   joins node i of layer l to node j of layer l + 1
 * @param options - `title`, `inputs` and `outputs` names, `maxWeight` (the full-width weight)
 * @returns a figure for plot()
 * @example
 * plot(diagram(new Perceptron({ seed: 1 }).weights, { title: "The seeded perceptron" }));
 */
export function diagram(weights: ArrayLike<number> | number[][][], options: DiagramOptions = {}): Figure {
  const layers = asLayers(weights);
  const {
    title = "The network: a weight on each connection",
    inputs,
    outputs,
    maxWeight,
  } = checkOptions(options, ["title", "inputs", "outputs", "maxWeight"], "diagram(): options");
  const sizes = [layers[0].length, ...layers.map((layer) => layer[0].length)];
  const last = sizes.length - 1;
  const names = sizes.map((size, l) =>
    Array.from({ length: size }, (_, i) => {
      if (l === 0) return inputs?.[i] ?? `x${subscript(i + 1)}`;
      if (l === last) return outputs?.[i] ?? (size === 1 ? "output" : `output${subscript(i + 1)}`);
      return `h${subscript(i + 1)}${last > 2 ? `,${subscript(l)}` : ""}`;
    }),
  );
  for (const [list, l, what] of [
    [inputs, 0, "inputs"],
    [outputs, last, "outputs"],
  ] as const) {
    if (list !== undefined && (!Array.isArray(list) || list.length !== sizes[l])) {
      throw new RangeError(`diagram(): options.${what} must name the ${sizes[l]} nodes, got ${describe(list)}`);
    }
  }
  const largest = maxWeight ?? Math.max(1e-12, ...layers.flat(2).map(Math.abs));
  if (typeof largest !== "number" || !(largest > 0)) {
    throw new RangeError(`diagram(): options.maxWeight must be a number above 0, got ${describe(maxWeight)}`);
  }
  // node i of layer l sits at (l, y), each column centred on 0, top to bottom
  const y = (l: number, i: number) => (sizes[l] - 1) / 2 - i;
  const edges: Trace[] = [];
  const labels = { x: [] as number[], y: [] as number[], text: [] as string[], hovertext: [] as string[] };
  layers.forEach((layer, l) => {
    // a label sits half-way along its connection, or nearer the start where many connections cross
    const along = sizes[l + 1] === 1 ? 0.5 : 0.3;
    layer.forEach((row, i) => {
      row.forEach((w, j) => {
        const width = 1 + 7 * Math.min(1, Math.abs(w) / largest);
        edges.push({
          type: "scatter",
          mode: "lines",
          x: [l, l + 1],
          y: [y(l, i), y(l + 1, j)],
          line: { color: w >= 0 ? POSITIVE : NEGATIVE, width },
          hoverinfo: "skip",
          showlegend: false,
        });
        labels.x.push(l + along);
        labels.y.push(y(l, i) + along * (y(l + 1, j) - y(l, i)));
        labels.text.push(w.toFixed(2));
        labels.hovertext.push(`${names[l][i]} → ${names[l + 1][j]}: weight ${w}`);
      });
    });
  });
  // a short name fits inside its node; a longer one stands beside it, outside the network
  const place = (name: string, l: number) =>
    name.length <= 3 ? "middle center" : l === 0 ? "middle left" : l === last ? "middle right" : "top center";
  const nodes: Trace = {
    type: "scatter",
    mode: "markers+text",
    name: "nodes",
    x: names.flatMap((layer, l) => layer.map(() => l)),
    y: names.flatMap((layer, l) => layer.map((_, i) => y(l, i))),
    text: names.flat(),
    textposition: names.flatMap((layer, l) => layer.map((name) => place(name, l))),
    textfont: { size: 14, color: "#222" },
    marker: { size: 40, color: "white", line: { color: "#444", width: 2 } },
    hoverinfo: "text",
    showlegend: false,
  };
  const weightLabels: Trace = {
    type: "scatter",
    mode: "text",
    name: "weights",
    ...labels,
    textposition: "top center",
    hoverinfo: "text",
    textfont: { size: 12, color: "#222" },
    showlegend: false,
  };
  const tall = Math.max(...sizes);
  return {
    data: [...edges, nodes, weightLabels],
    layout: {
      title,
      height: Math.max(400, 90 * tall + 120),
      xaxis: { visible: false, range: [-0.6, last + 0.6] },
      yaxis: { visible: false, range: [-(tall - 1) / 2 - 0.6, (tall - 1) / 2 + 0.6] },
      margin: { t: 56, r: 24, b: 48, l: 24 },
      annotations: [
        {
          text: "connection width: the weight's size · blue: positive · vermillion: negative",
          showarrow: false,
          xref: "paper",
          yref: "paper",
          x: 0.5,
          y: -0.08,
          font: { size: 12, color: "#444" },
        },
      ],
    },
  };
}

/** A perceptron's weights as a network's one layer, else checks a network's layers. */
function asLayers(weights: unknown): number[][][] {
  const where = "diagram(weights)";
  if (isRow(weights) && weights.length > 0 && !isRow(weights[0])) {
    return [Array.from(weights as ArrayLike<unknown>, (w, i) => [checkWeight(w, `${where}[${i}]`)])];
  }
  if (!Array.isArray(weights) || weights.length === 0) {
    throw new TypeError(
      `${where} must be a perceptron's weights or a network's layers of weights, got ${describe(weights)}`,
    );
  }
  return weights.map((layer, l) => {
    if (!Array.isArray(layer) || layer.length === 0 || !layer.every((row) => isRow(row) && row.length > 0)) {
      throw new TypeError(`${where}[${l}] must be a matrix of weights (a row per node), got ${describe(layer)}`);
    }
    if (l > 0 && layer.length !== weights[l - 1][0].length) {
      throw new RangeError(
        `${where}[${l}] must have a row per node of layer ${l} (${weights[l - 1][0].length}), got ${layer.length}`,
      );
    }
    return layer.map((row: ArrayLike<unknown>, i: number) => {
      if (row.length !== layer[0].length) {
        throw new RangeError(
          `${where}[${l}][${i}] must have ${layer[0].length} weights, like the row above, got ${row.length}`,
        );
      }
      return Array.from(row, (w, j) => checkWeight(w, `${where}[${l}][${i}][${j}]`));
    });
  });
}

function checkWeight(w: unknown, where: string): number {
  if (typeof w !== "number" || !Number.isFinite(w))
    throw new TypeError(`${where} must be a finite number, got ${describe(w)}`);
  return w;
}

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
