// The error curve, described once: the mean squared error per iteration of one or more training
// runs, on a log scale. errorCurves() draws it with Plotly; the explorer draws it as SVG.

import { describe } from "../checks/validate";
import { type Axis, type Chart, short } from "./chart";
import { COLORS } from "./palette";

export interface Run {
  /** The run's name in the legend. */
  name: string;
  /** What `train(…, { history: true })` returned. */
  steps: ReadonlyArray<{ iteration: number; meanSquaredError: number }>;
}

/** One run's line: its iterations and errors (those above 0: a log scale has no 0), its last point marked. */
export interface Series {
  name: string;
  colour: string;
  x: number[];
  y: number[];
}

/** The error per iteration: a line per run, iteration against the error on a log scale. */
export interface ErrorCurve extends Chart {
  /** The iterations, from 0 to the last one recorded. */
  x: Axis;
  /** The errors, on a log scale from a power of ten to a power of ten. */
  y: Axis;
  series: Series[];
  /** Whether a legend names the runs: when there is more than one. */
  legend: boolean;
}

/**
 * The error curve of one or more runs.
 *
 * @param runs - `{ name, steps }` per run
 * @param title - the chart's title
 * @example
 * describeErrorCurve([{ name: "seed", steps }]).y.range; // returns [0.00001, 1] when the error falls from 0.31 to 6.5e-5
 */
export function describeErrorCurve(runs: Run[], title = "Training error per iteration"): ErrorCurve {
  if (!Array.isArray(runs) || runs.length === 0) {
    throw new TypeError(`errorCurves(runs) must be an array of { name, steps } runs, got ${describe(runs)}`);
  }
  runs.forEach((run, i) => {
    if (typeof run?.name !== "string" || !Array.isArray(run.steps) || run.steps.length === 0) {
      throw new TypeError(
        `errorCurves(runs)[${i}] must be { name, steps } with steps from train(), got ${describe(run)}`,
      );
    }
  });
  const series = runs.map((run, i): Series => {
    const kept = run.steps.filter((s) => s.meanSquaredError > 0 && Number.isFinite(s.meanSquaredError));
    return {
      name: run.name,
      colour: COLORS[i % COLORS.length],
      x: kept.map((s) => s.iteration),
      y: kept.map((s) => s.meanSquaredError),
    };
  });
  // from the power of ten at or below the lowest error (and 1) to the one at or above the highest
  let [lowest, highest, last] = [0, Number.NEGATIVE_INFINITY, 1];
  for (const s of series) {
    s.y.forEach((e, k) => {
      const log = Math.log10(e);
      [lowest, highest, last] = [Math.min(lowest, log), Math.max(highest, log), Math.max(last, s.x[k])];
    });
  }
  const low = Math.floor(lowest);
  const high = Math.max(Math.ceil(highest), low + 1);
  const ends = (s: Series) => {
    const end = s.x.length - 1;
    return end < 0
      ? "no error above 0"
      : `${short(s.y[0])} at iteration ${s.x[0]}, ${short(s.y[end])} at iteration ${s.x[end]}`;
  };
  const label = series.every((s) => s.x.length === 0)
    ? "The mean squared error per iteration: no error above 0 to draw"
    : `The mean squared error per iteration on a log scale: ${
        series.length === 1 ? ends(series[0]) : series.map((s) => `${s.name}, ${ends(s)}`).join("; ")
      }`;
  return {
    title,
    label,
    x: { title: "iteration", range: [0, last] },
    y: { title: "mean squared error (log scale)", range: [10 ** low, 10 ** high], log: true },
    series,
    legend: series.length > 1,
  };
}
