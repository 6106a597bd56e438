// The network as the article draws it: one call for any layer sizes, as a Plotly figure.

import { type DiagramOptions, describeNetwork } from "./network-diagram";
import type { Figure } from "./plotly";
import { networkFigure } from "./plotly-renderer";

export type { DiagramOptions };

/**
 * The network as the article draws it: a column of nodes per layer and a connection per weight,
 * its width and colour from the weight (blue positive, vermillion negative) and its value on it.
 *
 * @param weights - a perceptron's weights, one per input; or a network's, where weights[l][i][j]
 *   joins node i of layer l to node j of layer l + 1
 * @param options - `title`, `inputs` and `outputs` names, `maxWeight` (the full-width weight)
 * @returns a figure for plot()
 * @example
 * plot(diagram(new Perceptron({ seed: 1 }).weights, { title: "The seeded perceptron" }));
 */
export function diagram(weights: ArrayLike<number> | number[][][], options: DiagramOptions = {}): Figure {
  return networkFigure(describeNetwork(weights, options));
}
