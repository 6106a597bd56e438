// The explorer's live charts, drawn as plain SVG. An explorer redraws four charts each time a
// control moves; Plotly.react takes 13–25 ms a chart to do that, these take well under one. Each
// chart is a function from its numbers to a tree of SVG elements (role="img", a title, and a label
// that says the numbers). In the page, draw() makes the chart's box show the tree, changing only the
// attributes and text that differ from what it shows already; svgText() writes the tree as text,
// which is explore()'s picture of the error curve before the page is live.

import { ROWS_SHOWN } from "../explorer/explorer";
import { COLORS, NEGATIVE, POSITIVE } from "./palette";
import { escapeHtml, type Figure, type Trace, titleOf } from "./plotly";

/** An SVG element: its tag, its attributes, and its children, elements or text. */
export interface SvgNode {
  tag: string;
  attributes: Record<string, string | number>;
  children: (SvgNode | string)[];
}

/** An SVG element; an attribute whose value is undefined is left out. */
function h(
  tag: string,
  attributes: Record<string, string | number | undefined> = {},
  ...children: (SvgNode | string)[]
): SvgNode {
  const set: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) set[name] = value;
  return { tag, attributes: set, children };
}

/** The tree as SVG text: every attribute value and every text escaped. */
export function svgText(node: SvgNode | string): string {
  if (typeof node === "string") return escapeHtml(node);
  const attributes = Object.entries(node.attributes).map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`);
  const xmlns = node.tag === "svg" ? ' xmlns="http://www.w3.org/2000/svg"' : "";
  return `<${node.tag}${xmlns}${attributes.join("")}>${node.children.map(svgText).join("")}</${node.tag}>`;
}

const SVG = "http://www.w3.org/2000/svg";

/**
 * Makes `box` show the chart `node`: the first time, as new elements; after that, by changing
 * only what differs in the elements it shows, which is most of the time an attribute or a text.
 */
export function draw(box: Element, node: SvgNode): void {
  const shown = box.firstElementChild;
  if (box.childNodes.length === 1 && shown?.namespaceURI === SVG && shown.tagName === node.tag) patch(shown, node);
  else box.replaceChildren(create(node));
}

function create(node: SvgNode | string): Node {
  if (typeof node === "string") return document.createTextNode(node);
  const element = document.createElementNS(SVG, node.tag);
  for (const [name, value] of Object.entries(node.attributes)) element.setAttribute(name, String(value));
  element.append(...node.children.map(create));
  return element;
}

function patch(element: Element, node: SvgNode): void {
  for (const name of element.getAttributeNames()) if (!(name in node.attributes)) element.removeAttribute(name);
  for (const [name, value] of Object.entries(node.attributes)) {
    if (element.getAttribute(name) !== String(value)) element.setAttribute(name, String(value));
  }
  const shown = element.childNodes;
  node.children.forEach((child, i) => {
    const old = shown[i];
    if (typeof child === "string" && old?.nodeType === Node.TEXT_NODE) {
      if (old.nodeValue !== child) old.nodeValue = child;
    } else if (typeof child !== "string" && old instanceof Element && old.tagName === child.tag) patch(old, child);
    else if (old) element.replaceChild(create(child), old);
    else element.append(create(child));
  });
  while (shown.length > node.children.length) element.lastChild?.remove();
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const INK = "#222";
const GRID = "#e5e5e5";
const AXIS = "#888";
/** The charts' size in their own units: they scale to their box's width. */
const WIDTH = 480;
const HEIGHT = 360;
const MARGIN = { top: 60, right: 20, bottom: 52, left: 64 };

/** An axis: the values at its ends, its title, and its ticks as [value, label]. */
interface Axis {
  from: number;
  to: number;
  title: string;
  ticks: [number, SvgNode | string][];
}

interface Frame {
  title: string;
  /** What a screen reader says for the chart: what it shows, with its numbers. */
  label: string;
  x: Axis;
  y: Axis;
  height?: number;
  /** Room on the right, for a colour bar. */
  right?: number;
}

/** A pixel coordinate, to a tenth. */
const px = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : 0);
const text = (x: number, y: number, content: SvgNode | string, attributes: Record<string, string | number> = {}) =>
  h("text", { x: px(x), y: px(y), ...attributes }, ...(typeof content === "string" ? [content] : content.children));

/** An <svg> of the charts' width and `height`: its title, shown and as <title>, what a screen reader says, and `body`. */
function chart(height: number, title: string, label: string, ...body: SvgNode[]): SvgNode {
  return h(
    "svg",
    {
      viewBox: `0 0 ${WIDTH} ${height}`,
      width: WIDTH,
      height,
      role: "img",
      "aria-label": label,
      "font-family": FONT,
      "font-size": 12,
      fill: INK,
      style: "width:100%;height:auto;background:white",
    },
    h("title", {}, title),
    text(WIDTH / 2, 24, title, { "text-anchor": "middle", "font-size": 16 }),
    ...body,
  );
}

/** A chart with axes: its grid, ticks and axis titles, with `body` drawn in its plot area. */
function frame(f: Frame, body: (x: (v: number) => number, y: (v: number) => number) => SvgNode[]): SvgNode {
  const height = f.height ?? HEIGHT;
  const [left, right, top, bottom] = [
    MARGIN.left,
    WIDTH - MARGIN.right - (f.right ?? 0),
    MARGIN.top,
    height - MARGIN.bottom,
  ];
  const x = (v: number) => left + ((v - f.x.from) * (right - left)) / (f.x.to - f.x.from || 1);
  const y = (v: number) => bottom - ((v - f.y.from) * (bottom - top)) / (f.y.to - f.y.from || 1);
  return chart(
    height,
    f.title,
    f.label,
    h(
      "g",
      { class: "grid" },
      ...f.y.ticks.flatMap(([v, label]) => [
        h("line", { x1: left, x2: right, y1: px(y(v)), y2: px(y(v)), stroke: GRID }),
        text(left - 6, y(v), label, { dy: 4, "text-anchor": "end" }),
      ]),
      h("line", { x1: left, x2: right, y1: bottom, y2: bottom, stroke: AXIS }),
      ...f.x.ticks.map(([v, label]) => text(x(v), bottom + 16, label, { "text-anchor": "middle" })),
      text((left + right) / 2, height - 12, f.x.title, { "text-anchor": "middle" }),
      h(
        "text",
        { transform: `translate(16 ${px((top + bottom) / 2)}) rotate(-90)`, "text-anchor": "middle" },
        f.y.title,
      ),
    ),
    ...body(x, y),
  );
}

/** 10 to a power: 10⁻³. */
const power = (k: number) =>
  h("text", {}, "10", h("tspan", { dy: -6, "font-size": 9 }, String(k).replace("-", "\u2212")));
const short = (v: number) => v.toPrecision(3);

/**
 * The mean squared error per iteration on a log scale: a line through the recorded steps.
 *
 * @param steps - what train() recorded: an iteration and its mean squared error each
 */
export function errorCurve(steps: { iteration: number; meanSquaredError: number }[]): SvgNode {
  const points = steps.filter((s) => s.meanSquaredError > 0 && Number.isFinite(s.meanSquaredError));
  const logs = points.map((s) => Math.log10(s.meanSquaredError));
  const low = Math.floor(Math.min(...logs, 0));
  const high = Math.max(Math.ceil(Math.max(...logs, low)), low + 1);
  const every = Math.ceil((high - low) / 8); // at most about 8 labelled powers of ten
  const last = Math.max(1, ...points.map((s) => s.iteration));
  const [first, end] = [points[0], points[points.length - 1]];
  const label = first
    ? `The mean squared error per iteration on a log scale: ${short(first.meanSquaredError)} at iteration ` +
      `${first.iteration}, ${short(end.meanSquaredError)} at iteration ${end.iteration}`
    : "The mean squared error per iteration: no error above 0 to draw";
  return frame(
    {
      title: "Training error per iteration",
      label,
      x: {
        from: 0,
        to: last,
        title: "iteration",
        ticks: [0, last / 2, last].map((v) => [v, Math.round(v).toLocaleString("en-US")]),
      },
      y: {
        from: low,
        to: high,
        title: "mean squared error",
        ticks: Array.from({ length: Math.floor((high - low) / every) + 1 }, (_, k) => [
          low + k * every,
          power(low + k * every),
        ]),
      },
    },
    (x, y) => {
      const path = points.map((s, i) => `${i === 0 ? "M" : "L"}${px(x(s.iteration))},${px(y(logs[i]))}`).join("");
      const last = points.length - 1;
      return [
        h("path", { class: "error-curve", d: path, fill: "none", stroke: COLORS[0], "stroke-width": 2 }),
        // the error where training ended: also the whole curve, after 0 iterations
        ...(last < 0
          ? []
          : [h("circle", { cx: px(x(points[last].iteration)), cy: px(y(logs[last])), r: 3.5, fill: COLORS[0] })]),
      ];
    },
  );
}

/** The colour of an output on the boundary's plane: vermillion at 0, white at 0.5, blue at 1, three quarters strong. */
export function outputColour(output: number): [number, number, number] {
  const [from, t] = output < 0.5 ? [ZERO, 1 - 2 * output] : [ONE, 2 * output - 1];
  const strength = 0.75 * Math.min(1, Math.max(0, t));
  return from.map((c) => Math.round(255 + strength * (c - 255))) as [number, number, number];
}
const rgb = (colour: string) => [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16));
const [ZERO, ONE] = [rgb(NEGATIVE), rgb(POSITIVE)];

export interface BoundaryPlot {
  /** The plane's ends on each axis: [[x₁ from, x₁ to], [x₂ from, x₂ to]]. */
  range: [[number, number], [number, number]];
  /** A picture of the output over the plane (a data: URL), its top row at the top of x₂'s range. */
  picture: string;
  /** The rows' first two inputs, and each row's target. */
  points: number[][];
  targets: number[];
  axes: [string, string];
  title: string;
}

/**
 * The model's output over a plane of two inputs, as colour, with the rows on it: a circle for
 * target 0, a square for target 1, and a colour bar.
 */
export function boundary(plot: BoundaryPlot): SvgNode {
  const [[x1From, x1To], [x2From, x2To]] = plot.range;
  const ticks = (from: number, to: number): [number, string][] => {
    const step = (to - from) / 4;
    return Array.from({ length: 5 }, (_, k) => [from + k * step, String(Number((from + k * step).toFixed(2)))]);
  };
  const ones = plot.targets.filter((t) => t === 1).length;
  return frame(
    {
      title: plot.title,
      label:
        `${plot.title}: the output as colour, from vermillion at 0 through white at 0.5 to blue at 1, over ` +
        `${plot.axes[0]} and ${plot.axes[1]}, with the ${plot.points.length} rows: ${ones} with target 1 (squares), ` +
        `${plot.points.length - ones} with target 0 (circles)`,
      x: { from: x1From, to: x1To, title: plot.axes[0], ticks: ticks(x1From, x1To) },
      y: { from: x2From, to: x2To, title: plot.axes[1], ticks: ticks(x2From, x2To) },
      right: 56,
    },
    (x, y) => {
      const r = plot.points.length > ROWS_SHOWN ? 3.5 : 6;
      const [barX, barTop, barBottom] = [x(x1To) + 16, y(x2To), y(x2From)];
      return [
        h("image", {
          class: "boundary-picture",
          href: plot.picture,
          x: px(x(x1From)),
          y: px(y(x2To)),
          width: px(x(x1To) - x(x1From)),
          height: px(y(x2From) - y(x2To)),
          preserveAspectRatio: "none",
        }),
        h(
          "g",
          { class: "boundary-points", fill: INK, stroke: "white", "stroke-width": 1.5 },
          ...plot.points.map(([a, b], i) =>
            plot.targets[i] === 1
              ? h("rect", { x: px(x(a) - r), y: px(y(b) - r), width: 2 * r, height: 2 * r })
              : h("circle", { cx: px(x(a)), cy: px(y(b)), r }),
          ),
        ),
        h(
          "g",
          { class: "colour-bar" },
          // 1 at the top to 0 at the bottom, in 20 steps
          ...Array.from({ length: 20 }, (_, k) =>
            h("rect", {
              x: px(barX),
              y: px(barTop + (k * (barBottom - barTop)) / 20),
              width: 12,
              height: px((barBottom - barTop) / 20 + 0.5),
              fill: `rgb(${outputColour(1 - (k + 0.5) / 20).join(",")})`,
            }),
          ),
          h("rect", {
            x: px(barX),
            y: px(barTop),
            width: 12,
            height: px(barBottom - barTop),
            fill: "none",
            stroke: AXIS,
          }),
          ...[1, 0.5, 0].map((v) => text(barX + 16, barBottom - v * (barBottom - barTop), String(v), { dy: 4 })),
          text(barX, barTop - 8, "output"),
        ),
      ];
    },
  );
}

/** A canvas kept for the pictures of the plane: one is enough, the picture leaves it as a data: URL. */
let canvas: HTMLCanvasElement | undefined;

/**
 * A picture of the output over the plane: `outputs[j][i]` at column i, row j from the bottom, one
 * pixel each, as a PNG data: URL (the browser scales it smoothly over the plane). Needs a page.
 */
export function outputPicture(outputs: ArrayLike<number>[]): string {
  const [rows, columns] = [outputs.length, outputs[0].length];
  canvas ??= document.createElement("canvas");
  [canvas.width, canvas.height] = [columns, rows];
  const context = canvas.getContext("2d");
  if (!context) return "";
  const image = context.createImageData(columns, rows);
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < columns; i++) {
      const at = 4 * ((rows - 1 - j) * columns + i);
      const [r, g, b] = outputColour(outputs[j][i]);
      [image.data[at], image.data[at + 1], image.data[at + 2], image.data[at + 3]] = [r, g, b, 255];
    }
  }
  context.putImageData(image, 0, 0);
  return canvas.toDataURL("image/png");
}

export interface PredictionsPlot {
  /** A name for each row: its inputs, or its number. */
  names: string[];
  predictions: number[];
  targets: number[];
  xTitle: string;
}

/** Each row's prediction as a bar, its target as a dark line across it, from 0 to 1. */
export function predictions(plot: PredictionsPlot): SvgNode {
  const n = plot.predictions.length;
  const labelled = n <= ROWS_SHOWN;
  const right = plot.predictions.filter((p, r) => (p >= 0.5 ? 1 : 0) === plot.targets[r]).length;
  const everyTick = labelled ? 1 : Math.ceil(n / 6);
  return frame(
    {
      title: "Predictions against the targets",
      label: labelled
        ? `Predictions against the targets: ${plot.names.map((name, r) => `${name} predicted ${short(plot.predictions[r])}, target ${plot.targets[r]}`).join("; ")}`
        : `Predictions against the targets for ${n} rows: ${right} on the right side of 0.5`,
      x: {
        from: 0,
        to: n,
        title: plot.xTitle,
        ticks: plot.names.flatMap((name, r): [number, string][] => (r % everyTick === 0 ? [[r + 0.5, name]] : [])),
      },
      y: { from: 0, to: 1, title: "output", ticks: [0, 0.25, 0.5, 0.75, 1].map((v) => [v, String(v)]) },
    },
    (x, y) => {
      const width = x(1) - x(0);
      const bar = Math.max(1, width * 0.7);
      const key = WIDTH / 2 - 70; // the key, under the title
      return [
        h(
          "g",
          { class: "prediction-bars", fill: COLORS[0] },
          ...plot.predictions.map((p, r) =>
            h(
              "rect",
              {
                x: px(x(r) + (width - bar) / 2),
                y: px(y(p)),
                width: px(bar),
                height: px(y(0) - y(p)),
                "data-prediction": p,
              },
              h("title", {}, `${plot.names[r]}: prediction ${p}, target ${plot.targets[r]}`),
            ),
          ),
        ),
        h(
          "g",
          { class: "target-marks", stroke: INK, "stroke-width": 3 },
          ...plot.targets.map((t, r) => h("line", { x1: px(x(r)), x2: px(x(r + 1)), y1: px(y(t)), y2: px(y(t)) })),
        ),
        h(
          "g",
          { class: "key" },
          h("rect", { x: key, y: 36, width: 10, height: 10, fill: COLORS[0] }),
          text(key + 14, 45, "prediction"),
          h("line", { x1: key + 90, x2: key + 104, y1: 41, y2: 41, stroke: INK, "stroke-width": 3 }),
          text(key + 108, 45, "target"),
        ),
      ];
    },
  );
}

/**
 * The network as diagram() lays it out (its connections, nodes and weights), drawn as SVG: a
 * connection's width and colour from its weight, its value on it, and each node's name.
 *
 * @param figure - what diagram() returns
 */
export function network(figure: Figure): SvgNode {
  const layout = figure.layout as {
    height?: number;
    xaxis: { range: number[] };
    yaxis: { range: number[] };
    annotations?: { text: string }[];
  };
  const height = Math.min(560, layout.height ?? HEIGHT);
  const [[x0, x1], [y0, y1]] = [layout.xaxis.range, layout.yaxis.range];
  const [left, right, top, bottom] = [24, WIDTH - 24, 56, height - 40];
  const x = (v: number) => left + ((v - x0) * (right - left)) / (x1 - x0);
  const y = (v: number) => bottom - ((v - y0) * (bottom - top)) / (y1 - y0);
  /** A trace's `key` as a list of strings, and its i-th point in pixels. */
  const list = (trace: Trace | undefined, key: string) =>
    Array.from((trace?.[key] ?? []) as ArrayLike<unknown>, String);
  const at = (trace: Trace, i: number) => [x(Number(trace.x?.[i])), y(Number(trace.y?.[i]))];
  const connections = figure.data
    .filter((t) => t.mode === "lines")
    .map((edge) => {
      const [[a, b], [c, d]] = [at(edge, 0), at(edge, 1)];
      const { color, width } = edge.line as { color: string; width: number };
      return h("line", { x1: px(a), y1: px(b), x2: px(c), y2: px(d), stroke: color, "stroke-width": px(width) });
    });
  const nodes = figure.data.find((t) => t.name === "nodes") as Trace;
  const places = list(nodes, "textposition");
  const circles = list(nodes, "text").flatMap((name, i) => {
    const [a, b] = at(nodes, i);
    // where diagram() puts the name: inside a small node, else beside or above it
    const [dx, dy, anchor] = {
      "middle left": [-26, 4, "end"],
      "middle right": [26, 4, "start"],
      "top center": [0, -26, "middle"],
    }[places[i]] ?? [0, 5, "middle"];
    return [
      h("circle", { cx: px(a), cy: px(b), r: 20, fill: "white", stroke: "#444", "stroke-width": 2 }),
      text(a + Number(dx), b + Number(dy), name, { "text-anchor": anchor, "font-size": 14 }),
    ];
  });
  const weights = figure.data.find((t) => t.name === "weights") as Trace;
  const said = list(weights, "hovertext");
  const shown = list(weights, "text");
  const values = shown.map((value, i) => {
    const [a, b] = at(weights, i);
    const halo = { "text-anchor": "middle", "paint-order": "stroke", stroke: "white", "stroke-width": 3 };
    return h("text", { x: px(a), y: px(b - 6), ...halo }, h("title", {}, said[i]), value);
  });
  const title = titleOf(figure);
  return chart(
    height,
    title,
    `${title}: ${said.map((tip, i) => tip.replace(/weight .*$/, `weight ${shown[i]}`)).join("; ")}`,
    h("g", { class: "connections" }, ...connections),
    h("g", { class: "nodes" }, ...circles),
    h("g", { class: "weights" }, ...values),
    text(WIDTH / 2, height - 12, layout.annotations?.[0]?.text ?? "", { "text-anchor": "middle", fill: "#444" }),
  );
}
