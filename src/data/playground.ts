// The six 2-D data sets of TensorFlow Playground (circle, exclusive or, two Gaussians, spiral to
// classify; a plane and six Gaussians to fit, regression),
// drawn from numpy's generator so that a reader can make the same points in numpy: each point's
// numbers are taken from np.random.random() in the order written here, for the same seed. The shapes
// follow the Playground's (its src/dataset.ts): the same radii, padding, noise and classes, with its
// labels 1 and −1 as targets 1 and 0, and the regression values as they are, from −1 to 1.
// test/reference/data.py draws them in numpy.

import { checkFinite, checkInteger, checkOptions, describe } from "../checks/validate";
import { cos, log, sin } from "../model/libm";
import { MAX_SEED, twister } from "../model/random";

/** The data sets to classify: a target 1 (the Playground's blue) or 0 (orange) each. */
export const PLAYGROUND_DATA = ["circle", "xor", "gauss", "spiral"] as const;
/** The data sets to fit (regression): a value from −1 to 1 each. */
export const PLAYGROUND_REGRESSION = ["plane", "multigauss"] as const;
export type PlaygroundData = (typeof PLAYGROUND_DATA)[number] | (typeof PLAYGROUND_REGRESSION)[number];
const NAMES: readonly string[] = [...PLAYGROUND_DATA, ...PLAYGROUND_REGRESSION];

/** A data set of points (x, y) and a target each: 1 for the Playground's blue class, 0 for orange; a value to fit. */
export interface Points {
  rows: [number, number][];
  targets: number[];
}

/**
 * One of the Playground's classification data sets.
 *
 * @param name - "circle", "xor", "gauss" or "spiral" (classes); "plane" or "multigauss" (values)
 * @param options - `samples` (default 500, as the Playground), `noise` from 0 to 0.5 (default 0), `seed` (default 1)
 * @example
 * playgroundData("xor", { samples: 4, seed: 1 }).targets; // the first four points' classes
 */
export function playgroundData(
  name: PlaygroundData,
  options: { samples?: number; noise?: number; seed?: number } = {},
): Points {
  const where = "playgroundData(name, options)";
  if (typeof name !== "string" || !NAMES.includes(name)) {
    throw new RangeError(
      `${where}: name must be one of ${NAMES.map((n) => `"${n}"`).join(", ")}, got ${describe(name)}`,
    );
  }
  const { samples = 500, noise = 0, seed = 1 } = checkOptions(options, ["samples", "noise", "seed"], where);
  const n = checkInteger(samples, `${where}: options.samples`, 2, 100_000);
  const level = checkFinite(noise, `${where}: options.noise`);
  if (level < 0 || level > 0.5) throw new RangeError(`${where}: options.noise must be from 0 to 0.5, got ${level}`);
  const random = twister(checkInteger(seed, `${where}: options.seed`, 0, MAX_SEED)).normalized;
  /** Uniform on [a, b): a + (b − a) · random(). */
  const uniform = (a: number, b: number) => random() * (b - a) + a;
  const points: Points = { rows: [], targets: [] };
  const add = (x: number, y: number, positive: boolean) => {
    points.rows.push([x, y]);
    points.targets.push(positive ? 1 : 0);
  };
  const half = Math.floor(n / 2);
  if (name === "circle") {
    const radius = 5;
    // inside the circle of radius 2.5, then a ring from 3.5 to 5; the class by where the noisy point falls
    for (const [from, to] of [
      [0, radius * 0.5],
      [radius * 0.7, radius],
    ]) {
      for (let i = 0; i < half; i++) {
        const r = uniform(from, to);
        const angle = uniform(0, 2 * Math.PI);
        const x = r * sin(angle);
        const y = r * cos(angle);
        const nx = x + uniform(-radius, radius) * level;
        const ny = y + uniform(-radius, radius) * level;
        add(x, y, Math.sqrt(nx * nx + ny * ny) < radius * 0.5);
      }
    }
  } else if (name === "xor") {
    // each coordinate on [−5, 5), moved 0.3 away from the axes; the class is the sign of x · y
    const away = (v: number) => v + (v > 0 ? 0.3 : -0.3);
    for (let i = 0; i < n; i++) {
      const x = away(uniform(-5, 5));
      const y = away(uniform(-5, 5));
      const nx = x + uniform(-5, 5) * level;
      const ny = y + uniform(-5, 5) * level;
      add(x, y, nx * ny >= 0);
    }
  } else if (name === "gauss") {
    // two Gaussians around (2, 2) and (−2, −2), their variance from 0.5 (no noise) to 4 (noise 0.5)
    const variance = 0.5 + (level / 0.5) * 3.5;
    for (const [centre, positive] of [
      [2, true],
      [-2, false],
    ] as const) {
      for (let i = 0; i < half; i++) {
        const x = normal(random, centre, variance);
        const y = normal(random, centre, variance);
        add(x, y, positive);
      }
    }
  } else if (name === "plane" || name === "multigauss") {
    // points on [−6, 6)², each value taken where the noisy point falls: (x + y) / 10 on the plane;
    // for the six Gaussians, the one of largest size of sign · max(0, 1 − distance / 2)
    for (let i = 0; i < n; i++) {
      const x = uniform(-6, 6);
      const y = uniform(-6, 6);
      const nx = x + uniform(-6, 6) * level;
      const ny = y + uniform(-6, 6) * level;
      points.rows.push([x, y]);
      points.targets.push(name === "plane" ? (nx + ny) / 10 : gaussians(nx, ny));
    }
  } else {
    // two arms of 1.75 turns out to radius 5, the second turned half a turn
    for (const [turn, positive] of [
      [0, true],
      [Math.PI, false],
    ] as const) {
      for (let i = 0; i < half; i++) {
        const r = (i / half) * 5;
        const t = ((1.75 * i) / half) * 2 * Math.PI + turn;
        const x = r * sin(t) + uniform(-1, 1) * level;
        const y = r * cos(t) + uniform(-1, 1) * level;
        add(x, y, positive);
      }
    }
  }
  return points;
}

/** A normal draw by the polar method (Marsaglia's): pairs on the square until one falls in the unit circle. */
function normal(random: () => number, mean: number, variance: number): number {
  let v1: number;
  let s: number;
  do {
    v1 = 2 * random() - 1;
    const v2 = 2 * random() - 1;
    s = v1 * v1 + v2 * v2;
  } while (s > 1);
  return mean + Math.sqrt(variance) * (Math.sqrt((-2 * log(s)) / s) * v1);
}

/** The Playground's six Gaussians to fit: centre x, centre y and sign. */
const GAUSSIANS = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1],
] as const;

/** The value at (x, y): of the six, the one largest in size (the first of equals), sign · max(0, 1 − distance / 2). */
function gaussians(x: number, y: number): number {
  let value = 0;
  for (const [cx, cy, sign] of GAUSSIANS) {
    const distance = Math.sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
    const v = sign * Math.min(1, Math.max(0, 1 - distance / 2));
    if (Math.abs(v) > Math.abs(value)) value = v;
  }
  return value;
}
