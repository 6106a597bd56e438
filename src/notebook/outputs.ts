// The calls that draw, bound to one environment: each entry module builds its own with
// outputsFor() and exports them (index.ts for the tslab kernel, browser.ts for a page, the runnable
// pages' worker for its cells), so nothing is configured by importing a module.
import type { Figure } from "../charts/plotly";
import {
  Display,
  type DisplaySink,
  type Environment,
  type LiveChart,
  type LiveChartOptions,
  liveChart,
  NO_SCRIPTS,
  type PageScripts,
  type PlotOptions,
  plot,
} from "./display";
import { type ExploreOptions, explore } from "./explore";

/** plot(), liveChart(), explore() and Display, drawing where one environment says. */
export interface Outputs {
  /**
   * Draws a Plotly figure as the cell's output.
   *
   * @param figure - `{ data, layout, config }`, as for `Plotly.newPlot`
   * @param options - `display`: where the chart goes (the notebook by default)
   * @example
   * plot({ data: [{ x: [0, 1, 2], y: [0, 1, 4], name: "x²" }], layout: { title: "Squares" } });
   */
  plot(figure: Figure, options?: PlotOptions): void;
  /**
   * Starts a chart that updates in place while training runs: push points from `train`'s `onStep`.
   *
   * @param figure - the traces (their `x`/`y` are where pushed points go) and layout
   * @param options - `interval` between redraws in ms (default 200), and `display`
   * @returns the live chart; call `flush()` at the end
   */
  liveChart(figure: Figure, options?: LiveChartOptions): LiveChart;
  /**
   * Puts a live explorer in the cell's output: controls that retrain in the page and redraw its charts.
   *
   * @param options - the settings to start from (the seed's by default), and `display`
   * @example
   * explore({ data: "xor", hidden: 4 }); // a hidden layer learning exclusive or, live
   */
  explore(options?: ExploreOptions): void;
  /** A Display whose page gets this environment's scripts (plotly.js, the module) unless told otherwise. */
  Display: new (
    send: DisplaySink,
    scripts?: PageScripts,
  ) => Display;
}

/**
 * The drawing calls for an environment.
 *
 * @param environment - the display a call without one draws in, and the scripts its pages need
 * @returns plot, liveChart, explore and Display, bound to it
 * @example
 * const { plot } = outputsFor({ display: () => new Display(console.log), scripts: NO_SCRIPTS });
 */
export function outputsFor(environment: Environment): Outputs {
  class EnvironmentDisplay extends Display {
    constructor(send: DisplaySink, scripts: PageScripts = environment.scripts) {
      super(send, scripts);
    }
  }
  return {
    plot: (figure, options) => plot(environment, figure, options),
    liveChart: (figure, options) => liveChart(environment, figure, options),
    explore: (options) => explore(environment, options),
    Display: EnvironmentDisplay,
  };
}

/** Where no notebook is (a page that draws nothing by itself): each call must name its display. */
export const NOWHERE: Environment = {
  display(where) {
    throw new TypeError(`${where}.display is needed here: there is no notebook to draw in`);
  },
  scripts: NO_SCRIPTS,
};
