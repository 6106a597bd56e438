// Charts as notebook outputs: a Display sends MIME bundles (charts.ts makes them) to a notebook and
// knows whether its page has plotly.js yet; plot() and liveChart() draw through one.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chartBundle, checkFigure, escapeHtml, type Figure, type MimeBundle } from "./charts";
import { checkInteger, checkOptions, describe } from "./validate";

/** plotly.js itself, read once a process from plotly.js-dist: 4.6 MB that never change. */
let plotlySource: string | undefined;

/**
 * The `<script>` that puts plotly.js on a page: the library inline, read from `plotly.js-dist`
 * (nothing is fetched), or a `<script src>` for `src` (a published site's shared asset).
 *
 * @param src - where a page finds plotly.js; inline when omitted
 * @returns one `<script>` element
 */
export function plotlyScript(src?: string): string {
  if (src !== undefined) return `<script src="${escapeHtml(src)}" charset="utf-8"></script>`;
  plotlySource ??= readFileSync(require.resolve("plotly.js-dist"), "utf8").replace(/<\/script/gi, "<\\/script");
  return `<script data-plotly-js>${plotlySource}</script>`;
}

/** Sends a bundle to the notebook's output; `displayId` and `update` overwrite an earlier one. */
export type DisplaySink = (bundle: MimeBundle, displayId: string, update: boolean) => void;

/**
 * Where charts go: a sink for MIME bundles, and the page behind it, which needs plotly.js once.
 * The first chart shown carries the library; later ones, and redraws, find it on the page.
 *
 * @example
 * const display = new Display((bundle) => console.log(bundle["text/plain"]));
 * plot({ data: [{ y: [1, 4, 9] }] }, { display }); // prints "Chart: untitled (1 trace: trace 1)"
 */
export class Display {
  readonly #send: DisplaySink;
  #hasPlotly = false;
  #hasModule = false;

  constructor(send: DisplaySink) {
    if (typeof send !== "function")
      throw new TypeError(`new Display(send): send must be a function, got ${describe(send)}`);
    this.#send = send;
  }

  /** Shows a figure as the output `displayId` (new, or in place of an earlier one when `update`). */
  show(figure: Figure, displayId: string = randomUUID(), update = false): void {
    this.#send(chartBundle(figure, this.#hasPlotly ? "" : plotlyScript()), displayId, update);
    this.#hasPlotly = true;
  }

  /** Shows a bundle whose HTML needs plotly.js and the module's browser bundle on the page. */
  showLive(bundle: MimeBundle): void {
    const libraries = (this.#hasPlotly ? "" : plotlyScript()) + (this.#hasModule ? "" : moduleScript());
    this.#send({ ...bundle, "text/html": libraries + bundle["text/html"] }, randomUUID(), false);
    this.#hasPlotly = true;
    this.#hasModule = true;
  }
}

/** The module's browser bundle (dist/browser.js, made by npm run compile), read once a process. */
let moduleSource: string | undefined;

/** The `<script>` that puts the module on a page, as the global `PerceptronNotebooks`. */
export function moduleScript(): string {
  moduleSource ??= readFileSync(join(__dirname, "..", "dist", "browser.js"), "utf8").replace(
    /<\/script/gi,
    "<\\/script",
  );
  return `<script data-perceptron-js>${moduleSource}</script>`;
}

interface Jupyter {
  lastWriteDisplayData: ((message: object, update: boolean) => void) | null;
}

/**
 * Into the running cell's output: a multi-type display_data message through tslab's internal hook
 * (it exists while a cell runs); without it, tslab's public HTML display; outside tslab, the text.
 */
function kernelSink(): DisplaySink {
  const displays = new Map<string, ReturnType<typeof import("tslab").newDisplay>>();
  return (bundle, displayId, update) => {
    let jupyter: Jupyter | undefined;
    try {
      jupyter = require("tslab/dist/jupyter");
    } catch {}
    if (typeof jupyter?.lastWriteDisplayData === "function") {
      jupyter.lastWriteDisplayData({ data: bundle, metadata: {}, transient: { display_id: displayId } }, update);
      return;
    }
    try {
      const tslab: typeof import("tslab") = require("tslab");
      if (!displays.has(displayId)) displays.set(displayId, tslab.newDisplay());
      displays.get(displayId)?.html(bundle["text/html"]);
    } catch {
      console.log(bundle["text/plain"]);
    }
  };
}

/** This kernel's display: made at its first chart, since a kernel's outputs share one page. */
let kernelDisplay: Display | undefined;

/**
 * The display of the kernel this code runs in: the notebook's output in tslab, else stdout.
 *
 * @returns the same Display on every call within a kernel
 */
export function notebookDisplay(): Display {
  kernelDisplay ??= new Display(kernelSink());
  return kernelDisplay;
}

/** Where a chart goes: the display in `options`, a sink given as a function (a page of its own), or the kernel's. */
export function displayOf(display: Display | DisplaySink | undefined, where: string): Display {
  if (display === undefined) return notebookDisplay();
  if (display instanceof Display) return display;
  if (typeof display === "function") return new Display(display);
  throw new TypeError(`${where}.display must be a function or a Display, got ${describe(display)}`);
}

export interface PlotOptions {
  /** Where the chart goes: the notebook by default. */
  display?: Display | DisplaySink;
}

/**
 * Draws a Plotly figure as the cell's output.
 *
 * @param figure - `{ data, layout, config }`, as for `Plotly.newPlot`
 * @param options - `display`: where the chart goes (the notebook by default)
 * @example
 * plot({ data: [{ x: [0, 1, 2], y: [0, 1, 4], name: "x²" }], layout: { title: "Squares", xaxis: { title: "x" } } });
 */
export function plot(figure: Figure, options: PlotOptions = {}): void {
  checkFigure(figure);
  const { display } = checkOptions(options, ["display"], "plot(): options");
  displayOf(display, "plot(): options").show(figure);
}

export interface LiveChartOptions extends PlotOptions {
  /** The fewest milliseconds between two redraws. Default 200. */
  interval?: number;
}

/** A chart that one output redraws in place, at most every `interval` ms. */
export interface LiveChart {
  /** Adds the point (x, ys[i]) to each trace i; redraws if `interval` has passed. */
  push(x: number, ys: ArrayLike<number>): void;
  /** Redraws now with every point pushed so far. */
  flush(): void;
  /** How many times the chart was drawn. */
  readonly draws: number;
  /** The figure as last drawn, with every point pushed so far. */
  readonly figure: Figure;
}

/**
 * Starts a chart that updates in place while training runs: push points from `train`'s `onStep`.
 * Redraws are throttled, so the chart costs training little; call `flush()` at the end.
 *
 * @param figure - the traces (their `x`/`y` are where pushed points go) and layout
 * @param options - `interval` between redraws in ms (default 200), and `display`
 * @returns the live chart
 * @example
 * const live = liveChart({ data: [{ name: "error", x: [], y: [] }], layout: { title: "Error" } });
 * p.train(X, y, 10000, { every: 10, onStep: (s) => live.push(s.iteration, [s.meanSquaredError]) });
 * live.flush();
 */
export function liveChart(figure: Figure, options: LiveChartOptions = {}): LiveChart {
  checkFigure(figure);
  const { interval = 200, display } = checkOptions(options, ["interval", "display"], "liveChart(): options");
  checkInteger(interval, "liveChart(): options.interval", 0, 60_000);
  const page = displayOf(display, "liveChart(): options");
  const id = randomUUID();
  const xs = figure.data.map((trace) => Array.from((trace.x ?? []) as ArrayLike<number>));
  const ys = figure.data.map((trace) => Array.from((trace.y ?? []) as ArrayLike<number>));
  let draws = 0;
  let last = Number.NEGATIVE_INFINITY;
  const current = (): Figure => ({
    ...figure,
    data: figure.data.map((trace, i) => ({ ...trace, x: xs[i], y: ys[i] })),
  });
  const draw = () => {
    page.show(current(), id, draws > 0);
    draws++;
    last = performance.now();
  };
  return {
    push(x, values) {
      if (values.length !== xs.length) {
        throw new RangeError(`liveChart().push(): expected ${xs.length} values (one per trace), got ${values.length}`);
      }
      for (let i = 0; i < xs.length; i++) {
        xs[i].push(x);
        ys[i].push(values[i]);
      }
      if (performance.now() - last >= interval) draw();
    },
    flush: draw,
    get draws() {
      return draws;
    },
    get figure() {
      return current();
    },
  };
}
