import { describe } from "../checks/validate";
import { exp, tanh } from "./exp";

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
  return logistic(x);
}

/** σ(z) = 1 / (1 + e^(−z)), unchecked: the sigmoid neurons' own, in training. */
const logistic = (z: number) => 1 / (1 + exp(-z));

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

/** A layer's activation by name: the hidden layers' ("sigmoid", "tanh", "relu", "linear"), the output's ("sigmoid", "softmax", "linear"). */
export const ACTIVATION_NAMES = ["sigmoid", "tanh", "relu", "linear"] as const;
export const OUTPUT_NAMES = ["sigmoid", "softmax", "linear"] as const;
export type ActivationName = (typeof ACTIVATION_NAMES)[number];
export type OutputName = (typeof OUTPUT_NAMES)[number];

/**
 * Each activation f and its slope written in terms of its output a = f(z), as the seed writes the
 * sigmoid's: sigmoid a(1 − a), tanh 1 − a², ReLU 1 where a > 0 else 0, linear 1. (softmax is a
 * row's, below; its slope never runs: softmax trains with cross-entropy only.)
 */
export const ACTIVATIONS: Record<ActivationName, { f: (z: number) => number; slope: (a: number) => number }> = {
  sigmoid: { f: logistic, slope: (a) => a * (1 - a) },
  tanh: { f: tanh, slope: (a) => 1 - a * a },
  // biome-ignore lint/complexity/useMathMinMax: numpy's np.maximum(z, 0), which keeps z = −0 (Math.max gives 0)
  relu: { f: (z) => (z >= 0 ? z : 0), slope: (a) => (a > 0 ? 1 : 0) },
  linear: { f: (z) => z, slope: () => 1 },
};

/**
 * softmax over one row, as numpy writes it: exp(z − max z) / Σ exp(z − max z), the sum first to last.
 *
 * @param z - one row of a layer's sums
 * @example
 * softmax([1, 2, 3]); // returns ~[0.09003057, 0.24472847, 0.66524096]
 */
export function softmax(z: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let j = 0; j < z.length; j++) if (z[j] > max) max = z[j];
  const e = Array.from(z, (v) => exp(v - max));
  let sum = 0;
  for (const v of e) sum += v;
  return e.map((v) => v / sum);
}
