// explore()'s output in JupyterLab 4's own output renderer, in Chromium: @jupyterlab/rendermime's
// registry with JupyterLab's standard renderers and jupyterlab-plotly's, each output rendered as
// JupyterLab's OutputArea renders it (test/e2e/helpers/jupyterlab-entry.ts, bundled here by
// esbuild). Trusted, as an output the kernel just sent or a trusted notebook's: the explorer goes
// live. Untrusted, as a saved notebook opened without trust: the first run's error curve as a
// picture and a line saying how to make it live, and no script runs. Screenshots: test/.artifacts/jupyterlab-*.png.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Display, explore, type MimeBundle } from "../../src";
import { DATA_SETS, defaults, report, run, type Settings } from "../../src/explorer/explorer";
import { TOL } from "../helpers/assert";
import { launchChromium, ROOT, waitUntil } from "./helpers/browser";
import type { Rendered } from "./helpers/jupyterlab-entry";
import { ARTIFACTS } from "./helpers/notebooks";
import { type PageLog, watchPage } from "./helpers/run";

type LabWindow = Window & {
  JupyterLabOutput: {
    mimeTypes: string[];
    choose(data: object, trusted: boolean): string | null;
    render(data: MimeBundle, trusted: boolean, host: HTMLElement): Promise<Rendered>;
  };
  Plotly?: unknown;
  PerceptronNotebooks?: unknown;
};

const START: Settings = { ...defaults("xor"), hidden: 4 };
let dir: string;
let browser: Browser;
let context: BrowserContext;
/** What explore() sent, in order: the cell's outputs. */
const outputs: MimeBundle[] = [];

/** Where the page seems to come from: Playwright answers its requests, nothing listens there. */
const ORIGIN = "http://127.0.0.1:9";

/** A page with JupyterLab's output rendering, `outputs` rendered into it, trusted or not (or not yet). */
async function open(trusted?: boolean): Promise<{ page: Page; log: PageLog; rendered: Rendered[] }> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
  const log = watchPage(page);
  // served, not injected: Chromium loads megabytes of script from the network far faster than from CDP
  const html =
    '<!DOCTYPE html><html lang="en"><head><title>JupyterLab output</title>' +
    '<link rel="stylesheet" href="jupyterlab-entry.css"><script type="module" src="jupyterlab-entry.js"></script>' +
    '</head><body><main><div class="jp-OutputArea" id="outputs"></div></main></body></html>';
  await page.route(`${ORIGIN}/**`, (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (name === "") return route.fulfill({ contentType: "text/html", body: html });
    if (name === "outputs.json")
      return route.fulfill({ contentType: "application/json", body: JSON.stringify(outputs) });
    const file = join(dir, name);
    if (!/^[\w.-]+\.(js|css)$/.test(name) || !existsSync(file)) return route.abort();
    return route.fulfill({
      contentType: name.endsWith(".js") ? "text/javascript" : "text/css",
      body: readFileSync(file),
    });
  });
  await page.goto(`${ORIGIN}/`);
  if (trusted === undefined) return { page, log, rendered: [] };
  const rendered = await page.evaluate(async (trusted) => {
    const lab = (window as unknown as LabWindow).JupyterLabOutput;
    const host = document.getElementById("outputs") as HTMLElement;
    const results = [];
    for (const bundle of await (await fetch("outputs.json")).json())
      results.push(await lab.render(bundle, trusted, host));
    return results;
  }, trusted);
  return { page, log, rendered };
}

type Opened = Awaited<ReturnType<typeof open>>;

/** Runs `body` on a page from open(trusted), and closes the page however `body` ends. */
async function onPage(trusted: boolean | undefined, body: (opened: Opened) => Promise<void>): Promise<void> {
  const opened = await open(trusted);
  try {
    await body(opened);
  } finally {
    await opened.page.close();
  }
}

/** Asserts JupyterLab chose the HTML for every output, and rendered it without error. */
const assertHtmlChosen = (rendered: Rendered[], label: string) =>
  assert.equal(
    rendered,
    outputs.map(() => ({ mimeType: "text/html", error: null })),
    label,
  );

/** The mean squared error a report's first line gives. */
const errorOf = (text: string | null) => Number(/mean squared error after \d+ iterations: (\S+)/.exec(text ?? "")?.[1]);
const numbers = (page: Page) => page.locator(".explorer-numbers").textContent();
const curve = (page: Page) => page.locator(".explorer-error path.error-curve").getAttribute("d");
const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `jupyterlab-${name}.png`), fullPage: true });

test.before(async () => {
  dir = mkdtempSync(join(tmpdir(), "perceptron-jupyterlab-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  // as JupyterLab's webpack build does, plotly.js (which jupyterlab-plotly imports when it first
  // draws) is a chunk of its own, loaded when needed
  const bundled = build({
    entryPoints: [join(ROOT, "test", "e2e", "helpers", "jupyterlab-entry.ts")],
    outdir: dir, // jupyterlab-entry.js, its chunks, and jupyterlab-entry.css: jupyterlab-plotly's style
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2020",
    minify: true,
    loader: { ".svg": "dataurl" },
    logLevel: "warning",
  });
  explore({ ...START, display: new Display((bundle) => outputs.push(bundle)) });
  const launched = await launchChromium();
  browser = launched.browser;
  context = launched.context;
  await bundled;
});

test.after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("JupyterLab shows a Plotly chart in place of HTML beside it, trusted or not: explore() sends none", async () => {
  await onPage(undefined, async ({ page }) => {
    const lab = await page.evaluate(() => {
      const { mimeTypes, choose } = (window as unknown as LabWindow).JupyterLabOutput;
      const both = { "application/vnd.plotly.v1+json": { data: [] }, "text/html": "<p>live</p>", "text/plain": "" };
      return { first: mimeTypes.slice(0, 2), trusted: choose(both, true), untrusted: choose(both, false) };
    });
    // jupyterlab-plotly's renderer: rank 0 and safe; JupyterLab's HTML renderer: rank 50
    assert.equal(lab, {
      first: ["application/vnd.plotly.v1+json", "text/html"],
      trusted: "application/vnd.plotly.v1+json",
      untrusted: "application/vnd.plotly.v1+json",
    });
    assert.equal(
      outputs.map((bundle) => Object.keys(bundle).sort()),
      [["text/html", "text/plain"]],
    );
  });
});

test("trusted: JupyterLab renders the explorer's HTML, and the explorer goes live", async () => {
  await onPage(true, async ({ page, log, rendered }) => {
    assertHtmlChosen(rendered, "JupyterLab's choice for each output");
    await waitUntil("the explorer's controls and charts", 10_000, async () => {
      const drawn = await page.locator(".explorer-chart svg").count();
      return (await page.locator(".explorer-controls select").count()) === 2 && drawn >= 4;
    });
    assert.is(await page.locator(".perceptron-chart-fallback, #outputs img").count(), 0, "the fallback is gone");
    const start = await numbers(page);
    const wanted = report(START, run(START));
    assert.ok(Math.abs(errorOf(start) - errorOf(wanted)) <= TOL * errorOf(wanted), `${start} against ${wanted}`);
    await screenshot(page, "trusted");

    // as a reader moves the controls: no hidden layer, then another data set
    const before = await curve(page);
    await page.locator('input[id$="-hidden"]').fill("0");
    const oneNeuron = { ...START, hidden: 0 };
    await waitUntil("a retrain with one neuron", 5_000, async () => (await numbers(page)) !== start);
    assert.is(await numbers(page), report(oneNeuron, run(oneNeuron)), "one neuron: the module's numbers");
    assert.is.not(await curve(page), before, "the error curve is redrawn");
    const xor = await numbers(page);
    await page.locator('select[id$="-data"]').selectOption("and");
    const and = { ...oneNeuron, data: "and", targets: [...DATA_SETS.and.targets] };
    await waitUntil("a retrain on AND", 5_000, async () => (await numbers(page)) !== xor);
    assert.is(await numbers(page), report(and, run(and)), "AND: the module's numbers");
    assert.equal([...log.consoleErrors, ...log.pageErrors], [], "console errors");
  });
});

test("untrusted: a saved notebook shows the first run's error curve and the line saying how to make it live, and runs no script", async () => {
  await onPage(false, async ({ page, log, rendered }) => {
    assertHtmlChosen(rendered, "JupyterLab's choice for each output: the HTML, sanitized");
    await waitUntil("the error curve's picture to load", 5_000, () =>
      page.evaluate(() => (document.querySelector("#outputs img") as HTMLImageElement | null)?.complete),
    );
    await screenshot(page, "untrusted");
    const state = await page.evaluate(() => {
      const w = window as unknown as LabWindow;
      const picture = document.querySelector("#outputs img") as HTMLImageElement | null;
      return {
        scripts: document.querySelectorAll("#outputs script").length,
        plotly: w.Plotly !== undefined,
        module: w.PerceptronNotebooks !== undefined,
        controls: document.querySelectorAll(".explorer-controls").length,
        // JupyterLab offers to run an untrusted output's scripts when any survive the sanitizer
        runButton: document.querySelectorAll("#outputs button").length,
        picture: picture ? `${picture.naturalWidth}x${picture.naturalHeight}` : "none",
      };
    });
    assert.equal(
      state,
      { scripts: 0, plotly: false, module: false, controls: 0, runButton: 0, picture: "480x360" },
      "no script ran; the picture drew",
    );
    const line = await page.locator(".perceptron-chart-fallback").textContent();
    assert.match(String(line), /^Live explorer: XOR.*4 hidden neurons.*mean squared error after training: [\d.e-]+\./);
    assert.match(
      String(line),
      /The controls work where scripts run: in Jupyter, trust the notebook or run the cell again\.$/,
    );
    assert.equal([...log.consoleErrors, ...log.pageErrors], [], "console errors");
  });
});

test.run();
