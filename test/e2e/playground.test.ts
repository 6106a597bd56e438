// The published site's live parts, with no kernel: the explorers at the end of steps 3, 4, 6 and 7,
// and playground.html, read from disk (file://) and over HTTP from 127.0.0.1, in Chromium. Each
// shows what the module computes in Node for the same settings, to the last digit; the playground
// keeps its settings in the URL, so a link reproduces a run and back/forward restore earlier ones,
// and a malformed or hostile link gets the defaults and a visible note, never markup or an error.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { defaults, report, run, type Settings } from "../../src/explorer/explorer";
import { hashOf } from "../../src/explorer/playground";
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

test("a playground link reproduces its run, from file:// and over HTTP", async () => {
  const settings: Settings = {
    data: "xor",
    hidden: 3,
    seed: 7,
    learningRate: 0.5,
    iterations: 2000,
    targets: [0, 1, 1, 1],
    activation: "tanh",
    bias: true,
    l2: 0.002,
  };
  for (const url of urls("playground.html", hashOf(settings))) {
    const { page, log } = await open(url);
    try {
      const [shown] = await readExplorers(page);
      assert.equal(settingsOf(shown), settings, `${url}: the controls hold the link's settings`);
      assert.is(shown.numbers, expected(settings), `${url}: the link's run, as the kernel gives it`);
      assert.is(await page.locator(".playground-note").textContent(), "", "no note");
      assert.is(new URL(page.url()).hash, hashOf(settings), "the address still holds them");
      assertCleanPage(log, url);
    } finally {
      await page.close();
    }
  }
});

test("each change is a step in the history: back and forward restore earlier settings and their numbers", async () => {
  const [url] = urls("playground.html");
  const { page, log } = await open(url);
  try {
    const start = (await readExplorers(page))[0];
    assert.equal(settingsOf(start), defaults("seed"), "no hash: the seed's defaults");
    await page.getByLabel("Data set").selectOption("and");
    const and = await afterRetrain(page, start.numbers);
    await page.getByRole("button", { name: "[1, 1, 1] → 1" }).click();
    const flipped = await afterRetrain(page, and.numbers);
    assert.equal(flipped.targets, [0, 0, 0, 0]);
    assert.is(new URL(page.url()).hash, hashOf(settingsOf(flipped)));

    await page.goBack();
    const back = await afterRetrain(page, flipped.numbers);
    assert.equal(settingsOf(back), settingsOf(and), "back: AND with its own targets");
    assert.is(back.numbers, expected(settingsOf(and)));
    await page.goBack();
    const first = await afterRetrain(page, back.numbers);
    assert.equal(settingsOf(first), defaults("seed"), "back again: the defaults");
    await page.goForward();
    const forward = await afterRetrain(page, first.numbers);
    assert.equal(settingsOf(forward), settingsOf(and), "forward: AND again");
    assertCleanPage(log, url);
  } finally {
    await page.close();
  }
});

test("a malformed or hostile link gets the defaults for what it got wrong, a visible note, and no markup", async () => {
  const hostile =
    "#data=%3Cimg%20src%3Dx%20onerror%3Dwindow.pwned%3D1%3E&seed=1e400&rate=javascript:alert(1)" +
    "&hidden=%3Cscript%3Ewindow.pwned%3D2%3C%2Fscript%3E&iterations=-5&targets=%22%3E%3Cb%3E";
  for (const url of urls("playground.html", hostile)) {
    const { page, log } = await open(url);
    try {
      const note = page.locator(".playground-note");
      assert.ok(await note.isVisible(), `${url}: the note shows`);
      assert.is(
        await note.textContent(),
        "This link's data, hidden, seed, iterations, rate, targets could not be read, so the defaults are used for them.",
      );
      const [shown] = await readExplorers(page);
      assert.equal(settingsOf(shown), defaults("seed"), `${url}: the defaults`);
      assert.is(shown.numbers, expected(defaults("seed")));
      const injected = await page.evaluate(() => ({
        pwned: (window as Window & { pwned?: number }).pwned ?? null,
        markup: document.querySelectorAll("main img, main b, main script:not([src])").length,
      }));
      assert.equal(injected, { pwned: null, markup: 0 }, `${url}: nothing from the link ran or became markup`);
      assertCleanPage(log, url);
    } finally {
      await page.close();
    }
  }
});

test("play trains from 0 up to the iterations, a frame at a time; pause stops it; step goes on by one stride", async () => {
  const [url] = urls("playground.html", "#data=or&iterations=3000");
  const { page, log } = await open(url);
  try {
    const numbers = async () => (await readExplorers(page))[0].numbers;
    const iterations = async () => (await readExplorers(page))[0].iterations;
    // the iterations each frame shows, read in the page (a look from here each time would miss
    // frames on a busy machine), until play is back at 3000
    await page.evaluate(() => {
      const label = Array.from(document.querySelectorAll("label")).find((l) => l.textContent === "Iterations");
      const input = document.getElementById(label?.htmlFor ?? "") as HTMLInputElement;
      // on window, not a named function: tsx would wrap that in __name, which the page has not
      const w = window as Window & { shown?: number[]; played?: boolean; look?: () => void };
      w.shown = [];
      w.look = () => {
        const shown = w.shown as number[];
        const now = Number(input.value);
        if (shown[shown.length - 1] !== now) shown.push(now);
        w.played = now === 3000 && shown.length > 1;
        if (!w.played) requestAnimationFrame(w.look as () => void);
      };
      requestAnimationFrame(w.look);
    });
    await page.getByRole("button", { name: "Play training" }).click();
    await waitUntil("play to reach 3000 iterations", 15_000, () =>
      page.evaluate(() => (window as Window & { played?: boolean }).played),
    );
    const seen = await page.evaluate(() => (window as Window & { shown?: number[] }).shown ?? []);
    assert.ok(new Set(seen).size >= 3, `play showed the iterations on the way up: ${seen.join(", ")}`);
    const end = (await readExplorers(page))[0];
    assert.is(end.numbers, expected(settingsOf(end)), "the last frame is a full run of 3000 iterations");

    // play, and pause two frames later, in the page: a click from here each would take longer than
    // play's 30 frames on a busy machine
    await page.evaluate(async () => {
      const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>(".playground-play button"));
      buttons.find((b) => b.textContent === "Play training")?.click();
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      buttons.find((b) => b.textContent === "Pause")?.click();
    });
    const paused = await iterations();
    assert.ok(paused > 0, `play went on from 0 before the pause: ${paused}`);
    assert.ok(paused < 3000, `paused at ${paused}`);
    await page.waitForTimeout(300);
    assert.is(await iterations(), paused, "paused: no more frames");
    const before = await numbers();
    await page.getByRole("button", { name: "Step" }).click();
    const stepped = await afterRetrain(page, before);
    assert.is(stepped.iterations, paused + 100, "one stride of 100 on");
    assert.is(stepped.numbers, expected(settingsOf(stepped)));
    assertCleanPage(log, url);
  } finally {
    await page.close();
  }
});

test("no page asked for anything off the machine", async () => {
  assert.equal(ran().refused, [], "the pages this suite opened");
  assert.equal((await fromDisk.visited()).refused, [], "the pages read from disk");
});

test.run();
