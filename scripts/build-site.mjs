#!/usr/bin/env node
// npm run build: the tutorial as a static site. Runs each notebook in a fresh tslab kernel and renders
// it with nbconvert's lab template (run-notebook.py, site-template/), then writes site/: one page a
// notebook, an index in reading order, and the shared assets (site-pages.mjs).
//
// usage: node scripts/build-site.mjs [--out DIR] [--notebooks DIR] [--jobs N] [--force] [--record DIR]
//   --out DIR        where the site goes (default site/); replaced whole, only when every page built
//   --notebooks DIR  the notebooks and their README.md index (default notebooks/)
//   --jobs N         notebooks executed at once (default 2)
//   --force          ignore the cache of executed notebooks (node_modules/.cache/perceptron-site/)
//   --record DIR     for the tests (test/e2e/helpers/site.ts): --force, each notebook's run kept
//                    in DIR as the kernel left it, NAME.executed.ipynb, with NAME.run.json (the
//                    runner's exit status, stderr and result); when DIR holds NAME.edited.ipynb (a
//                    variant the tests wrote), it runs second, every cell again in that kernel, kept
//                    as NAME.edited.executed.ipynb; a failing notebook does not stop the others
//
// A notebook runs again only when something that affects its page changed: the notebook, the
// compiled module (dist/*.js), package-lock.json, or the build's own files. The new site is built
// next to the old one and renamed in when complete: a failure or Ctrl-C leaves the old one as it was.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { jupyterEnv, root, setup } from "./setup.mjs";
import {
  BuildError,
  filesUnder,
  MODULE_ASSET,
  PLOTLY_ASSET,
  readSteps,
  say,
  shown,
  TEMPLATE,
  writeSite,
} from "./site-pages.mjs";

const RUNNER = join(root, "scripts", "run-notebook.py");
// ignored by git; `npm ci` empties it, when package-lock.json (in the key) changed anyway
const CACHE = join(root, "node_modules", ".cache", "perceptron-site");
const USAGE = "usage: node scripts/build-site.mjs [--out DIR] [--notebooks DIR] [--jobs N] [--force] [--record DIR]";
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const sha = (...parts) =>
  parts.reduce((hash, part) => hash.update(part).update("\0"), createHash("sha256")).digest("hex");

function readOptions(args) {
  const string = { type: "string" };
  const flag = { type: "boolean", default: false };
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { out: string, notebooks: string, jobs: string, force: flag, record: string, help: flag },
    }));
  } catch (error) {
    throw new BuildError(`${error.message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const jobs = Number(values.jobs ?? Math.min(2, availableParallelism()));
  if (!Number.isInteger(jobs) || jobs < 1) throw new BuildError("--jobs must be a positive integer");
  const out = values.out ? resolve(values.out) : join(root, "site");
  const notebooks = values.notebooks ? resolve(values.notebooks) : join(root, "notebooks");
  const record = values.record ? resolve(values.record) : undefined;
  return { out, notebooks, jobs, force: values.force || record !== undefined, record };
}

/** What every page depends on besides its notebook: the Python, the module the notebooks import, the build. */
function commonKey(notebooksDir, python) {
  // the notebooks import ".." (the folder above them): its dist/ is the module they run
  const dist = existsSync(join(notebooksDir, "..", "dist")) ? join(notebooksDir, "..", "dist") : join(root, "dist");
  const build = ["package-lock.json", "scripts/build-site.mjs", "scripts/site-pages.mjs", "scripts/run-notebook.py"];
  const files = [...build.map((f) => join(root, f)), ...filesUnder(TEMPLATE), ...filesUnder(dist)];
  // labelled by place in their folder: a copy of the project (the site test's) shares the cache
  const label = (f) => (f.startsWith(dist) ? relative(dist, f) : relative(root, f));
  const inputs = files.filter((f) => !f.startsWith(dist) || f.endsWith(".js"));
  return sha(python, PLOTLY_ASSET, ...inputs.flatMap((f) => [label(f), readFileSync(f)]));
}

/** Runs run-notebook.py; resolves with its JSON result, exit status, stderr and how long it took. */
function runNotebook(python, args, running) {
  const started = Date.now();
  return new Promise((done) => {
    const child = execFile(
      python,
      [RUNNER, ...args],
      { env: jupyterEnv(), maxBuffer: 1 << 26 },
      (error, stdout, stderr) => {
        running.delete(child);
        let result = {
          ok: false,
          error: `the runner (${python}) ended without a result: ${error?.code ?? error?.signal}`,
        };
        try {
          result = JSON.parse(stdout.trim().split("\n").pop());
        } catch {}
        const status = error ? (typeof error.code === "number" ? error.code : null) : 0;
        done({ result, status, stderr, ms: Date.now() - started });
      },
    );
    running.add(child);
  });
}

/**
 * Runs and renders every notebook in `work`, `jobs` at a time; after a failure no new one starts
 * (unless `record`), those running finish. Returns the failures, each a message naming the notebook
 * and the cell. With `record` (a folder), each notebook's run (and its variant NAME.edited.ipynb there,
 * if any, second in the same kernel) is kept there.
 */
async function runAll(python, work, jobs, running, aborted, record) {
  const failures = [];
  const worker = async () => {
    for (let item = work.shift(); item && (record || !failures.length) && !aborted(); item = work.shift()) {
      say(`${item.name}: executing…`);
      const args = ["--html", item.html, "--executed", item.executed, "--plotly-src", PLOTLY_ASSET];
      args.push("--module-src", MODULE_ASSET);
      if (item.css) args.push("--css", item.css);
      const kept = record && join(record, item.name);
      if (kept) {
        for (const f of [".executed.ipynb", ".second.ipynb", ".edited.executed.ipynb", ".run.json"])
          rmSync(`${kept}${f}`, { force: true });
        args.push("--first", `${kept}.executed.ipynb`);
        if (existsSync(`${kept}.edited.ipynb`))
          args.push("--then", `${kept}.edited.ipynb`, `${kept}.edited.executed.ipynb`);
      }
      const { result, status, stderr, ms } = await runNotebook(python, [item.notebook, ...args], running);
      if (aborted()) return;
      if (kept) writeFileSync(`${kept}.run.json`, `${JSON.stringify({ status, stderr, result }, null, 1)}\n`);
      if (result.ok) {
        const { runs, render } = result.seconds;
        say(
          `${item.name}: executed (${runs[0].toFixed(1)} s) and rendered (${render.toFixed(1)} s), ${seconds(ms)} in all`,
        );
        continue;
      }
      say(`${item.name}: FAILED`);
      const tail = result.message ? "" : `\n${stderr.trim().split("\n").slice(-8).join("\n")}`;
      failures.push(result.message ?? `${shown(item.notebook)}: ${result.error}${tail}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, work.length) }, worker));
  return failures;
}

/** Builds the site in a folder next to `out`, then swaps it in with two renames. */
function swapIn(out, write) {
  const tmp = join(dirname(out), `.${basename(out)}.tmp-${process.pid}`);
  const old = join(dirname(out), `.${basename(out)}.old-${process.pid}`);
  try {
    mkdirSync(tmp, { recursive: true });
    write(tmp);
    if (existsSync(out)) renameSync(out, old);
    renameSync(tmp, out);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    if (existsSync(old) && !existsSync(out)) renameSync(old, out);
  }
}

/** True when `dir` is missing, empty, or a site this script built: the only folders it replaces. */
function replaceable(dir) {
  if (!existsSync(dir)) return true;
  if (!statSync(dir).isDirectory()) return false;
  const entries = readdirSync(dir);
  return entries.length === 0 || (entries.includes("index.html") && existsSync(join(dir, "assets", "site.css")));
}

/** Removes the temporary folders that builds killed outright left next to the site. */
function removeStaleFolders(out) {
  const prefix = `.${basename(out)}.`;
  for (const entry of existsSync(dirname(out)) ? readdirSync(dirname(out)) : []) {
    const pid = Number(/^(?:tmp|old)-(\d+)$/.exec(entry.startsWith(prefix) ? entry.slice(prefix.length) : "")?.[1]);
    try {
      if (pid) process.kill(pid, 0); // that build is still running
    } catch {
      rmSync(join(dirname(out), entry), { recursive: true, force: true });
    }
  }
}

async function main() {
  const started = Date.now();
  const { out, notebooks, jobs, force, record } = readOptions(process.argv.slice(2));
  if (!replaceable(out))
    throw new BuildError(`${shown(out)} exists and is not a site this script built: not replacing it (choose --out)`);
  let python;
  try {
    ({ python } = setup("build"));
  } catch (error) {
    throw new BuildError(`setting up failed: ${error.message}`);
  }
  removeStaleFolders(out);
  const tutorial = readSteps(notebooks);
  say(`${tutorial.steps.length} notebooks from ${shown(notebooks)} into ${shown(out)}`);

  mkdirSync(CACHE, { recursive: true });
  if (record) mkdirSync(record, { recursive: true });
  const common = commonKey(notebooks, python);
  // JupyterLab's stylesheet, from nbconvert: written again whenever a notebook runs
  const labCss = join(CACHE, `jupyterlab-${sha(python).slice(0, 16)}.css`);
  const rendered = new Map();
  const work = [];
  for (const { name } of tutorial.steps) {
    const notebook = join(notebooks, `${name}.ipynb`);
    const cached = join(CACHE, `${name}.${sha(common, readFileSync(notebook)).slice(0, 16)}`);
    rendered.set(name, `${cached}.html`);
    if (!force && existsSync(`${cached}.html`)) say(`${name}: unchanged, from the cache`);
    else work.push({ name, notebook, html: `${cached}.html`, executed: `${cached}.ipynb` });
  }
  if (work.length > 0) work[0].css = labCss;
  else if (!existsSync(labCss)) await runNotebook(python, ["--css", labCss], new Set());

  // Ctrl-C or a kill: the runners end their kernels (SIGINT), and no half-built site is left
  const running = new Set();
  let aborted = false;
  const onSignal = (signal) => {
    aborted = true;
    for (const child of running) child.kill("SIGINT");
    const deadline = Date.now() + 5_000;
    const end = () => {
      if (running.size > 0 && Date.now() < deadline) return setTimeout(end, 100);
      for (const child of running) child.kill("SIGKILL");
      console.error(`[build] stopped (${signal}); ${shown(out)} was not changed`);
      process.exit(signal === "SIGINT" ? 130 : 143);
    };
    end();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const failures = await runAll(python, work, jobs, running, () => aborted, record);
  if (aborted) return new Promise(() => {}); // the signal handler exits
  for (const failure of failures) console.error(`[build] FAILED: ${failure}`);
  const kept = existsSync(out) ? `${shown(out)} still holds the previous build` : `no ${shown(out)} was written`;
  if (failures.length > 0) throw new BuildError(`the site was not built; ${kept}`);
  if (!existsSync(labCss)) throw new BuildError(`JupyterLab's stylesheet was not written to ${shown(labCss)}`);
  swapIn(out, (dir) => writeSite(dir, tutorial, rendered, labCss));

  // the cache keeps what this build used (for the project's own notebooks; other folders add only)
  if (notebooks === join(root, "notebooks")) {
    const used = new Set([labCss, ...[...rendered.values()].flatMap((f) => [f, f.replace(/\.html$/, ".ipynb")])]);
    for (const f of readdirSync(CACHE)) if (!used.has(join(CACHE, f))) rmSync(join(CACHE, f), { force: true });
  }
  const mb = (filesUnder(out).reduce((sum, f) => sum + statSync(f).size, 0) / 1e6).toFixed(1);
  say(
    `${shown(out)}/ ready in ${seconds(Date.now() - started)}: ${tutorial.steps.length} pages, index.html ` +
      `and playground.html (${mb} MB); open ${shown(join(out, "index.html"))}, or publish the folder on any static host`,
  );
}

main().catch((error) => {
  console.error(`[build] ${error instanceof BuildError ? error.message : (error?.stack ?? error)}`);
  process.exit(1);
});
