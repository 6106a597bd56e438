import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { findPython, PYTHONS } from "../scripts/setup.mjs";
import { TOL } from "./helpers/assert";
import { compare } from "./helpers/compare";

const REFERENCE = join(__dirname, "reference");
const FIXTURES = join(__dirname, "fixtures");

/**
 * The Python that runs the numpy programs: the first of setup.mjs's candidates (PERCEPTRON_PYTHON,
 * .conda, python3 on PATH, /usr/bin/python3, python) that imports numpy, as `npm run bench` picks
 * it. None: the tests that need it skip, and say why (numpy is no npm dependency).
 */
const python = findPython(["numpy"]);

/** Runs a reference program with that Python. */
function rerun(program: string, args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(python as string, [join(REFERENCE, program), ...args], { maxBuffer: 1 << 26 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${program} failed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout)),
    );
  });
}

/** `test`, or, with no numpy, a test skipped (uvu counts it under Skipped), and a line that says why. */
let skipped = 0;
function numpyTest(name: string, run: () => Promise<void>): void {
  if (python) {
    test(name, run);
  } else {
    test.skip(name, run);
    skipped++;
  }
}
test.before(() => {
  if (skipped > 0)
    console.log(
      `  skipped ${skipped} tests: no Python with numpy to rerun test/reference/*.py ` +
        `(tried ${PYTHONS.join(", ")}); install numpy or set PERCEPTRON_PYTHON`,
    );
});

/** Starts a reference program now (none without numpy); caught here, so a failure is reported by the test that reads it. */
function started(program: string, args: string[]): Promise<unknown> {
  const run = python ? rerun(program, args) : Promise.resolve(undefined);
  run.catch(() => {});
  return run;
}

// Each fixture file, the program that writes it (and its arguments), and what it holds. The programs
// take seconds each: they start together, on both cores, and each test waits for its own.
const FIXTURE_PROGRAMS = [
  { file: "reference.json", program: "perceptron.py", args: ["fixtures"], what: "the seed's perceptron" },
  { file: "network.json", program: "network.py", args: ["fixtures"], what: "the sequel's network" },
  { file: "notebooks.json", program: "notebooks.py", args: [], what: "the notebooks' numbers" },
  { file: "options.json", program: "options.py", args: ["fixtures"], what: "the network's options" },
  { file: "data.json", program: "data.py", args: ["fixtures"], what: "permutations, standardizing, data sets" },
];
const written = FIXTURE_PROGRAMS.map(({ program, args }) => started(program, args));

// Random numbers and first weights must match exactly; what training computes, within TOL
// (another numpy build may differ in the last digit or two).
const tolerance = (path: string) => (/^\.random|initialWeights|first random|initial weights/.test(path) ? 0 : TOL);

FIXTURE_PROGRAMS.forEach(({ file, program, what }, i) => {
  numpyTest(`test/fixtures/${file} (${what}) is what test/reference/${program} writes today`, async () => {
    const fixtures = JSON.parse(readFileSync(join(FIXTURES, file), "utf8"));
    compare(await written[i], fixtures, "", tolerance);
  });
});

numpyTest("the reference program's bench mode trains on numpy's seeded data and reports its time", async () => {
  const args = ["bench", "--rows", "4", "--cols", "3", "--iterations", "100", "--repeats", "2", "--data-seed", "7"];
  const result = (await rerun("perceptron.py", args)) as { seconds: number[]; weights: number[]; numpy: string };
  assert.is(result.seconds.length, 2);
  assert.is(result.weights.length, 3);
  assert.match(result.numpy, /^\d+\.\d+/);
});

numpyTest("the sequel's reference program times its own run on its own data", async () => {
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
