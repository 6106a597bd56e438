// The published tutorial: `npm run build` makes site/, and headless Chromium reads every page of
// it from disk (file://), and each kind of page again from a static server on 127.0.0.1 (HTTP_PAGES:
// the index, the glossary, the playground, a step page; step-pages.test.ts runs another there), as
// a reader with no kernel would; every page and every file its HTML names are fetched over HTTP too.
// Then a notebook that fails, built from a temporary copy, must leave the site as it was.
// No request may leave the machine: anything but file:// and 127.0.0.1 is refused and reported.
// One file, past 250 lines: the build and the browser session are made once (a minute) for every test.
// The first build is the test run's shared one (buildSiteOnce: the first site suite to run makes it,
// executing every notebook); the second is this suite's own, from the cache. The reading from disk
// is the one the accessibility suite shares (shareSiteVisit: each page loaded once for both).
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type Mirror, mirrorProject, processesUnder, ROOT, waitUntil } from "./helpers/browser";
import { ARTIFACTS } from "./helpers/notebooks";
import { oneRun, type PageLog } from "./helpers/run";
import {
  type BuildRun,
  buildSiteOnce,
  rebuildSite,
  runBuild,
  runBuildAsync,
  SITE,
  type StaticServer,
  serveFolder,
  snapshot,
} from "./helpers/site";
import {
  fileUrl,
  forEachPage,
  PAGES,
  type PageReport,
  type PlotlyDiv,
  readReport,
  STEPS,
  shareSiteVisit,
} from "./helpers/visit";

const PLOTLY_VERSION: string = JSON.parse(
  readFileSync(join(ROOT, "node_modules", "plotly.js-dist", "package.json"), "utf8"),
).version;

interface Session {
  builds: BuildRun[];
  context?: BrowserContext;
  refused: string[];
  server?: StaticServer;
  reports: { file: PageReport[]; http: PageReport[] };
  /** Pages read from file:// that later tests use again, open as the visit left them, with their log. */
  open: Map<string, { page: Page; log: PageLog }>;
}

const session: Session = { builds: [], refused: [], reports: { file: [], http: [] }, open: new Map() };
/** The pages the sliders' and the hover tests use: kept open after their visit from file://. */
const KEPT = ["01-seeding", "03-training-loop", "04-predict"];
/** Pages read at once over HTTP: a page waits on its scripts and MathJax as much as on the processor. */
const AT_ONCE = 2;
/**
 * The pages Chromium reads over HTTP as well: one of each kind (the step pages share one template and
 * their assets). Reading all of them again took a tenth of npm test's processor time.
 */
const HTTP_PAGES = ["index", "glossary", "playground", STEPS[STEPS.length - 1]];
/** The reading of every page from file://, with a screenshot of each, shared with the accessibility suite. */
const fromDisk = shareSiteVisit({ screenshots: true, keep: KEPT });

async function run(s: Session): Promise<void> {
  // the real command, twice: the second has nothing to do, and writes the same site
  s.builds.push(await buildSiteOnce());
  const built = snapshot(SITE);
  s.builds.push(rebuildSite());
  assert.equal(snapshot(SITE), built, "the rebuild wrote the same files");
  s.server = await serveFolder(SITE);
  // every page from disk: the reading the accessibility suite shares (in its browser, with its screenshot)
  const visited = await fromDisk.visited();
  s.context = visited.context;
  s.refused = visited.refused;
  s.open = visited.open;
  s.reports.file = PAGES.map((name) => visited.reports.get(name) as PageReport);
  const { url } = s.server;
  s.reports.http = await forEachPage(HTTP_PAGES, AT_ONCE, async (name) => {
    const { report, page } = await readReport(visited.context, name, `${url}${name}.html`);
    await page.close();
    return report;
  });
}

const suite = oneRun(session, run);
const ran = () => suite.ran("context", "server");
const allReports = () => [...ran().reports.file, ...ran().reports.http];
const where = (r: PageReport) => `${r.name} (${r.url.startsWith("file:") ? "file://" : "http"})`;

test.before(suite.start);

test.after(async () => {
  try {
    await fromDisk.release(); // the kept pages close with the shared browser: step-pages.test.ts runs them after
  } finally {
    await session.server?.close();
  }
});

test("npm run build reports each notebook and writes one page a notebook, an index and the shared assets", () => {
  const [build] = ran().builds;
  for (const name of STEPS)
    assert.match(build.stdout, new RegExp(`^\\[build\\] ${name}: `, "m"), `progress for ${name}`);
  assert.match(build.stdout, /^\[build\] site\/ ready in /m);
  const files = readdirSync(SITE).filter((f) => f.endsWith(".html"));
  assert.equal(files.sort(), PAGES.map((p) => `${p}.html`).sort(), "the pages");
  for (const asset of ["plotly.js", "perceptron-notebooks.js", "mathjax/tex-svg-full.js", "jupyterlab.css", "site.css"])
    assert.ok(existsSync(join(SITE, "assets", asset)), `assets/${asset}`);
  const leftovers = readdirSync(ROOT).filter((f) => /^\.site\.(tmp|old)-/.test(f));
  assert.equal(leftovers, [], "no temporary folder is left next to site/");
});

test("a rebuild with nothing changed executes nothing: every page comes from the cache", () => {
  const rebuild = ran().builds[1];
  assert.not.match(rebuild.stdout, /executing/, "no notebook executed");
  for (const name of STEPS) assert.ok(rebuild.stdout.includes(`[build] ${name}: unchanged`), `${name} from the cache`);
});

test("every page loads, from file:// and over http://127.0.0.1, with no console error, page error or failed request", () => {
  const { reports } = ran();
  assert.is(reports.file.length, PAGES.length, "pages read from file://");
  assert.is(reports.http.length, HTTP_PAGES.length, "pages read over HTTP");
  for (const r of allReports()) {
    assert.equal(r.consoleErrors, [], `${where(r)}: console errors`);
    assert.equal(r.pageErrors, [], `${where(r)}: page errors`);
    assert.equal(r.failedRequests, [], `${where(r)}: failed requests`);
    assert.ok(r.title.length > 0, `${where(r)}: a title`);
  }
});

test("no request leaves the machine: each page asks for its own files only, which all exist", () => {
  const { refused, server } = ran();
  assert.equal(refused, [], "requests refused (to anything but file:// and 127.0.0.1)");
  for (const r of ran().reports.file) {
    const outside = r.requests.filter((u) => !u.startsWith(pathToFileURL(SITE).href) && !u.startsWith("data:"));
    assert.equal(outside, [], `${where(r)}: requests outside site/`);
  }
  for (const r of ran().reports.http) {
    const outside = r.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith("data:"));
    assert.equal(outside, [], `${where(r)}: requests to another host`);
  }
  const missing = server.requests.filter((path) => !existsSync(join(SITE, path)));
  assert.equal(missing, [], "paths the server did not have");
});

test("over HTTP, every page and every file its HTML names (scripts, styles, pictures, links) is served", async () => {
  const { server } = ran();
  for (const name of PAGES) {
    const url = `${server.url}${name}.html`;
    const page = await fetch(url);
    assert.is(page.status, 200, url);
    const html = await page.text();
    const named = new Set(
      [...html.matchAll(/\s(?:src|href)="([^"#]+)(?:#[^"]*)?"/g)]
        .map((m) => new URL(m[1].replace(/&amp;/g, "&"), url))
        .filter((u) => u.origin === new URL(server.url).origin)
        .map((u) => u.href),
    );
    assert.ok(named.size >= 3, `${name}: its HTML names its assets (${named.size})`);
    for (const file of named) assert.is((await fetch(file, { method: "HEAD" })).status, 200, `${name}: ${file}`);
  }
});

test("plotly.js is one shared asset, loaded once by each page with charts, and the kernel's own version", () => {
  for (const r of allReports()) {
    const plotly = r.requests.filter((u) => /plotly/i.test(u));
    const expected = r.chartsInFile > 0 ? 1 : 0; // the playground draws its own pictures
    assert.is(plotly.length, expected, `${where(r)}: plotly.js requests (${plotly.join(", ")})`);
    if (expected) {
      assert.ok(plotly[0].endsWith("/assets/plotly.js"), `${where(r)}: from assets/ (${plotly[0]})`);
      assert.is(r.plotlyVersion, PLOTLY_VERSION, `${where(r)}: Plotly.version`);
    }
    assert.is(r.inlinePlotly, 0, `${where(r)}: plotly.js inline`);
  }
});

test("every chart draws its SVG and its traces, in place of the fallback text", () => {
  for (const r of allReports()) {
    if (!STEPS.includes(r.name)) continue;
    assert.ok(r.chartsInFile > 0, `${where(r)}: the page has charts`);
    assert.is(r.charts.length, r.chartsInFile, `${where(r)}: chart divs`);
    r.charts.forEach((chart, i) => {
      const which = `${where(r)}, chart ${i + 1}`;
      assert.ok(chart.svgs > 0, `${which}: a .main-svg`);
      assert.ok(chart.drawn > 0, `${which}: drawn traces`);
      assert.not.ok(chart.fallback, `${which}: the fallback text is gone`);
      assert.ok(chart.width > 400 && chart.height >= 300, `${which}: ${chart.width}×${chart.height} px`);
    });
  }
});

test("MathJax typesets the math of every notebook page: no raw TeX left, no TeX errors", () => {
  for (const r of allReports()) {
    if (!STEPS.includes(r.name)) continue;
    assert.ok(r.math > 0, `${where(r)}: typeset formulas (${r.math})`);
    assert.is(r.mathErrors, 0, `${where(r)}: MathJax errors`);
    assert.equal(r.rawTex, [], `${where(r)}: raw TeX`);
    const mathjax = r.requests.filter((u) => /mathjax/i.test(u));
    assert.is(mathjax.length, 1, `${where(r)}: MathJax requests (${mathjax.join(", ")})`);
  }
  // the matrices notebook 3 displays as text/markdown are typeset too
  const loop = ran().reports.file.find((r) => r.name === "03-training-loop");
  assert.ok(loop && loop.math >= 20, `03-training-loop: formulas (${loop?.math})`);
});

test("every answer's body is HTML on its page, closed: no markdown left as typed inside a <details>", () => {
  for (const name of STEPS) {
    const html = readFileSync(join(SITE, `${name}.html`), "utf8");
    const answers = [...html.matchAll(/<details>\s*<summary>(.*?)<\/summary>([\s\S]*?)<\/details>/g)];
    assert.ok(answers.length > 0, `${name}: answers behind <details>`);
    for (const [, summary, body] of answers) {
      assert.match(body.trim(), /^<(p|ol|ul|table|pre)\b/, `${name}, "${summary}": its body is HTML`);
      assert.not.match(body, /\*\*|`[^`<]+`|^\s*[-*] /m, `${name}, "${summary}": markdown left as typed`);
    }
    assert.not.match(html, /<details open/, `${name}: every answer starts closed`);
  }
});

test("every link between pages resolves to a page of the site, and every heading link to its heading", () => {
  const { file, http } = ran().reports;
  const byName = new Map(file.map((r) => [r.name, r]));
  for (const reports of [file, http]) {
    const byUrl = new Map(reports.map((r) => [r.url, r]));
    for (const r of reports) {
      for (const link of r.links) {
        if (/^(?:https?:|mailto:)/.test(link.href) && !link.url.includes("127.0.0.1")) continue; // off-site reading
        const [target, fragment] = link.url.split("#");
        // a page read over HTTP links to pages read from disk only: the same page, its ids from there
        const linked = /([^/]+)\.html$/.exec(target)?.[1];
        const page = byUrl.get(target) ?? (reports === http ? byName.get(linked ?? "") : undefined);
        assert.ok(page, `${where(r)}: ${link.href} leads to a page of the site (${link.url})`);
        // a browser matches the fragment as written, then decoded
        if (fragment)
          assert.ok(
            page?.ids.includes(fragment) || page?.ids.includes(decodeURIComponent(fragment)),
            `${where(r)}: ${link.href} has its target`,
          );
      }
      assert.not.ok(
        r.links.some((l) => /\.(ipynb|md)(#|$)/.test(l.href)),
        `${where(r)}: no link left to a .ipynb or .md`,
      );
    }
  }
});

test("each notebook page has previous and next links, top and bottom, in reading order", () => {
  for (const r of allReports()) {
    const i = STEPS.indexOf(r.name);
    if (i < 0) continue;
    const prev = i > 0 ? `${STEPS[i - 1]}.html` : "index.html";
    const next = i < STEPS.length - 1 ? `${STEPS[i + 1]}.html` : "index.html";
    assert.equal(
      r.nav,
      [
        { where: "top", prev, next },
        { where: "bottom", prev, next },
      ],
      `${where(r)}: the bars`,
    );
  }
});

test("the index lists the steps in reading order, one line each, and starts the reader on the first", () => {
  const index = ran().reports.file.find((r) => r.name === "index");
  assert.ok(index);
  assert.equal(
    index.steps.map((s) => s.href),
    STEPS.map((s) => `${s}.html`),
    "one line per step, in reading order",
  );
  index.steps.forEach(({ text }, i) => {
    assert.ok(text.startsWith(`${i + 1}. `), `line ${i + 1}: ${text}`);
    assert.not.ok(text.includes("\n"), `line ${i + 1} is one line`);
  });
  assert.ok(
    index.nav.every((n) => n.next === `${STEPS[0]}.html`),
    "the bars lead to step 1",
  );
});

/** The slider charts of a page: each one's traces' y, the bars' shapes and the slider's label, by chart index. */
function readSliderCharts(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>(".perceptron-chart"))
      .map((div, index) => ({ div, index }))
      .filter(({ div }) => div.querySelector(".slider-container"))
      .map(({ div, index }) => ({
        index,
        ys: JSON.stringify(((div as PlotlyDiv).data ?? []).map((t) => Array.from(t.y ?? []))),
        bars: Array.from(div.querySelectorAll(".barlayer .point path")).map((p) => p.getAttribute("d") ?? ""),
        // the current value, above the rail (the step labels are in .slider-label-group)
        label: div.querySelector(".slider-group > .slider-label")?.textContent ?? "",
        active: (div as PlotlyDiv).layout?.sliders?.[0]?.active ?? 0,
      })),
  );
}

/** A page the visit from file:// left open (KEPT), as it was after its checks; left open for step-pages.test.ts. */
function keptPage(name: string): { page: Page; log: PageLog } {
  const kept = ran().open.get(name);
  if (!kept) throw new Error(`${name}: its page from file:// was not kept open`);
  assert.is(kept.page.url(), fileUrl(name), `${name}: the page read from file://`);
  return kept;
}

test("the sliders move, by dragging the handle and by clicking a step, and each changes its chart", async () => {
  let sliders = 0;
  for (const name of ["03-training-loop", "04-predict"]) {
    // the page the visit read: loaded from file://, its charts drawn (its log runs from the load)
    const {
      page,
      log: { pageErrors },
    } = keptPage(name);
    page.setDefaultTimeout(10_000);
    await page.bringToFront(); // the tab in front: a page behind others draws on fewer frames
    await waitUntil(`${name}: its charts`, 15_000, () =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll(".perceptron-chart")).every((d) => d.querySelector(".main-svg")),
      ),
    );
    const before = await readSliderCharts(page);
    assert.ok(before.length > 0, `${name}: a chart with a slider`);
    for (const chart of before) {
      sliders++;
      const div = page.locator(".perceptron-chart").nth(chart.index);
      await div.scrollIntoViewIfNeeded();
      // the handle, and the rail's ticks: one a step
      const grip = await div.locator(".slider-grip-rect").boundingBox();
      const ticks = div.locator(".slider-tick-rect");
      const first = await ticks.first().boundingBox();
      const start = await ticks.nth(chart.active).boundingBox();
      assert.ok(grip && first && start, `${name}: the slider's handle and ticks are on the page`);
      assert.ok(chart.active > 0, `${name}: the slider starts past its first step`);
      const railY = grip.y + grip.height / 2;
      // drag the handle to the first step
      await page.mouse.move(grip.x + grip.width / 2, railY);
      await page.mouse.down();
      await page.mouse.move(first.x + first.width / 2, railY, { steps: 8 });
      await page.mouse.up();
      const moved = await waitUntil(`${name}: the chart to change after the drag`, 5_000, async () => {
        const now = (await readSliderCharts(page)).find((c) => c.index === chart.index);
        return now && now.ys !== chart.ys && now.label !== chart.label ? now : undefined;
      });
      assert.not.equal(moved.bars, chart.bars, `${name}: the bars are redrawn`);
      // click the rail at the step it started on: the chart comes back
      await page.mouse.click(start.x + start.width / 2, railY);
      const back = await waitUntil(`${name}: the chart to return after a click on its step`, 5_000, async () => {
        const now = (await readSliderCharts(page)).find((c) => c.index === chart.index);
        return now && now.ys === chart.ys ? now : undefined;
      });
      assert.is(back.label, chart.label, `${name}: the slider's label`);
      assert.equal(back.bars, chart.bars, `${name}: the bars as they were`);
    }
    assert.equal(pageErrors, [], `${name}: page errors`);
  }
  assert.ok(sliders >= 2, `sliders moved: ${sliders}`);
});

test("the charts answer the mouse with no kernel: a hover label on a bar, a drag that zooms", async () => {
  // the page the visit read from file://, as it left it
  const { page } = keptPage("01-seeding");
  page.setDefaultTimeout(10_000);
  await page.bringToFront();
  // step 1's charts: the perceptron's diagram, the initial weights' bars, the draws' histogram
  const chart = page.locator(".perceptron-chart").nth(1);
  await chart.locator(".main-svg").first().waitFor();
  await chart.scrollIntoViewIfNeeded();
  const bar = await chart.locator(".barlayer .point path").first().boundingBox();
  assert.ok(bar, "a bar");
  await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2);
  await chart.locator(".hoverlayer .hovertext").first().waitFor({ timeout: 5_000 });
  const rangeOf = () =>
    page.evaluate(() =>
      (document.querySelectorAll<PlotlyDiv>(".perceptron-chart")[2]?.layout?.xaxis?.range ?? []).map(Number),
    );
  const histogram = page.locator(".perceptron-chart").nth(2);
  await histogram.scrollIntoViewIfNeeded();
  const area = await histogram.locator(".nsewdrag").first().boundingBox();
  assert.ok(area, "the histogram's plot area");
  const before = await rangeOf();
  await page.mouse.move(area.x + area.width * 0.3, area.y + area.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width * 0.6, area.y + area.height * 0.7, { steps: 6 });
  await page.mouse.up();
  const after = await waitUntil("the x axis to zoom", 5_000, async () => {
    const now = await rangeOf();
    return now.length === 2 && now[1] - now[0] < (before[1] - before[0]) * 0.6 ? now : undefined;
  });
  assert.ok(after[0] > before[0] && after[1] < before[1], `zoomed from [${before}] to [${after}]`);
});

test("a failing notebook stops the build, named with its cell, and leaves the previous site, or none, as it was", async () => {
  ran();
  const names = [...STEPS.map((s) => `${s}.ipynb`), "README.md"];
  let mirror: Mirror | undefined;
  try {
    mirror = mirrorProject(names);
    const notebooks = join(mirror.dir, "notebooks");
    const out = join(mirror.dir, "site");
    // a good build first (from the cache: the same notebooks and module)
    const good = runBuild(["--notebooks", notebooks, "--out", out]);
    assert.is(good.status, 0, `the good build:\n${good.stdout}\n${good.stderr}`);
    const built = snapshot(out);
    assert.ok(Object.keys(built).length > 6, "the good build wrote the site");

    // then a cell that throws, as the fifth cell (the third code cell) of step 2
    const path = join(notebooks, `${STEPS[1]}.ipynb`);
    const nb = JSON.parse(readFileSync(path, "utf8"));
    nb.cells.splice(4, 0, {
      cell_type: "code",
      execution_count: null,
      id: "a-failing-cell",
      metadata: {},
      outputs: [],
      source: ["// a cell that fails, for the test\n", 'throw new Error("deliberate failure");'],
    });
    writeFileSync(path, JSON.stringify(nb, null, 1));
    // the two failing builds, side by side: over the good site, and into a folder that is not there
    const targets = [
      [out, built],
      [join(mirror.dir, "fresh-site"), {}],
    ] as const;
    const failures = await Promise.all(
      targets.map(([target]) => runBuildAsync(["--notebooks", notebooks, "--out", target])),
    );
    for (const [i, [target, before]] of targets.entries()) {
      const failed = failures[i];
      assert.is(failed.status, 1, `the failing build's exit status:\n${failed.stdout}\n${failed.stderr}`);
      assert.ok(
        failed.stderr.includes(`${STEPS[1]}.ipynb, cell 5 (code cell 3, "// a cell that fails, for the test")`),
        `the notebook and the cell are named:\n${failed.stderr}`,
      );
      assert.ok(failed.stderr.includes("deliberate failure"), "the error is shown");
      assert.equal(snapshot(target), before, `${target} is as it was`);
      assert.is(existsSync(target), Object.keys(before).length > 0, "no half-written site");
      const leftovers = readdirSync(mirror.dir).filter((f) => /^\.(site|fresh-site)\.(tmp|old)-/.test(f));
      assert.equal(leftovers, [], "no temporary folder left");
    }
    assert.equal(processesUnder(mirror.dir), [], "no kernel left running in the copy");
  } finally {
    mirror?.remove();
  }
});

test("a screenshot of every page is saved in test/.artifacts/ for a look", () => {
  ran();
  for (const name of PAGES) assert.ok(existsSync(join(ARTIFACTS, `site-${name}.jpg`)), `site-${name}.jpg`);
});

test.run();
