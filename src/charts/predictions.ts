// The predictions against the targets, described once: a bar per row as high as its prediction, a
// mark at its target. Only the explorer draws it (as SVG).

import { ROWS_SHOWN } from "../checks/limits";
import { type Axis, type Chart, short } from "./chart";
import { COLORS } from "./palette";

/** Each row's prediction as a bar and its target as a mark, from 0 to 1. */
export interface Predictions extends Chart {
  /** The rows, one a step; `every` says which are named along it (all of them when there are few). */
  x: { title: string; every: number };
  /** The output, from 0 to 1. */
  y: Axis;
  bars: { name: string; prediction: number; target: number }[];
  /** The bars' colour; the targets' marks are dark. */
  colour: string;
}

export interface PredictionsInput {
  /** A name for each row: its inputs, or its number. */
  names: string[];
  predictions: number[];
  targets: number[];
  xTitle: string;
}

/**
 * The predictions against the targets.
 *
 * @example
 * describePredictions({ names: ["[0, 1]"], predictions: [0.25], targets: [0], xTitle: "input" }).label;
 * // returns "Predictions against the targets: [0, 1] predicted 0.250, target 0"
 */
export function describePredictions(input: PredictionsInput): Predictions {
  const { names, predictions, targets } = input;
  const n = predictions.length;
  const title = "Predictions against the targets";
  const right = predictions.filter((p, r) => (p >= 0.5 ? 1 : 0) === targets[r]).length;
  return {
    title,
    label:
      n <= ROWS_SHOWN
        ? `${title}: ${names.map((name, r) => `${name} predicted ${short(predictions[r])}, target ${targets[r]}`).join("; ")}`
        : `${title} for ${n} rows: ${right} on the right side of 0.5`,
    x: { title: input.xTitle, every: n <= ROWS_SHOWN ? 1 : Math.ceil(n / 6) },
    y: { title: "output", range: [0, 1] },
    bars: predictions.map((prediction, r) => ({ name: names[r], prediction, target: targets[r] })),
    colour: COLORS[0],
  };
}
