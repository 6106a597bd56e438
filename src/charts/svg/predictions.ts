// The predictions as SVG: a bar per row as high as its prediction (its numbers as a tooltip), a dark
// mark across it at its target, and a key under the title.

import type { Predictions } from "../predictions";
import { h, type SvgNode } from "./dom";
import { frame, INK, px, text, WIDTH } from "./frame";

/**
 * Draws a predictions description as SVG.
 *
 * @param plot - what describePredictions() returns
 */
export function predictionsSvg(plot: Predictions): SvgNode {
  const n = plot.bars.length;
  const [from, to] = plot.y.range;
  return frame(
    {
      title: plot.title,
      label: plot.label,
      x: {
        from: 0,
        to: n,
        title: plot.x.title,
        ticks: plot.bars.flatMap(({ name }, r): [number, string][] =>
          r % plot.x.every === 0 ? [[r + 0.5, name]] : [],
        ),
      },
      y: {
        from,
        to,
        title: plot.y.title,
        // in quarters: 0, 0.25, 0.5, 0.75, 1
        ticks: [0, 1, 2, 3, 4].map((k) => from + (k * (to - from)) / 4).map((v) => [v, String(v)]),
      },
    },
    (x, y) => {
      const width = x(1) - x(0);
      const bar = Math.max(1, width * 0.7);
      const key = WIDTH / 2 - 70; // the key, under the title
      return [
        h(
          "g",
          { class: "prediction-bars", fill: plot.colour },
          ...plot.bars.map(({ name, prediction, target }, r) =>
            h(
              "rect",
              {
                x: px(x(r) + (width - bar) / 2),
                y: px(y(prediction)),
                width: px(bar),
                height: px(y(from) - y(prediction)),
                "data-prediction": prediction,
              },
              h("title", {}, `${name}: prediction ${prediction}, target ${target}`),
            ),
          ),
        ),
        h(
          "g",
          { class: "target-marks", stroke: INK, "stroke-width": 3 },
          ...plot.bars.map(({ target }, r) =>
            h("line", { x1: px(x(r)), x2: px(x(r + 1)), y1: px(y(target)), y2: px(y(target)) }),
          ),
        ),
        h(
          "g",
          { class: "key" },
          h("rect", { x: key, y: 36, width: 10, height: 10, fill: plot.colour }),
          text(key + 14, 45, "prediction"),
          h("line", { x1: key + 90, x2: key + 104, y1: 41, y2: 41, stroke: INK, "stroke-width": 3 }),
          text(key + 108, 45, "target"),
        ),
      ];
    },
  );
}
