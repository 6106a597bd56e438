// The decision boundary as SVG: the output over the plane as a picture (one pixel a cell, which the
// browser scales smoothly), the rows as marks by target, the dashed line where the output is 0.5,
// and a colour bar.

import { type Boundary, type MarkerSymbol, OUTPUT_COLOURS, type Segment } from "../boundary";
import { h, type SvgNode } from "./dom";
import { AXIS, frame, INK, linearTicks, px, text } from "./frame";

/** Turns the output over the plane into a picture's URL. */
export type Picture = (output: Boundary["output"]) => string;

/**
 * Draws a decision boundary description as SVG.
 *
 * @param boundary - what describeBoundary() returns
 * @param picture - makes the output's picture: outputPicture, which needs a page, by default
 */
export function boundarySvg(boundary: Boundary, picture: Picture = outputPicture): SvgNode {
  const { output } = boundary;
  const [[x1From, x1To], [x2From, x2To]] = [boundary.x.range, boundary.y.range];
  return frame(
    {
      title: boundary.title,
      label: boundary.label,
      x: { from: x1From, to: x1To, title: boundary.x.title, ticks: linearTicks(x1From, x1To) },
      y: { from: x2From, to: x2To, title: boundary.y.title, ticks: linearTicks(x2From, x2To) },
      right: 56,
    },
    (x, y) => {
      // the cells are centred on the samples; where they reach past the plane (samples on its
      // edges), the picture is drawn over the plane alone, a fraction of a cell narrower
      const [left, right] = cells(output.x, boundary.x.range);
      const [bottom, top] = cells(output.y, boundary.y.range);
      const r = boundary.markerSize / 2;
      const line = boundary.line && clip(boundary.line, boundary.x.range, boundary.y.range);
      const [barX, barTop, barBottom] = [x(x1To) + 16, y(x2To), y(x2From)];
      return [
        h("image", {
          class: "boundary-picture",
          href: picture(output),
          x: px(x(left)),
          y: px(y(top)),
          width: px(x(right) - x(left)),
          height: px(y(bottom) - y(top)),
          preserveAspectRatio: "none",
        }),
        h(
          "g",
          { class: "boundary-points", fill: INK, stroke: "white", "stroke-width": 1.5 },
          ...boundary.classes.flatMap((c) => c.x.map((a, i) => mark(c.symbol, x(a), y(c.y[i]), r))),
        ),
        ...(line
          ? [
              h("line", {
                class: "boundary-line",
                x1: px(x(line.x[0])),
                y1: px(y(line.y[0])),
                x2: px(x(line.x[1])),
                y2: px(y(line.y[1])),
                stroke: INK,
                "stroke-width": 3,
                "stroke-dasharray": "8 5",
              }),
            ]
          : []),
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
              fill: `rgb(${outputColour(1 - (k + 0.5) / 20, output.colours, output.opacity).join(",")})`,
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
          text(barX, barTop - 8, output.title),
        ),
      ];
    },
  );
}

/** The ends of the cells centred on `samples`, within [from, to]. */
function cells(samples: number[], [from, to]: [number, number]): [number, number] {
  const n = samples.length;
  const half = n > 1 ? (samples[n - 1] - samples[0]) / (n - 1) / 2 : Number.POSITIVE_INFINITY;
  return [Math.max(from, samples[0] - half), Math.min(to, samples[n - 1] + half)];
}

/** A row's mark, `r` from its centre (cx, cy). */
function mark(symbol: MarkerSymbol, cx: number, cy: number, r: number): SvgNode {
  const points = (corners: [number, number][]) =>
    corners.map(([a, b]) => `${px(cx + a * r)},${px(cy + b * r)}`).join(" ");
  switch (symbol) {
    case "circle":
      return h("circle", { cx: px(cx), cy: px(cy), r });
    case "square":
      return h("rect", { x: px(cx - r), y: px(cy - r), width: 2 * r, height: 2 * r });
    case "diamond":
      return h("polygon", {
        points: points([
          [0, -1.3],
          [1.3, 0],
          [0, 1.3],
          [-1.3, 0],
        ]),
      });
    case "triangle-up":
      return h("polygon", {
        points: points([
          [0, -1.2],
          [1.1, 0.8],
          [-1.1, 0.8],
        ]),
      });
    default:
      return h("path", {
        d: `M${points([[-1, -1]])}L${points([[1, 1]])}M${points([[-1, 1]])}L${points([[1, -1]])}`,
        stroke: INK,
        "stroke-width": 3,
      });
  }
}

/** The part of a segment inside the plane, or undefined where it misses it (Liang and Barsky's clipping). */
function clip(line: Segment, [x0, x1]: [number, number], [y0, y1]: [number, number]): Segment | undefined {
  const [dx, dy] = [line.x[1] - line.x[0], line.y[1] - line.y[0]];
  let [from, to] = [0, 1];
  for (const [p, q] of [
    [-dx, line.x[0] - x0],
    [dx, x1 - line.x[0]],
    [-dy, line.y[0] - y0],
    [dy, y1 - line.y[0]],
  ]) {
    if (p === 0) {
      if (q < 0) return undefined;
    } else if (p < 0) from = Math.max(from, q / p);
    else to = Math.min(to, q / p);
  }
  if (!(from <= to)) return undefined;
  const at = (t: number): [number, number] => [line.x[0] + t * dx, line.y[0] + t * dy];
  const [[ax, ay], [bx, by]] = [at(from), at(to)];
  return { x: [ax, bx], y: [ay, by] };
}

/**
 * The colour of an output on the plane: the scale's colours (by default vermillion at 0, white at
 * 0.5, blue at 1) between its stops, drawn at `opacity` over white.
 */
export function outputColour(
  output: number,
  colours: [number, string][] = OUTPUT_COLOURS,
  opacity = 0.75,
): [number, number, number] {
  const v = Math.min(1, Math.max(0, Number.isNaN(output) ? 0.5 : output));
  const k = Math.max(
    1,
    colours.findIndex(([stop]) => stop >= v),
  );
  const [[s0, c0], [s1, c1]] = [colours[k - 1], colours[k]];
  const t = s1 > s0 ? (v - s0) / (s1 - s0) : 0;
  const [a, b] = [rgb(c0), rgb(c1)];
  return a.map((c, i) => Math.round(255 + opacity * (c + t * (b[i] - c) - 255))) as [number, number, number];
}
const rgb = (colour: string) => [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16));

/** A canvas kept for the pictures of the plane: one is enough, the picture leaves it as a data: URL. */
let canvas: HTMLCanvasElement | undefined;

/**
 * A picture of the output over the plane: `z[j][i]` at column i, row j from the bottom, one pixel
 * each, as a PNG data: URL (the browser scales it smoothly over the plane). Needs a page.
 */
export function outputPicture(output: Boundary["output"]): string {
  const { z, colours, opacity } = output;
  const [rows, columns] = [z.length, z[0].length];
  canvas ??= document.createElement("canvas");
  [canvas.width, canvas.height] = [columns, rows];
  const context = canvas.getContext("2d");
  if (!context) return "";
  const image = context.createImageData(columns, rows);
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < columns; i++) {
      const at = 4 * ((rows - 1 - j) * columns + i);
      const [r, g, b] = outputColour(z[j][i], colours, opacity);
      [image.data[at], image.data[at + 1], image.data[at + 2], image.data[at + 3]] = [r, g, b, 255];
    }
  }
  context.putImageData(image, 0, 0);
  return canvas.toDataURL("image/png");
}
