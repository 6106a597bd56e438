import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite, test } from "uvu";
import * as assert from "uvu/assert";
import type { Figure } from "../../src";
import { assertClose } from "../helpers/assert";
import {
  ARTIFACTS,
  type Execution,
  NOTEBOOKS,
  type Notebook,
  notebookNames,
  outputs,
  printedLines,
  ROOT,
  readNotebook,
  text,
} from "./helpers/notebooks";
import { recordedRuns, wantRecordedRuns } from "./helpers/site";

/** numpy's numbers for what each notebook prints, by label: test/reference/notebooks.py and chapter.py wrote them. */
const fixture = (name: string): Record<string, Record<string, number[]>> =>
  JSON.parse(readFileSync(join(ROOT, "test", "fixtures", name), "utf8"));
// 01 to 08 (test/reference/notebooks.py), then 09 to 11 (test/reference/chapter.py)
const expected = { ...fixture("notebooks.json"), ...fixture("chapter.json") };
const names = notebookNames();
// the site's suites, when they run first in this process, make the one build that runs these notebooks
wantRecordedRuns(names);
const PLOTLY = "application/vnd.plotly.v1+json";
const source = (nb: Notebook, i: number) => text(nb.cells[i].source);
const figures = (nb: Notebook) =>
  outputs(nb)
    .filter((o) => o.data?.[PLOTLY])
    .map((o) => o.data?.[PLOTLY] as Figure);

test("the tutorial has its eleven steps, numbered in reading order", () => {
  assert.equal(names, [
    "01-seeding",
    "02-sigmoid",
    "03-training-loop",
    "04-predict",
    "05-complete-network",
    "06-bias-and-gates",
    "07-hidden-layer",
    "08-real-data",
    "09-learning-rate",
    "10-activations",
    "11-overfitting",
  ]);
});

test("notebooks are committed without outputs or execution counts", () => {
  for (const name of names) {
    const nb = readNotebook(join(NOTEBOOKS, `${name}.ipynb`));
    for (const [i, cell] of nb.cells.entries()) {
      if (cell.cell_type !== "code") continue;
      assert.equal(cell.outputs, [], `${name}, cell ${i + 1}: outputs`);
      assert.is(cell.execution_count, null, `${name}, cell ${i + 1}: execution count`);
    }
  }
});

test("each notebook opens with a title, a sentence, links and a parameters cell, and closes with exercises", () => {
  for (const [n, name] of names.entries()) {
    const nb = readNotebook(join(NOTEBOOKS, `${name}.ipynb`));
    assert.is(nb.metadata.kernelspec?.name, "tslab", `${name}: kernel`);
    assert.match(source(nb, 0), /^# \d+\. .+\n\n[A-Z].+\.\n/, `${name}: title and one sentence`);
    const firstCode = nb.cells.find((c) => c.cell_type === "code");
    assert.ok(firstCode?.metadata.tags?.includes("parameters"), `${name}: the first code cell is tagged parameters`);
    assert.match(text(firstCode?.source), /^\/\/ parameters/, `${name}: the parameters cell says so`);
    const markdown = nb.cells.filter((c) => c.cell_type === "markdown").map((c) => text(c.source));
    assert.ok(
      markdown.some((m) => /\$\$?[^$]+\$/.test(m)),
      `${name}: math in LaTeX`,
    );
    assert.ok(
      markdown.some((m) => /^## (Try this|What to try next)/m.test(m)),
      `${name}: exercises`,
    );
    if (n > 0) assert.ok(source(nb, 0).includes(`(${names[n - 1]}.ipynb)`), `${name}: links to the previous step`);
    if (n < names.length - 1)
      assert.ok(source(nb, 0).includes(`(${names[n + 1]}.ipynb)`), `${name}: links to the next`);
    let codeSeen = 0;
    for (const [i, cell] of nb.cells.entries()) {
      if (cell.cell_type === "code") {
        assert.match(text(cell.source), /^\/\/ [a-z]/, `${name}, cell ${i + 1}: opens with a lowercase intent comment`);
        const isSetup = codeSeen++ < 2; // the parameters and the imports
        assert.ok(isSetup || nb.cells[i - 1]?.cell_type === "markdown", `${name}, cell ${i + 1}: prose comes first`);
      }
    }
  }
});

test("the index lists every notebook in reading order with one line each", () => {
  const index = readFileSync(join(NOTEBOOKS, "README.md"), "utf8");
  const linked = [...index.matchAll(/^\d+\. \[[^\]]+\]\(([^)]+)\.ipynb\): .+$/gm)].map((m) => m[1]);
  assert.equal(linked, names);
});

// Every notebook's runs: the test run's one `npm run build` (sharedBuild in helpers/site.ts) runs each
// in a fresh kernel, then every cell again in the same kernel with its parameters cell edited (as a
// reader reruns it: step-pages.test.ts checks that run's numbers against the page's own), two
// kernels at a time, and keeps both copies and the runner's stderr and exit status (made now unless
// a site suite made it already, sources unchanged).
for (const name of names) {
  const it = suite(name);
  let run: Execution;
  let missing: unknown;
  it.before(async () => {
    run = await recordedRuns(name).catch((error) => {
      missing = error; // each test reports it (uvu would end the whole run on an error in a hook)
      return run;
    });
  });
  it.before.each(() => {
    if (missing) throw missing;
  });

  it("runs top to bottom in a fresh kernel with no error and nothing on stderr, and again, edited, in the same kernel", () => {
    assert.is(run.status, 0, `${name} failed:\n${run.stderr}`);
    assert.is(run.edited?.failure, null, `${name}, run again with ${run.edited?.edit.to}: ${run.edited?.failure}`);
    for (const [label, nb] of [
      ["first run", run.first],
      [`second run, with ${run.edited?.edit.to}`, run.edited?.notebook],
    ] as const) {
      assert.ok(nb, `${name}: no ${label}`);
      for (const o of outputs(nb as Notebook)) {
        assert.is.not(o.output_type, "error", `${name} (${label}): ${o.ename}: ${o.evalue}`);
        assert.is.not(o.name, "stderr", `${name} (${label}) wrote to stderr: ${text(o.text)}`);
      }
    }
  });

  it("prints numpy's numbers, every one of them labelled and checked", () => {
    const want = expected[name];
    assert.ok(want, `test/fixtures/notebooks.json has no numbers for ${name}`);
    const seen = new Set<string>();
    for (const line of printedLines(run.first)) {
      // a check's ✓, and an exercise's request for an answer (check("2.1", undefined): no number of numpy's)
      if (line.startsWith("✓") || line.startsWith("✎")) continue;
      const at = line.indexOf(": ");
      const label = line.slice(0, Math.max(at, 0));
      if (!(label in want)) {
        assert.not.match(line, /\d/, `${name} prints a number no test checks: ${line}`);
        continue;
      }
      const numbers = [...line.slice(at + 2).matchAll(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi)].map((m) => Number(m[0]));
      assertClose(numbers, want[label], `${name}: ${label}`);
      seen.add(label);
    }
    assert.equal([...seen].sort(), Object.keys(want).sort(), `${name}: every expected number is printed`);
  });

  it("draws charts with a title and axis titles, and puts plotly.js on the page once", () => {
    const charts = figures(run.first);
    assert.ok(charts.length >= 1, `${name}: no chart`);
    for (const fig of charts) {
      const layout = fig.layout as Record<string, { text?: string; title?: { text?: string } } | undefined>;
      assert.ok(layout.title?.text, `${name}: a chart without a title`);
      const axes = layout.scene
        ? ["xaxis", "yaxis", "zaxis"].map((a) => (layout.scene as never)[a])
        : [layout.xaxis, layout.yaxis];
      for (const axis of axes as { title?: { text?: string }; visible?: boolean }[]) {
        if (axis?.visible === false) continue; // a diagram hides its axes
        assert.ok(axis?.title?.text, `${name}: "${layout.title?.text}" has an axis without a title`);
      }
    }
    const html = outputs(run.first).map((o) => String(o.data?.["text/html"] ?? ""));
    assert.is(html.filter((h) => h.includes("data-plotly-js")).length, 1, `${name}: plotly.js once per page`);
    assert.ok(
      html.find((h) => h.includes("perceptron-chart"))?.includes("data-plotly-js"),
      "the first chart carries it",
    );
  });

  it.run();
}

test("the training loop's charts hold numpy's error curve and a live chart of every 10th iteration", () => {
  const nb = readNotebook(join(ARTIFACTS, "03-training-loop.executed.ipynb"));
  const titled = (title: string) => figures(nb).find((f) => (f.layout?.title as { text?: string })?.text === title);
  const [error, weights, live] = [
    "Training error per iteration",
    "Each weight during training",
    "Live: error and one output while training",
  ].map((title) => titled(title) as Figure);
  const mse = expected["03-training-loop"];
  assert.is(error.data[0].y?.length, 10001);
  assertClose([Number(error.data[0].y?.[0])], mse["mean squared error at iteration 0"], "error at 0");
  assertClose([Number(error.data[0].y?.[10000])], mse["mean squared error at iteration 10000"], "error at 10000");
  assert.equal(
    weights.data.map((t) => t.name),
    ["weight 1", "weight 2", "weight 3"],
  );
  assertClose(
    weights.data.map((t) => Number(t.y?.[10000])),
    mse["weights after 10000 iterations"],
    "final weights",
  );
  assert.is(live.data.length, 2);
  assert.is(live.data[0].x?.length, 1001, "the live chart has every 10th iteration and the last");
  assert.is(Number(live.data[0].x?.[1000]), 10000);
});

test("the training loop draws the perceptron before and after training, and gradient descent on the error surface", () => {
  const nb = readNotebook(join(ARTIFACTS, "03-training-loop.executed.ipynb"));
  const mse = expected["03-training-loop"];
  const diagrams = figures(nb).filter((f) => f.data.some((t) => t.name === "nodes"));
  assert.is(diagrams.length, 2);
  const labels = diagrams.map((f) => f.data.find((t) => t.name === "weights")?.text);
  assert.equal(
    labels[0],
    mse["initial weights"].map((w) => w.toFixed(2)),
  );
  assert.equal(
    labels[1],
    mse["weights after 10000 iterations"].map((w) => w.toFixed(2)),
  );
  const widths = diagrams.map((f) =>
    f.data.filter((t) => t.mode === "lines").map((t) => (t.line as { width: number }).width),
  );
  assert.ok(widths[1][0] > widths[0][0], "the first input's connection grows");
  const surface = figures(nb).find((f) => f.data[0]?.type === "contour");
  assert.ok(surface, "an error surface");
  const [contour, path] = surface.data;
  assert.is((contour.z as number[][]).length, 46);
  assert.is((contour.z as number[][])[0].length, 71);
  assert.is(path.x?.length, 10001, "the path has every iteration");
  assertClose([Number(path.x?.[10000]), Number(path.y?.[10000])], [9.672993027736892, -4.62963668773159], "path's end");
});

test.run();
