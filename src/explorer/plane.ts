// The explorer's decision boundary: the network's output over the plane of the first two inputs
// (the others at 1), sampled at the centres of its picture's pixels, with the rows by target.

import { type Boundary, describeBoundary } from "../charts/boundary";
import type { Network } from "../model/network";
import type { DataSet } from "./explorer";

/** The plane the decision boundary is drawn over (unless the data set says), and how many points a side its picture has. */
const PLANE: [[number, number], [number, number]] = [
  [-0.5, 1.5],
  [-0.5, 1.5],
];
const RESOLUTION = 32;

/**
 * The boundary chart of a trained network over the data set's plane.
 *
 * @param network - the trained network
 * @param set - the data set: its rows and its axes' names
 * @param targets - the rows' targets, as the explorer's buttons set them
 */
export function describePlane(network: Network, set: DataSet, targets: number[]): Boundary {
  // a row of RESOLUTION outputs for each x₂ from the bottom
  const centres = ([from, to]: [number, number]) =>
    Array.from({ length: RESOLUTION }, (_, k) => from + ((k + 0.5) * (to - from)) / RESOLUTION);
  const plane = set.plane ?? PLANE;
  const [xs, ys] = [centres(plane[0]), centres(plane[1])];
  const rest = set.inputs[0].slice(2).map(() => 1);
  const outputs = network.predict(ys.flatMap((x2) => xs.map((x1) => [x1, x2, ...rest]))) as number[];
  return describeBoundary({
    grid: { x: xs, y: ys, z: ys.map((_, j) => outputs.slice(j * RESOLUTION, (j + 1) * RESOLUTION)) },
    points: { x: set.inputs, label: targets },
    range: plane,
    title: "The output over the first two inputs (the third at 1)",
    xTitle: set.axes[0],
    yTitle: set.axes[1],
  });
}
