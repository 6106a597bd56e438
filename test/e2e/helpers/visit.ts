// The site's pages as a reader's browser shows them: one page opened, waited for (every chart
// drawn, every explorer drawn, the math typeset) and read (readReport); and the one reading of
// every page from disk (file://) that the site and accessibility suites share (shareSiteVisit):
// each page loaded once, read, photographed and checked by axe-core, in one Chromium for both.
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import type { Result } from "axe-core";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { waitUntil } from "./browser";
import { ARTIFACTS, notebookNames } from "./notebooks";
import { type PageLog, watchPage } from "./run";
import { launchSiteBrowser, SITE } from "./site";

export const STEPS = notebookNames();
/** Every page of the site: the glossary is notebooks/glossary.md's. */
export const PAGES = ["index", "playground", "glossary", ...STEPS];
export const fileUrl = (name: string) => pathToFileURL(join(SITE, `${name}.html`)).href;

/** A Plotly div: Plotly keeps the figure on it. */
export type PlotlyDiv = HTMLElement & {
  data?: { y?: ArrayLike<unknown> }[];
  layout?: { xaxis?: { range?: unknown[] }; sliders?: { active?: number }[] };
};

export interface Chart {
  svgs: number;
  /** Drawn traces: scatter or bar groups with a path, or a WebGL canvas (3-D). */
  drawn: number;
  fallback: boolean;
  sliders: number;
  width: number;
  height: number;
}

export interface Link {
  href: string;
  /** The link resolved against the page's URL. */
  url: string;
}

export interface PageReport extends PageLog {
  name: string;
  url: string;
  title: string;
  charts: Chart[];
  /** Chart divs in the page's HTML file, before any script ran. */
  chartsInFile: number;
  inlinePlotly: number;
  plotlyVersion: string | null;
  math: number;
  mathErrors: number;
  /** Visible prose or output text that still looks like TeX. */
  rawTex: string[];
  links: Link[];
  /** Ids on the page, for links to a heading. */
  ids: string[];
  nav: { where: string; prev: string | null; next: string | null }[];
  /** The index's list: each line's text and link. */
  steps: { text: string; href: string }[];
}

/**
 * Opens `url` (the page `name` of site/) in `context`, waits for its charts, its explorers and its
 * math, and reads what the tests check. `screenshot`: a full-page picture goes there. The page is
 * left open, logging on; the report holds the log as it stood once the page was read.
 */
export async function readReport(
  context: BrowserContext,
  name: string,
  url: string,
  screenshot?: string,
): Promise<{ report: PageReport; page: Page; log: PageLog }> {
  const page = await context.newPage();
  page.setDefaultTimeout(60_000); // a page with plotly.js and MathJax loads slowly on a busy machine
  const log = watchPage(page);
  try {
    await page.goto(url, { waitUntil: "load" });
    const html = readFileSync(join(SITE, `${name}.html`), "utf8");
    const chartsInFile = (html.match(/class="perceptron-chart"/g) ?? []).length;
    await waitUntil(`${name}: every chart and explorer to draw`, 30_000, () =>
      page.evaluate(
        (count) =>
          document.querySelectorAll(".perceptron-chart").length === count &&
          Array.from(document.querySelectorAll(".perceptron-chart")).every((d) => d.querySelector(".main-svg")) &&
          // the explorers' controls, charts (any <svg>) and numbers
          Array.from(document.querySelectorAll(".explorer-chart")).every((div) => div.querySelector("svg")) &&
          Array.from(document.querySelectorAll(".perceptron-explorer")).every(
            (div) => div.querySelector(".explorer-numbers")?.textContent,
          ),
        chartsInFile,
      ),
    );
    // MathJax 3 typesets once it has loaded (deferred): its startup promise settles when done
    await page.evaluate(() => {
      const mathjax = (window as Window & { MathJax?: { startup?: { promise?: Promise<unknown> } } }).MathJax;
      return mathjax?.startup?.promise?.then(() => true);
    });
    const report = await page.evaluate(() => {
      const charts = Array.from(document.querySelectorAll<HTMLElement>(".perceptron-chart")).map((div) => {
        const box = div.getBoundingClientRect();
        const traces = Array.from(div.querySelectorAll(".scatterlayer .trace, .barlayer .trace"));
        return {
          svgs: div.querySelectorAll(".main-svg").length,
          drawn:
            traces.filter(
              (t) =>
                (t.querySelector("path.js-line")?.getAttribute("d") ?? "").length > 20 ||
                Array.from(t.querySelectorAll(".point path, path.point")).some(
                  (p) => (p.getAttribute("d") ?? "").length > 5,
                ),
            ).length +
            div.querySelectorAll(".gl-container canvas").length +
            // a heat map is an image, a contour plot its own layer
            div.querySelectorAll(".heatmaplayer image, .contourlayer .contour").length,
          fallback: div.querySelector(".perceptron-chart-fallback") !== null,
          sliders: div.querySelectorAll(".slider-container").length,
          width: box.width,
          height: box.height,
        };
      });
      // text a reader sees, minus code: TeX left there was not typeset
      const prose = Array.from(
        document.querySelectorAll(".jp-RenderedMarkdown, .jp-RenderedHTMLCommon, .site-index-main"),
      ).filter((e) => !e.closest(".perceptron-chart"));
      const rawTex: string[] = [];
      for (const element of prose) {
        const copy = element.cloneNode(true) as HTMLElement;
        for (const skip of Array.from(copy.querySelectorAll("code, pre, mjx-container, script, style"))) skip.remove();
        const text = copy.textContent ?? "";
        for (const m of text.matchAll(/\$\$|\$[^$\s][^$]*\$|\\begin\{|\\frac|\\sigma/g)) {
          rawTex.push(text.slice(Math.max(0, (m.index ?? 0) - 30), (m.index ?? 0) + 40).replace(/\s+/g, " "));
        }
      }
      return {
        title: document.title,
        charts,
        inlinePlotly: document.querySelectorAll("script[data-plotly-js]").length,
        plotlyVersion: (window as Window & { Plotly?: { version?: string } }).Plotly?.version ?? null,
        math: document.querySelectorAll("mjx-container").length,
        mathErrors: document.querySelectorAll("mjx-merror, .mjx-merror").length,
        rawTex: Array.from(new Set(rawTex)),
        links: Array.from(document.querySelectorAll<HTMLAnchorElement>("a[href]")).map((a) => ({
          href: a.getAttribute("href") ?? "",
          url: a.href,
        })),
        ids: Array.from(document.querySelectorAll("[id]")).map((e) => e.id),
        nav: Array.from(document.querySelectorAll(".site-nav")).map((nav) => ({
          where: nav.classList.contains("site-nav-top") ? "top" : "bottom",
          prev: nav.querySelector("a[rel=prev]")?.getAttribute("href") ?? null,
          next: nav.querySelector("a[rel=next]")?.getAttribute("href") ?? null,
        })),
        steps: Array.from(document.querySelectorAll(".site-steps li")).map((li) => ({
          text: li.textContent ?? "",
          href: li.querySelector("a")?.getAttribute("href") ?? "",
        })),
      };
    });
    if (screenshot) {
      mkdirSync(dirname(screenshot), { recursive: true });
      // JPEG (its type from the name): half a PNG's encoding time on a page 20,000 pixels long
      await page.screenshot({ path: screenshot, fullPage: true, quality: 85, timeout: 120_000 });
    }
    const { consoleErrors, pageErrors, failedRequests, requests } = log;
    const logged = {
      consoleErrors: [...consoleErrors],
      pageErrors: [...pageErrors],
      failedRequests: [...failedRequests],
      requests: [...requests],
    };
    return { report: { name, url, ...logged, chartsInFile, ...report }, page, log };
  } catch (error) {
    await page.close();
    throw error;
  }
}

/** Runs `read` for each page, `atOnce` at a time; the results in the order of `pages`. */
export async function forEachPage<T>(
  pages: string[],
  atOnce: number,
  read: (name: string) => Promise<T>,
): Promise<T[]> {
  const results = new Map<string, T>();
  const queue = [...pages];
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) results.set(name, await read(name));
  };
  await Promise.all(Array.from({ length: atOnce }, worker));
  return pages.map((name) => results.get(name) as T);
}

/** What axe-core found on a page, and what the page held when it ran. */
export interface AxeCheck {
  violations: Result[];
  /** Chart divs, and those Plotly drew with their text (an SVG <text> inside) before axe ran. */
  charts: number;
  drawn: number;
  /** Typeset formulas (mjx-container) and TeX errors, before axe ran. */
  math: number;
  mathErrors: number;
}

/** Runs axe-core (its default rules: WCAG 2 A and AA and its best practices) over an open page. */
export async function runAxe(page: Page): Promise<AxeCheck> {
  const state = await page.evaluate(() => {
    const charts = Array.from(document.querySelectorAll(".perceptron-chart"));
    return {
      charts: charts.length,
      drawn: charts.filter((div) => div.querySelector(".main-svg text")).length,
      math: document.querySelectorAll("mjx-container").length,
      mathErrors: document.querySelectorAll("mjx-merror").length,
    };
  });
  // legacy mode: axe runs whole in the page, instead of gathering there and concluding in a blank
  // page it opens, which takes two thirds of the time on a page of 10,000 elements (the charts' SVG,
  // MathJax's). The pages have no frames, which that mode would leave out (rule frame-tested says so).
  // preload false: axe would ask for each stylesheet again by XMLHttpRequest, which file:// refuses
  // (so it never had them here), leaving a console error and a failed request in the log of a page
  // that a later suite reads. Violations only: the full report takes 20 times as long on a big page.
  const axe = new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ["violations"], preload: false });
  const { violations } = await axe.analyze();
  return { ...state, violations };
}

/** What a suite wants of the shared reading: a screenshot of each page, axe's check, pages left open. */
export interface VisitWants {
  screenshots?: boolean;
  axe?: boolean;
  /** Pages left open after their reading, as it left them (the suite closes them). */
  keep?: string[];
}

/** The shared reading of every page from file://. */
export interface SiteVisit {
  context: BrowserContext;
  /** Requests refused in the context (to anything but file:// and 127.0.0.1), from every page it opened. */
  refused: string[];
  reports: Map<string, PageReport>;
  /** By page, when a suite wanted axe. */
  axe: Map<string, AxeCheck>;
  /** The pages left open (VisitWants.keep), with their logs running on. */
  open: Map<string, { page: Page; log: PageLog }>;
}

/** Pages read at once: CPU-bound (plotly.js, MathJax, axe), two cores. */
const AT_ONCE = 2;
const wanted: Required<VisitWants> = { screenshots: false, axe: false, keep: [] };
let users = 0;
let browser: Browser | undefined;
let visit: Promise<SiteVisit> | undefined;

async function readEverything(): Promise<SiteVisit> {
  const site = await launchSiteBrowser((launched) => {
    browser = launched;
  });
  const visited: SiteVisit = { ...site, reports: new Map(), axe: new Map(), open: new Map() };
  await forEachPage(PAGES, AT_ONCE, async (name) => {
    const shot = wanted.screenshots ? join(ARTIFACTS, `site-${name}.jpg`) : undefined;
    const { report, page, log } = await readReport(site.context, name, fileUrl(name), shot);
    try {
      visited.reports.set(name, report);
      if (wanted.axe) visited.axe.set(name, await runAxe(page));
    } finally {
      if (wanted.keep.includes(name)) visited.open.set(name, { page, log });
      else await page.close();
    }
  });
  return visited;
}

/**
 * Said by a suite as it loads: it will read the pages of site/ from disk, with
 * what it `wants`. Returns its way to them, and its `release` (in its test.after): the browser
 * closes once every suite that said so has released it.
 */
export function shareSiteVisit(wants: VisitWants): {
  visited(): Promise<SiteVisit>;
  kept(name: string): Promise<{ page: Page; log: PageLog }>;
  release(): Promise<void>;
} {
  users++;
  wanted.screenshots ||= wants.screenshots ?? false;
  wanted.axe ||= wants.axe ?? false;
  wanted.keep.push(...(wants.keep ?? []));
  let released = false;
  return {
    // the first suite to ask reads every page (after the test run's build: the suite awaits it first)
    visited: () => {
      visit ??= readEverything();
      return visit;
    },
    /**
     * A page the reading kept open (VisitWants.keep), as the reading and the suites before left it,
     * brought to the front (a page behind other tabs draws on fewer frames), waiting up to 60 s.
     */
    async kept(name: string) {
      const opened = (await this.visited()).open.get(name);
      if (!opened || opened.page.isClosed()) throw new Error(`${name}: the reading from disk kept no open page`);
      opened.page.setDefaultTimeout(60_000);
      await opened.page.bringToFront();
      return opened;
    },
    async release() {
      if (released) return;
      released = true;
      if (--users === 0) await browser?.close();
    },
  };
}
