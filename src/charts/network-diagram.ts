// The network diagram, described once: a column of nodes per layer and a connection per weight, its
// width and colour from the weight and its value on it, as the article draws it. diagram() draws it
// with Plotly; the explorer draws it as SVG.

import { checkOptions, describe, isRow } from "../checks/validate";
import type { Chart } from "./chart";
import { NEGATIVE, POSITIVE } from "./palette";

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

/** A node: its name, where it sits (layer l at x = l), and where its name goes. */
export interface DiagramNode {
  name: string;
  x: number;
  y: number;
  /** A short name fits inside its node; a longer one stands beside it, outside the network, or above it. */
  place: "inside" | "left" | "right" | "above";
}

/** A connection: the nodes it joins (their indices), its weight, how it is drawn, and its label. */
export interface DiagramEdge {
  from: number;
  to: number;
  weight: number;
  /** Blue for a positive weight, vermillion for a negative one. */
  colour: string;
  /** From 1 to 8 pixels: the weight's size against the full-width weight. */
  width: number;
  /** Where its value stands: along the connection, apart from its neighbours' values. */
  at: [number, number];
  /** Its value as shown, to 2 decimals. */
  text: string;
  /** Its value in full, with the nodes it joins: "x₁ → output: weight 0.44…". */
  said: string;
}

/** The network: its nodes, its connections, the plane they sit on, and the key under it. */
export interface NetworkDiagram extends Chart {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** The plane's ends: x from before the first layer to after the last, y around the tallest. */
  x: [number, number];
  y: [number, number];
  /** The chart's height in pixels: room for its tallest layer. */
  height: number;
  /** What the widths and colours mean, said under the diagram. */
  key: string;
}

/**
 * The network as the article draws it, for any layer sizes.
 *
 * @param weights - a perceptron's weights, one per input; or a network's, where weights[l][i][j]
 *   joins node i of layer l to node j of layer l + 1
 * @param options - `title`, `inputs` and `outputs` names, `maxWeight` (the full-width weight)
 * @example
 * describeNetwork([0.5, -1]).edges[1].colour; // returns "#D55E00" (vermillion: negative)
 */
export function describeNetwork(
  weights: ArrayLike<number> | number[][][],
  options: DiagramOptions = {},
): NetworkDiagram {
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
  const first = sizes.map((_, l) => sizes.slice(0, l).reduce((a, b) => a + b, 0));
  const nodes = names.flatMap((layer, l) =>
    layer.map(
      (name, i): DiagramNode => ({
        name,
        x: l,
        y: y(l, i),
        place: name.length <= 3 ? "inside" : l === 0 ? "left" : l === last ? "right" : "above",
      }),
    ),
  );
  const edges = layers.flatMap((layer, l) => {
    // a label sits half-way along its connection; where there are several targets, the labels of the
    // connections into each stand in a column of their own, further along for each target, so that
    // the labels leaving one node do not pile up where its connections start
    const k = sizes[l + 1];
    const along = (j: number) => (k === 1 ? 0.5 : 0.2 + (0.55 * j) / (k - 1));
    return layer.flatMap((row, i) =>
      row.map(
        (w, j): DiagramEdge => ({
          from: first[l] + i,
          to: first[l + 1] + j,
          weight: w,
          colour: w >= 0 ? POSITIVE : NEGATIVE,
          width: 1 + 7 * Math.min(1, Math.abs(w) / largest),
          at: [l + along(j), y(l, i) + along(j) * (y(l + 1, j) - y(l, i))],
          text: w.toFixed(2),
          said: `${names[l][i]} → ${names[l + 1][j]}: weight ${w}`,
        }),
      ),
    );
  });
  const tall = Math.max(...sizes);
  return {
    title,
    label: `${title}: ${edges.map((e) => `${nodes[e.from].name} → ${nodes[e.to].name}: weight ${e.text}`).join("; ")}`,
    nodes,
    edges,
    x: [-0.6, last + 0.6],
    y: [-(tall - 1) / 2 - 0.6, (tall - 1) / 2 + 0.6],
    height: Math.max(400, 90 * tall + 120),
    key: "connection width: the weight's size · blue: positive · vermillion: negative",
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
