// playground.html in Chromium, from disk and over HTTP (written alone: see FOLDER): TensorFlow Playground's controls over the
// module's Network. Each control changes the run, and the page's numbers are what the module gives
// in Node for the settings in its address (runReport(playgroundRun(settings)), to the last digit); a
// link with every setting reproduces the run; back and forward restore earlier settings; a hostile
// link gets the defaults and a note; a CSV's bad lines are each named; the exported JSON loads in
// Node with the same predictions; the code panel's program, run by Node, prints the page's numbers;
// a learning rate too high stops training with a note; and it fits a phone.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Network } from "../../src";
import { runReport } from "../../src/playground/code";
import { playgroundRun } from "../../src/playground/run";
import {
  type PlaygroundSettings,
  playgroundDefaults,
  playgroundFromHash,
  playgroundHash,
} from "../../src/playground/settings";
import { ROOT, waitUntil } from "./helpers/browser";
import { NOTEBOOKS } from "./helpers/notebooks";
import { assertCleanPage, type PageLog, watchPage } from "./helpers/run";
import { siteSuite } from "./helpers/site";

/**
 * The playground page alone, as the site publishes it (site-pages.mjs writePlayground: the same
 * page, its bundle and its stylesheet), in a folder of its own: no notebook runs, so this suite runs
 * beside the site's build, not after it.
 */
const FOLDER = mkdtempSync(join(tmpdir(), "playground-site-"));
const suite = siteSuite(async () => {
  const { writePlayground } = await import(pathToFileURL(join(ROOT, "scripts", "site-pages.mjs")).href);
  writePlayground(FOLDER, NOTEBOOKS);
}, FOLDER);
const ran = suite.ran;
const fromDisk = (hash = "") => `${pathToFileURL(join(FOLDER, "playground.html")).href}${hash}`;
const overHttp = (hash = "") => `${ran().server.url}playground.html${hash}`;

/** The numbers the module gives in Node for the settings of a playground address. */
function expected(url: string): string {
  const { settings, problems } = playgroundFromHash(new URL(url).hash);
  assert.equal(problems, [], `${url}: the page wrote a link it reads back`);
  return runReport(playgroundRun(settings));
}

/** Opens the playground at `url` with its code panel open, once it has trained to the link's epoch. */
async function open(url: string, width = 1400): Promise<{ page: Page; log: PageLog }> {
  const page = await ran().context.newPage();
  page.setDefaultTimeout(30_000);
  await page.setViewportSize({ width, height: 900 });
  const log = watchPage(page);
  page.on("dialog", (dialog) => {
    log.pageErrors.push(`a dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(url, { waitUntil: "load" });
  await ready(page);
  await page.locator(".pg-code summary").click();
  // (the details' toggle event, which fills the panel, comes a task later)
  await waitUntil("the code panel filled", 10_000, async () => (await shown(page)).numbers !== "");
  return { page, log };
}

/** Waits until the page is neither training again to a link's epoch nor playing. */
async function ready(page: Page): Promise<void> {
  await waitUntil("the playground ready", 30_000, () =>
    page.evaluate(() => document.querySelector<HTMLElement>(".pg")?.dataset.state === "ready"),
  );
}

/** What the page shows: its address, its epoch, its numbers (the code panel's) and its note. */
async function shown(page: Page) {
  return page.evaluate(() => ({
    url: location.href,
    epoch: Number(document.querySelector('[data-readout="epoch"]')?.textContent),
    numbers: document.querySelector('[data-readout="numbers"]')?.textContent ?? "",
    note: document.querySelector(".pg-note")?.textContent ?? "",
    loss: document.querySelector('[data-readout="loss"]')?.textContent ?? "",
    accuracy: document.querySelector('[data-readout="accuracy"]')?.textContent ?? "",
  }));
}

/** Steps `n` epochs with the Step button; the page's numbers then. */
async function steps(page: Page, n: number) {
  for (let i = 0; i < n; i++) await page.getByRole("button", { name: "Step", exact: true }).click();
  return shown(page);
}

/** Each control, changed as a learner would; each must change the run's numbers (after an epoch). */
const CONTROLS: [string, (page: Page) => Promise<unknown>][] = [
  ["data set: exclusive or", (p) => p.getByLabel("Exclusive or").check()],
  ["data set: two Gaussians", (p) => p.getByLabel("Two Gaussians").check()],
  ["data set: spiral", (p) => p.getByLabel("Spiral").check()],
  ["problem type: regression (the plane)", (p) => p.getByLabel("Problem type").selectOption("regression")],
  ["data set: six Gaussians", (p) => p.getByLabel("Six Gaussians").check()],
  ["problem type: classification (the circle)", (p) => p.getByLabel("Problem type").selectOption("classification")],
  ["noise", (p) => p.getByLabel("Noise").fill("25")],
  ["ratio of training data", (p) => p.getByLabel("Ratio of training to test data").fill("70")],
  ["batch size", (p) => p.getByLabel("Batch size").fill("3")],
  ["feature x₁²", (p) => p.getByLabel("x₁²", { exact: true }).check()],
  ["feature x₂²", (p) => p.getByLabel("x₂²", { exact: true }).check()],
  ["feature x₁x₂", (p) => p.getByLabel("x₁x₂", { exact: true }).check()],
  ["feature sin(x₁)", (p) => p.getByLabel("sin(x₁)", { exact: true }).check()],
  ["feature sin(x₂)", (p) => p.getByLabel("sin(x₂)", { exact: true }).check()],
  ["feature x₁ off", (p) => p.getByLabel("x₁", { exact: true }).uncheck()],
  ["add a hidden layer", (p) => p.getByRole("button", { name: "Add a hidden layer" }).click()],
  ["add a neuron", (p) => p.getByRole("button", { name: "Add a neuron to hidden layer 3" }).click()],
  ["remove a neuron", (p) => p.getByRole("button", { name: "Remove a neuron from hidden layer 1" }).click()],
  ["remove a hidden layer", (p) => p.getByRole("button", { name: "Remove the last hidden layer" }).click()],
  ["activation: ReLU", (p) => p.getByLabel("Activation").selectOption("relu")],
  ["activation: sigmoid", (p) => p.getByLabel("Activation").selectOption("sigmoid")],
  ["activation: linear", (p) => p.getByLabel("Activation").selectOption("linear")],
  ["loss: squared error", (p) => p.getByLabel("Loss", { exact: true }).selectOption("squared")],
  [
    "regularization: L2, at 0.3",
    (p) =>
      p
        .getByLabel("Regularization", { exact: true })
        .selectOption("l2")
        .then(() => p.getByLabel("Regularization rate").selectOption("0.3")),
  ],
  ["regularization rate", (p) => p.getByLabel("Regularization rate").selectOption("0.03")],
  ["regularization: L1", (p) => p.getByLabel("Regularization", { exact: true }).selectOption("l1")],
  ["learning rate", (p) => p.getByLabel("Learning rate").selectOption("0.1")],
  [
    "seed",
    (p) =>
      p
        .getByLabel("Seed")
        .fill("42")
        .then(() => p.getByLabel("Seed").press("Enter")),
  ],
  ["bias off", (p) => p.getByLabel("A bias per neuron").uncheck()],
  ["regenerate", (p) => p.getByRole("button", { name: "Regenerate (a new seed)" }).click()],
];

test.before(suite.start);
test.after(async () => {
  await suite.close();
  rmSync(FOLDER, { recursive: true, force: true });
});

test("each control changes the run, and the page's numbers are the module's in Node for its address", async () => {
  const { page, log } = await open(fromDisk());
  try {
    let before = (await steps(page, 1)).numbers;
    assert.is(before, expected((await shown(page)).url), "the defaults, an epoch");
    for (const [name, change] of CONTROLS) {
      await change(page);
      const after = await steps(page, 1);
      assert.is(after.epoch, 1, `${name}: a new run from epoch 0, stepped once`);
      assert.is.not(after.numbers, before, `${name}: the numbers changed`);
      assert.is(after.numbers, expected(after.url), `${name}: the module's numbers for ${new URL(after.url).hash}`);
      before = after.numbers;
    }
    // the display's own settings change what is drawn and the address, not the run
    const output = page.locator(".pg-output-box canvas");
    const points = await output.getAttribute("aria-label");
    await page.getByLabel("Show test data").check();
    assert.is.not(await output.getAttribute("aria-label"), points, "the test points are drawn");
    assert.ok(new URL(page.url()).hash.includes("showTest=1"));
    const pixels = () => output.evaluate((c: HTMLCanvasElement) => c.toDataURL());
    const smooth = await pixels();
    await page.getByLabel("Discretize output").check();
    assert.is.not(await pixels(), smooth, "the output in two colours");
    await page.getByLabel("Speed (epochs a frame)").selectOption("10");
    assert.ok(new URL(page.url()).hash.includes("speed=10"));
    assert.is((await shown(page)).numbers, before, "none of them retrains");
    // reset: epoch 0 again, the same settings
    await page.getByRole("button", { name: "Reset" }).click();
    assert.is((await shown(page)).epoch, 0);
    assertCleanPage(log, "playground, every control");
  } finally {
    await page.close();
  }
});

test("play trains several epochs a frame and draws each frame; pause stops; the address keeps the epoch", async () => {
  const { page, log } = await open(fromDisk("#speed=5"));
  try {
    // the epoch each frame shows, read in the page (on window, not a named function: tsx would wrap
    // that in __name, which the page has not)
    await page.evaluate(() => {
      const w = window as unknown as { seen: number[]; look: () => void };
      w.seen = [];
      w.look = () => {
        w.seen.push(Number(document.querySelector('[data-readout="epoch"]')?.textContent));
        if (w.seen.length < 400) requestAnimationFrame(w.look);
      };
      requestAnimationFrame(w.look);
    });
    await page.getByRole("button", { name: "Play" }).click();
    await waitUntil("20 epochs", 20_000, async () => (await shown(page)).epoch >= 20);
    await page.getByRole("button", { name: "Pause" }).click();
    const paused = (await shown(page)).epoch;
    const seen = await page.evaluate(() => (window as unknown as { seen: number[] }).seen);
    const moves = seen
      .slice(1)
      .map((e, i) => e - seen[i])
      .filter((d) => d > 0);
    assert.ok(moves.length >= 3 && moves.every((d) => d % 5 === 0), `five epochs a frame: ${moves.join(", ")}`);
    await page.waitForTimeout(300);
    const now = await shown(page);
    assert.is(now.epoch, paused, "paused: no more epochs");
    assert.is(playgroundFromHash(new URL(now.url).hash).settings.epochs, paused, "the address holds the epoch");
    assert.is(now.numbers, expected(now.url), "and the module's numbers for it");
    assertCleanPage(log, "playground, play");
  } finally {
    await page.close();
  }
});

test("a link with every setting reproduces the run, from file:// and over HTTP; back and forward restore", async () => {
  const settings: PlaygroundSettings = {
    ...playgroundDefaults(),
    data: "spiral",
    noise: 15,
    ratio: 60,
    seed: 7,
    features: ["x1", "x2", "x1x2", "sinx1"],
    hidden: [5, 3],
    activation: "relu",
    bias: true,
    loss: "squared",
    regularization: "l2",
    regularizationRate: 0.001,
    learningRate: 0.003,
    batchSize: 4,
    epochs: 40,
    speed: 2,
    showTest: true,
    discretize: true,
    edits: [{ epoch: 12, layer: 1, from: 2, to: 0, value: -0.75 }],
  };
  const hash = playgroundHash(settings);
  const numbers = runReport(playgroundRun(settings));
  for (const url of [fromDisk(hash), overHttp(hash)]) {
    const { page, log } = await open(url);
    try {
      const now = await shown(page);
      assert.is(now.epoch, 40, `${url}: trained again to the link's epoch`);
      assert.is(now.numbers, numbers, `${url}: the link's numbers`);
      assert.is(new URL(now.url).hash, hash, "the address still holds every setting");
      assert.is(now.note, "");
      assert.is(await page.getByLabel("Activation").inputValue(), "relu");
      assert.ok(await page.getByLabel("sin(x₁)", { exact: true }).isChecked());
      if (url.startsWith("file:")) {
        await page.getByLabel("Exclusive or").check();
        const xor = await steps(page, 2);
        await page.goBack();
        await waitUntil("back at the spiral's run", 30_000, async () => (await shown(page)).numbers === numbers);
        await page.goForward();
        await waitUntil("forward at xor's run", 30_000, async () => (await shown(page)).numbers === xor.numbers);
        assert.ok((await shown(page)).url.includes("data=xor"));
        assert.is(xor.numbers, expected(xor.url));
      }
      assertCleanPage(log, url);
    } finally {
      await page.close();
    }
  }
});

test("a hostile or malformed link gets the defaults for what it got wrong, a note, and no markup", async () => {
  const hostile =
    "#data=%3Cimg%20src%3Dx%20onerror%3Dwindow.pwned%3D1%3E&seed=1e400&learningRate=javascript:alert(1)" +
    "&hidden=%3Cscript%3Ewindow.pwned%3D2%3C%2Fscript%3E&epochs=-5&edit=0:9:9:9:1&%3Cb%3E=1";
  const { page, log } = await open(fromDisk(hostile));
  try {
    const now = await shown(page);
    assert.match(now.note, /^This link's .* could not be read, so the defaults are used for them\.$/);
    for (const name of ["data", "seed", "learningRate", "hidden", "epochs", '"<b>"'])
      assert.ok(now.note.includes(name), name);
    assert.is(now.numbers, runReport(playgroundRun(playgroundDefaults())), "the defaults' run");
    const injected = await page.evaluate(() => ({
      pwned: (window as Window & { pwned?: number }).pwned ?? null,
      markup: document.querySelectorAll("main img, main b, main script:not([src])").length,
    }));
    assert.equal(injected, { pwned: null, markup: 0 });
    assertCleanPage(log, "playground, hostile link");
  } finally {
    await page.close();
  }
});

test("a CSV: each bad line named with its column, nothing changed; good lines train, three classes by softmax", async () => {
  const { page, log } = await open(fromDisk());
  try {
    const before = await shown(page);
    await page.locator(".pg-csv summary").click();
    await page.getByLabel("CSV text").fill("x,y,label\n1,2,a\n3,oops,b\n5,6\n7,8,c\n,1,a\n");
    await page.getByRole("button", { name: "Train on this CSV" }).click();
    const errors = await page.locator(".pg-errors li").allTextContents();
    assert.equal(errors, [
      'line 3, column "y": "oops" is not a finite number',
      "line 4 has 2 values, the header 3",
      'line 6, column "x": "" is not a finite number',
    ]);
    assert.is((await shown(page)).numbers, before.numbers, "nothing changed");
    const rows = ["x,y,label"];
    for (let i = 0; i < 60; i++) {
      const c = i % 3;
      rows.push(`${[-2, 0, 2][c] + ((i * 7) % 10) / 10},${[1, -1, 1.5][c] + ((i * 3) % 10) / 10},${"abc"[c]}`);
    }
    await page.getByLabel("CSV text").fill(rows.join("\n"));
    await page.getByRole("button", { name: "Train on this CSV" }).click();
    assert.equal(await page.locator(".pg-errors li").allTextContents(), []);
    const csv = await steps(page, 5);
    assert.is(csv.numbers, expected(csv.url), "the CSV's run: the module's numbers, the CSV carried in the link");
    assert.match(csv.accuracy, /^Accuracy: training/);
    assert.is(await page.locator('[data-readout="confusion"] tr').count(), 4, "a confusion table of three classes");
    assert.ok(await page.getByLabel("Loss", { exact: true }).isDisabled(), "three classes train on cross-entropy");
    assertCleanPage(log, "playground, CSV");
  } finally {
    await page.close();
  }
});

test("export: the JSON loads in Node and predicts the same; the picture as SVG and PNG; the code prints the page's numbers", async () => {
  const { page, log } = await open(fromDisk("#data=xor&features=x1,x2,x1x2&hidden=3&epochs=25"));
  const dir = mkdtempSync(join(tmpdir(), "playground-"));
  try {
    const now = await shown(page);
    const save = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
      const path = join(dir, file.suggestedFilename());
      await file.saveAs(path);
      return path;
    };
    const saved = Network.fromJSON(readFileSync(await save("Network as JSON"), "utf8"));
    const run = playgroundRun(playgroundFromHash(new URL(now.url).hash).settings);
    assert.equal(
      saved.predict(run.testRows),
      run.network.predict(run.testRows),
      "the same predictions, to the last digit",
    );
    const svg = readFileSync(await save("Picture as SVG"), "utf8");
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.is(
      (svg.match(/<image /g) ?? []).length,
      3 + 3 + 1 + 1,
      "a heat map per feature and neuron, and the output's",
    );
    assert.is((svg.match(/data-link=/g) ?? []).length, 3 * 3 + 3, "every link");
    const png = readFileSync(await save("Picture as PNG"));
    assert.equal([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], "a PNG");
    // the code panel's program, run by Node (tsx), with the module's source for "perceptron-notebooks"
    const code = (await page.locator(".pg-code pre code").textContent()) ?? "";
    const program = join(dir, "run.ts");
    writeFileSync(program, code.replaceAll('"perceptron-notebooks"', JSON.stringify(join(ROOT, "src", "index.ts"))));
    const node = spawnSync(join(ROOT, "node_modules", ".bin", "tsx"), [program], {
      encoding: "utf8",
      timeout: 120_000,
    });
    assert.is(node.status, 0, node.stderr);
    assert.is(node.stdout.trim(), now.numbers, "the program prints the page's numbers");
    assertCleanPage(log, "playground, export");
  } finally {
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a learning rate of 10 on the spiral stops training with a note, and the picture stays", async () => {
  const { page, log } = await open(fromDisk("#data=spiral&learningRate=10"));
  try {
    await page.getByRole("button", { name: "Play" }).click();
    await waitUntil("the note", 20_000, async () => (await shown(page)).note.startsWith("Training stopped"));
    await ready(page);
    const now = await shown(page);
    assert.match(now.note, /its loss became NaN or Infinity.*The learning rate \(10\) is too high for this loss/);
    assert.not.match(now.loss, /NaN|Infinity/, "the numbers shown are the last finite ones");
    assert.not.match(now.numbers, /NaN|null/);
    assert.is(await page.getByRole("button", { name: "Play" }).getAttribute("aria-pressed"), "false");
    assertCleanPage(log, "playground, too high a rate");
  } finally {
    await page.close();
  }
});

test("every control is labelled and reached by keyboard; every heat map has a text; it fits a phone", async () => {
  const { page, log } = await open(fromDisk(), 375);
  try {
    const report = await page.evaluate(() => {
      const controls = Array.from(
        document.querySelectorAll(".pg button, .pg input, .pg select, .pg textarea, .pg summary"),
      );
      const unlabelled = controls.filter((c) => {
        const e = c as HTMLInputElement;
        const named = e.labels?.length || e.getAttribute("aria-label") || (e.textContent ?? "").trim();
        return !named;
      });
      const unreachable = controls.filter((c) => (c as HTMLElement).tabIndex < 0);
      const canvases = Array.from(document.querySelectorAll(".pg canvas[role='img']"));
      return {
        controls: controls.length,
        unlabelled: unlabelled.map((c) => c.outerHTML.slice(0, 80)),
        unreachable: unreachable.map((c) => c.outerHTML.slice(0, 80)),
        maps: canvases.length,
        without: canvases.filter((c) => !c.getAttribute("aria-label")).length,
        overflow: document.documentElement.scrollWidth - window.innerWidth,
      };
    });
    assert.ok(report.controls > 40, `${report.controls} controls`);
    assert.equal(report.unlabelled, []);
    assert.equal(report.unreachable, []);
    assert.ok(report.maps >= 7 + 2 + 4 + 2 + 1, `${report.maps} heat maps`);
    assert.is(report.without, 0, "each heat map has a text alternative");
    assert.ok(report.overflow <= 0, `no sideways scrolling at 375 pixels: ${report.overflow}`);
    // the keyboard reaches Play and starts it
    await page.getByRole("button", { name: "Step", exact: true }).focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    await waitUntil("play by keyboard", 10_000, async () => (await shown(page)).epoch > 0);
    await page.keyboard.press("Enter");
    // a layer's button pressed by keyboard keeps the focus, though the buttons are made again
    await page.getByRole("button", { name: "Add a neuron to hidden layer 2" }).focus();
    await page.keyboard.press("Enter");
    assert.is(
      await page.evaluate(() => document.activeElement?.getAttribute("aria-label")),
      "Add a neuron to hidden layer 2",
    );
    assert.ok((await shown(page)).url.includes("hidden=4%2C3"), "a neuron more in layer 2");
    assertCleanPage(log, "playground, phone");
  } finally {
    await page.close();
  }
});

test("no page asked for anything off the machine", () => {
  assert.equal(ran().refused, []);
});

test.run();
