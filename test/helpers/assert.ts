import * as assert from "uvu/assert";

/** Relative tolerance for comparisons with numpy: two numpy builds differ in the last digit or two. */
export const TOL = 1e-12;

/** Asserts |actual − expected| ≤ tol · |expected| for each element (exact where expected is 0). */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string, tol = TOL): void {
  assert.is(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i] - expected[i]);
    assert.ok(
      error <= tol * Math.abs(expected[i]),
      `${label}[${i}]: got ${actual[i]}, numpy has ${expected[i]} (relative error ${error / Math.abs(expected[i])} > ${tol})`,
    );
  }
}

/** Asserts that `fn` throws an error of class `type` whose message matches `message`. */
export function assertThrows(
  fn: () => unknown,
  type: ErrorConstructor,
  message: RegExp,
  label = String(message),
): void {
  try {
    fn();
  } catch (error) {
    assert.instance(error, type, `${label}: ${String(error)} should be a ${type.name}`);
    assert.match((error as Error).message, message, label);
    return;
  }
  assert.unreachable(`${label}: expected a ${type.name}, nothing was thrown`);
}

/** Asserts a training's recorded steps are numpy's: the same iterations, the errors within TOL. */
export function assertHistory(
  steps: { iteration: number; meanSquaredError: number }[],
  history: { iterations: number[]; meanSquaredError: number[] },
  label: string,
): void {
  assert.equal(
    steps.map((s) => s.iteration),
    history.iterations,
    `${label}: recorded iterations`,
  );
  assertClose(
    steps.map((s) => s.meanSquaredError),
    history.meanSquaredError,
    `${label}: mean squared error`,
  );
}

/** Asserts that training whose onStep throws at iteration 50 throws, and leaves the weights as they were. */
export function assertThrowingStepChangesNothing(
  model: {
    weights: unknown;
    train(x: never, y: never, n: number, o: { onStep: (s: { iteration: number }) => void }): unknown;
  },
  inputs: unknown,
  outputs: unknown,
): void {
  const before = model.weights;
  const stop = (s: { iteration: number }) => {
    if (s.iteration === 50) throw new Error("stop");
  };
  assert.throws(() => model.train(inputs as never, outputs as never, 100, { onStep: stop }));
  assert.equal(model.weights, before);
}
