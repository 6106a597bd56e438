import { test } from "uvu";
import * as assert from "uvu/assert";
import { Display, type DisplaySink, type Figure, liveChart, type MimeBundle, plot } from "../src";
import { COLORS } from "../src/charts/palette";
import { chartBundle, chartHtml, escapeHtml, scriptJson, withDefaults } from "../src/charts/plotly";
import { notebookDisplay, plotlyScript } from "../src/notebook/tslab-display";
import { assertThrows } from "./helpers/assert";

const jupyter: {
  lastWriteDisplayData: ((message: object, update: boolean) => void) | null;
} = require("tslab/dist/jupyter");
const FIGURE: Figure = {
  data: [{ x: [0, 1, 2], y: [0.3, 0.1, 0.05], name: "error", mode: "lines" }],
  layout: { title: "Training error", xaxis: { title: "iteration" }, yaxis: { title: "error", type: "log" } },
};
const EVIL = `</script><img src=x onerror="alert(1)"><!-- & \u2028`;

/** Runs `fn` with tslab's display hook replaced by one that records each message. */
function withKernel(
  fn: () => void,
): { message: { data: MimeBundle; transient: { display_id: string } }; update: boolean }[] {
  const sent: ReturnType<typeof withKernel> = [];
  jupyter.lastWriteDisplayData = (message, update) => sent.push({ message: message as never, update });
  try {
    fn();
  } finally {
    jupyter.lastWriteDisplayData = null;
  }
  return sent;
}

test("plot sends one output carrying Plotly's JSON, HTML that draws it, and text", () => {
  const sent = withKernel(() => plot(FIGURE));
  assert.is(sent.length, 1);
  const { data } = sent[0].message;
  assert.equal(Object.keys(data).sort(), ["application/vnd.plotly.v1+json", "text/html", "text/plain"]);
  const fig = data["application/vnd.plotly.v1+json"];
  assert.equal(fig.data, FIGURE.data);
  assert.equal(fig.layout?.title, { text: "Training error" });
  assert.is(data["text/plain"], "Chart: Training error (1 trace: error)");
  assert.match(data["text/html"], /<div id="chart-[0-9a-f-]+" class="perceptron-chart"/);
  assert.match(data["text/html"], /Plotly\.newPlot\(div, figure\)/);
});

test("plotly.js goes on a page once: with the first chart of a display, not with later ones", () => {
  const sent: MimeBundle[] = [];
  const display = new Display((bundle) => sent.push(bundle));
  plot(FIGURE, { display });
  plot(FIGURE, { display });
  const live = liveChart(FIGURE, { display });
  live.flush();
  assert.is(sent.length, 3);
  assert.equal(
    sent.map((bundle) => bundle["text/html"].split("data-plotly-js").length - 1),
    [1, 0, 0],
  );
  assert.is(chartBundle(FIGURE, plotlyScript())["text/html"].split("data-plotly-js").length, 2, "once in a bundle");
});

test("a sink given as a function is a page of its own; the kernel has one display", () => {
  const sent: MimeBundle[] = [];
  plot(FIGURE, { display: (bundle) => sent.push(bundle) });
  assert.ok(sent[0]["text/html"].includes("data-plotly-js"), "a new page gets the library");
  assert.is(notebookDisplay(), notebookDisplay());
  assertThrows(
    () => plot(FIGURE, { display: 5 as never }),
    TypeError,
    /plot\(\): options\.display must be a function or a Display, got 5/,
  );
  assertThrows(() => plot(FIGURE, { every: 1 } as never), TypeError, /plot\(\): options has an unknown option "every"/);
  assertThrows(() => new Display(null as never), TypeError, /new Display\(send\): send must be a function, got null/);
});

test("plotlyScript inlines the whole library from plotly.js-dist, with nothing fetched", () => {
  const inline = plotlyScript();
  assert.ok(inline.length > 1_000_000, "the library itself");
  assert.match(inline, /^<script data-plotly-js>/);
  assert.is(inline.match(/<\/script/gi)?.length, 1, "only the closing tag can close the script");
  assert.not.match(inline, /<script[^>]+src=/);
  assert.is(plotlyScript("assets/plotly.js"), '<script src="assets/plotly.js" charset="utf-8"></script>');
  assert.is(plotlyScript('x"><b>'), '<script src="x&#34;&#62;&#60;b&#62;" charset="utf-8"></script>');
});

test("defaults give colour-blind-safe colours, titled axes and a chart that resizes with the page", () => {
  const fig = withDefaults(FIGURE);
  assert.equal(fig.layout?.colorway, COLORS);
  assert.is(COLORS[0], "#0072B2");
  assert.equal(fig.config, { responsive: true, displaylogo: false });
  const layout = fig.layout as { xaxis: { title: { text: string } }; yaxis: { type: string } };
  assert.is(layout.xaxis.title.text, "iteration");
  assert.is(layout.yaxis.type, "log", "the figure's own settings win");
  assert.is(withDefaults({ data: [], config: { responsive: false } }).config?.responsive, false);
  const second = withDefaults({ data: [], layout: { yaxis2: { title: "output", overlaying: "y" } } }).layout?.yaxis2;
  const plain = withDefaults({ data: [] }).layout?.xaxis as object;
  assert.equal(second, { ...plain, title: { text: "output" }, overlaying: "y" });
  assert.is((second as { automargin: boolean }).automargin, true, "every axis gets the defaults: yaxis2 too");
});

test("text that reaches HTML is escaped: a title cannot inject markup", () => {
  const html = chartHtml({ data: [{ y: [1], name: EVIL }], layout: { title: EVIL } }, "chart-1");
  assert.is(html.match(/<\/script>/g)?.length, 1, "one closing tag: the chart's own");
  assert.not.match(html, /<img/);
  assert.not.match(html, /<!--/);
  assert.ok(html.includes("Interactive chart: &#60;/script&#62;&#60;img"), "the fallback text is escaped");
  assert.ok(html.includes("\\u003c/script\\u003e\\u003cimg"), "the figure's JSON is escaped inside the script");
  assert.is(escapeHtml(`<a href="x">'&'</a>`), "&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
  assert.equal(JSON.parse(scriptJson({ t: EVIL })), { t: EVIL }, "escaped JSON still parses to the same text");
  assert.not.match(chartHtml(FIGURE, `"><script>`), /"><script>/, "the id is escaped too");
});

test("plot refuses what is not a figure, saying what a figure is", () => {
  assertThrows(
    () => plot([1, 2] as never),
    TypeError,
    /a figure must be an object with a data array, .* got an array of length 2/,
  );
  assertThrows(() => plot({ data: [5] } as never), TypeError, /figure\.data\[0\] must be a trace object .* got 5/);
  assertThrows(() => liveChart(null as never), TypeError, /got null/);
});

test("without tslab's hook, plot falls back to tslab's HTML display, else to text", () => {
  const tslab = require("tslab");
  const original = tslab.newDisplay;
  const shown: string[] = [];
  tslab.newDisplay = () => ({ html: (html: string) => shown.push(html) });
  try {
    plot(FIGURE);
  } finally {
    tslab.newDisplay = original;
  }
  assert.is(shown.length, 1);
  assert.match(shown[0], /class="perceptron-chart"/);
  const printed: string[] = [];
  const log = console.log;
  console.log = (line: string) => printed.push(line);
  try {
    plot(FIGURE);
  } finally {
    console.log = log;
  }
  assert.equal(printed, ["Chart: Training error (1 trace: error)"]);
});

test("a live chart redraws one output in place, at most every `interval` ms", () => {
  const sent: [MimeBundle, string, boolean][] = [];
  const display: DisplaySink = (bundle, id, update) => sent.push([bundle, id, update]);
  const live = liveChart(
    { data: [{ name: "a" }, { name: "b" }], layout: { title: "live" } },
    { interval: 60_000, display },
  );
  for (let i = 0; i < 100; i++) live.push(i, [i, 2 * i]);
  assert.is(sent.length, 1, "the first point draws; the rest wait for the interval");
  live.flush();
  assert.is(live.draws, 2);
  assert.equal(
    sent.map(([, , update]) => update),
    [false, true],
  );
  assert.is(new Set(sent.map(([, id]) => id)).size, 1, "one output, updated");
  const last = sent[1][0]["application/vnd.plotly.v1+json"];
  assert.is(last.data[1].y?.length, 100);
  assert.is(last.data[1].y?.[99], 198);
  assert.equal(live.figure.data[0].x, last.data[0].x);
});

test("a live chart checks what it is given", () => {
  const display: DisplaySink = () => {};
  assertThrows(
    () => liveChart(FIGURE, { interval: -1, display }),
    RangeError,
    /options\.interval must be an integer from 0/,
  );
  assertThrows(
    () => liveChart(FIGURE, { display: 5 as never }),
    TypeError,
    /options\.display must be a function or a Display, got 5/,
  );
  assertThrows(() => liveChart(FIGURE, { every: 5 } as never), TypeError, /unknown option "every"/);
  const live = liveChart(FIGURE, { display });
  assertThrows(() => live.push(1, [1, 2]), RangeError, /expected 1 values? \(one per trace\), got 2/);
});

test.run();
