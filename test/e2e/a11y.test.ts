// Accessibility of the published tutorial: axe-core (@axe-core/playwright, its default rules: WCAG 2
// A and AA and its best practices) reads every page of site/ as a reader gets it from disk, with
// the charts drawn and the math typeset, and no page may have a serious or critical violation.
// The test run's one build (buildSiteOnce: `npm run build`, shared with the other site suites and
// the notebooks suite), read from a copy (a build elsewhere may swap site/ meanwhile), and one
// browser for every test;
// a failure lists each violation: the rule, its impact, the element (CSS selector), its HTML, and
// what is wrong, so that the run itself says what broke.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import type { NodeResult, Result } from "axe-core";
import type { Browser, BrowserContext } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { notebookNames } from "./helpers/notebooks";
import { oneRun, type PageLog, watchPage } from "./helpers/run";
import { buildSiteOnce, launchSiteBrowser, SITE } from "./helpers/site";

const STEPS = notebookNames();
const PAGES = ["index", "playground", ...STEPS];
/** What fails a page: axe's two highest impacts (moderate and minor ones do not). */
const blocking = (violations: Result[]) => violations.filter((v) => v.impact === "serious" || v.impact === "critical");
/** Pages checked at once: axe is CPU-bound, and a page with many charts is heavy. */
const AT_ONCE = 2;
/** For each step of a page (load, charts, math, axe): generous, for a machine busy with kernels. */
const TIMEOUT = 120_000;
/** Elements shown for each violation; the count says how many there are in all. */
const SHOWN = 6;

interface Checked extends PageLog {
  name: string;
  violations: Result[];
  /** Chart divs, and those Plotly drew (an SVG inside) before axe ran. */
  charts: number;
  drawn: number;
  /** Typeset formulas (mjx-container) and TeX errors, before axe ran. */
  math: number;
  mathErrors: number;
}

interface Session {
  /** The copy of site/ that is read. */
  site?: string;
  browser?: Browser;
  context?: BrowserContext;
  refused: string[];
  pages: Map<string, Checked>;
}

const session: Session = { refused: [], pages: new Map() };

/** Opens a page from disk, waits for its charts and its math, and runs axe-core over it. */
async function check(context: BrowserContext, site: string, name: string): Promise<Checked> {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const log = watchPage(page);
  try {
    await page.goto(pathToFileURL(join(site, `${name}.html`)).href, { waitUntil: "load" });
    // the charts (Plotly's .main-svg), and the explorers' controls, charts (any <svg>) and numbers
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll(".perceptron-chart")).every((div) => div.querySelector(".main-svg")) &&
        Array.from(document.querySelectorAll(".explorer-chart")).every((div) => div.querySelector("svg")) &&
        Array.from(document.querySelectorAll(".perceptron-explorer")).every(
          (div) => div.querySelector(".explorer-numbers")?.textContent,
        ),
    );
    const state = await page.evaluate(async () => {
      // MathJax 3 typesets once loaded (deferred): its startup promise settles when it is done
      await (window as Window & { MathJax?: { startup?: { promise?: Promise<unknown> } } }).MathJax?.startup?.promise;
      const charts = Array.from(document.querySelectorAll(".perceptron-chart"));
      return {
        charts: charts.length,
        drawn: charts.filter((div) => div.querySelector(".main-svg text")).length,
        math: document.querySelectorAll("mjx-container").length,
        mathErrors: document.querySelectorAll("mjx-merror").length,
      };
    });
    // what the page did as it loaded (axe's own requests come after: its preload of the stylesheets
    // fails from file://, where each file is an origin of its own)
    const loaded = {
      consoleErrors: [...log.consoleErrors],
      pageErrors: [...log.pageErrors],
      failedRequests: [...log.failedRequests],
      requests: [...log.requests],
    };
    // legacy mode: axe runs whole in the page, instead of gathering there and concluding in a blank
    // page it opens, which takes two thirds of the time on a page of 10,000 elements (the charts' SVG,
    // MathJax's). The pages have no frames, which that mode would leave out (rule frame-tested says so).
    const axe = new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ["violations"] });
    const { violations } = await axe.analyze();
    return { name, ...loaded, ...state, violations };
  } catch (error) {
    throw new Error(`${name}.html: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await page.close();
  }
}

async function run(s: Session): Promise<void> {
  await buildSiteOnce();
  const site = mkdtempSync(join(tmpdir(), "perceptron-a11y-"));
  s.site = site;
  cpSync(SITE, site, { recursive: true });
  const { context, refused } = await launchSiteBrowser((browser) => {
    s.browser = browser;
  });
  Object.assign(s, { context, refused });
  const queue = [...PAGES];
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift())
      s.pages.set(name, await check(context, site, name));
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
}

const suite = oneRun(session, run);
const checked = (name: string) => {
  const page = suite.ran("context").pages.get(name);
  if (!page) throw new Error(`${name}.html was not checked`);
  return page;
};

/** One element of a violation: where it is, its HTML, and axe's reason (the summary's lines after the first). */
function element(node: NodeResult): string {
  const where = node.target.map((part) => (Array.isArray(part) ? part.join(" >>> ") : part)).join(" | ");
  const html = node.html.replace(/\s+/g, " ");
  const why = (node.failureSummary ?? "")
    .split("\n")
    .slice(1)
    .map((line) => line.trim())
    .filter(Boolean);
  return `    ${where}\n      ${html.length > 160 ? `${html.slice(0, 160)}…` : html}\n      ${why.join("; ")}`;
}

/** A violation as a failure shows it: rule, impact, what it asks, then the elements. */
function describe(page: string, violation: Result): string {
  const { id, impact, help, helpUrl, nodes } = violation;
  const more = nodes.length > SHOWN ? `\n    … and ${nodes.length - SHOWN} more` : "";
  const shown = nodes.slice(0, SHOWN).map(element).join("\n");
  return `${page}.html: ${id} (${impact}) on ${nodes.length} element(s): ${help} (${helpUrl})\n${shown}${more}`;
}

/** Fails with every violation listed, when there is any. */
function assertNone(page: string, violations: Result[], what: string): void {
  if (violations.length === 0) return;
  const count = violations.reduce((sum, v) => sum + v.nodes.length, 0);
  const summary = `${count} ${what} on ${page}.html`;
  const error = new Error(`${summary}:\n${violations.map((v) => describe(page, v)).join("\n")}`);
  // uvu prints the message, then the stack from its second line: keep the list out of the stack
  error.stack = error.stack?.replace(error.message, summary);
  throw error;
}

test.before(suite.start);

test.after(async () => {
  try {
    await session.browser?.close();
  } finally {
    if (session.site) rmSync(session.site, { recursive: true, force: true });
  }
});

test("axe read every page as a reader sees it: loaded from disk, every chart drawn, the math typeset", () => {
  const { refused } = suite.ran("context");
  assert.equal(refused, [], "requests refused (to anything but file:// and 127.0.0.1)");
  for (const name of PAGES) {
    const page = checked(name);
    assert.equal(page.pageErrors, [], `${name}: page errors`);
    assert.equal(page.failedRequests, [], `${name}: failed requests`);
    assert.is(page.drawn, page.charts, `${name}: charts drawn with their text, of ${page.charts}`);
    assert.is(page.mathErrors, 0, `${name}: TeX errors`);
  }
  const steps = STEPS.map(checked);
  assert.ok(
    steps.some((p) => p.charts > 0),
    "some step page has charts",
  );
  assert.ok(
    steps.some((p) => p.math > 0),
    "some step page has typeset math",
  );
});

for (const name of ["index", "playground"]) {
  test(`the ${name} page has no serious or critical accessibility violation`, () => {
    assertNone(name, blocking(checked(name).violations), "serious or critical violations");
  });
}

for (const name of STEPS) {
  test(`the page of step ${name} has no serious or critical accessibility violation`, () => {
    assertNone(name, blocking(checked(name).violations), "serious or critical violations");
  });
}

test("each page's landmarks have labels of their own: the step bars top and bottom are told apart", () => {
  for (const name of PAGES) {
    const { violations } = checked(name);
    assertNone(
      name,
      violations.filter((v) => v.id === "landmark-unique"),
      "landmarks sharing a label",
    );
  }
});

test.run();
