import { describe } from "../checks/validate";
import { COLORS } from "./palette";

/** One Plotly trace: `x`/`y` (or `z`) and how to draw them. See https://plotly.com/javascript/reference/. */
export interface Trace {
  type?: string;
  name?: string;
  mode?: string;
  x?: ArrayLike<unknown>;
  y?: ArrayLike<unknown>;
  z?: ArrayLike<unknown>;
  [key: string]: unknown;
}

/** A Plotly figure, as `Plotly.newPlot(div, data, layout, config)` takes it. */
export interface Figure {
  data: Trace[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
  frames?: Record<string, unknown>[];
}

/** A Jupyter MIME bundle: one rendering per MIME type, the richest first. */
export interface MimeBundle {
  "application/vnd.plotly.v1+json": Figure;
  "text/html": string;
  "text/plain": string;
}

const LAYOUT = {
  colorway: COLORS,
  font: { family: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size: 13, color: "#222" },
  margin: { t: 56, r: 24, b: 56, l: 64 },
  height: 420,
  autosize: true,
  paper_bgcolor: "white",
  plot_bgcolor: "white",
  hovermode: "closest",
};
const AXIS = { gridcolor: "#e5e5e5", zerolinecolor: "#bbb", linecolor: "#888", automargin: true };
const CONFIG = { responsive: true, displaylogo: false };

/**
 * Fills in the project's look: the palette, fonts, margins, grid, and a chart that resizes with the
 * page. What the figure says itself wins.
 *
 * @param figure - a Plotly figure
 * @returns a new figure, with the defaults under the figure's own settings
 * @example
 * withDefaults({ data: [{ y: [1, 2] }] }).config; // returns { responsive: true, displaylogo: false }
 */
export function withDefaults(figure: Figure): Figure {
  checkFigure(figure);
  const layout: Record<string, unknown> = { ...LAYOUT, ...figure.layout };
  if (typeof layout.title === "string") layout.title = { text: layout.title };
  const axes = new Set(["xaxis", "yaxis", ...Object.keys(layout).filter((key) => /^[xy]axis\d+$/.test(key))]);
  for (const name of axes) {
    const axis: Record<string, unknown> = { ...AXIS, ...(layout[name] as object | undefined) };
    if (typeof axis.title === "string") axis.title = { text: axis.title };
    // a log axis reads 10⁻⁴, not 100µ
    if (axis.type === "log") axis.exponentformat ??= "power";
    layout[name] = axis;
  }
  return { ...figure, data: figure.data, layout, config: { ...CONFIG, ...figure.config } };
}

/** The figure's title as plain text, or "" when it has none. */
export function titleOf(figure: Figure): string {
  const title = figure.layout?.title;
  const text = typeof title === "string" ? title : (title as { text?: unknown } | undefined)?.text;
  return typeof text === "string" ? text : "";
}

/**
 * A fresh random id (a UUID): also where `crypto.randomUUID` is missing, as on a page served over
 * plain HTTP, which is not a secure context.
 */
export function uniqueId(): string {
  if (typeof globalThis.crypto?.randomUUID === "function") return globalThis.crypto.randomUUID();
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Escapes text for HTML: `<`, `>`, `&` and quotes. */
export function escapeHtml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is safe inside a `<script>`: no `</script>`, `<!--` or line separators can close it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * A chart as HTML: a `<div>` and a script that draws the figure into it once plotly.js is on the
 * page. Titles reach the page escaped; until it draws, the `<div>` says what it will hold.
 *
 * @param figure - a Plotly figure (defaults are applied)
 * @param id - the `<div>`'s id; a fresh one when omitted
 * @returns the HTML, without plotly.js itself (see `plotlyScript` in notebook/tslab-display.ts)
 */
export function chartHtml(figure: Figure, id = `chart-${uniqueId()}`): string {
  return markup(withDefaults(figure), id);
}

/** chartHtml's work, for a figure that already has its defaults. */
function markup(fig: Figure, id: string): string {
  const height = Number(fig.layout?.height) || 420;
  const title = titleOf(fig) || "a chart";
  return (
    `<div id="${escapeHtml(id)}" class="perceptron-chart" style="width:100%;min-height:${height}px">` +
    `<p class="perceptron-chart-fallback" style="color:#666;font-style:italic">Interactive chart: ${escapeHtml(title)}. ` +
    "It draws where scripts run: enable JavaScript, or in Jupyter trust the notebook or run the cell again.</p></div>\n" +
    `<script>(function () {\n  var id = ${scriptJson(id)}, figure = ${scriptJson(fig)};\n` +
    "  var script = document.currentScript, tries = 0;\n" +
    "  function draw() {\n" +
    "    var div = document.getElementById(id) || (script && script.previousElementSibling);\n" +
    "    if (window.Plotly && div && div.isConnected) {\n" +
    "      div.textContent = '';\n" +
    "      window.Plotly.newPlot(div, figure);\n" +
    "    } else if (tries++ < 200) {\n" +
    "      setTimeout(draw, 50);\n" +
    "    } else if (div) {\n" +
    "      div.firstChild.textContent = 'plotly.js is not on this page: run the notebook again from the top.';\n" +
    "    }\n" +
    "  }\n" +
    "  draw();\n" +
    "})();</script>"
  );
}

/**
 * The MIME bundle for one chart: Plotly's own JSON (JupyterLab with plotly, VS Code), HTML that
 * draws it with plotly.js (classic Notebook, nbconvert), and a line of text.
 *
 * @param figure - a Plotly figure
 * @param library - HTML to put plotly.js on the page, for the first chart of a page; "" after
 * @returns the bundle
 */
export function chartBundle(figure: Figure, library = ""): MimeBundle {
  const fig = withDefaults(figure);
  const names = fig.data.map((trace, i) => (typeof trace.name === "string" ? trace.name : `trace ${i + 1}`));
  return {
    "application/vnd.plotly.v1+json": fig,
    "text/html": `${library}${markup(fig, `chart-${uniqueId()}`)}`,
    "text/plain": `Chart: ${titleOf(fig) || "untitled"} (${names.length} trace${names.length === 1 ? "" : "s"}: ${names.join(", ")})`,
  };
}

/** Throws unless `figure` has a `data` array of trace objects. */
export function checkFigure(figure: unknown): asserts figure is Figure {
  const data = (figure as Figure | null)?.data;
  if (typeof figure !== "object" || figure === null || !Array.isArray(data)) {
    throw new TypeError(
      `a figure must be an object with a data array, such as { data: [{ x, y }] }, got ${describe(figure)}`,
    );
  }
  data.forEach((trace, i) => {
    if (typeof trace !== "object" || trace === null || Array.isArray(trace)) {
      throw new TypeError(
        `figure.data[${i}] must be a trace object such as { x: [...], y: [...] }, got ${describe(trace)}`,
      );
    }
  });
}
