// The Plotly renderer: a chart's description (error-curve.ts, boundary.ts, network-diagram.ts) as a
// Plotly figure, for plot() in the notebooks and on the site. The SVG renderer (svg/) draws the same
// descriptions in the live explorers.

import type { Boundary } from "./boundary";
import type { ErrorCurve } from "./error-curve";
import type { NetworkDiagram } from "./network-diagram";
import type { Figure, Trace } from "./plotly";

const INK = "#222";

/**
 * An error curve as a Plotly figure: a line per run on a log axis, then a marker per run at its
 * last point (where training ended: the whole curve after 0 iterations). The markers are traces of
 * their own: Plotly draws an element for every point of a trace with markers, even those of size
 * 0, and a curve of 10,000 iterations would carry 10,000 of them.
 *
 * @param curve - what describeErrorCurve() returns
 */
export function errorCurveFigure(curve: ErrorCurve): Figure {
  const lines: Trace[] = curve.series.map((s) => ({
    x: s.x,
    y: s.y,
    name: s.name,
    legendgroup: s.name,
    mode: "lines",
    line: { color: s.colour },
  }));
  const ends: Trace[] = curve.series.map((s) => ({
    x: s.x.slice(-1),
    y: s.y.slice(-1),
    name: s.name,
    legendgroup: s.name,
    showlegend: false,
    mode: "markers",
    marker: { color: s.colour, size: 7 },
    cliponaxis: false,
  }));
  return {
    data: [...lines, ...ends],
    layout: {
      title: curve.title,
      xaxis: { title: curve.x.title, range: curve.x.range },
      // a log axis's range is in powers of ten
      yaxis: { title: curve.y.title, type: "log", range: curve.y.range.map(Math.log10) },
      legend: { orientation: "h", y: -0.25 },
      showlegend: curve.legend,
    },
  };
}

/**
 * A decision boundary as a Plotly figure: a heat map of the output, a trace of marks per class, the
 * dashed line, and a slider over the lines when there are several.
 *
 * @param boundary - what describeBoundary() returns
 */
export function boundaryFigure(boundary: Boundary): Figure {
  const { output, x, y, steps } = boundary;
  const data: Trace[] = [
    {
      type: "heatmap",
      name: output.title,
      x: output.x,
      y: output.y,
      z: output.z.map((row) => Array.from(row)),
      zmin: 0,
      zmax: 1,
      colorscale: output.colours,
      opacity: output.opacity,
      colorbar: { title: { text: output.title } },
      hovertemplate: `${x.title} %{x:.2f}<br>${y.title} %{y:.2f}<br>${output.title} %{z:.3f}<extra></extra>`,
    },
    ...boundary.classes.map((c) => ({
      type: "scatter",
      mode: "markers",
      name: `target ${c.name}`,
      x: c.x,
      y: c.y,
      marker: { size: boundary.markerSize, symbol: c.symbol, color: INK, line: { color: "white", width: 1.5 } },
    })),
  ];
  if (boundary.line) {
    data.push({
      type: "scatter",
      mode: "lines",
      name: "σ = 0.5: w₁x₁ + w₂x₂ + b = 0",
      x: boundary.line.x,
      y: boundary.line.y,
      line: { color: INK, width: 3, dash: "dash" },
    });
  }
  const lineTrace = data.length - 1;
  return {
    data,
    layout: {
      title: boundary.title,
      xaxis: { title: x.title, range: x.range },
      yaxis: { title: y.title, range: y.range },
      legend: { orientation: "h", y: -0.2 },
      ...(steps.length > 1 && {
        // taller, so the plane keeps its size: the legend below the axis title, the slider below both
        height: 540,
        margin: { t: 56, r: 24, b: 170, l: 64 },
        legend: { orientation: "h", y: -0.25 },
        sliders: [
          {
            active: steps.length - 1,
            currentvalue: { prefix: "" },
            pad: { t: 105 },
            steps: steps.map(({ label, line }) => ({
              label,
              method: "restyle",
              args: [{ x: [line.x], y: [line.y] }, [lineTrace]],
            })),
          },
        ],
      }),
    },
  };
}

/**
 * A network diagram as a Plotly figure: a line trace per connection, then the nodes (trace
 * "nodes") and the weights' values (trace "weights"), on hidden axes.
 *
 * @param diagram - what describeNetwork() returns
 */
export function networkFigure(diagram: NetworkDiagram): Figure {
  const { nodes, edges } = diagram;
  const edgeTraces: Trace[] = edges.map((e) => ({
    type: "scatter",
    mode: "lines",
    x: [nodes[e.from].x, nodes[e.to].x],
    y: [nodes[e.from].y, nodes[e.to].y],
    line: { color: e.colour, width: e.width },
    hoverinfo: "skip",
    showlegend: false,
  }));
  const positions = { inside: "middle center", left: "middle left", right: "middle right", above: "top center" };
  const nodeTrace: Trace = {
    type: "scatter",
    mode: "markers+text",
    name: "nodes",
    x: nodes.map((n) => n.x),
    y: nodes.map((n) => n.y),
    text: nodes.map((n) => n.name),
    textposition: nodes.map((n) => positions[n.place]),
    textfont: { size: 14, color: INK },
    marker: { size: 40, color: "white", line: { color: "#444", width: 2 } },
    hoverinfo: "text",
    showlegend: false,
  };
  const weightTrace: Trace = {
    type: "scatter",
    mode: "text",
    name: "weights",
    x: edges.map((e) => e.at[0]),
    y: edges.map((e) => e.at[1]),
    text: edges.map((e) => e.text),
    hovertext: edges.map((e) => e.said),
    textposition: "top center",
    hoverinfo: "text",
    textfont: { size: 12, color: INK },
    showlegend: false,
  };
  return {
    data: [...edgeTraces, nodeTrace, weightTrace],
    layout: {
      title: diagram.title,
      height: diagram.height,
      xaxis: { visible: false, range: diagram.x },
      yaxis: { visible: false, range: diagram.y },
      margin: { t: 56, r: 24, b: 48, l: 24 },
      annotations: [
        {
          text: diagram.key,
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
