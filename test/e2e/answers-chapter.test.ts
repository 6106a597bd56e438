// Notebooks 9 to 11's exercises, run: each notebook's own code (every code cell but the parameters
// and the check cell), wrapped in a function of its parameters and run for each exercise's change in
// one Node process per notebook, the charts left undrawn. Each answer in src/notebook/answers.ts
// (9.1 to 11.5) must be what that run prints, to within 1e-9.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ANSWERS } from "../../src";
import { checked } from "../../src/notebook/check";
import { NOTEBOOKS, ROOT, readNotebook, text } from "./helpers/notebooks";

interface Variant {
  name: string;
  /** Parameters changed, by name. */
  set?: Record<string, unknown>;
  /** Code changed: each [from, to] replaced in the notebook's cells (from must be there). */
  change?: [string, string][];
  /** Code run after the notebook's, in the same function. */
  after?: string;
}

/** Runs notebook `name`'s code once per variant; returns what each run printed, by variant name. */
function runVariants(name: string, variants: Variant[]): Record<string, string> {
  const { cells } = readNotebook(join(NOTEBOOKS, `${name}.ipynb`));
  const code = cells.filter((c) => c.cell_type === "code").map((c) => text(c.source));
  const [parameters, imports, ...rest] = code.filter((c) => !c.startsWith("// check your answers"));
  const defaults = Object.fromEntries(
    [...parameters.matchAll(/^const (\w+) = ([^;]+);/gm)].map((m) => [m[1], Function(`return ${m[2]}`)()]),
  );
  const names = Object.keys(defaults);
  const imported = imports.replace('from "..";', 'from "./src/api";').replace(/\b(plot|explore),\s*/g, "");
  const bodies = variants.map((v) => {
    let body = rest.join("\n");
    for (const [from, to] of v.change ?? []) {
      assert.ok(body.includes(from), `${name}, ${v.name}: the code has no ${from}`);
      body = body.replace(from, to);
    }
    const values = { ...defaults, ...v.set };
    return `console.log("VARIANT ${v.name}");\n((${names.map((n) => `${n}: any`).join(", ")}) => {\n${body}\n${v.after ?? ""}\n})(${names.map((n) => JSON.stringify(values[n])).join(", ")});`;
  });
  const file = join(ROOT, `.answers-${name}.ts`);
  writeFileSync(
    file,
    `${imported}\nconst plot = (..._: unknown[]) => {};\nconst explore = (..._: unknown[]) => {};\n${bodies.join("\n")}\n`,
  );
  try {
    const tsx = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
    const result = spawnSync(process.execPath, [tsx, file], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
    assert.is(result.status, 0, result.stderr);
    return Object.fromEntries(
      result.stdout
        .split("VARIANT ")
        .slice(1)
        .map((chunk) => [chunk.slice(0, chunk.indexOf("\n")), chunk]),
    );
  } finally {
    rmSync(file, { force: true });
  }
}

/** The numbers a run printed after `label: `. */
function printed(run: string, label: string): number[] {
  const line = run.split("\n").find((l) => l.startsWith(`${label}: `));
  assert.ok(line, `no line "${label}: …" in:\n${run}`);
  return [...line.slice(label.length + 2).matchAll(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi)].map((m) => Number(m[0]));
}

/** Asserts that exercise `id`'s answer is `value`, to within 1e-9. */
function is(id: string, value: unknown) {
  const said = checked(value, ANSWERS[id].expected, ANSWERS[id].what, 1e-9);
  assert.ok(said.startsWith("✓"), `${id}: ${said}`);
}

test("notebook 9's answers are what its code prints after each exercise's change", () => {
  const runs = runVariants("09-learning-rate", [
    { name: "9.1", set: { learningRates: [3] } },
    { name: "9.2", set: { learningRates: [40, 60, 80, 90] } },
    { name: "9.3", change: [["{ every: 10, history: true }", "{ learningRate: 0.1, every: 10, history: true }"]] },
    { name: "9.4", set: { z: -10 } },
    {
      name: "9.5",
      set: { iterations: 20000, learningRates: [100] },
      after: 'console.log("first below 0.25: " + runs[0].find((s) => s.meanSquaredError < 0.25)?.iteration);',
    },
  ]);
  is("9.1", printed(runs["9.1"], "mean squared error after 1000 iterations at η = 3")[0]);
  const ends = [40, 60, 80, 90].map(
    (r) => printed(runs["9.2"], `mean squared error after 1000 iterations at η = ${r}`)[0],
  );
  is("9.2", Math.max(...[40, 60, 80, 90].filter((_, k) => ends[k] < 0.01)));
  assert.ok(ends[3] > 0.49, "η = 90 is still on the plateau");
  is("9.3", printed(runs["9.3"], "mean squared error after 3000 iterations, cross-entropy")[0]);
  const [ce] = printed(runs["9.4"], "cross-entropy's output delta at z = -10, target 1");
  const [sq] = printed(runs["9.4"], "squared error's output delta at z = -10, target 1");
  is("9.4", ce / sq);
  is("9.5", printed(runs["9.5"], "first below 0.25")[0]);
});

test("notebook 10's answers are what its code prints after each exercise's change", () => {
  const zero = "const zero = new Network({ layers: [3, 4, 1], seed: seed });";
  const runs = runVariants("10-activations", [
    { name: "10.1", set: { hidden: 4 } },
    {
      name: "10.2",
      set: { spiralIterations: 1 },
      change: [
        [
          "new Network({ layers: layers, seed: seed })",
          'new Network({ layers: layers, seed: seed, activation: "tanh" })',
        ],
      ],
    },
    {
      name: "10.3",
      set: { spiralIterations: 1 },
      change: [[zero, "const zero = new Network({ layers: [3, 4, 1], seed: seed, bias: true });"]],
    },
    {
      name: "10.4",
      set: { spiralIterations: 1 },
      after: `const r = new Network({ layers: [3, 4, 1], seed: seed, activation: "relu" });
r.train(inputs, outputs, iterations, { learningRate: learningRate });
console.log(\`rows at 0.5: \${inputs.filter((row) => r.predict(row) === 0.5).length}\`);`,
    },
    { name: "10.5", set: { spiralRate: 0.0025 } },
  ]);
  is("10.1", printed(runs["10.1"], "spiral, tanh, points on the right side")[0]);
  is("10.2", printed(runs["10.2"], "6 sigmoid layers, mean size of each layer's first change")[0]);
  const neurons = [1, 2, 3, 4].map((h) =>
    printed(runs["10.3"], `from zero, hidden neuron ${h}'s weights after training`),
  );
  is(
    "10.3",
    neurons.every((w) => JSON.stringify(w) === JSON.stringify(neurons[0])),
  );
  is("10.4", printed(runs["10.4"], "rows at 0.5")[0]);
  // and the rows' outputs agree: the ReLU network without a bias answers [0, 0, 0] with exactly 0.5
  assert.equal(printed(runs["10.4"], "relu, no bias, output for [0, 0, 0]"), [0.5]);
  is("10.5", printed(runs["10.5"], "spiral, sigmoid, points on the right side")[0]);
});

test("notebook 11's answers are what its code prints after each exercise's change", () => {
  // the variants that do not read the penalised runs skip them
  const NO_PENALTIES: [string, string] = ['(["l2", "l1"] as const).map', '([] as ("l2" | "l1")[]).map'];
  const runs = runVariants("11-overfitting", [
    { name: "11.1", set: { noise: 0, hiddenSizes: [32], passes: 1 }, change: [NO_PENALTIES] },
    { name: "11.2", set: { penalty: 0.1, hiddenSizes: [32], passes: 1 } },
    { name: "11.4", set: { penalty: 0.03, hiddenSizes: [32], passes: 1 } },
    { name: "11.3", set: { samples: 400, learningRate: 0.0125, hiddenSizes: [32], passes: 1 }, change: [NO_PENALTIES] },
    { name: "11.5", set: { batchRate: 0.05, hiddenSizes: [0] }, change: [NO_PENALTIES] },
  ]);
  const errors = (run: string, name: string) => printed(run, `${name}, training and test error after 5000 iterations`);
  is("11.1", errors(runs["11.1"], "32 hidden neurons")[1]);
  is("11.2", errors(runs["11.2"], "32 hidden neurons, L2 0.1"));
  is("11.3", errors(runs["11.3"], "32 hidden neurons"));
  is("11.4", errors(runs["11.4"], "32 hidden neurons, L2 0.03")[1]);
  is("11.5", printed(runs["11.5"], "batches of 1, training error after 500 passes")[0]);
});

test.run();
