// The playground's code panel: its program, run by Node (tsx) against the module's source, prints
// exactly what the page shows for the same settings (runReport of the run); a hostile CSV cannot
// inject code. The programs run in one child process, started first, while the runs train here.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { playgroundCode, runReport, templateLiteral } from "../../src/playground/code";
import { playgroundRun } from "../../src/playground/run";
import { FEATURE_NAMES, type PlaygroundSettings, playgroundDefaults } from "../../src/playground/settings";

const settings = (changes: Partial<PlaygroundSettings>): PlaygroundSettings => ({
  ...playgroundDefaults(),
  ...changes,
});

/** Rows of a CSV: `n` points around each centre, labelled by `label(c)`; lines end with `eol`. */
function csvText(centres: [number, number][], label: (c: number) => string, n: number, eol = "\n"): string {
  const lines = ["x,y,label"];
  for (let i = 0; i < n; i++) {
    centres.forEach(([a, b], c) => {
      lines.push(`${a + Math.cos(i * 1.7 + c) * 0.8},${b + Math.sin(i * 2.3 + c) * 0.8},${label(c)}`);
    });
  }
  return lines.join(eol) + eol;
}

/** Labels that would run code, or end the literal, if the CSV were pasted in unescaped. */
const HOSTILE = ["plain", `tick\`\${process.exit(1)}\`\\`, '"quoted, a comma"', "line\u2028sep\\"];

const CASES: Record<string, PlaygroundSettings> = {
  defaults: settings({ epochs: 20 }),
  xor: settings({
    data: "xor",
    features: ["x1x2"],
    hidden: [],
    epochs: 20,
    speed: 7,
    showTest: true,
    discretize: true,
  }),
  spiral: settings({
    data: "spiral",
    noise: 10,
    features: [...FEATURE_NAMES],
    activation: "relu",
    regularization: "l2",
    regularizationRate: 0.003,
    batchSize: 1,
    epochs: 5,
  }),
  plane: settings({ problem: "regression", data: "plane", noise: 5, ratio: 70, seed: 7, hidden: [3], epochs: 10 }),
  hostileCsv: settings({
    data: "csv",
    csv: csvText(
      [
        [0, 0],
        [3, 0],
        [0, 3],
        [3, 3],
      ],
      (c) => HOSTILE[c],
      15,
      "\r\n",
    ),
    ratio: 60,
    features: ["x1", "x2", "x1x2"],
    regularization: "l1",
    regularizationRate: 0.001,
    epochs: 20,
  }),
  numberCsv: settings({
    data: "csv",
    csv: csvText(
      [
        [-1, 2],
        [2, -1],
      ],
      (c) => (c === 0 ? "-1" : "1"),
      20,
    ),
    loss: "squared",
    bias: false,
    activation: "sigmoid",
    epochs: 20,
  }),
  regressionCsv: settings({
    problem: "regression",
    data: "csv",
    csv: csvText(
      [
        [0, 0],
        [2, 1],
      ],
      (c) => String(c * 0.5 - 0.25),
      20,
    ),
    features: ["x2", "sinx2"],
    hidden: [2],
    epochs: 10,
  }),
  edits: settings({
    epochs: 10,
    edits: [
      { epoch: 4, layer: 1, from: 0, to: 1, value: -2.5 },
      { epoch: 0, layer: 0, from: 1, to: 2, value: 0.75 },
      { epoch: 10, layer: 2, from: 1, to: 0, value: 3 },
      { epoch: 4, layer: 1, from: 0, to: 1, value: 1.25 },
      { epoch: 4, layer: 0, from: 0, to: 3, value: -0.125 },
      { epoch: 50, layer: 0, from: 0, to: 0, value: 9 },
    ],
  }),
  stops: settings({ data: "spiral", learningRate: 10, epochs: 5 }),
};

const index = JSON.stringify(resolve(__dirname, "..", "..", "src", "index.ts"));
const programs = Object.fromEntries(
  Object.entries(CASES).map(([name, s]) => [name, playgroundCode(s, s.epochs)] as const),
) as Record<string, string>;

// Every program in one process (a Node and the module loaded once): a file each, and a driver that
// requires them in turn, each after a line naming it.
const child = (() => {
  const dir = mkdtempSync(join(tmpdir(), "playground-code-"));
  for (const [name, code] of Object.entries(programs)) {
    writeFileSync(join(dir, `${name}.ts`), code.replace('"perceptron-notebooks"', index));
  }
  const driver = join(dir, "driver.cjs");
  writeFileSync(
    driver,
    `for (const name of ${JSON.stringify(Object.keys(programs))}) {\n` +
      '  console.log("=== " + name);\n' +
      '  try { require("./" + name + ".ts"); } catch (error) { console.log("error: " + error); }\n' +
      "}\n",
  );
  const args = ["--import", "tsx", driver];
  // No execFile timeout: its timer counts from here, at import, and when this process has been busy
  // past it (other suites' synchronous work), it fires before the exit is seen and throws away the
  // unread output of a child that ended well. The test below sets its own deadline instead.
  const options = { cwd: resolve(__dirname, "..", ".."), maxBuffer: 1 << 26 };
  let spawned: ReturnType<typeof execFile> | undefined;
  const done = new Promise<{ failed: boolean; out: string; err: string }>((end) => {
    spawned = execFile(process.execPath, args, options, (error, out, err) => end({ failed: error !== null, out, err }));
  });
  return { dir, done, kill: () => spawned?.kill() };
})();

test("each program prints exactly the run's report: losses, weights and biases to the last digit", async () => {
  try {
    const runs = Object.fromEntries(Object.entries(CASES).map(([name, s]) => [name, playgroundRun(s)]));
    assert.is(runs.stops.epoch, 0, "learning rate 10 on the spiral stops at once");
    assert.ok(runs.stops.stopped !== null);
    assert.is(runs.spiral.epoch, 5);
    assert.is(runs.edits.settings.edits.length, 5, "every edit up to epoch 10 was made");
    assert.is(runs.hostileCsv.data.classes?.length, 4);
    // tsx compiles the module in the child: slow on a busy machine, so a deadline counted from now
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"late">((end) => {
      timer = setTimeout(() => end("late"), 180_000);
    });
    const result = await Promise.race([child.done, deadline]);
    clearTimeout(timer);
    if (result === "late") child.kill();
    assert.ok(result !== "late", "the programs ran within 3 minutes of this test's start");
    const { failed, out, err } = result as Awaited<typeof child.done>;
    assert.not.ok(failed, err);
    const printed = Object.fromEntries(
      out
        .split(/^=== /m)
        .slice(1)
        .map((part) => {
          const [name, ...lines] = part.split("\n");
          return [name, lines.join("\n")];
        }),
    );
    assert.equal(Object.keys(printed), Object.keys(CASES), `every program ran to its end (none exited):\n${out}${err}`);
    for (const [name, run] of Object.entries(runs)) {
      assert.fixture(printed[name], `${runReport(run)}\n`, name);
    }
  } finally {
    await child.done; // the programs are read before their files go
    rmSync(child.dir, { recursive: true, force: true });
  }
});

test("a program imports only what it uses, leaves out the page's settings, and keeps its lines short", () => {
  assert.match(programs.defaults, 'import { Network, playgroundData, trainTestSplit } from "perceptron-notebooks";');
  assert.match(programs.hostileCsv, 'import { Network, readCsv, trainTestSplit } from "perceptron-notebooks";');
  assert.match(programs.xor, "const features = ([x1, x2]: number[]) => [x1 * x2];");
  assert.match(programs.regressionCsv, "const features = ([, x2]: number[]) => [x2, Math.sin(x2)];");
  assert.match(programs.spiral, "  [x1, x2, x1 * x1, x2 * x2, x1 * x2, Math.sin(x1), Math.sin(x2)];");
  assert.match(programs.spiral, "{ learningRate: 0.03, batchSize: 1, l2: 0.003 }");
  assert.match(programs.plane, "{ samples: 1200, noise: 0.05, seed: 7 }");
  assert.match(programs.plane, "{ testFraction: 0.3, seed: 7 }");
  assert.match(programs.hostileCsv, "Array.from({ length: 4 }");
  assert.match(programs.numberCsv, "classes.indexOf(label)");
  assert.not.match(programs.hostileCsv, "classes.indexOf(label)", "names are indices already");
  assert.not.match(programs.edits, "value: 9 }", "an edit after the last epoch is left out");
  for (const [name, code] of Object.entries(programs)) {
    assert.not.match(code, /speed|showTest|discretize/, name);
    const imported = /^import \{ (.*) \}/m.exec(code)?.[1].split(", ") ?? [];
    const body = code.slice(code.indexOf("\n", code.indexOf("import {")));
    for (const name of imported) assert.ok(body.includes(`${name}(`) || body.includes(`${name}.`), name);
    if (!name.endsWith("Csv")) {
      for (const line of code.split("\n")) assert.ok(line.length <= 100, `${name}: ${line}`);
    }
  }
});

test("templateLiteral: any text, read back the same; nothing in it runs", () => {
  const unit = fc.constantFrom("\\", "`", "$", "{", "}", "\r", "\n", "\t", "\u2028", "\u0000", "\ud800", "\udc00", "a");
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit }), fc.string({ unit: "binary" })), (text) => {
      const literal = templateLiteral(text);
      assert.is(Function(`return ${literal};`)(), text);
      assert.not.match(literal, /[\r\u2028\u2029]/);
    }),
  );
  assert.is(templateLiteral(`a\`\${b}\\`), `\`a\\\`\\\${b}\\\\\``);
});

test.run();
