import { describe } from "../checks/validate";
import { exp } from "./exp";

/**
 * The logistic sigmoid, σ(x) = 1 / (1 + e^(−x)): squashes any number into (0, 1). e^(−x) comes
 * from the module's own exp (src/model/exp.ts), not Math.exp, so every engine gives the same bits.
 *
 * @param x - any number (±Infinity give 0 and 1)
 * @returns σ(x)
 * @example
 * sigmoid(1); // returns ~0.7310585786300049
 */
export function sigmoid(x: number): number {
  if (typeof x !== "number" || Number.isNaN(x))
    throw new TypeError(`sigmoid(x): x must be a number, got ${describe(x)}`);
  return 1 / (1 + exp(-x));
}

/**
 * The sigmoid's slope written in terms of its output, as the seed does: σ′(x) = σ(x) · (1 − σ(x)).
 *
 * @param output - a sigmoid output σ(x), in [0, 1]
 * @returns output · (1 − output)
 * @example
 * sigmoidDerivative(sigmoid(0)); // returns 0.25
 */
export function sigmoidDerivative(output: number): number {
  if (typeof output !== "number" || !(output >= 0 && output <= 1)) {
    throw new (typeof output === "number" ? RangeError : TypeError)(
      `sigmoidDerivative(output): output must be a sigmoid output in [0, 1], got ${describe(output)}; ` +
        "for the slope at x, call sigmoidDerivative(sigmoid(x))",
    );
  }
  return output * (1 - output);
}
