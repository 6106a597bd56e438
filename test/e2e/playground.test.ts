// The published site's explorers, with no kernel: the ones at the end of steps 3, 4, 6, 7, 9, 10 and
// 11, read from disk (file://) and over HTTP from 127.0.0.1, in Chromium. Each shows what the module
// computes in Node for the same settings, to the last digit. (playground.html: playground-page.test.ts.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { report, run, type Settings } from "../../src/explorer/explorer";
import { waitUntil } from "./helpers/browser";
import { NOTEBOOKS, notebookNames, readNotebook, text } from "./helpers/notebooks";
import { assertCleanPage, type PageLog, watchPage } from "./helpers/run";
import { buildSite, SITE, siteSuite } from "./helpers/site";
import { shareSiteVisit } from "./helpers/visit";

/** The notebooks that call explore(): their pages must hold a working explorer. */
const EXPLORER_PAGES = notebookNames().filter((name) =>
  readNotebook(join(NOTEBOOKS, `${name}.ipynb`)).cells.some(
    (cell) => cell.cell_type === "code" && /^explore\(/m.test(text(cell.source)),
  ),
);
const expected = (s: Settings) => report(s, run(s));

/** The explorers' step pages from disk: the shared reading's (shareSiteVisit), loaded once for every site suite. */
const fromDisk = shareSiteVisit({ keep: EXPLORER_PAGES });
const suite = siteSuite(async () => {
  buildSite();
  await fromDisk.visited();
});
const ran = suite.ran;
const urls = (page: string, hash = "") => [
  `${pathToFileURL(join(SITE, page)).href}${hash}`,
  `${ran().server.url}${page}${hash}`,
];

/** A dialog the page opens is an error in its log, and is dismissed. */
function refuseDialogs(page: Page, log: PageLog): void {
  page.on("dialog", (dialog) => {
    log.pageErrors.push(`a dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
}

/** Opens `url`, waits until every explorer on it has drawn its charts and numbers. */
async function open(url: string): Promise<{ page: Page; log: PageLog }> {
  const page = await ran().context.newPage();
  page.setDefaultTimeout(60_000); // a step page loads plotly.js and MathJax: slow on a busy machine
  const log = watchPage(page);
  refuseDialogs(page, log);
  await page.goto(url, { waitUntil: "load" });
  await explorersDrawn(page, url);
  return { page, log };
}

/**
 * The step page `name` as the shared reading from disk left it (left open for the suites after
 * this one: the site suite's sliders, step-pages' runs), once its explorers have drawn.
 */
async function fromDiskPage(name: string): Promise<{ page: Page; log: PageLog }> {
  const opened = await fromDisk.kept(name);
  refuseDialogs(opened.page, opened.log);
  await explorersDrawn(opened.page, opened.page.url());
  return opened;
}

/** Waits until every explorer on `page` has drawn its charts and numbers. */
async function explorersDrawn(page: Page, url: string): Promise<void> {
  await waitUntil(`${url}: every explorer drawn`, 20_000, () =>
    page.evaluate(() => {
      const explorers = Array.from(document.querySelectorAll(".perceptron-explorer"));
      return (
        explorers.length > 0 &&
        explorers.every(
          (e) =>
            e.querySelector(".explorer-numbers")?.textContent && e.querySelectorAll(".explorer-chart svg").length >= 4,
        )
      );
    }),
  );
}

/** Each explorer's settings, as its controls show them, and its numbers. */
function readExplorers(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll(".perceptron-explorer")).map((e) => {
      // each control's value by its label's text (no named functions here: tsx would wrap them)
      const value: Record<string, string> = {};
      for (const label of Array.from(e.querySelectorAll("label")))
        value[label.textContent ?? ""] =
          (document.getElementById(label.htmlFor) as HTMLInputElement | null)?.value ?? "";
      return {
        data: value["Data set"],
        hidden: Number(value["Hidden neurons"]),
        activation: value["Hidden layer's activation"],
        bias: (e.querySelector('input[type="checkbox"]') as HTMLInputElement | null)?.checked ?? false,
        l2: Number(value["L2 penalty (weight decay)"]),
        rate: e.querySelector('output[for$="-rate"]')?.textContent ?? "",
        iterations: Number(value.Iterations),
        seed: Number(value.Seed),
        targets: Array.from(e.querySelectorAll(".explorer-targets button")).map((b) =>
          b.getAttribute("aria-pressed") === "true" ? 1 : 0,
        ),
        numbers: e.querySelector(".explorer-numbers")?.textContent ?? "",
      };
    }),
  );
}
const settingsOf = (shown: Awaited<ReturnType<typeof readExplorers>>[number]): Settings => ({
  data: shown.data,
  hidden: shown.hidden,
  learningRate: Number(shown.rate),
  iterations: shown.iterations,
  seed: shown.seed,
  targets: shown.targets,
  activation: shown.activation as Settings["activation"],
  bias: shown.bias,
  l2: shown.l2,
});

/** Waits until the page's first explorer shows numbers other than `before`, then reads it. */
async function afterRetrain(page: Page, before: string) {
  await waitUntil("the explorer to retrain", 10_000, async () => (await readExplorers(page))[0].numbers !== before);
  return (await readExplorers(page))[0];
}

test.before(suite.start);
test.after(async () => {
  try {
    await suite.close();
  } finally {
    await fromDisk.release();
  }
});

test("steps 3, 4, 6, 7, 9, 10 and 11 end with an explorer, and their pages hold it", () => {
  assert.equal(EXPLORER_PAGES, [
    "03-training-loop",
    "04-predict",
    "06-bias-and-gates",
    "07-hidden-layer",
    "09-learning-rate",
    "10-activations",
    "11-overfitting",
  ]);
  for (const name of EXPLORER_PAGES) {
    const html = readFileSync(join(SITE, `${name}.html`), "utf8");
    assert.ok(html.includes('class="perceptron-explorer"'), `${name}.html: an explorer`);
  }
});

// every page from disk; the last over HTTP too (each step page loads plotly.js and MathJax: seconds)
EXPLORER_PAGES.forEach((name, i) => {
  const over = i === EXPLORER_PAGES.length - 1 ? "from file:// and over HTTP" : "from file://";
  test(`${name}: the explorer shows Node's numbers, and retrains from the keyboard, ${over}`, async () => {
    const all = urls(`${name}.html`);
    for (const url of i === EXPLORER_PAGES.length - 1 ? all : all.slice(0, 1)) {
      // from disk: the shared reading's page, left open for the suites after this one
      const fromFile = url.startsWith("file:");
      const { page, log } = fromFile ? await fromDiskPage(name) : await open(url);
      try {
        const [first] = await readExplorers(page);
        assert.is(first.numbers, expected(settingsOf(first)), `${url}: the numbers as the kernel prints them`);
        // from the keyboard: one more hidden neuron (a new seed may land on the same numbers: one
        // neuron on XOR settles where every seed does)
        const hidden = page.locator(".perceptron-explorer").first().getByLabel("Hidden neurons");
        await hidden.focus();
        await page.keyboard.press("ArrowRight");
        const after = await afterRetrain(page, first.numbers);
        assert.is(after.hidden, first.hidden + 1);
        assert.is(after.numbers, expected(settingsOf(after)), `${url}: ${after.hidden} hidden neurons' numbers`);
        assertCleanPage(log, url);
      } finally {
        if (!fromFile) await page.close();
      }
    }
  });
});

test("no page asked for anything off the machine", async () => {
  assert.equal(ran().refused, [], "the pages this suite opened");
  assert.equal((await fromDisk.visited()).refused, [], "the pages read from disk");
});

test.run();
