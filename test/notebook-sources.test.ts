// What the notebooks' sources say, read as files: the sigmoid's slope written at the sum (σ′(z),
// not σ′ of an output), every exercise with an answer a reader can open, and every check() call
// naming an exercise whose answer the module holds (src/notebook/answers.ts).
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ANSWERS } from "../src";
import { type Cell, NOTEBOOKS, notebookNames, readNotebook, text } from "./e2e/helpers/notebooks";

const names = notebookNames();
const cellsOf = (name: string) => readNotebook(join(NOTEBOOKS, `${name}.ipynb`)).cells;
const textOf = (cell: Cell) => text(cell.source);

test("the notebooks are there: 01 to 08 at least", () => {
  assert.ok(names.length >= 8, names.join(", "));
});

test("no notebook writes the sigmoid's slope as σ′ of an output (σ′ takes the weighted sum)", () => {
  const wrong = [/\\sigma'\(\\text\{output\}/, /\\sigma'\(\\sigma\(/, /σ′\(output/, /σ′\(σ\(/, /\\sigma'\(o\b/];
  for (const name of names) {
    for (const [i, cell] of cellsOf(name).entries()) {
      for (const form of wrong) assert.not.match(textOf(cell), form, `${name}, cell ${i + 1}: ${form}`);
    }
  }
});

test("every exercise has an answer behind <details>, and every check() names an exercise with an answer", () => {
  const used = new Set<string>();
  for (const name of names) {
    const n = Number(name.slice(0, 2));
    const cells = cellsOf(name).map(textOf);
    const exercises = cells.flatMap((text) => {
      const at = text.indexOf("## Try this\n");
      if (at < 0) return [];
      const list = text.slice(at).split("\n\n")[1] ?? "";
      return list
        .split("\n")
        .flatMap((line) => (/^(\d+)\. /.exec(line)?.[1] ? [Number(/^(\d+)\. /.exec(line)?.[1])] : []));
    });
    assert.ok(exercises.length > 0, `${name}: has exercises under "## Try this"`);
    assert.equal(
      exercises,
      exercises.map((_, k) => k + 1),
      `${name}: exercises numbered 1, 2, …`,
    );
    const answers = cells.find((text) => text.startsWith("## Answers\n")) ?? "";
    const opened = [
      ...answers.matchAll(/<details>\n<summary>(\d+)\. [^\n]+?<\/summary>\n\n[^<]{40,}\n\n<\/details>/g),
    ].map((m) => Number(m[1]));
    assert.equal(opened, exercises, `${name}: one answer behind <details> for each exercise, in order`);
    for (const text of cells) {
      for (const m of text.matchAll(/check\("([^"]+)"/g)) {
        assert.ok(Object.hasOwn(ANSWERS, m[1]), `${name}: check("${m[1]}") has an answer`);
        assert.ok(m[1].startsWith(`${n}.`), `${name}: check("${m[1]}") is one of its own exercises`);
        assert.ok(exercises.includes(Number(m[1].split(".")[1])), `${name}: check("${m[1]}") is an exercise it has`);
        used.add(m[1]);
      }
    }
  }
  assert.equal([...used].sort(), Object.keys(ANSWERS).sort(), "every answer is checked in its notebook");
});

test.run();
