// Whether the explorer keeps the page responsive at its limits: in headless Chromium, mounts the
// explorer (dist/browser.js) at the heaviest settings a control or a URL can reach, and watches the
// main thread while it trains: the long tasks Chromium reports (a PerformanceObserver for
// "longtask": tasks over 50 ms), the longest gap between two animation frames, and the time until
// the run is drawn. Then a move in the middle of a run (a new learning rate): the old run is
// dropped, and the numbers shown are the new run's, as Node computes them (dist/explorer).
// Target: no long task, no frame gap much over a frame (16.7 ms at 60 Hz).
// usage: node bench/explorer-frames.mjs [path/to/browser.js] (after npm run compile)
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { root } from "../scripts/setup.mjs";

const CHROMIUM = "/usr/bin/chromium";
const bundle = resolve(process.argv[2] ?? join(root, "dist", "browser.js"));
if (!existsSync(bundle)) throw new Error(`no ${bundle}: run npm run compile first`);
const { report, run, defaults } = createRequire(import.meta.url)(join(root, "dist", "explorer", "explorer.js"));

const CASES = [
  {
    what: "the 150 flowers, 8 hidden, 60,000 iterations",
    settings: { ...defaults("iris"), hidden: 8, iterations: 60000 },
  },
  { what: "the sequel's data, 8 hidden, 60,000 iterations", settings: { ...defaults("sequel"), hidden: 8 } },
  { what: "the sequel's network (4 hidden, 60,000 iterations)", settings: defaults("sequel") },
];

/** In the page: mounts the explorer with `settings`, watches the main thread until it has drawn a run of `final`. */
async function watch({ settings, change }) {
  const P = window.PerceptronNotebooks;
  // each frame callback's time: the explorer trains its slices in them
  const callbacks = [];
  let training = 0;
  const train = P.Network.prototype.train;
  P.Network.prototype.train = function (...args) {
    const start = performance.now();
    try {
      return train.apply(this, args);
    } finally {
      training += performance.now() - start;
    }
  };
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    raf((t) => {
      const start = performance.now();
      training = 0;
      try {
        callback(t);
      } finally {
        callbacks.push({ took: performance.now() - start, training });
      }
    });
  const longTasks = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: "longtask" });
  let last = performance.now();
  let maxGap = 0;
  let watching = true;
  const tick = (t) => {
    maxGap = Math.max(maxGap, t - last);
    last = t;
    if (watching) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const host = document.getElementById("root");
  host.innerHTML = "";
  const started = performance.now();
  let drawn = 0;
  host.addEventListener("explorer-drawn", () => drawn++);
  const mounted = P.mountExplorer(host, settings);
  const mountTask = performance.now() - started;
  if (change) {
    await new Promise((r) => setTimeout(r, 300));
    mounted.set(change);
  }
  const want = change ? { ...settings, ...change } : settings;
  await new Promise((resolve) => {
    const check = () => {
      const s = mounted.settings();
      const done = mounted.training === false || mounted.training === undefined;
      if (done && drawn > 0 && s.learningRate === want.learningRate) resolve();
      else setTimeout(check, 20);
    };
    check();
  });
  const total = performance.now() - started;
  await new Promise((r) => setTimeout(r, 100)); // let the observer deliver
  watching = false;
  observer.disconnect();
  window.requestAnimationFrame = raf;
  P.Network.prototype.train = train;
  return {
    mountTask,
    total,
    maxGap,
    longTasks,
    longestCallback: callbacks.reduce((a, b) => (b.took > a.took ? b : a), { took: 0, training: 0 }),
    drawn,
    settings: mounted.settings(),
    numbers: host.querySelector(".explorer-numbers").textContent,
  };
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  console.log(`Explorer's main thread in headless Chromium ${browser.version()}, bundle ${bundle}`);
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", ({ message }) => void errors.push(message));
  // the bundle inline, then a root to mount in
  const script = readFileSync(bundle, "utf8").replaceAll("</script", "<\\/script");
  await page.setContent(
    `<!DOCTYPE html><html lang="en"><title>Frames</title><script>${script}</script><div id="root"></div>`,
  );
  const cases = [
    ...CASES,
    { ...CASES[0], what: `${CASES[0].what}, the rate moved after 300 ms`, change: { learningRate: 0.5 } },
  ];
  for (const { what, settings, change } of cases) {
    const r = await page.evaluate(watch, { settings, change });
    const same = r.numbers === report(r.settings, run(r.settings));
    const longest = r.longTasks.length > 0 ? Math.max(...r.longTasks).toFixed(0) : "none";
    console.log(
      `${what}: drawn after ${r.total.toFixed(0)} ms (${r.drawn} run${r.drawn === 1 ? "" : "s"} drawn); ` +
        `mount's task ${r.mountTask.toFixed(1)} ms; long tasks (> 50 ms): ${r.longTasks.length}, longest ${longest} ms; ` +
        `longest frame callback ${r.longestCallback.took.toFixed(1)} ms (training ${r.longestCallback.training.toFixed(1)} ms of it); longest gap between frames ${r.maxGap.toFixed(1)} ms; ` +
        `numbers as Node's: ${same ? "yes" : "NO"}`,
    );
    if (!same || r.longTasks.length > 0) process.exitCode = 1;
  }
  if (errors.length > 0) {
    console.log(`errors in the page: ${errors.join("; ")}`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
}
