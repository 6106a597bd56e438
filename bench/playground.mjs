// Our playground beside TensorFlow Playground, in the same headless Chromium in the same run: TF
// Playground built from its vendored source (bench/tensorflow-playground/, its build.mjs), and our
// site/playground.html (npm run build), both served by one local HTTP server on 127.0.0.1 (the
// browser may load nothing else: TF's Google fonts and icons are refused). Both at TF's defaults
// (circle, noise 0, half the points to train on, inputs x1 and x2, hidden layers 4 and 2, tanh, learning
// rate 0.03, batches of 10, no regularisation); ours at speed=1 (an epoch an animation frame, as TF
// trains) and at a higher speed (epochs trained a frame). Each is played, warmed up for a second,
// then watched for a window of N seconds (default 10): epochs a second (the epoch counter at the
// window's first and last frame), frames a second (requestAnimationFrame callbacks), the longest
// gap between two frames, and which canvases were drawn on, and in how many of the frames.
// Our page's contract: settings in the URL hash (TF's names, plus speed=N), a play button
// button[data-action="play"], the epoch count in [data-readout="epoch"] (digits, maybe separated).
// usage: node bench/playground.mjs [--seconds N] [--speeds 1,10] [--site DIR]
//   --site: the folder holding playground.html (default site/, built with node scripts/build-site.mjs
//   when it lacks playground.html or assets/perceptron-notebooks.js)
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, loadavg } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { tsImport } from "tsx/esm/api";
import { root } from "../scripts/setup.mjs";
import { buildTfPlayground } from "./tensorflow-playground/build.mjs";

// the browser tests' Chromium, flags and 127.0.0.1-only context (scripts/chromium.mjs finds it)
const { launchChromium, waitUntil } = await tsImport("../test/e2e/helpers/browser.ts", import.meta.url);

/** TF Playground's defaults, spelled out as its URL hash has them. */
export const TF_DEFAULTS =
  "activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0" +
  "&noise=0&networkShape=4,2&seed=0.12345&showTestData=false&discretize=false&percTrainData=50&x=true&y=true" +
  "&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false" +
  "&problem=classification&initZero=false&hideText=false";
const TF_PREFIX = "/tensorflow-playground/";
const WARM_UP = 1; // seconds played before the window: the first steps run before the JIT has warmed
const NOISE_FPS = 2; // frames a second within which ours is not behind
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
};

/**
 * Serves `tf` under /tensorflow-playground/ and `site` at /, on 127.0.0.1 and a free port.
 * Resolves to { url, close }.
 */
function serve(site, tf) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname);
    const [base, rest] = path.startsWith(TF_PREFIX) ? [tf, path.slice(TF_PREFIX.length)] : [site, path.slice(1)];
    let file = normalize(join(base, rest || "index.html"));
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    response.end(readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            server.close(done);
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** `promise`, or an error naming `what` after `ms` ms. */
function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** In the page: the integer in `selector`'s text (its digits), or null when there is no such element. */
function readEpoch(selector) {
  const element = document.querySelector(selector);
  return element ? Number(element.textContent.replace(/\D/g, "") || Number.NaN) : null;
}

/**
 * In the page, while it plays: from one animation frame to the first frame `seconds` later, counts the
 * frames (requestAnimationFrame callbacks), the longest gap between two, the epochs (the counter in
 * `selector` at the first and the last frame), and which canvases were drawn on (2D calls), in how many
 * of the frames each.
 */
async function watchWindow({ selector, seconds }) {
  const epoch = () => Number(document.querySelector(selector).textContent.replace(/\D/g, ""));
  // which canvas each 2D drawing call draws on, and in which frame
  let frame = 0;
  const drawn = new Map(); // canvas -> { calls, frames, last }
  const proto = CanvasRenderingContext2D.prototype;
  const originals = {};
  for (const name of ["putImageData", "drawImage", "fillRect", "fill", "stroke"]) {
    const original = proto[name];
    originals[name] = original;
    proto[name] = function (...args) {
      const entry = drawn.get(this.canvas) ?? { calls: 0, frames: 0, last: -1 };
      entry.calls++;
      if (entry.last !== frame) {
        entry.last = frame;
        entry.frames++;
      }
      drawn.set(this.canvas, entry);
      return original.apply(this, args);
    };
  }
  try {
    return await new Promise((resolve) => {
      let start;
      let last;
      let maxGap = 0;
      let startEpoch;
      const tick = (t) => {
        if (start === undefined) {
          start = t;
          startEpoch = epoch();
          drawn.clear(); // count from the window's first frame
        } else {
          maxGap = Math.max(maxGap, t - last);
          frame++;
        }
        last = t;
        if (t - start < seconds * 1000) {
          requestAnimationFrame(tick);
          return;
        }
        const canvases = [...document.querySelectorAll("canvas")];
        const visible = canvases.filter((c) => c.getClientRects().length > 0);
        const counts = [...drawn.values()];
        resolve({
          elapsed: (t - start) / 1000,
          frames: frame,
          maxGap,
          epochs: epoch() - startEpoch,
          canvases: canvases.length,
          visibleCanvases: visible.length,
          drawnCanvases: counts.length,
          // of the canvases drawn on: the fewest frames any was drawn in, and the 2D calls per frame
          leastFrames: counts.length > 0 ? Math.min(...counts.map((c) => c.frames)) : 0,
          callsPerFrame: frame > 0 ? counts.reduce((sum, c) => sum + c.calls, 0) / frame : 0,
        });
      };
      requestAnimationFrame(tick);
    });
  } finally {
    Object.assign(proto, originals);
  }
}

/** Loads `url` in `page`, presses `play`, warms up, and watches a window of `seconds`; `errors` gets the page's. */
async function measurePage(page, errors, { name, url, play, epoch, seconds }) {
  const short = url.split("#")[0];
  const response = await page.goto(url, { waitUntil: "load", timeout: 30_000 });
  if (!response?.ok()) throw new Error(`${name}: ${short} answered ${response?.status()}`);
  const button = page.locator(play);
  try {
    await button.waitFor({ state: "visible", timeout: 15_000 });
  } catch {
    throw new Error(
      `${name}: no ${play} on ${short} after 15 s${errors.length ? ` (errors: ${errors.join("; ")})` : ""}`,
    );
  }
  const before = await page.evaluate(readEpoch, epoch);
  if (before === null || Number.isNaN(before)) throw new Error(`${name}: no epoch count in ${epoch} on ${short}`);
  await button.click({ timeout: 10_000 });
  await waitUntil(
    `${name} to train an epoch after play was pressed`,
    10_000,
    async () => (await page.evaluate(readEpoch, epoch)) > before,
    async () => `epoch ${await page.evaluate(readEpoch, epoch)}; errors: ${errors.join("; ") || "none"}`,
  );
  await page.waitForTimeout(WARM_UP * 1000);
  const result = await within(
    page.evaluate(watchWindow, { selector: epoch, seconds }),
    (seconds + 30) * 1000,
    `${name}: the ${seconds} s window never ended (no animation frame?)`,
  );
  return { name, ...result, errors };
}

/** Builds site/ when it lacks the playground page or the module's browser bundle (another --site: checks it has the page). */
function ensureSite(site) {
  const page = join(site, "playground.html");
  if (site !== join(root, "site")) {
    if (!existsSync(page)) throw new Error(`no ${page}`);
    return;
  }
  if (existsSync(page) && existsSync(join(site, "assets", "perceptron-notebooks.js"))) return;
  console.log("site/ lacks the playground: node scripts/build-site.mjs");
  const run = spawnSync(process.execPath, [join(root, "scripts", "build-site.mjs")], { stdio: "inherit" });
  if (run.status !== 0) throw new Error(`node scripts/build-site.mjs exited with ${run.status ?? run.signal}`);
}

const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "–");

/**
 * Plays TF Playground and ours (at each of `speeds`) for `seconds` each, in one headless Chromium;
 * prints the table and the verdicts, and returns { chromium, when, rows, aheadOnEpochs, notBehindOnFrames }.
 */
export async function benchPlayground({ seconds = 10, speeds = [1, 10], site = join(root, "site") } = {}) {
  site = resolve(site);
  ensureSite(site);
  const tfDir = await buildTfPlayground();
  const server = await serve(site, tfDir);
  const { browser, context, refused } = await launchChromium().catch(async (error) => {
    await server.close();
    throw error;
  });
  const chromium = browser.version();
  const when = new Date();
  const load = loadavg()[0]; // a shared machine: how busy it was as the run began
  const rows = [];
  try {
    const pages = [
      {
        name: "TF Playground",
        url: `${server.url}${TF_PREFIX}index.html#${TF_DEFAULTS}`,
        play: "#play-pause-button",
        epoch: "#iter-number",
      },
      ...speeds.map((speed) => ({
        name: `ours, speed=${speed}`,
        speed,
        url: `${server.url}/playground.html#${TF_DEFAULTS}&speed=${speed}`,
        play: 'button[data-action="play"]',
        epoch: '[data-readout="epoch"]',
      })),
    ];
    for (const entry of pages) {
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (error) => errors.push(error.message));
      try {
        // whatever the page does (a main thread that never yields), it is given up on after this
        const limit = (seconds + WARM_UP + 90) * 1000;
        const result = await within(
          measurePage(page, errors, { ...entry, seconds }),
          limit,
          `${entry.name}: the whole run`,
        );
        rows.push({ ...entry, ...result });
      } catch (error) {
        rows.push({ ...entry, failed: String(error.message).split("\n")[0], errors }); // not Playwright's call log
      } finally {
        await page.close().catch(() => {});
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const tf = rows[0];
  const rate = (r) => r.epochs / r.elapsed;
  const fps = (r) => r.frames / r.elapsed;
  const ratio = (value, base) => (tf.failed || !base ? "–" : `${(value / base).toFixed(2)}×`);
  console.log(
    `Playgrounds in headless Chromium ${chromium}, ${when.toISOString()} (${cpus().length} CPUs, load ${load.toFixed(2)}): each played, warmed up ${WARM_UP} s, ` +
      `then watched ${seconds} s; TF Playground at its defaults (circle, 4-2 tanh, rate 0.03, batch 10)`,
  );
  const table = [["page", "epochs/s", "frames/s", "epochs/frame", "longest gap", "epochs/s ÷ TF's", "frames/s ÷ TF's"]];
  for (const r of rows) {
    if (r.failed) {
      table.push([r.name, "not measured", "", "", "", "", ""]);
      continue;
    }
    table.push([
      r.name,
      fixed(rate(r)),
      fixed(fps(r)),
      fixed(r.epochs / r.frames, 2),
      `${fixed(r.maxGap, 0)} ms`,
      r === tf ? "" : ratio(rate(r), rate(tf)),
      r === tf ? "" : ratio(fps(r), fps(tf)),
    ]);
  }
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  for (const row of table) console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i])).join("  ")}`.trimEnd());
  for (const r of rows) {
    if (r.failed) {
      console.log(`${r.name}: not measured: ${r.failed}`);
      if (r.errors.length > 0) console.log(`  errors in the page: ${r.errors.join("; ")}`);
      continue;
    }
    const share = r.frames > 0 ? `${fixed((100 * r.leastFrames) / r.frames, 0)}%` : "–";
    console.log(
      `${r.name}: canvases drawn on (2D) in the window: ${r.drawnCanvases} of ${r.canvases} ` +
        `(${r.visibleCanvases} shown), each in at least ${share} of the ${r.frames} frames, ` +
        `${fixed(r.callsPerFrame)} 2D drawing calls a frame`,
    );
    if (r.errors.length > 0) console.log(`  errors in the page: ${r.errors.join("; ")}`);
  }
  if (refused.length > 0) {
    const hosts = [...new Set(refused.map((u) => new URL(u).host || u))];
    console.log(
      `requests refused (the browser may load from 127.0.0.1 only): ${refused.length}, to ${hosts.join(", ")}`,
    );
  }
  const ours = rows.slice(1).filter((r) => !r.failed);
  const measured = !tf.failed && ours.length > 0;
  const aheadOnEpochs = measured && Math.max(...ours.map(rate)) > rate(tf);
  const notBehindOnFrames = measured && ours.every((r) => fps(r) >= fps(tf) - NOISE_FPS);
  const yes = (value) => (measured ? (value ? "yes" : "no") : "not measured");
  console.log(
    `ours ahead on epochs/s (at any speed): ${yes(aheadOnEpochs)}; not behind on frames/s (at every speed, ` +
      `within ${NOISE_FPS} fps of TF's, for noise): ${yes(notBehindOnFrames)}`,
  );
  return { chromium, when, rows, measured, aheadOnEpochs, notBehindOnFrames };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: { seconds: { type: "string" }, speeds: { type: "string" }, site: { type: "string" } },
  });
  const result = await benchPlayground({
    seconds: values.seconds ? Number(values.seconds) : undefined,
    speeds: values.speeds ? values.speeds.split(",").map(Number) : undefined,
    site: values.site,
  });
  if (!result.measured || result.rows.some((r) => r.failed || r.errors.length > 0)) process.exitCode = 1;
}
