// End to end: the classic Notebook, in headless Chromium, runs 03-training-loop through its own
// menus, and the charts draw. The server serves a temporary copy: its autosave never touches
// notebooks/. The page may load from 127.0.0.1 only.
// One file, past 250 lines: the server, the kernel and the page are made once for every test.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { defaults, report, run as runExplorer } from "../../src/explorer/explorer";
import {
  launchChromium,
  type Mirror,
  mirrorProject,
  type NotebookServer,
  processesUnder,
  ROOT,
  startNotebookServer,
  waitUntil,
} from "./helpers/browser";
import { ARTIFACTS } from "./helpers/notebooks";
import { oneRun, type PageLog, watchPage } from "./helpers/run";

const NOTEBOOK = "03-training-loop.ipynb";
const SCREENSHOT = join(ARTIFACTS, "browser-03-training-loop.png");
const TITLES = [
  "Training error per iteration",
  "Each weight during training",
  "Before training: the seeded weights",
  "After 10000 iterations",
  "Gradient descent: the error over two weights, and the path training took",
  "Live: error and one output while training",
  "Weights and answers at any iteration",
  "Training error for each learning rate",
];
/** Scatter and bar traces per chart (a diagram: three connections, the nodes and the weights' labels). */
const TRACES = [1, 3, 5, 5, 2, 2, 2, 5];
/** Of those, the traces drawn as a line or bars (a diagram's connections; the path over the error surface). */
const LINES = [1, 3, 3, 3, 1, 2, 2, 5];
/** Where the live chart is among them. */
const LIVE = TITLES.indexOf("Live: error and one output while training");
/** The notebook's `iterations`: where the live chart's last point is. */
const ITERATIONS = 10000;
/** Console errors the classic Notebook logs by itself, whatever the notebook. */
const KNOWN_CONSOLE_ERRORS = [
  // Debian enables the widgets extension, whose files are not installed: a 404 and a refused script
  /nbextensions\/widgets\//,
  // MathJax 2 probes web fonts with a "MathJax_Blank" @font-face whose src is about:blank
  /^Access to font at 'about:blank' from origin 'http:\/\/127\.0\.0\.1:\d+' has been blocked by CORS policy/,
  /^Failed to load resource: net::ERR_FAILED \(at about:blank\)$/,
];

/** The classic Notebook's page objects, as far as these tests look at them. */
interface Cell {
  cell_type: string;
  input_prompt_number?: unknown;
}
interface Notebook {
  _fully_loaded?: boolean;
  kernel_busy: boolean;
  kernel?: { is_connected(): boolean; info_reply?: unknown } | null;
  get_cells(): Cell[];
}
type NotebookWindow = Window & { Jupyter?: { notebook?: Notebook } };
/** A `<div>` Plotly drew into: Plotly keeps the traces on it. */
type PlotlyDiv = HTMLElement & { data?: { name?: unknown; x?: ArrayLike<number> }[] };
/** MathJax 2, as the classic Notebook ships it. */
type MathJaxWindow = Window & { MathJax?: { Hub?: { queue?: { pending: number; running: number | boolean } } } };

interface Chart {
  /** The index of the notebook cell holding it, and how many outputs that cell has. */
  cell: number;
  outputs: number;
  svgs: number;
  traces: number;
  /** How many traces have a drawn line (an SVG path with points). */
  lines: number;
  sliders: number;
  title: string;
  legend: string[];
  text: string;
  width: number;
  height: number;
  /** Each trace's last x, from the traces Plotly holds. */
  lastX: (number | null)[];
  fallback: boolean;
}

/** Everything the run leaves for the tests to look at, filled in as the run goes. */
interface Session {
  mirror?: Mirror;
  server?: NotebookServer;
  browser?: Browser;
  page?: Page;
  log?: PageLog;
  refused: string[];
  prompts: unknown[];
  charts: Chart[];
  /** The processes running in the temporary copy once the cells have run: the server and the kernel. */
  processes: number[];
  /** Why MathJax did not finish typesetting, if it did not. */
  mathjaxError?: unknown;
}

const session: Session = { refused: [], prompts: [], charts: [], processes: [] };

/** The code cells' prompt numbers, the running cells and the kernel's state, for waiting and for messages. */
function notebookState(page: Page) {
  return page.evaluate(() => {
    const notebook = (window as NotebookWindow).Jupyter?.notebook;
    const kernel = notebook?.kernel;
    return {
      loaded: Boolean(notebook?._fully_loaded),
      connected: Boolean(kernel?.is_connected()),
      ready: Boolean(kernel?.info_reply),
      busy: Boolean(notebook?.kernel_busy),
      prompts: (notebook?.get_cells() ?? []).filter((c) => c.cell_type === "code").map((c) => c.input_prompt_number),
      running: document.querySelectorAll(".code_cell.running").length,
    };
  });
}

async function describeState(page: Page): Promise<string> {
  const s = await notebookState(page);
  const prompts = s.prompts.map((p) => (p === null || p === undefined ? "-" : String(p))).join(" ");
  return (
    `loaded ${s.loaded}, kernel connected ${s.connected}, ready ${s.ready}, busy ${s.busy}, ` +
    `${s.running} cells running, code cell prompts [${prompts}]`
  );
}

function readCharts(page: Page): Promise<Chart[]> {
  return page.evaluate(() => {
    const cells = Array.from(document.querySelectorAll("#notebook-container > .cell"));
    return Array.from(document.querySelectorAll<HTMLElement>(".perceptron-chart")).map((div) => {
      const cell = div.closest(".cell");
      const box = div.getBoundingClientRect();
      const traces = Array.from(div.querySelectorAll(".scatterlayer .trace, .barlayer .trace"));
      return {
        cell: cell ? cells.indexOf(cell) : -1,
        outputs: cell ? cell.querySelectorAll(".output_area").length : 0,
        svgs: div.querySelectorAll(".main-svg").length,
        traces: traces.length,
        // a line with a path, or bars with theirs (no named functions here: tsx would wrap them in __name)
        lines: traces.filter(
          (t) =>
            (t.querySelector("path.js-line")?.getAttribute("d") ?? "").length > 20 ||
            Array.from(t.querySelectorAll(".point path")).some((bar) => (bar.getAttribute("d") ?? "").length > 5),
        ).length,
        sliders: div.querySelectorAll(".slider-container").length,
        title: div.querySelector(".gtitle")?.textContent ?? "",
        legend: Array.from(div.querySelectorAll(".legend .legendtext")).map((t) => t.textContent ?? ""),
        text: Array.from(div.querySelectorAll(".main-svg"))
          .map((svg) => svg.textContent ?? "")
          .join(" "),
        width: box.width,
        height: box.height,
        lastX: ((div as PlotlyDiv).data ?? []).map((t) => (t.x && t.x.length > 0 ? t.x[t.x.length - 1] : null)),
        fallback: div.querySelector(".perceptron-chart-fallback") !== null,
      };
    });
  });
}

/** Opens the notebook, runs every cell from the Cell menu, waits for the charts, takes the screenshot. */
async function run(s: Session): Promise<void> {
  s.mirror = mirrorProject([NOTEBOOK]);
  s.server = await startNotebookServer(s.mirror.dir, 30_000);
  const { browser, context, refused } = await launchChromium();
  s.browser = browser;
  s.refused = refused;
  const page = await context.newPage();
  s.page = page;
  page.setDefaultTimeout(10_000);
  s.log = watchPage(page);

  await page.goto(s.server.notebookUrl(`notebooks/${NOTEBOOK}`), { waitUntil: "domcontentloaded" });
  await waitUntil(
    "the notebook to load and its tslab kernel to be connected and idle",
    30_000,
    async () => {
      const state = await notebookState(page);
      return state.loaded && state.connected && state.ready && !state.busy;
    },
    () => describeState(page),
  );

  // through the UI, as a reader does it
  await page.locator("#menubar").getByRole("link", { name: "Cell", exact: true }).click();
  await page.getByRole("menuitem", { name: "Run All", exact: true }).click();
  // a prompt reads "*" while its cell waits or runs, and its execution count once it has run
  await waitUntil(
    "every code cell to have run after Cell → Run All",
    90_000, // a busy 2-core machine: 20-40 s
    async () => {
      const state = await notebookState(page);
      return (
        state.prompts.length > 0 &&
        state.prompts.every((p) => typeof p === "number") &&
        state.running === 0 &&
        !state.busy
      );
    },
    async () => `${await describeState(page)}; server log:\n${s.server?.log()}`,
    200,
  );
  s.prompts = (await notebookState(page)).prompts;
  s.processes = processesUnder(s.mirror.dir);

  await waitUntil(
    `the notebook's ${TITLES.length} charts to draw (a .main-svg in each .perceptron-chart)`,
    10_000,
    async () => {
      const charts = await readCharts(page);
      return charts.length >= TITLES.length && charts.every((c) => c.svgs > 0 && c.traces > 0);
    },
    async () => {
      const charts = await readCharts(page);
      return `${charts.length} chart divs, drawn: [${charts.map((c) => c.svgs > 0).join(", ")}]`;
    },
  );
  s.charts = await readCharts(page);

  // the LaTeX a cell displays is typeset a few seconds later: wait, so that the screenshot shows it
  try {
    await waitUntil(
      "MathJax to typeset the displayed LaTeX (its queue empty, a .MathJax_Display in an output)",
      10_000,
      () =>
        page.evaluate(() => {
          const queue = (window as MathJaxWindow).MathJax?.Hub?.queue;
          return (
            queue !== undefined &&
            queue.pending === 0 &&
            !queue.running &&
            document.querySelector(".output_markdown .MathJax_Display") !== null
          );
        }),
      undefined,
      200,
    );
  } catch (error) {
    s.mathjaxError = error; // its own test reports it; the screenshot is still worth taking
  }

  await screenshot(page);
}

/** Saves the whole notebook page to SCREENSHOT. */
async function screenshot(page: Page): Promise<void> {
  // the notebook scrolls inside #site: let the page grow to its full height
  await page.addStyleTag({
    content:
      "html, body.notebook_app { height: auto !important; overflow: visible !important; }" +
      " #site { height: auto !important; overflow: visible !important; }",
  });
  mkdirSync(dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
}

/** Closes the browser, stops the server and its kernels, removes the copy. Safe to call twice. */
async function teardown(s: Session): Promise<void> {
  try {
    await s.browser?.close();
  } finally {
    try {
      await s.server?.stop();
    } finally {
      s.mirror?.remove();
    }
  }
}

const suite = oneRun(session, run, async (s) => {
  if (s.page) await screenshot(s.page); // where the page was when it failed
});
const ran = () => suite.ran("page", "log");

test.before(suite.start);

test.after(async () => {
  await teardown(session);
});

test("Cell → Run All runs every code cell of 03-training-loop once, top to bottom", () => {
  const { prompts } = ran();
  assert.ok(prompts.length >= 10, `the notebook has its code cells (found ${prompts.length})`);
  assert.equal(
    prompts,
    prompts.map((_, i) => i + 1),
    "execution counts 1, 2, 3, … in cell order",
  );
});

test("no cell shows an error or writes to stderr", async () => {
  const { page } = ran();
  const errors = await page.locator(".output_error").allInnerTexts();
  assert.equal(errors, [], "error outputs");
  const stderr = await page.locator(".output_stderr").allInnerTexts();
  assert.equal(stderr, [], "stderr outputs");
});

test("the charts draw: each chart div holds Plotly's SVG, in place of its fallback text", () => {
  const { charts } = ran();
  assert.is(charts.length, TITLES.length, "chart divs on the page");
  charts.forEach((chart, i) => {
    assert.ok(chart.svgs > 0, `chart ${i + 1} has a .main-svg`);
    assert.not.ok(chart.fallback, `chart ${i + 1} no longer shows its fallback text`);
    assert.ok(chart.width > 300 && chart.height >= 400, `chart ${i + 1} is ${chart.width}×${chart.height} px`);
  });
});

test("the charts are, in order, the error, weights, diagrams, error surface, live, slider and learning-rate charts", () => {
  const { charts } = ran();
  assert.equal(
    charts.map((c) => c.title),
    TITLES,
  );
  assert.ok(charts[0].text.includes("Training error per iteration"), "the title is in the error chart's SVG");
  assert.ok(
    charts.every((c, i) => i === 0 || charts[i - 1].cell <= c.cell),
    `each chart in its cell, in order (cells ${charts.map((c) => c.cell).join(", ")})`,
  );
  assert.equal(
    charts.map((c) => c.sliders),
    [0, 0, 0, 0, 0, 0, 1, 0],
    "the slider over the iterations",
  );
});

test("the charts hold their traces, and draw each line", () => {
  const { charts } = ran();
  assert.equal(
    charts.map((c) => c.traces),
    TRACES,
    "line and bar traces per chart",
  );
  assert.equal(
    charts.map((c) => c.lines),
    LINES,
    "traces with a drawn line or bars per chart",
  );
});

test("the weights chart's legend reads weight 1, weight 2, weight 3", () => {
  const { charts } = ran();
  assert.equal(charts[1].legend, ["weight 1", "weight 2", "weight 3"]);
});

test("the live chart is a single output, redrawn in place up to the last iteration", () => {
  const { charts } = ran();
  const live = charts[LIVE];
  assert.is(live.outputs, 1, "outputs in the live chart's cell");
  assert.equal(live.lastX, [ITERATIONS, ITERATIONS], "each trace's last x");
  assert.equal(live.legend, ["mean squared error", "output for [1, 0, 1] (should be 1)"]);
});

test("the LaTeX the notebook displays is typeset by MathJax, without errors", async () => {
  const { page, mathjaxError } = ran();
  if (mathjaxError !== undefined) throw mathjaxError;
  const output = page.locator(".code_cell .output_markdown").filter({ hasText: "σ" });
  assert.ok((await output.locator(".MathJax_Display").count()) >= 2, "the two displayed equations are typeset");
  assert.is(await page.locator(".output_area .MathJax_Error, .output_area .merror").count(), 0, "MathJax errors");
});

test("the explorer at the end is live: dragging its iterations slider retrains in the page, with Node's numbers", async () => {
  const { page } = ran();
  const explorer = page.locator(".perceptron-explorer").last();
  const numbers = () => explorer.locator(".explorer-numbers").textContent();
  // the error chart says its numbers to a screen reader: the error at the first and the last iteration
  const errorCurveEnd = async () =>
    Number(
      (await explorer.locator(".explorer-error svg").getAttribute("aria-label"))?.match(/at iteration (\d+)$/)?.[1],
    );
  const before = await numbers();
  assert.is(before, report(defaults("seed"), runExplorer(defaults("seed"))), "first, the kernel's own settings");
  assert.is(await errorCurveEnd(), ITERATIONS);

  // drag the handle from its place (10,000 of 60,000) to about a tenth of the rail, with the mouse
  const slider = explorer.getByLabel("Iterations");
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  if (!box) throw new Error("the iterations slider has no box");
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 6, y);
  await page.mouse.down();
  for (const f of [0.15, 0.12, 0.1]) await page.mouse.move(box.x + box.width * f, y, { steps: 4 });
  await page.mouse.up();
  await waitUntil(
    "the explorer to retrain after the drag",
    10_000,
    async () => (await numbers()) !== before,
    async () =>
      `slider at ${await slider.inputValue()}, box ${JSON.stringify(box)}, under the pointer: ` +
      (await page.evaluate(
        ([x, py]) => document.elementFromPoint(x, py)?.outerHTML.slice(0, 200) ?? "nothing",
        [box.x + box.width / 6, y],
      )),
  );
  const iterations = Number(await slider.inputValue());
  assert.ok(iterations > 0 && iterations < ITERATIONS, `the drag moved the slider to ${iterations}`);
  await waitUntil("the error curve to end at the new iterations", 5_000, async () => {
    return (await errorCurveEnd()) === iterations;
  });
  const settings = { ...defaults("seed"), iterations };
  assert.is(
    await numbers(),
    report(settings, runExplorer(settings)),
    "the page's numbers are Node's, to the last digit",
  );
});

test("the page throws no errors and logs none but the Notebook's own (widgets 404, MathJax font probe)", () => {
  const { pageErrors, consoleErrors } = ran().log;
  assert.equal(pageErrors, [], "page errors");
  assert.equal(
    consoleErrors.filter((e) => !KNOWN_CONSOLE_ERRORS.some((known) => known.test(e))),
    [],
    "console errors",
  );
});

test("the page asks for nothing beyond 127.0.0.1", () => {
  const { refused } = ran();
  assert.equal(refused, [], "requests refused");
});

test("a full-page screenshot is saved to test/.artifacts", () => {
  ran();
  assert.ok(existsSync(SCREENSHOT), `${SCREENSHOT} exists`);
  assert.ok(statSync(SCREENSHOT).size > 50_000, "the screenshot is not blank");
});

test("shutting down leaves no process and no temporary folder behind", async () => {
  const dir = session.mirror?.dir;
  assert.ok(dir, "the temporary copy was made");
  if (!suite.failed) {
    assert.ok(session.processes.length >= 2, `the server and the kernel were seen running (${session.processes})`);
  }
  await teardown(session);
  assert.not.ok(session.browser?.isConnected(), "Chromium is closed");
  assert.equal(processesUnder(dir), [], "processes still running in the temporary copy (server, kernel)");
  assert.not.ok(existsSync(dir), `${dir} is removed`);
  assert.ok(existsSync(join(ROOT, "dist", "index.js")), "the project's dist/ survives the copy's removal");
  assert.ok(existsSync(join(ROOT, "notebooks", NOTEBOOK)), "the committed notebook is still there");
});

test.run();
