// The fast form of the seed's training loop: the same arithmetic as `train` in perceptron.ts, on
// packed Float64Arrays, one pass over the rows an iteration and no allocation inside the loop.
// Its one job is speed; test/kernel.test.ts holds it equal to the readable `train` (≤ 1e-12).

/** Called before the adjustment of every `every`-th iteration, with the mean squared error then. */
export type Recorder = (iteration: number, meanSquaredError: number) => void;

/**
 * Trains `w` in place, `iterations` times: for each row the output, its error and its share of
 * Xᵀ·(error ⊙ σ′) are computed together. Rows go four at a time: four independent sums keep the
 * processor busy, and each adjustment[j] is updated once per four rows. `every` 0 records nothing.
 *
 * @param x - the rows, packed row by row (`y.length` rows of `w.length` values)
 * @param y - one target per row
 * @param w - the weights, changed in place
 */
export function trainFast(
  x: Float64Array,
  y: Float64Array,
  w: Float64Array,
  iterations: number,
  learningRate: number,
  every: number,
  record: Recorder,
): void {
  const n = y.length;
  const m = w.length;
  const n4 = n - (n % 4);
  const adjustment = new Float64Array(m);
  for (let iteration = 0, countdown = 0; iteration < iterations; iteration++) {
    adjustment.fill(0);
    let squares = 0;
    let r = 0;
    for (; r < n4; r += 4) {
      const a = r * m;
      const b = a + m;
      const c = b + m;
      const d = c + m;
      let dotA = 0;
      let dotB = 0;
      let dotC = 0;
      let dotD = 0;
      for (let j = 0; j < m; j++) {
        const wj = w[j];
        dotA += x[a + j] * wj;
        dotB += x[b + j] * wj;
        dotC += x[c + j] * wj;
        dotD += x[d + j] * wj;
      }
      // σ, inlined: a call that checks its argument costs the hot loop
      const outA = 1 / (1 + Math.exp(-dotA));
      const outB = 1 / (1 + Math.exp(-dotB));
      const outC = 1 / (1 + Math.exp(-dotC));
      const outD = 1 / (1 + Math.exp(-dotD));
      const errA = y[r] - outA;
      const errB = y[r + 1] - outB;
      const errC = y[r + 2] - outC;
      const errD = y[r + 3] - outD;
      squares += errA * errA + errB * errB + errC * errC + errD * errD;
      const deltaA = errA * (outA * (1 - outA));
      const deltaB = errB * (outB * (1 - outB));
      const deltaC = errC * (outC * (1 - outC));
      const deltaD = errD * (outD * (1 - outD));
      for (let j = 0; j < m; j++) {
        adjustment[j] += x[a + j] * deltaA + x[b + j] * deltaB + (x[c + j] * deltaC + x[d + j] * deltaD);
      }
    }
    for (; r < n; r++) {
      const a = r * m;
      let dot = 0;
      for (let j = 0; j < m; j++) dot += x[a + j] * w[j];
      const output = 1 / (1 + Math.exp(-dot));
      const error = y[r] - output;
      squares += error * error;
      const delta = error * (output * (1 - output));
      for (let j = 0; j < m; j++) adjustment[j] += x[a + j] * delta;
    }
    if (every > 0 && countdown-- === 0) {
      record(iteration, squares / n);
      countdown = every - 1;
    }
    for (let j = 0; j < m; j++) w[j] += learningRate * adjustment[j];
  }
}
