// The network diagram as SVG: a line per connection (its width and colour from its weight), a circle
// per node with its name, and each weight's value on its connection, with the full value as a tooltip.

import type { NetworkDiagram } from "../network-diagram";
import { h, type SvgNode } from "./dom";
import { chart, px, text, WIDTH } from "./frame";

/** Where a node's name goes, from its centre: [dx, dy, text-anchor]. */
const PLACES = {
  inside: [0, 5, "middle"],
  left: [-26, 4, "end"],
  right: [26, 4, "start"],
  above: [0, -26, "middle"],
} as const;

/** The diagram's scales: a point of its plane to a pixel, in a chart `height` high (at most 560). */
export function networkScales(diagram: NetworkDiagram) {
  const height = Math.min(560, diagram.height);
  const [[x0, x1], [y0, y1]] = [diagram.x, diagram.y];
  const [left, right, top, bottom] = [24, WIDTH - 24, 56, height - 40];
  return {
    height,
    x: (v: number) => left + ((v - x0) * (right - left)) / (x1 - x0),
    y: (v: number) => bottom - ((v - y0) * (bottom - top)) / (y1 - y0),
  };
}

/**
 * Draws a network diagram description as SVG.
 *
 * @param diagram - what describeNetwork() returns
 */
export function networkSvg(diagram: NetworkDiagram): SvgNode {
  const { height, x, y } = networkScales(diagram);
  const { nodes } = diagram;
  const connections = diagram.edges.map((e) => {
    const [a, b] = [nodes[e.from], nodes[e.to]];
    const [x1, y1, x2, y2] = [x(a.x), y(a.y), x(b.x), y(b.y)].map(px);
    return h("line", { x1, y1, x2, y2, stroke: e.colour, "stroke-width": px(e.width) });
  });
  const circles = nodes.flatMap((node) => {
    const [dx, dy, anchor] = PLACES[node.place];
    return [
      h("circle", { cx: px(x(node.x)), cy: px(y(node.y)), r: 20, fill: "white", stroke: "#444", "stroke-width": 2 }),
      text(x(node.x) + dx, y(node.y) + dy, node.name, { "text-anchor": anchor, "font-size": 14 }),
    ];
  });
  const halo = { "text-anchor": "middle", "paint-order": "stroke", stroke: "white", "stroke-width": 3 };
  const values = diagram.edges.map((e) =>
    h("text", { x: px(x(e.at[0])), y: px(y(e.at[1]) - 6), ...halo }, h("title", {}, e.said), e.text),
  );
  return chart(
    height,
    diagram.title,
    diagram.label,
    h("g", { class: "connections" }, ...connections),
    h("g", { class: "nodes" }, ...circles),
    h("g", { class: "weights" }, ...values),
    text(WIDTH / 2, height - 12, diagram.key, { "text-anchor": "middle", fill: "#444" }),
  );
}
