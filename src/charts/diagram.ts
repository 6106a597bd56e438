// The network as the article draws it: one call for any layer sizes.

import { checkOptions, describe, isRow } from "../checks/validate";
import { NEGATIVE, POSITIVE } from "./palette";
import type { Figure, Trace } from "./plotly";

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
    // a label sits half-way along its connection; where there are several targets, the labels of the
    // connections into each stand in a column of their own, further along for each target, so that
    // the labels leaving one node do not pile up where its connections start
    const k = sizes[l + 1];
    const along = (j: number) => (k === 1 ? 0.5 : 0.2 + (0.55 * j) / (k - 1));
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
        labels.x.push(l + along(j));
        labels.y.push(y(l, i) + along(j) * (y(l + 1, j) - y(l, i)));
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
