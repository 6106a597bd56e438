// npm start's JupyterLab, in Chromium, stepped through as a learner does: `node scripts/start.mjs`
// (headless: it prints the URL) serves a throw-away copy of two notebooks; the page at that URL is
// JupyterLab; each notebook opens from the file browser, runs from the Run menu's "Run All Cells",
// and then every code cell has run, every Plotly chart is drawn, no output is an error and the
// explorer is live. Then, in 03-training-loop, learningRate is edited in the parameters cell,
// everything runs again, and the printed error is the module's for the new rate. On Debian this is JupyterLab 4's front end
// built from npm (scripts/jupyterlab/), whose first build is part of this suite's time.
// Screenshots: test/.artifacts/lab-*.png.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Network, Perceptron } from "../../src";
import { DATA_SETS } from "../../src/explorer/explorer";
import {
  freePort,
  launchChromium,
  type Mirror,
  mirrorProject,
  processesUnder,
  ROOT,
  signalEach,
  stopGroup,
  waitUntil,
} from "./helpers/browser";
import { drawn, type NotebookState, notebookState, printedText, runAll as runAllCells } from "./helpers/lab";
import { ARTIFACTS } from "./helpers/notebooks";
import { oneRun, type PageLog, watchPage } from "./helpers/run";

const START_TIMEOUT = 240_000; // the first build of JupyterLab's front end, on a busy machine
const RUN_TIMEOUT = 240_000;

interface Session {
  mirror?: Mirror;
  server?: ChildProcess;
  printed: string;
  url?: string;
  browser?: Browser;
  page?: Page;
  log?: PageLog;
}
const session: Session = { printed: "" };
const token = randomBytes(16).toString("hex");

/** A screenshot with the explorer in view. */
async function screenshot(page: Page, name: string) {
  await page
    .locator(".jp-NotebookPanel:not(.lm-mod-hidden) .perceptron-explorer .explorer-controls")
    .scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, `lab-${name}.png`) });
}

const runAll = (page: Page, name: string) => runAllCells(page, name, RUN_TIMEOUT);

/** Edits the parameters cell's learningRate line, by keyboard, as a learner does. */
async function setLearningRate(page: Page, value: number) {
  const line = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell .cm-line", {
    hasText: /^const learningRate = /,
  });
  await line.first().click();
  await page.keyboard.press("Home");
  await page.keyboard.press("Shift+End");
  await page.keyboard.type(`const learningRate = ${value}; // edited by test/e2e/lab.test.ts`);
  await page.keyboard.press("Escape"); // command mode, as after editing
}

const suite = oneRun(session, async (s) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  s.mirror = mirrorProject(["03-training-loop.ipynb", "07-hidden-layer.ipynb"]);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, JUPYTER_CONFIG_DIR: join(s.mirror.dir, ".config") };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  s.server = spawn(
    process.execPath,
    [
      join(ROOT, "scripts", "start.mjs"),
      "--ip=127.0.0.1",
      `--port=${port}`,
      "--ServerApp.port_retries=0",
      `--ServerApp.token=${token}`,
      `--notebook-dir=${join(s.mirror.dir, "notebooks")}`,
    ],
    { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  const keep = (chunk: Buffer) => {
    s.printed += chunk;
  };
  s.server.stdout?.on("data", keep);
  s.server.stderr?.on("data", keep);
  const base = `http://127.0.0.1:${port}`;
  await waitUntil(
    "npm start's JupyterLab to answer",
    START_TIMEOUT,
    async () => {
      if (s.server?.exitCode !== null) throw new Error(`npm start exited (${s.server?.exitCode}):\n${s.printed}`);
      const response = await fetch(`${base}/api/status?token=${token}`).catch(() => undefined);
      return response?.ok;
    },
    () => `it printed:\n${s.printed.slice(-3000)}`,
    500,
  );
  s.url = `${base}/lab?token=${token}`;
  const launched = await launchChromium();
  s.browser = launched.browser;
  s.page = await launched.context.newPage();
  await s.page.setViewportSize({ width: 1280, height: 900 });
  s.log = watchPage(s.page);
  await s.page.goto(s.url);
  await s.page.locator(".jp-DirListing-item", { hasText: "03-training-loop.ipynb" }).waitFor({ timeout: 60_000 });
});
test.before(suite.start);

test.after(async () => {
  await session.browser?.close();
  await stopGroup(session.server, "npm start", 10_000);
  if (session.mirror) {
    signalEach(processesUnder(session.mirror.dir), "SIGKILL");
    session.mirror.remove();
  }
});

test("npm start prints JupyterLab's URL with its token, and the page there is JupyterLab", async () => {
  const { page } = suite.ran("page");
  assert.match(session.printed, /opening notebooks\/ in JupyterLab/);
  assert.match(session.printed, /no display here: open the URL printed below/);
  assert.match(session.printed, /http:\/\/127\.0\.0\.1:\d+\/lab\?token=/);
  const shell = await page.evaluate(() => ({
    title: document.title,
    lab: document.querySelector("#jp-main-dock-panel") !== null,
    // the classic Notebook's page has these; JupyterLab's has neither
    classic: document.querySelector("#notebook_list, #ipython-main-app") !== null,
  }));
  assert.equal(shell, { title: shell.title, lab: true, classic: false });
  assert.match(shell.title, /JupyterLab|Launcher|Home/);
});

/** Opens `name` from the file browser, runs it all, checks it, edits learningRate, runs again. */
async function stepThrough(
  name: string,
  expected: { label: RegExp; before: number; after?: { value: number; rate: number }; explorerSvgs: number },
) {
  const { page, log } = suite.ran("page", "log");
  await page.locator(".jp-DirListing-item", { hasText: name }).dblclick();
  await waitUntil(`${name} to open with the TypeScript kernel, idle`, 120_000, async () => {
    const state = await notebookState(page, { outputs: false });
    return state?.path === name && state.kernel === "tslab" && state.status === "idle";
  });
  const first = await runAll(page, name);
  const errors = first.cells.flatMap((c) => c.outputs).filter((o) => o.output_type === "error");
  assert.equal(errors, [], `${name}: error outputs`);
  const stderr = first.cells.flatMap((c) => c.outputs).filter((o) => o.output_type === "stream" && o.name !== "stdout");
  assert.equal(stderr, [], `${name}: output on stderr`);
  const plotlyOutputs = first.cells
    .flatMap((c) => c.outputs)
    .filter((o) => o.data?.["application/vnd.plotly.v1+json"]).length;
  assert.ok(plotlyOutputs > 0, `${name}: Plotly charts among the outputs`);
  const shown = await waitUntil(
    `${name}: every chart drawn and the explorer live`,
    60_000,
    async () => {
      const now = await drawn(page);
      return now.plotly >= plotlyOutputs && now.explorerCharts >= expected.explorerSvgs && now.explorerNumbers
        ? now
        : null;
    },
    async () => JSON.stringify(await drawn(page)),
  );
  assert.is(shown.errors, 0, `${name}: no stderr output shown`);
  assert.ok(shown.explorerControls > 0, `${name}: the explorer's controls`);
  const value = (state: NotebookState) => Number(expected.label.exec(printedText(state))?.[1]);
  assert.is(value(first), expected.before, `${name}: the printed error, learningRate 1`);
  await screenshot(page, `${name.replace(/\.ipynb$/, "")}-first`);

  if (expected.after) {
    const { rate, value: after } = expected.after;
    await setLearningRate(page, rate);
    const second = await runAll(page, name);
    assert.equal(
      second.cells.flatMap((c) => c.outputs).filter((o) => o.output_type === "error"),
      [],
      `${name}, run again: error outputs`,
    );
    assert.is(value(second), after, `${name}: the printed error, learningRate ${rate}`);
    assert.is.not(after, expected.before);
    await screenshot(page, `${name.replace(/\.ipynb$/, "")}-again`);
  }
  assert.equal([...log.consoleErrors, ...log.pageErrors], [], `${name}: console errors`);
  assert.equal(log.failedRequests, [], `${name}: failed requests`);
}

// the seed's data (notebook 03's parameters cell) and the sequel's (notebook 07's), as the explorer has them
const { seed: SEED, sequel: SEQUEL } = DATA_SETS;
const perceptronError = (learningRate: number) => {
  const steps = new Perceptron({ seed: 1 }).train(SEED.inputs, SEED.targets, 10_000, { learningRate, history: true });
  return steps[10_000].meanSquaredError;
};
const networkError = (learningRate: number) => {
  const net = new Network({ layers: [3, 4, 1], seed: 1 });
  const steps = net.train(SEQUEL.inputs, SEQUEL.targets, 60_000, { learningRate, every: 100, history: true });
  return steps[steps.length - 1].meanSquaredError;
};

test("03-training-loop.ipynb: Run All from the Run menu, charts drawn, explorer live; then another learningRate", () =>
  stepThrough("03-training-loop.ipynb", {
    label: /mean squared error at iteration 10000: (\S+)/,
    before: perceptronError(1),
    after: { value: perceptronError(0.5), rate: 0.5 },
    explorerSvgs: 1,
  }));

// run once: the edit and the second run are 03's (each run of 07 is a sixth of this suite's processor time)
test("07-hidden-layer.ipynb: Run All, the sequel's network: charts drawn, explorer live, the module's error", () =>
  stepThrough("07-hidden-layer.ipynb", {
    label: /the network's mean squared error after 60000 iterations: (\S+)/,
    before: networkError(1),
    explorerSvgs: 1,
  }));

test.run();
