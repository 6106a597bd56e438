import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readSetup as settings } from "../scripts/setup.mjs";
import { TOL } from "./helpers/assert";

const REFERENCE = join(__dirname, "reference");
const FIXTURES = join(__dirname, "fixtures");

/** Walks two JSON values side by side: same shape, same strings, numbers within `tol` (exact where tol is 0). */
function compare(actual: unknown, expected: unknown, path: string, tol: (path: string) => number): void {
  if (typeof expected === "number") {
    const error = Math.abs((actual as number) - expected);
    assert.ok(
      typeof actual === "number" && error <= tol(path) * Math.abs(expected),
      `${path}: ${actual} vs ${expected}`,
    );
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${path}: length`);
    for (const [i, e] of expected.entries()) compare((actual as unknown[])[i], e, `${path}[${i}]`, tol);
  } else if (expected !== null && typeof expected === "object") {
    assert.equal(Object.keys(actual as object), Object.keys(expected), `${path}: keys`);
    for (const [key, e] of Object.entries(expected)) compare((actual as never)[key], e, `${path}.${key}`, tol);
  } else {
    assert.is(actual, expected, path);
  }
}

/** Runs a reference program with the Python that set-up found (CI installs Debian's numpy). */
function rerun(program: string, args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(settings().python, [join(REFERENCE, program), ...args], { maxBuffer: 1 << 26 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${program} failed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout)),
    );
  });
}

// The three fixture programs take seconds each: they start together, on both cores, and each
// test waits for its own (caught here, so a failure is reported by the test that reads it).
const written = {
  reference: rerun("perceptron.py", ["fixtures"]),
  network: rerun("network.py", ["fixtures"]),
  notebooks: rerun("notebooks.py", []),
};
for (const promise of Object.values(written)) promise.catch(() => {});

// Random numbers and first weights must match exactly; what training computes, within TOL
// (another numpy build may differ in the last digit or two).
const tolerance = (path: string) => (/^\.random|initialWeights|first random|initial weights/.test(path) ? 0 : TOL);

test("the reference fixtures are what the numpy reference program writes today", async () => {
  const fixtures = JSON.parse(readFileSync(join(FIXTURES, "reference.json"), "utf8"));
  compare(await written.reference, fixtures, "", tolerance);
});

test("the network fixtures are what the sequel's numpy reference program writes today", async () => {
  const fixtures = JSON.parse(readFileSync(join(FIXTURES, "network.json"), "utf8"));
  compare(await written.network, fixtures, "", tolerance);
});

test("the notebooks' fixtures are what the numpy reference program writes today", async () => {
  const fixtures = JSON.parse(readFileSync(join(FIXTURES, "notebooks.json"), "utf8"));
  compare(await written.notebooks, fixtures, "", tolerance);
});

test("the reference program's bench mode trains on numpy's seeded data and reports its time", async () => {
  const args = ["bench", "--rows", "4", "--cols", "3", "--iterations", "100", "--repeats", "2", "--data-seed", "7"];
  const result = (await rerun("perceptron.py", args)) as { seconds: number[]; weights: number[]; numpy: string };
  assert.is(result.seconds.length, 2);
  assert.is(result.weights.length, 3);
  assert.match(result.numpy, /^\d+\.\d+/);
});

test("the sequel's reference program times its own run on its own data", async () => {
  const args = ["bench", "--iterations", "100", "--repeats", "2"];
  const result = (await rerun("network.py", args)) as { seconds: number[]; weights: number[][][] };
  assert.is(result.seconds.length, 2);
  assert.equal(
    result.weights.map((layer) => [layer.length, layer[0].length]),
    [
      [3, 4],
      [4, 1],
    ],
  );
});

test.run();
