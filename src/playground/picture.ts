// The playground's pictures, described once: the network (a column of neurons a layer, each with
// its heat map over the plane, joined by links whose width and colour follow their weights) and the
// output over the plane with the points. The page draws the description live (SVG for the links,
// a canvas for each heat map, placed where the description puts them); export writes it as one SVG
// (the heat maps as images) or a PNG of that SVG.

import { h, type SvgNode } from "../charts/svg/dom";
import type { PlaygroundRun } from "./run";

/** Every neuron's output over the plane (PlaygroundRun.grid). */
export type Grid = ReturnType<PlaygroundRun["grid"]>;

import { FEATURES } from "./settings";

/** Okabe and Ito's colours, a class each: orange (0) and blue (1) as TensorFlow Playground, then six more. */
export const CLASS_COLOURS = ["#E69F00", "#0072B2", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];
const RGB = CLASS_COLOURS.map((c) => [1, 3, 5].map((i) => Number.parseInt(c.slice(i, i + 2), 16)));
const WHITE = [255, 255, 255];

/** A value's colour on a scale from `low` (orange) through white (the middle) to `high` (blue). */
export function scaleColour(v: number, low: number, high: number): number[] {
  const mid = (low + high) / 2;
  const t = Math.max(-1, Math.min(1, (v - mid) / ((high - low) / 2)));
  const to = t < 0 ? RGB[0] : RGB[1];
  const a = Math.abs(t);
  return WHITE.map((w, i) => Math.round(w + (to[i] - w) * a));
}

/** A row of probabilities as a colour: the likeliest class's colour, paler the less sure it is. */
export function classColour(probabilities: ArrayLike<number>): number[] {
  let best = 0;
  for (let k = 1; k < probabilities.length; k++) if (probabilities[k] > probabilities[best]) best = k;
  const k = probabilities.length;
  const sure = Math.max(0, (probabilities[best] - 1 / k) / (1 - 1 / k));
  const to = RGB[best % RGB.length];
  return WHITE.map((w, i) => Math.round(w + (to[i] - w) * sure));
}

/** The scale of a neuron's output: its activation's range ([0, 1] for a sigmoid, else −1 to 1, past which it is full colour). */
export function rangeOf(kind: string): [number, number] {
  return kind === "sigmoid" ? [0, 1] : [-1, 1];
}

/** One heat map: a density × density grid of values (row by row from the top) and how to colour it. */
export interface HeatMap {
  density: number;
  /** values[k] at point k, or rows of class probabilities for a softmax output. */
  values: ArrayLike<number>[] | number[];
  range: [number, number];
  /** Two colours at the middle of the range, not shaded. */
  discrete?: boolean;
  /** A class's probability: white (0) to that class's colour (1). */
  tint?: number;
}

/** Paints a heat map into RGBA pixels (density × density). */
export function paint(map: HeatMap, pixels: Uint8ClampedArray): void {
  const [low, high] = map.range;
  map.values.forEach((v, k) => {
    let colour: number[];
    if (typeof v === "number" && map.tint !== undefined) {
      const to = RGB[map.tint % RGB.length];
      const a = Math.max(0, Math.min(1, map.discrete ? (v >= 0.5 ? 1 : 0) : v));
      colour = WHITE.map((w, i) => Math.round(w + (to[i] - w) * a));
    } else if (typeof v === "number") {
      const value = map.discrete ? (v >= (low + high) / 2 ? high : low) : v;
      colour = scaleColour(value, low, high);
    } else if (map.discrete) {
      let best = 0;
      for (let c = 1; c < v.length; c++) if (v[c] > v[best]) best = c;
      colour = RGB[best % RGB.length];
    } else colour = classColour(v);
    pixels.set([colour[0], colour[1], colour[2], 255], k * 4);
  });
}

/** A neuron in the picture: where its box is, what it is, and its heat map. */
export interface PictureNode {
  id: string;
  x: number;
  y: number;
  label: string;
  /** What the heat map shows, in words: its text alternative. */
  description: string;
  map: HeatMap;
}

/** A link: from a neuron (or feature) to a neuron of the next layer, and its weight. */
export interface PictureLink {
  layer: number;
  from: number;
  to: number;
  weight: number;
  label: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface NetworkPicture {
  width: number;
  height: number;
  nodes: PictureNode[];
  links: PictureLink[];
}

/** Each neuron's box, in the picture's units. */
export const BOX = 40;
const GAP = 18;
const COLUMN = 110;
const MARGIN = 24;
/** Room left of the features for their names. */
const LABELS = 52;

/** A layer's name in words: "the features", "hidden layer 2", "the output". */
export function layerName(l: number, layers: number): string {
  return l === 0 ? "the features" : l === layers - 1 ? "the output" : `hidden layer ${l}`;
}

/** A neuron's name in words. */
export function neuronName(l: number, j: number, layers: number, features: string[]): string {
  if (l === 0) return features[j];
  return l === layers - 1 ? (layers > 0 ? `output ${j + 1}` : "") : `neuron ${j + 1} of hidden layer ${l}`;
}

/** The range a summary says: "from −0.93 to 0.88". */
function span(values: ArrayLike<number>[] | number[]): string {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    const x = typeof v === "number" ? v : Math.max(...Array.from(v));
    if (x < low) low = x;
    if (x > high) high = x;
  }
  return `from ${low.toFixed(2)} to ${high.toFixed(2)}`;
}

/**
 * The network of a run as a picture: the features, each hidden layer and the output in columns, a
 * heat map per neuron of its output over the plane (density × density points), and every link.
 */
export function describeNetwork(run: PlaygroundRun, grid: Grid, discretize = false): NetworkPicture {
  const { density } = grid;
  const net = run.network;
  const layers = net.layers;
  const features = run.settings.features.map((f) => FEATURES[f].label);
  const tallest = Math.max(...layers);
  const height = MARGIN * 2 + tallest * BOX + (tallest - 1) * GAP;
  const width = LABELS + MARGIN + (layers.length - 1) * COLUMN + BOX;
  const place = (l: number, j: number) => ({
    x: LABELS + l * COLUMN,
    y: (height - (layers[l] * BOX + (layers[l] - 1) * GAP)) / 2 + j * (BOX + GAP),
  });
  const kinds = layers.map((_, l) => (l === layers.length - 1 ? net.kind.output : net.kind.activation));
  const nodes: PictureNode[] = [];
  for (let l = 0; l < layers.length; l++) {
    for (let j = 0; j < layers[l]; j++) {
      const { x, y } = place(l, j);
      let map: HeatMap;
      if (l === 0) {
        const values = grid.features.map((row) => row[j]);
        const size = Math.max(...values.map(Math.abs)) || 1;
        map = { density, values, range: [-size, size] };
      } else if (kinds[l] === "softmax") {
        map = { density, values: grid.outputs[l - 1].map((row) => row[j]), range: [0, 1], tint: j };
      } else {
        map = { density, values: grid.outputs[l - 1].map((row) => row[j]), range: rangeOf(kinds[l]) };
      }
      if (l === layers.length - 1) map.discrete = discretize;
      const label = neuronName(l, j, layers.length, features);
      nodes.push({ id: `${l}-${j}`, x, y, label, map, description: `${label} over the plane, ${span(map.values)}` });
    }
  }
  const weights = net.weights;
  const links: PictureLink[] = [];
  weights.forEach((layer, l) => {
    layer.forEach((row, i) => {
      row.forEach((weight, j) => {
        const a = place(l, i);
        const b = place(l + 1, j);
        const from = neuronName(l, i, layers.length, features);
        const to = neuronName(l + 1, j, layers.length, features);
        links.push({
          layer: l,
          from: i,
          to: j,
          weight,
          label: `weight from ${from} to ${to}`,
          x1: a.x + BOX,
          y1: a.y + BOX / 2,
          x2: b.x,
          y2: b.y + BOX / 2,
        });
      });
    });
  });
  return { width, height, nodes, links };
}

/** A link's stroke: blue for a positive weight, orange for a negative one, wider the larger it is. */
export function linkStyle(weight: number): { stroke: string; width: number } {
  return {
    stroke: weight >= 0 ? CLASS_COLOURS[1] : CLASS_COLOURS[0],
    width: Math.min(8, 0.5 + Math.abs(weight) * 1.5),
  };
}

/** A link's path: a curve from the right of one box to the left of the next. */
export function linkPath(k: PictureLink): string {
  const mid = (k.x1 + k.x2) / 2;
  return `M${k.x1},${k.y1} C${mid},${k.y1} ${mid},${k.y2} ${k.x2},${k.y2}`;
}

/** The links and the neurons' frames as SVG (the heat maps drawn over the frames, or given as images). */
export function networkSvg(picture: NetworkPicture, images?: Map<string, string>): SvgNode {
  const links = picture.links.map((k) => {
    const { stroke, width } = linkStyle(k.weight);
    return h(
      "path",
      {
        d: linkPath(k),
        fill: "none",
        stroke,
        "stroke-width": width.toFixed(2),
        "stroke-opacity": 0.8,
        "data-link": `${k.layer}:${k.from}:${k.to}`,
      },
      h("title", {}, `${k.label}: ${k.weight}`),
    );
  });
  const nodes = picture.nodes.map((n) =>
    h(
      "g",
      { "data-neuron": n.id },
      h("title", {}, n.description),
      images?.has(n.id)
        ? h("image", { x: n.x, y: n.y, width: BOX, height: BOX, href: images.get(n.id), preserveAspectRatio: "none" })
        : h("rect", { x: n.x, y: n.y, width: BOX, height: BOX, fill: "#fff" }),
      h("rect", { x: n.x, y: n.y, width: BOX, height: BOX, fill: "none", stroke: "#57606a", "stroke-width": 1 }),
      ...(n.id.startsWith("0-")
        ? [
            h(
              "text",
              { x: n.x - 6, y: n.y + BOX / 2 + 5, "text-anchor": "end", "font-size": 14, fill: "#1f2328" },
              n.label,
            ),
          ]
        : []),
    ),
  );
  return h(
    "svg",
    {
      viewBox: `0 0 ${picture.width} ${picture.height}`,
      width: picture.width,
      height: picture.height,
      role: "img",
      "aria-label": `The network: ${picture.nodes.length} neurons and features, ${picture.links.length} links`,
    },
    h("g", { class: "pg-links" }, ...links),
    h("g", { class: "pg-nodes" }, ...nodes),
  );
}

/** The output over the plane, with the points: the picture behind the data. */
export interface OutputPicture {
  map: HeatMap;
  domain: [[number, number], [number, number]];
  /** The points drawn: where, their class (or value) and whether they are test points. */
  points: { x: number; y: number; target: number; test: boolean }[];
  classes: string[] | null;
  description: string;
}

/** The output's heat map over the plane and the training points (and the test points, if shown). */
export function describeOutput(run: PlaygroundRun, grid: Grid, showTest: boolean, discretize: boolean): OutputPicture {
  const { density } = grid;
  const net = run.network;
  const out = grid.outputs[grid.outputs.length - 1];
  const softmax = net.kind.output === "softmax";
  const map: HeatMap = {
    density,
    values: softmax ? out : out.map((row) => row[0]),
    range: net.kind.output === "linear" ? [-1, 1] : [0, 1],
    discrete: discretize,
  };
  const part = (name: "train" | "test") =>
    run.data[name].points.map(([x, y], i) => ({ x, y, target: run.data[name].targets[i], test: name === "test" }));
  const points = [...part("train"), ...(showTest ? part("test") : [])];
  const what = run.data.classes ? "the likeliest class" : "the value fitted";
  return {
    map,
    domain: run.data.domain,
    points,
    classes: run.data.classes,
    description: `The output over the plane (${what}, ${span(map.values)}), with ${points.length} points`,
  };
}

/** A point's fill: its class's colour, or its value's on the output's scale. */
export function pointColour(target: number, classes: string[] | null): string {
  if (classes) return CLASS_COLOURS[target % CLASS_COLOURS.length];
  const [r, g, b] = scaleColour(target, -1, 1);
  return `rgb(${r},${g},${b})`;
}

/** The output picture as SVG: the heat map as an image (its pixels' data URL), the points over it. */
export function outputSvg(picture: OutputPicture, image: string, size: number): SvgNode {
  const [[x0, x1], [y0, y1]] = picture.domain;
  const px = (x: number) => ((x - x0) / (x1 - x0)) * size;
  const py = (y: number) => ((y1 - y) / (y1 - y0)) * size;
  return h(
    "svg",
    { viewBox: `0 0 ${size} ${size}`, width: size, height: size, role: "img", "aria-label": picture.description },
    h("image", { x: 0, y: 0, width: size, height: size, href: image, preserveAspectRatio: "none" }),
    ...picture.points.map((p) =>
      h("circle", {
        cx: px(p.x).toFixed(2),
        cy: py(p.y).toFixed(2),
        r: 3,
        fill: pointColour(p.target, picture.classes),
        stroke: p.test ? "#000" : "#fff",
        "stroke-width": 1,
      }),
    ),
  );
}
