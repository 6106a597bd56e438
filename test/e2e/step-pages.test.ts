// The published step pages run their own code again, in Chromium, with no kernel: on every page a
// parameter is edited in the page's parameters cell and Run all pressed; every line it prints and
// every chart it draws must then be what a tslab kernel gives for the same edit (the notebook with
// the edited cell, run by the project's runner in the shared build, in the kernel that ran the
// notebook: recordedRuns; chart data within 1e-12). An absurd value is stoppable or refused, and the
// page stays usable; nothing is fetched from elsewhere; axe still finds no serious violation.
// The step pages are the shared reading's from disk (shareSiteVisit), each loaded once for every
// site suite: this suite edits and runs them, so it runs after the others that use them (uvu runs
// the files in the order of their names: playground, site-a11y, site, then step-pages).
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { waitUntil } from "./helpers/browser";
import { type Edit, type Notebook, notebookNames, outputs, printedLines } from "./helpers/notebooks";
import { assertCleanPage, type PageLog, watchPage } from "./helpers/run";
import { buildSiteOnce, recordedRuns, SITE, siteSuite, wantRecordedRuns } from "./helpers/site";
import { runAxe, shareSiteVisit } from "./helpers/visit";

const STEPS = notebookNames();
const PLOTLY = "application/vnd.plotly.v1+json";

/** A chart's data as both sides hold it: each trace's x, y and z. */
type ChartData = { x?: unknown; y?: unknown; z?: unknown }[];

interface KernelRun {
  edit: Edit;
  printed: string[];
  charts: ChartData[];
}

const chartsOf = (nb: Notebook): ChartData[] =>
  outputs(nb)
    .map((o) => o.data?.[PLOTLY] as { data: ChartData } | undefined)
    .filter((f): f is { data: ChartData } => f !== undefined)
    .map((f) => f.data.map(({ x, y, z }) => ({ x, y, z })));

// the shared build runs each notebook's edited variant in the kernel that ran the notebook
wantRecordedRuns(STEPS);

/** What the kernel printed and drew for `name` with its edit (the shared build's second run, in the same kernel). */
async function kernelRun(name: string): Promise<KernelRun> {
  const { edited } = await recordedRuns(name);
  if (!edited?.notebook) throw new Error(`${name}: the build kept no run of its edited variant`);
  if (edited.failure) throw new Error(`${name} with ${edited.edit.to} failed in the kernel: ${edited.failure}`);
  return { edit: edited.edit, printed: printedLines(edited.notebook), charts: chartsOf(edited.notebook) };
}

/** Every step page, kept open by the shared reading from disk, for this suite to edit and run. */
const fromDisk = shareSiteVisit({ keep: STEPS });
const suite = siteSuite(async () => {
  await buildSiteOnce();
  await fromDisk.visited();
});
const ran = suite.ran;

/** A step page as the shared reading from disk left it (loaded from file://, every chart drawn). */
async function kept(name: string): Promise<{ page: Page; log: PageLog }> {
  const opened = await fromDisk.kept(name);
  await opened.page.locator(".runner-editor").waitFor();
  return opened;
}

/** Opens a step page from disk, or over HTTP from 127.0.0.1. */
async function open(name: string, over: "file" | "http" = "file"): Promise<{ page: Page; log: PageLog }> {
  const page = await ran().context.newPage();
  page.setDefaultTimeout(60_000);
  const log = watchPage(page);
  const url = over === "file" ? pathToFileURL(join(SITE, `${name}.html`)).href : `${ran().server.url}${name}.html`;
  await page.goto(url, { waitUntil: "load" });
  await page.locator(".runner-editor").waitFor();
  return { page, log };
}

/** What the page prints (its stdout outputs' lines) and the data of its charts, in order. */
function readPage(page: Page) {
  return page.evaluate(() => ({
    printed: Array.from(
      document.querySelectorAll('.jp-CodeCell .jp-OutputArea-output[data-mime-type="text/plain"] pre'),
    )
      .flatMap((pre) => (pre.textContent ?? "").split("\n"))
      .filter((line) => line.trim() !== ""),
    charts: Array.from(document.querySelectorAll<HTMLElement>(".jp-CodeCell .perceptron-chart")).map((div) =>
      ((div as HTMLElement & { data?: { x?: unknown; y?: unknown; z?: unknown }[] }).data ?? []).map((t) => ({
        x: t.x,
        y: t.y,
        z: t.z,
      })),
    ),
    status: document.querySelector(".runner-status")?.textContent ?? "",
  }));
}

/** The runner's status line alone: what the waits poll (readPage copies every chart's data). */
const statusOf = (page: Page) => page.evaluate(() => document.querySelector(".runner-status")?.textContent ?? "");

/** How many traces each chart holds now. */
const traceCounts = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>(".jp-CodeCell .perceptron-chart")).map(
      (div) => ((div as HTMLElement & { data?: unknown[] }).data ?? []).length,
    ),
  );

/** Types `edit` into the parameters cell and presses Run all; resolves with the status once the run ends. */
async function runWith(page: Page, edit: (source: string) => string, timeout = 60_000): Promise<string> {
  const box = page.locator(".runner-editor");
  await box.fill(edit(await box.inputValue()));
  await page.getByRole("button", { name: "▶ Run all" }).click();
  return waitUntil("the run to end", timeout, async () => {
    const status = await statusOf(page);
    return /^(Ran all|Cell \[)/.test(status) ? status : undefined;
  });
}

/**
 * The first place two charts' data differ, numbers within 1e-12 relative, or null: a chart may take
 * Math.log10 of its numbers (the error surface does), and the browser's differs from Node's in the
 * last bit now and then. Printed lines are compared exactly.
 */
function firstDifference(a: unknown, b: unknown, path = ""): string | null {
  if (typeof a === "number" && typeof b === "number") {
    return a === b || Math.abs(a - b) <= 1e-12 * Math.abs(b) ? null : `${path}: ${a} against ${b}`;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} values against ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${path}: ${JSON.stringify(a)} against ${JSON.stringify(b)}`;
}

test.before(suite.start);
test.after(async () => {
  try {
    await suite.close();
  } finally {
    await fromDisk.release();
  }
});

for (const name of STEPS) {
  test(`${name}: an edited parameter, Run all, and the page prints and draws what the kernel gives`, async () => {
    const kernel = await kernelRun(name);
    const { page, log } = await kept(name);
    const published = await readPage(page);
    const status = await runWith(page, (source) => {
      assert.ok(source.includes(kernel.edit.from), `the parameters cell holds ${kernel.edit.from}`);
      return source.replace(kernel.edit.from, kernel.edit.to);
    });
    assert.match(status, /^Ran all \d+ code cells/, `${name}: ${status}`);
    // Plotly draws after the last message: wait for every chart to hold its data
    await waitUntil("the charts to draw", 10_000, async () => {
      const charts = await traceCounts(page);
      return charts.length === kernel.charts.length && charts.every((traces) => traces > 0);
    });
    const after = await readPage(page);
    assert.equal(after.printed, kernel.printed, `${name} (${kernel.edit.to}): every printed line, as the kernel's`);
    assert.is(
      firstDifference(after.charts, kernel.charts, "charts"),
      null,
      `${name} (${kernel.edit.to}): every chart's data, as the kernel's`,
    );
    assert.not.equal(
      after.printed.concat(JSON.stringify(after.charts)),
      published.printed.concat(JSON.stringify(published.charts)),
      "the edit changed what the page shows",
    );
    assertCleanPage(log, name);
  });
}

test("an absurd number of iterations runs in a worker: the page stays usable, Stop ends it, Reset restores the page", async () => {
  const { page, log } = await open("03-training-loop");
  try {
    const published = await readPage(page);
    const box = page.locator(".runner-editor");
    const source = await box.inputValue();
    await box.fill(source.replace(/^const iterations = \d+;/m, "const iterations = 1e9;"));
    await page.getByRole("button", { name: "▶ Run all" }).click();
    await waitUntil("the run to reach its long loop", 20_000, async () => /^Running cell/.test(await statusOf(page)));
    await page.waitForTimeout(1_000);
    // the page answers at once while the worker trains: a click, typing, a scroll
    const started = Date.now();
    await page.getByRole("button", { name: "■ Stop" }).click();
    assert.ok(Date.now() - started < 2_000, `the Stop button answered in ${Date.now() - started} ms`);
    const stopped = await statusOf(page);
    assert.match(stopped, /^Stopped during cell \[\d+\]\. The cells below it were not run\.$/);
    assert.ok(await page.getByRole("button", { name: "▶ Run all" }).isEnabled(), "Run all is ready again");
    await page.getByRole("button", { name: "↺ Reset" }).click();
    assert.is(await box.inputValue(), source, "Reset: the published parameters");
    const reset = await readPage(page);
    assert.equal(reset.printed, published.printed, "Reset: the published outputs");
    assert.is(reset.charts.length, published.charts.length, "Reset: the published charts");
    assertCleanPage(log, "03-training-loop");
  } finally {
    await page.close();
  }
});

test("a value the module refuses, and code that does not parse, stop the run with the error under their cell", async () => {
  const { page, log } = await kept("05-complete-network");
  const refused = await runWith(page, (s) => s.replace(/^const iterations = \d+;/m, "const iterations = -5;"));
  assert.match(refused, /^Cell \[\d+\] failed: RangeError: .*iterations.* The run stopped there\.$/);
  const errors = await page.locator('[data-mime-type="application/vnd.jupyter.stderr"] pre').allTextContents();
  assert.is(errors.length, 1);
  assert.match(errors[0], /^RangeError: .*iterations/);

  const syntax = await runWith(page, (s) => s.replace(/^const seed = \d+;/m, "const seed = ;"));
  assert.match(syntax, /^Cell \[\d+\] failed: SyntaxError: Unexpected token \(line 2, column \d+\)/);
  const first = page.locator(".jp-CodeCell").first();
  assert.match(
    String(await first.locator('[data-mime-type="application/vnd.jupyter.stderr"] pre').textContent()),
    /^SyntaxError/,
  );
  assertCleanPage(log, "05-complete-network");
});

test("after a run a page still has no serious or critical accessibility violation", async () => {
  const { page } = await kept("06-bias-and-gates");
  await runWith(page, (s) => s.replace(/^const seed = \d+;/m, "const seed = 3;"));
  const { violations } = await runAxe(page);
  const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.equal(
    blocking.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
  );
});

test("a page served over HTTP runs too, as from any static host", async () => {
  const { page, log } = await open("01-seeding", "http");
  try {
    const kernel = await kernelRun("01-seeding");
    const status = await runWith(page, (source) => source.replace(kernel.edit.from, kernel.edit.to));
    assert.match(status, /^Ran all \d+ code cells/);
    assert.equal((await readPage(page)).printed, kernel.printed);
    assertCleanPage(log, "01-seeding over HTTP");
  } finally {
    await page.close();
  }
});

test("no page asked for anything off the machine", async () => {
  assert.equal(ran().refused, [], "the pages this suite opened");
  assert.equal((await fromDisk.visited()).refused, [], "the pages read from disk, after their runs");
});

test.run();
