// Each entry builds its drawing calls for where it runs (outputsFor): nothing is set by an import.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as browser from "../src/browser";
import type { MimeBundle } from "../src/charts/plotly";
import { Display, NO_SCRIPTS } from "../src/notebook/display";
import { NOWHERE, outputsFor } from "../src/notebook/outputs";
import { notebookDisplay, tslabEnvironment } from "../src/notebook/tslab-display";
import { assertThrows } from "./helpers/assert";

const FIGURE = { data: [{ name: "error", x: [0, 1], y: [0.3, 0.1] }], layout: { title: "Training error" } };

test("outputsFor draws in the environment's display, with its scripts on a new page", () => {
  const sent: MimeBundle[] = [];
  const scripts = {
    plotly: () => "<script data-test-plotly></script>",
    module: () => "<script data-test-module></script>",
  };
  const page = new Display((bundle) => sent.push(bundle), scripts);
  const outputs = outputsFor({ display: () => page, scripts });
  outputs.plot(FIGURE);
  outputs.plot(FIGURE);
  outputs.explore({ iterations: 10 });
  assert.is(sent.length, 3);
  assert.equal(
    sent.map((bundle) => bundle["text/html"].split("data-test-plotly").length - 1),
    [1, 0, 0],
    "plotly.js once a page",
  );
  assert.is(sent[2]["text/html"].split("data-test-module").length - 1, 1, "the module with the first explorer");
  const own: MimeBundle[] = [];
  outputs.plot(FIGURE, { display: new outputs.Display((bundle) => own.push(bundle)) });
  assert.ok(own[0]["text/html"].includes("data-test-plotly"), "a Display made there gets the environment's scripts");
});

test("two environments do not share a display: each entry's calls draw where it says", () => {
  const [a, b]: MimeBundle[][] = [[], []];
  const first = outputsFor({ display: () => new Display((bundle) => a.push(bundle)), scripts: NO_SCRIPTS });
  const second = outputsFor({ display: () => new Display((bundle) => b.push(bundle)), scripts: NO_SCRIPTS });
  first.plot(FIGURE);
  second.plot(FIGURE);
  second.plot(FIGURE);
  assert.equal([a.length, b.length], [1, 2]);
});

test("in a page without a notebook, a call without a display says it needs one", () => {
  assertThrows(
    () => browser.plot(FIGURE),
    TypeError,
    /^plot\(\): options\.display is needed here: there is no notebook to draw in$/,
  );
  assertThrows(() => outputsFor(NOWHERE).explore(), TypeError, /^explore\(options\)\.display is needed here/);
  const sent: MimeBundle[] = [];
  browser.plot(FIGURE, { display: (bundle) => sent.push(bundle) });
  assert.is(sent[0]["text/plain"], "Chart: Training error (1 trace: error)");
});

test("the kernel's display puts plotly.js and the module on its page, as its environment says", () => {
  const display = notebookDisplay();
  assert.is(tslabEnvironment.display("plot(): options"), display, "one display a kernel");
  assert.is(display.scripts, tslabEnvironment.scripts);
  assert.match(display.scripts.plotly(), /^<script data-plotly-js>/);
  assert.match(display.scripts.module(), /^<script data-perceptron-js>/);
});

test.run();
