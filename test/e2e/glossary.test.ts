// The glossary: notebooks/glossary.md, its page on the site (glossary.html) and the notebooks' links
// to it. Every term is a `### ` heading, in alphabetical order, whose anchor is the page's id for
// it; every `glossary.md#anchor` in a notebook's markdown names a term, and becomes
// glossary.html#anchor on the notebook's page; each term's first use is linked
// (scripts/glossary-links.py --check); the index links to the page, and axe-core finds no serious or
// critical violation on it. The site is the test run's shared build, read once from disk for every
// site suite (helpers/site.ts, helpers/visit.ts: the page with its math typeset, then axe-core).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { NOTEBOOKS, notebookNames, ROOT, readNotebook, text } from "./helpers/notebooks";
import { oneRun } from "./helpers/run";
import { buildSiteOnce, SITE } from "./helpers/site";
import { type PageReport, type SiteVisit, shareSiteVisit } from "./helpers/visit";

/** The terms issue 20 asks for, by anchor: each must be one of the glossary's headings. */
const REQUIRED = [
  "activation-function",
  "backpropagation",
  "batch",
  "bias",
  "cross-entropy",
  "derivative",
  "epoch",
  "error",
  "gradient",
  "gradient-descent",
  "hidden-layer",
  "iteration",
  "l1-and-l2-regularisation",
  "learning-rate",
  "loss",
  "mean-squared-error",
  "neuron",
  "one-hot",
  "overfitting",
  "relu",
  "seed",
  "sigmoid",
  "softmax",
  "tanh",
  "training-set-and-test-set",
  "weight",
  "weighted-sum",
];

/** GitHub's anchor for a heading, as glossary-links.py and site-glossary.mjs make it. */
const anchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\- ]/gu, "")
    .replace(/ /g, "-");
const terms = [...readFileSync(join(NOTEBOOKS, "glossary.md"), "utf8").matchAll(/^###[ \t]+(.+?)[ \t]*$/gm)].map(
  (m) => ({ heading: m[1], id: anchor(m[1]) }),
);
/** Each notebook's links to the glossary, by notebook: the anchors its markdown cells link to. */
const linksIn = new Map(
  notebookNames().map((name) => {
    const cells = readNotebook(join(NOTEBOOKS, `${name}.ipynb`)).cells.filter((c) => c.cell_type === "markdown");
    const anchors = cells.flatMap((c) => [...text(c.source).matchAll(/\]\((?:\.\/)?glossary\.md#([^)\s]+)\)/g)]);
    return [name, anchors.map((m) => m[1])];
  }),
);

const fromDisk = shareSiteVisit({ axe: true });
const session: { visited?: SiteVisit } = {};
const suite = oneRun(session, async (s) => {
  await buildSiteOnce();
  s.visited = await fromDisk.visited();
});
const report = (name: string): PageReport => {
  const found = suite.ran("visited").visited.reports.get(name);
  if (!found) throw new Error(`${name}.html was not read`);
  return found;
};

test.before(suite.start);

test.after(() => fromDisk.release());

test("glossary.md holds the issue's terms, each a ### heading, in alphabetical order", () => {
  const ids = terms.map((t) => t.id);
  for (const id of REQUIRED) assert.ok(ids.includes(id), `a heading for ${id}`);
  const sorted = [...terms].sort((a, b) => a.heading.localeCompare(b.heading, "en", { sensitivity: "base" }));
  assert.equal(
    terms.map((t) => t.heading),
    sorted.map((t) => t.heading),
    "in alphabetical order",
  );
  assert.is(new Set(ids).size, ids.length, "no anchor twice");
});

test("every glossary.md#anchor in a notebook's markdown names a term of the glossary", () => {
  const ids = new Set(terms.map((t) => t.id));
  for (const [name, anchors] of linksIn)
    for (const id of anchors) assert.ok(ids.has(id), `${name}: glossary.md#${id} is a heading of glossary.md`);
  assert.ok([...linksIn.values()].flat().length >= 20, "the notebooks link at least 20 terms");
});

test("scripts/glossary-links.py --check: every term's first use in the notebooks is linked", () => {
  const run = spawnSync("python3", [join(ROOT, "scripts", "glossary-links.py"), "--check"], { encoding: "utf8" });
  assert.is(run.status, 0, `glossary-links.py --check (run it without --check to link them):\n${run.stderr}`);
});

test("glossary.html has a title, a language, its landmarks, and each term as a heading with its anchor as id", () => {
  const html = readFileSync(join(SITE, "glossary.html"), "utf8");
  const page = report("glossary");
  assert.match(html, /<html lang="en">/);
  assert.match(page.title, /^Glossary · /);
  assert.match(html, /<main\b/);
  assert.equal(
    page.nav.map((n) => n.where),
    ["top", "bottom"],
    "the bars, top and bottom",
  );
  for (const { heading, id } of terms) {
    assert.ok(html.includes(`<h3 id="${id}">${heading}<`), `<h3 id="${id}">${heading}</h3>`);
    assert.ok(page.ids.includes(id), `${id} is an id on the page as the browser reads it`);
  }
});

test("glossary.html loads with its math typeset: no raw TeX, no TeX error, no error in the page", () => {
  const page = report("glossary");
  assert.ok(page.math > 10, `typeset formulas (${page.math})`);
  assert.is(page.mathErrors, 0, "MathJax errors");
  assert.equal(page.rawTex, [], "raw TeX");
  assert.equal(page.consoleErrors, [], "console errors");
  assert.equal(page.pageErrors, [], "page errors");
  assert.equal(page.failedRequests, [], "failed requests");
});

test("the index links to the glossary", () => {
  assert.ok(
    report("index").links.some((l) => l.href === "glossary.html"),
    "index.html links to glossary.html",
  );
});

test("each notebook's page links glossary.html#anchor where its notebook links glossary.md#anchor", () => {
  for (const [name, anchors] of linksIn) {
    const hrefs = report(name).links.map((l) => l.href);
    for (const id of anchors) assert.ok(hrefs.includes(`glossary.html#${id}`), `${name}.html: glossary.html#${id}`);
    const left = hrefs.filter((href) => /glossary\.md/.test(href));
    assert.equal(left, [], `${name}.html: links left to glossary.md`);
  }
});

test("axe-core finds no serious or critical violation on glossary.html", () => {
  const check = suite.ran("visited").visited.axe.get("glossary");
  assert.ok(check, "axe-core read glossary.html");
  const blocking = check.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const described = blocking.map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.html).join(", ")}`);
  assert.equal(described, [], "serious or critical violations");
});

test.run();
