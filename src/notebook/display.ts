// Charts as notebook outputs: a Display sends MIME bundles (charts/plotly.ts makes them) to a
// notebook and knows whether its page has plotly.js yet; showPlot() and startLiveChart() draw
// through one. Nothing here needs Node, and nothing here chooses where output goes: each entry
// module (index.ts for the tslab kernel, browser.ts and page/worker.ts for pages) builds its own
// plot(), liveChart() and explore() with outputsFor() (outputs.ts), naming its environment.
import { chartBundle, checkFigure, type Figure, type MimeBundle, uniqueId } from "../charts/plotly";
import { checkInteger, checkOptions, describe } from "../checks/validate";

/** The `<script>`s a page needs before its first chart and its first explorer. */
export interface PageScripts {
  plotly(): string;
  module(): string;
}

/** No scripts: for a page that has plotly.js and the module already (the site's runnable pages). */
export const NO_SCRIPTS: PageScripts = { plotly: () => "", module: () => "" };

/** Where the code runs: the display a call without one draws in, and the scripts pages need there. */
export interface Environment {
  /** The display a call without one draws in; `where` names the call, for an error there is none. */
  display(where: string): Display;
  scripts: PageScripts;
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
  /** The `<script>`s this display's page needs before its first chart and its first explorer. */
  readonly scripts: PageScripts;
  #hasPlotly = false;
  #hasModule = false;

  /**
   * @param send - where bundles go
   * @param scripts - the `<script>`s a page needs (in Node: plotly.js and the module, inline);
   *   none where the page has them already (the site's runnable pages)
   */
  constructor(send: DisplaySink, scripts: PageScripts = NO_SCRIPTS) {
    if (typeof send !== "function")
      throw new TypeError(`new Display(send): send must be a function, got ${describe(send)}`);
    this.#send = send;
    this.scripts = scripts;
  }

  /** Shows a figure as the output `displayId` (new, or in place of an earlier one when `update`). */
  show(figure: Figure, displayId: string = uniqueId(), update = false): void {
    this.#send(chartBundle(figure, this.#hasPlotly ? "" : this.scripts.plotly()), displayId, update);
    this.#hasPlotly = true;
  }

  /** Shows a bundle whose HTML needs plotly.js and the module's browser bundle on the page. */
  showLive(bundle: MimeBundle): void {
    const libraries = (this.#hasPlotly ? "" : this.scripts.plotly()) + (this.#hasModule ? "" : this.scripts.module());
    this.#send({ ...bundle, "text/html": libraries + bundle["text/html"] }, uniqueId(), false);
    this.#hasPlotly = true;
    this.#hasModule = true;
  }
}

/**
 * Where a chart goes: the display in `options`, a sink given as a function (a page of its own, with
 * the environment's scripts), or the environment's display.
 */
export function displayOf(
  environment: Environment,
  display: Display | DisplaySink | undefined,
  where: string,
): Display {
  if (display === undefined) return environment.display(where);
  if (display instanceof Display) return display;
  if (typeof display === "function") return new Display(display, environment.scripts);
  throw new TypeError(`${where}.display must be a function or a Display, got ${describe(display)}`);
}

export interface PlotOptions {
  /** Where the chart goes: the notebook by default. */
  display?: Display | DisplaySink;
}

/**
 * Draws a Plotly figure as the cell's output.
 *
 * @param environment - where the code runs (outputsFor binds it)
 * @param figure - `{ data, layout, config }`, as for `Plotly.newPlot`
 * @param options - `display`: where the chart goes (the notebook by default)
 * @example
 * plot({ data: [{ x: [0, 1, 2], y: [0, 1, 4], name: "x²" }], layout: { title: "Squares", xaxis: { title: "x" } } });
 */
export function plot(environment: Environment, figure: Figure, options: PlotOptions = {}): void {
  checkFigure(figure);
  const { display } = checkOptions(options, ["display"], "plot(): options");
  displayOf(environment, display, "plot(): options").show(figure);
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
 * @param environment - where the code runs (outputsFor binds it)
 * @param figure - the traces (their `x`/`y` are where pushed points go) and layout
 * @param options - `interval` between redraws in ms (default 200), and `display`
 * @returns the live chart
 * @example
 * const live = liveChart({ data: [{ name: "error", x: [], y: [] }], layout: { title: "Error" } });
 * p.train(X, y, 10000, { every: 10, onStep: (s) => live.push(s.iteration, [s.meanSquaredError]) });
 * live.flush();
 */
export function liveChart(environment: Environment, figure: Figure, options: LiveChartOptions = {}): LiveChart {
  checkFigure(figure);
  const { interval = 200, display } = checkOptions(options, ["interval", "display"], "liveChart(): options");
  checkInteger(interval, "liveChart(): options.interval", 0, 60_000);
  const page = displayOf(environment, display, "liveChart(): options");
  const id = uniqueId();
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
