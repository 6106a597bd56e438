// A playground run (src/playground/run.ts) against numpy (test/reference/playground.py writes
// test/fixtures/playground.json): the points, the split, the features and the network trained an
// epoch at a time, every loss per epoch, the last weights, the accuracy and where a run stops; and
// what a run does with a bad CSV, a weight that is not there, and a step after it stopped.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { CsvProblems, PlaygroundRun } from "../src/playground/run";
import { type PlaygroundSettings, playgroundDefaults } from "../src/playground/settings";
import { assertClose, assertThrows, TOL } from "./helpers/assert";
import { compare } from "./helpers/compare";

interface Case {
  name: string;
  settings: Partial<PlaygroundSettings>;
  classes: string[] | null;
  split: { train: number; test: number };
  losses: { train: number[]; test: number[] };
  weights: number[][][];
  biases: number[][] | null;
  accuracy: { train: number | null; test: number | null };
  /** The epochs trained before a loss stopped being a number, or null. */
  stopped: number | null;
  /** How far a one-ulp nudge of the first weights moves numpy's own losses: far below TOL, or 1e-12 means nothing. */
  sensitivity: number;
}

const fixtures: { cases: Case[] } = JSON.parse(readFileSync(join(__dirname, "fixtures", "playground.json"), "utf8"));

const settingsOf = (c: Case): PlaygroundSettings => ({ ...playgroundDefaults(), ...c.settings });

for (const c of fixtures.cases) {
  test(`numpy's run: ${c.name}`, () => {
    const settings = settingsOf(c);
    const run = new PlaygroundRun(settings);
    const trained = run.step(settings.epochs);
    assert.ok(c.sensitivity < TOL / 10, `numpy's own rounding moves this run by ${c.sensitivity}`);
    assert.equal(run.data.classes, c.classes, "classes");
    assert.equal({ train: run.trainRows.length, test: run.testRows.length }, c.split, "split");
    assertClose(run.losses.train, c.losses.train, "training loss per epoch");
    assertClose(run.losses.test, c.losses.test, "test loss per epoch");
    compare(run.network.weights, c.weights, "weights", () => TOL);
    compare(run.network.biases, c.biases, "biases", () => TOL);
    assert.equal({ train: run.accuracy("train"), test: run.accuracy("test") }, c.accuracy, "accuracy");
    if (c.stopped === null) {
      assert.is(run.stopped, null, "not stopped");
      assert.is(trained, settings.epochs);
    } else {
      assert.type(run.stopped, "string", "stopped");
      assert.match(run.stopped as string, `Training stopped at epoch ${c.stopped + 1}:`);
      assert.is(trained, c.stopped);
    }
    assert.is(run.epoch, trained);
  });
}

/** The problems a run's CSV has: what the CsvProblems (a RangeError) it throws lists, and its message. */
function csvProblems(csv: string): { problems: string[]; message: string } {
  try {
    new PlaygroundRun({ ...playgroundDefaults(), data: "csv", csv });
  } catch (error) {
    assert.instance(error, CsvProblems);
    assert.instance(error, RangeError);
    return { problems: (error as CsvProblems).problems, message: (error as CsvProblems).message };
  }
  assert.unreachable("the CSV was read, not refused");
  return { problems: [], message: "" };
}

test("a bad CSV: CsvProblems names every bad line and its column, and no run is made", () => {
  const bad = csvProblems('x,y,label\n1,2,a\nfoo,3,b\n4,,a\n5,6\n7,8,\n9,1e999,"b"\n');
  assert.equal(bad.problems, [
    'line 3, column "x": "foo" is not a finite number',
    'line 4, column "y": "" is not a finite number',
    "line 5 has 2 values, the header 3",
    'line 6, column "label": the target is empty',
    'line 7, column "y": "1e999" is not a finite number',
  ]);
  assert.match(bad.message, /^The CSV could not be read: line 3, column "x": .*; line 5 has 2 values.*; …$/);
  assert.equal(csvProblems("x,label\n1,a\n2,b\n").problems, [
    "line 1: it needs two input columns and a label, got 2 columns",
  ]);
  assert.equal(csvProblems("x,y,label\n1,2,a\n3,4,a\n").problems, [
    'column "label" has 1 classes; the playground takes 2 to 8',
  ]);
});

test("an edit outside the network is a RangeError naming weights[l][i][j], and changes nothing", () => {
  const run = new PlaygroundRun({ ...playgroundDefaults(), data: "xor" });
  run.step(3);
  const network = run.network.toJSON();
  const losses = structuredClone(run.losses);
  // layers 2, 4, 2, 1: weights[2] is 2 × 1, weights[0] 2 × 4, and there is no weights[3]
  assertThrows(() => run.edit(2, 0, 1, 0.5), RangeError, /The weight weights\[2\]\[0\]\[1\] is not in this network/);
  assertThrows(() => run.edit(0, 2, 0, 0.5), RangeError, /weights\[0\]\[2\]\[0\] is not in this network/);
  assertThrows(() => run.edit(3, 0, 0, 0.5), RangeError, /weights\[3\]\[0\]\[0\] is not in this network/);
  assertThrows(() => run.edit(0, 0, 0, Number.NaN), RangeError, /weights\[0\]\[0\]\[0\] must be a finite number/);
  assert.equal(run.network.toJSON(), network);
  assert.equal(run.losses, losses);
  assert.equal(run.settings.edits, []);
  assert.is(run.epoch, 3);
  const edit = { epoch: 0, layer: 1, from: 4, to: 0, value: 1 };
  assertThrows(
    () => new PlaygroundRun({ ...playgroundDefaults(), edits: [edit] }),
    RangeError,
    /weights\[1\]\[4\]\[0\] is not in this network \(layers 2, 4, 2, 1\)/,
  );
});

test("edit() at the end of an epoch is the same run as that edit in the settings", () => {
  const edit = { epoch: 5, layer: 1, from: 2, to: 0, value: -1.25 };
  const byHand = new PlaygroundRun({ ...playgroundDefaults(), data: "xor", seed: 7 });
  byHand.step(5);
  byHand.edit(edit.layer, edit.from, edit.to, edit.value);
  byHand.step(3);
  const fromSettings = new PlaygroundRun({ ...playgroundDefaults(), data: "xor", seed: 7, edits: [edit] });
  fromSettings.step(8);
  assert.equal(byHand.losses, fromSettings.losses);
  assert.equal(byHand.network.toJSON(), fromSettings.network.toJSON());
  assert.equal(byHand.settings.edits, [edit]);
  assert.is(byHand.network.weights[1][2][0] === -1.25, false, "trained on after the edit");
});

test("step() after the run stopped trains nothing: the network before the bad epoch is kept", () => {
  const settings = { ...playgroundDefaults(), data: "spiral" as const, learningRate: 10 };
  const run = new PlaygroundRun(settings);
  const first = run.network.toJSON();
  assert.is(run.step(4), 0);
  assert.match(run.stopped as string, /Training stopped at epoch 1: .* The learning rate \(10\) is too high/);
  assert.equal(run.network.toJSON(), first);
  const losses = structuredClone(run.losses);
  assert.is(run.step(), 0);
  assert.is(run.step(100), 0);
  assert.is(run.epoch, 0);
  assert.equal(run.losses, losses);
  assert.equal(run.network.toJSON(), first);
});

test.run();
