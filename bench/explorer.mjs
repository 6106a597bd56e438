// How live the explorer feels: in headless Chromium, drags the learning-rate slider of the
// explorer (dist/browser.js) one step at a time, and times each move from the slider's input event
// to the moment the explorer has retrained and redrawn its four charts (its explorer-drawn event),
// at the seed's size and at the sequel's network. Then says where the time went: waiting (for the
// frame, when a retrain already ran in this one), training (the network's train), drawing the charts
// and the numbers, and the frame that shows them (style, layout and paint). Last, a burst of input
// events in one go: how many retrains ran, and whether the last value won.
// Targets, not tests: within one animation frame (16 ms) at the seed's size, 100 ms for the sequel's.
// usage: node bench/explorer.mjs (after npm run compile)
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { findChromium } from "../scripts/chromium.mjs";
import { root } from "../scripts/setup.mjs";

const CHROMIUM = findChromium(); // CHROME_PATH, Playwright's, Debian's, ... (throws saying how to get one)
const SIZES = [
  { data: "seed", what: "seed's size", target: 16 },
  { data: "sequel", what: "sequel's network", target: 100 },
];
const WARM_UP = 5; // moves made and not counted: the first retrains run before the JIT has warmed
const MOVES = 30;
const BURST = 20;

const bundle = join(root, "dist", "browser.js");
if (!existsSync(bundle)) throw new Error(`no ${bundle}: run npm run compile first`);

const sorted = (values) => [...values].sort((a, b) => a - b);
const median = (values) => sorted(values)[Math.floor(values.length / 2)];
const p90 = (values) => sorted(values)[Math.ceil(values.length * 0.9) - 1];
const ms = (value) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;

/**
 * In the page, before the explorer mounts: notes each input event, wraps Network's train (the
 * explorer's retrain calls it once), and keeps a record of each retrain from its explorer-drawn
 * event: when its first unanswered input came, when training began and how long it took, when the
 * charts were drawn, and when the frame that shows them was done (painted: a message posted from
 * the next frame's callback runs after that frame's style, layout and paint). Then mounts the
 * explorer for `data`.
 */
function instrument(data) {
  const P = window.PerceptronNotebooks;
  const host = document.getElementById("root");
  const bench = { input: undefined, inputs: 0, records: [], waiting: [] };
  host.addEventListener(
    "input",
    (event) => {
      bench.input ??= event.timeStamp;
      bench.inputs++;
    },
    true,
  );
  let current = { train: 0 };
  // the same Network class the explorer's run() trains (one bundle)
  const train = P.Network.prototype.train;
  P.Network.prototype.train = function (...args) {
    const started = performance.now();
    current.start ??= started;
    try {
      return train.apply(this, args);
    } finally {
      current.train += performance.now() - started;
    }
  };
  host.addEventListener("explorer-drawn", () => {
    const retrain = { ...current, input: bench.input, drawn: performance.now() };
    current = { train: 0 };
    bench.input = undefined;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        retrain.painted = performance.now();
        bench.records.push(retrain);
        for (const wake of bench.waiting.splice(0)) wake();
      };
      channel.port2.postMessage(null);
    });
  });
  /** The record of retrain number `n` (from 0, those after mounting), or null after `timeout` ms. */
  bench.record = (n, timeout) =>
    new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), timeout);
      const check = () => {
        if (bench.records.length <= n) return bench.waiting.push(check);
        clearTimeout(timer);
        const r = bench.records[n];
        resolve({
          seen: bench.records.length,
          total: r.drawn - r.input,
          wait: r.start - r.input,
          train: r.train,
          draw: r.drawn - r.start - r.train,
          shown: r.painted - r.input,
        });
      };
      check();
    });
  bench.mounted = P.mountExplorer(host, P.defaults(data));
  bench.records.length = 0; // the mount's first run is not a move
  window.bench = bench;
  const set = P.DATA_SETS[data];
  const settings = bench.mounted.settings();
  const layers = settings.hidden > 0 ? [set.inputs[0].length, settings.hidden, 1] : [set.inputs[0].length, 1];
  return { rows: set.inputs.length, layers, iterations: settings.iterations, rate: settings.learningRate };
}

/** In the page: BURST input events on the learning-rate slider in one go; what came of them. */
async function burst(count) {
  const { mounted, records } = window.bench;
  const P = window.PerceptronNotebooks;
  const slider = document.querySelector('input[id$="-rate"]');
  const before = mounted.runs;
  const seen = records.length;
  let value = Number(slider.value);
  for (let i = 0; i < count; i++) {
    value = Math.round((value - 0.05) * 100) / 100;
    slider.value = String(value);
    slider.dispatchEvent(new Event("input", { bubbles: true }));
  }
  const last = Number(slider.value); // as the slider has it: within its range, on a step
  await window.bench.record(seen, 10_000);
  // two frames more: nothing stale may follow
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const settings = mounted.settings();
  const shown = document.querySelector(".explorer-numbers").textContent;
  return {
    runs: mounted.runs - before,
    rate: settings.learningRate,
    wanted: P.rateOf(last),
    // the numbers on the page are those of a run with the last value
    shownIsLast: shown === P.report(settings, P.run(settings)),
  };
}

/** In the page: whether an input event came, two frames on. */
async function inputAfterTwoFrames() {
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return window.bench.inputs > 0;
}

/** Drags the learning-rate slider: WARM_UP + MOVES moves of about 1.5 steps, 10 one way, then 10 back. */
async function drag(page, rate) {
  const slider = page.locator('input[id$="-rate"]');
  const box = await slider.boundingBox();
  const [min, max, step] = await slider.evaluate((e) => [e.min, e.max, e.step].map(Number));
  const dx = (1.5 * box.width * step) / (max - min);
  let x = box.x + (box.width * (Math.log10(rate) - min)) / (max - min);
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  let n = 0;
  await page.mouse.down(); // may move the thumb to the pointer, and retrain: a warm-up
  if (await page.evaluate(inputAfterTwoFrames))
    n = (await page.evaluate(() => window.bench.record(0, 10_000)))?.seen ?? 0;
  const timings = [];
  for (let move = 0; move < WARM_UP + MOVES; move++) {
    x += Math.floor(move / 10) % 2 === 0 ? -dx : dx;
    await page.mouse.move(x, y);
    const record = await page.evaluate((n) => window.bench.record(n, 5_000), n);
    if (!record) continue; // the move changed no value: nothing to time
    n = record.seen;
    if (move >= WARM_UP) timings.push(record);
  }
  await page.mouse.up();
  return timings;
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  console.log(
    `Explorer in headless Chromium ${browser.version()}: ${MOVES} moves of the learning-rate slider a size, ` +
      "each from its input event to the explorer retrained and its four charts redrawn",
  );
  for (const { data, what, target } of SIZES) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.setContent(
      '<!DOCTYPE html><html lang="en"><head><title>Explorer</title></head><body><main><div id="root"></div></main></body></html>',
    );
    await page.addScriptTag({ path: bundle });
    const size = await page.evaluate(instrument, data);
    const timings = await drag(page, size.rate);
    if (timings.length < MOVES / 2) throw new Error(`${data}: only ${timings.length} of ${MOVES} moves retrained`);

    const total = timings.map((t) => t.total);
    const of = (key) => median(timings.map((t) => t[key]));
    const verdict =
      p90(total) <= target ? "met" : median(total) <= target ? "met at the median, not at p90" : "not met";
    const shape = size.layers.length > 2 ? `, ${size.layers.join("→")}` : ", one neuron";
    const iterations = size.iterations.toLocaleString("en");
    console.log(
      `explorer, ${what} (${size.rows} rows${shape}, ${iterations} iterations): retrain and redraw ` +
        `median ${ms(median(total))}, p90 ${ms(p90(total))} (target ≤ ${target} ms): ${verdict}`,
    );
    console.log(
      `  medians of ${timings.length} slider moves, from the input event: waiting ${ms(of("wait"))}, ` +
        `training ${ms(of("train"))}, drawing the charts and numbers ${ms(of("draw"))}; ` +
        `on the screen (the next frame painted) after ${ms(of("shown"))}`,
    );

    const result = await page.evaluate(burst, BURST);
    const won = result.rate === result.wanted && result.shownIsLast;
    console.log(
      `  a burst of ${BURST} input events: ${result.runs} retrain${result.runs === 1 ? "" : "s"}; ` +
        `the last value wins (learning rate ${result.rate}, the numbers shown are its run): ${won ? "yes" : "NO"}`,
    );
    if (!won || result.runs > 2) process.exitCode = 1;
    if (errors.length > 0) {
      console.log(`  errors in the page: ${errors.join("; ")}`);
      process.exitCode = 1;
    }
    await page.close();
  }
} finally {
  await browser.close();
}
