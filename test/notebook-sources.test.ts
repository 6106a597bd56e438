// What the notebooks' sources say, read as files: the sigmoid's slope written at the sum (σ′(z),
// not σ′ of an output), every exercise with an answer a reader can open, every check() call
// naming an exercise whose answer the module holds (src/notebook/answers.ts), and no cell spending
// more than 15 lines on a chart's layout (the chart module, src/charts/, holds it).
import { join } from "node:path";
import * as ts from "typescript";
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

/** The calls that draw, and Plotly's own keys: a statement with either is chart code. */
const DRAWS = new Set(["plot", "liveChart", "explore"]);
const PLOTLY_KEYS = new Set([
  "layout",
  "xaxis",
  "yaxis",
  "scene",
  "shapes",
  "annotations",
  "sliders",
  "legend",
  "showlegend",
  "margin",
  "barmode",
  "marker",
  "colorscale",
  "colorbar",
  "hovertemplate",
  "texttemplate",
  "textposition",
]);

/**
 * A cell's chart-layout lines: the lines of each top-level statement that draws (calls plot,
 * liveChart or explore) or writes one of Plotly's keys (layout, xaxis, marker, colorscale, …), from
 * its first line to its last, not counting lines of brackets, commas and semicolons alone.
 */
function chartLines(source: string): number {
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.Latest, true);
  const isChart = (node: ts.Node): boolean =>
    (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && DRAWS.has(node.expression.text)) ||
    (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && PLOTLY_KEYS.has(node.name.text)) ||
    ts.forEachChild(node, isChart) === true;
  const lines = source.split("\n");
  let count = 0;
  for (const statement of file.statements) {
    if (!isChart(statement)) continue;
    const first = file.getLineAndCharacterOfPosition(statement.getStart(file)).line;
    const last = file.getLineAndCharacterOfPosition(statement.getEnd()).line;
    count += lines.slice(first, last + 1).filter((line) => !/^[\s()[\]{},;]*$/.test(line)).length;
  }
  return count;
}

test("the rule counts a chart's lines: what draws and what writes Plotly's keys, brackets alone aside", () => {
  const handMade = 'plot({\n  data: [{ x: [1], y: [2] }],\n  layout: {\n    title: "t",\n  },\n});';
  assert.is(chartLines(handMade), 4, "plot({, data, layout: {, title");
  assert.is(chartLines("const a = 1;\nconst b = [a, 2];\nconsole.log(b);"), 0, "no chart");
  const helper = 'const trace = (y: number[]) => ({\n  y,\n  marker: { color: "red" },\n});\nconst n = 3;';
  assert.is(chartLines(helper), 3, "a helper that builds traces by hand counts; the line after it does not");
  assert.is(chartLines('// a chart\nconst s = [1];\nplot(lineChart({ title: "t" }));'), 1);
});

test("no code cell spends more than 15 lines on chart layout (the chart module holds it: src/charts/)", () => {
  const over: string[] = [];
  for (const name of names) {
    for (const [i, cell] of cellsOf(name).entries()) {
      if (cell.cell_type !== "code") continue;
      const lines = chartLines(textOf(cell));
      if (lines > 15) over.push(`${name}, cell ${i + 1}: ${lines} lines of chart layout`);
    }
  }
  assert.equal(over, [], "draw with one call of the chart module (lineChart, barChart, heatGrid, …) instead");
});

test.run();
