// Accessibility of the published tutorial: axe-core (@axe-core/playwright, its default rules: WCAG 2
// A and AA and its best practices) reads every page of site/ as a reader gets it from disk, with
// the charts drawn and the math typeset, and no page may have a serious or critical violation.
// The test run's one build (buildSiteOnce: `npm run build`, shared with the other site suites and
// the notebooks suite), each page read from disk once for this suite and the site suite
// (helpers/visit.ts: its charts drawn and its math typeset, then axe-core), in one browser;
// a failure lists each violation: the rule, its impact, the element (CSS selector), its HTML, and
// what is wrong, so that the run itself says what broke.
// Named site-a11y: uvu runs the files in the order of their names, and the suites that need no site
// (browser, explorer, jupyterlab, kernel, …) come first, while the shared build's kernels run.
import type { NodeResult, Result } from "axe-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { oneRun } from "./helpers/run";
import { buildSiteOnce } from "./helpers/site";
import { type AxeCheck, PAGES, type PageReport, type SiteVisit, STEPS, shareSiteVisit } from "./helpers/visit";

/** What fails a page: axe's two highest impacts (moderate and minor ones do not). */
const blocking = (violations: Result[]) => violations.filter((v) => v.impact === "serious" || v.impact === "critical");
/** Elements shown for each violation; the count says how many there are in all. */
const SHOWN = 6;

const fromDisk = shareSiteVisit({ axe: true });
const session: { visited?: SiteVisit } = {};
const suite = oneRun(session, async (s) => {
  await buildSiteOnce();
  s.visited = await fromDisk.visited();
});
/** axe's check of a page, and what the page logged as it loaded (axe's own requests come after). */
const checked = (name: string): AxeCheck & Pick<PageReport, "pageErrors" | "failedRequests"> => {
  const { reports, axe } = suite.ran("visited").visited;
  const report = reports.get(name);
  const check = axe.get(name);
  if (!report || !check) throw new Error(`${name}.html was not checked`);
  return { ...check, pageErrors: report.pageErrors, failedRequests: report.failedRequests };
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

test.after(() => fromDisk.release());

test("axe read every page as a reader sees it: loaded from disk, every chart drawn, the math typeset", () => {
  const { refused } = suite.ran("visited").visited;
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
