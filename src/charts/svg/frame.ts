// What the SVG charts share: their size, font and colours, the <svg> with its title and label, and a
// frame of axes (scales, ticks, grid and titles) around a plot area.

import { h, type SvgNode } from "./dom";

export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
export const INK = "#222";
export const GRID = "#e5e5e5";
export const AXIS = "#888";
/** The charts' size in their own units: they scale to their box's width. */
export const WIDTH = 480;
export const HEIGHT = 360;
const MARGIN = { top: 60, right: 20, bottom: 52, left: 64 };

/** A pixel coordinate, to a tenth. */
export const px = (v: number): number => (Number.isFinite(v) ? Math.round(v * 10) / 10 : 0);

/** A <text> at (x, y): a string, or the children of a <text> (such as 10 with a raised power). */
export const text = (
  x: number,
  y: number,
  content: SvgNode | string,
  attributes: Record<string, string | number> = {},
): SvgNode =>
  h("text", { x: px(x), y: px(y), ...attributes }, ...(typeof content === "string" ? [content] : content.children));

/** An <svg> of the charts' width and `height`: its title, shown and as <title>, what a screen reader says, and `body`. */
export function chart(height: number, title: string, label: string, ...body: SvgNode[]): SvgNode {
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

/** An axis as drawn: the values at its ends, its title, a log scale or not, and its ticks as [value, label]. */
export interface FrameAxis {
  from: number;
  to: number;
  title: string;
  log?: boolean;
  ticks: [number, SvgNode | string][];
}

export interface Frame {
  title: string;
  /** What a screen reader says for the chart: what it shows, with its numbers. */
  label: string;
  x: FrameAxis;
  y: FrameAxis;
  height?: number;
  /** Room on the right, for a colour bar. */
  right?: number;
}

/** A frame's scales: a value on each axis to a pixel, in the plot area that margins leave. */
export function scales(f: Pick<Frame, "x" | "y" | "height" | "right">) {
  const [left, right, top, bottom] = [
    MARGIN.left,
    WIDTH - MARGIN.right - (f.right ?? 0),
    MARGIN.top,
    (f.height ?? HEIGHT) - MARGIN.bottom,
  ];
  const scale = (axis: FrameAxis, start: number, end: number) => {
    const at = axis.log ? Math.log10 : (v: number) => v;
    const [from, to] = [at(axis.from), at(axis.to)];
    return (v: number) => start + ((at(v) - from) * (end - start)) / (to - from || 1);
  };
  return { left, right, top, bottom, x: scale(f.x, left, right), y: scale(f.y, bottom, top) };
}

/** A chart with axes: its grid, ticks and axis titles, with `body` drawn in its plot area. */
export function frame(f: Frame, body: (x: (v: number) => number, y: (v: number) => number) => SvgNode[]): SvgNode {
  const height = f.height ?? HEIGHT;
  const { left, right, top, bottom, x, y } = scales(f);
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

/**
 * About `count` ticks at round values (1, 2 or 5 times a power of ten apart) from `from` to `to`,
 * labelled as numbers are written in English: 0, 5,000, 10,000; −0.5, 0, 0.5.
 */
export function linearTicks(from: number, to: number, count = 4): [number, string][] {
  const span = to - from;
  if (!(span > 0) || !Number.isFinite(span)) return [[from, format(from)]];
  const power = 10 ** Math.floor(Math.log10(span / count));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => span / s <= count) ?? 10 * power;
  const [first, last] = [Math.ceil(from / step - 1e-9), Math.floor(to / step + 1e-9)];
  return Array.from({ length: last - first + 1 }, (_, k) => {
    const v = Number(((first + k) * step).toPrecision(12));
    return [v, format(v)];
  });
}
const NUMBERS = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });
const format = (v: number) => NUMBERS.format(v);

/** Ticks at the powers of ten from `from` to `to`, at most about 8 labelled: 10⁻⁵ … 10⁰. */
export function logTicks(from: number, to: number): [number, SvgNode][] {
  const [low, high] = [Math.ceil(Math.log10(from) - 1e-9), Math.floor(Math.log10(to) + 1e-9)];
  const every = Math.max(1, Math.ceil((high - low) / 8));
  return Array.from({ length: Math.floor((high - low) / every) + 1 }, (_, k) => [
    10 ** (low + k * every),
    power(low + k * every),
  ]);
}

/** 10 to a power: 10⁻³. */
const power = (k: number) =>
  h("text", {}, "10", h("tspan", { dy: -6, "font-size": 9 }, String(k).replace("-", "\u2212")));
