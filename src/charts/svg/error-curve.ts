// The error curve as SVG: a line per run through its recorded steps on a log scale, its last point
// marked (also the whole curve, after 0 iterations), and a key when there are several runs.

import type { ErrorCurve } from "../error-curve";
import { h, type SvgNode } from "./dom";
import { frame, linearTicks, logTicks, px, text, WIDTH } from "./frame";

/**
 * Draws an error curve description as SVG.
 *
 * @param curve - what describeErrorCurve() returns
 */
export function errorCurveSvg(curve: ErrorCurve): SvgNode {
  const [[xFrom, xTo], [yFrom, yTo]] = [curve.x.range, curve.y.range];
  return frame(
    {
      title: curve.title,
      label: curve.label,
      x: { from: xFrom, to: xTo, title: curve.x.title, ticks: linearTicks(xFrom, xTo, 4) },
      y: { from: yFrom, to: yTo, title: curve.y.title, log: true, ticks: logTicks(yFrom, yTo) },
    },
    (x, y) => [
      ...curve.series.flatMap((s) => {
        const end = s.x.length - 1;
        const path = s.x.map((v, i) => `${i === 0 ? "M" : "L"}${px(x(v))},${px(y(s.y[i]))}`).join("");
        return [
          h("path", { class: "error-curve", d: path, fill: "none", stroke: s.colour, "stroke-width": 2 }),
          ...(end < 0 ? [] : [h("circle", { cx: px(x(s.x[end])), cy: px(y(s.y[end])), r: 3.5, fill: s.colour })]),
        ];
      }),
      ...(curve.legend ? [key(curve)] : []),
    ],
  );
}

/** The runs' names and colours in a row under the title. */
function key(curve: ErrorCurve): SvgNode {
  const room = WIDTH / curve.series.length;
  return h(
    "g",
    { class: "key" },
    ...curve.series.flatMap((s, i) => [
      h("rect", { x: px(i * room + 8), y: 36, width: 10, height: 10, fill: s.colour }),
      text(i * room + 22, 45, s.name),
    ]),
  );
}
