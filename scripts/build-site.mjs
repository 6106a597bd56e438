#!/usr/bin/env node
// npm run build: the tutorial as a static site. Executes each notebook in a fresh tslab kernel,
// renders it with nbconvert's lab template (scripts/site-template/), and writes site/: one page a
// notebook, an index in reading order, and the shared assets (plotly.js, MathJax, the stylesheets).
// Everything a page loads is a relative URL under assets/: the site works from file:// and from
// any static host, and no page makes a request off its own host.
//
// usage: node scripts/build-site.mjs [--out DIR] [--notebooks DIR] [--jobs N] [--force]
//   --out DIR        where the site goes (default site/); replaced whole, only when every page built
//   --notebooks DIR  the notebooks and their README.md index (default notebooks/)
//   --jobs N         notebooks executed at once (default 2)
//   --force          ignore the cache of executed notebooks (node_modules/.cache/perceptron-site/)
//
// A notebook is executed again only when something that affects its output changed: the notebook,
// the compiled module (dist/*.js), package-lock.json, this script, the runner or the template.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { jupyterEnv, root, setup } from "./setup.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const RUNNER = join(HERE, "render-notebook.py");
const TEMPLATE = join(HERE, "site-template");
// ignored by git and outside Biome's files; `npm ci` empties it, when package-lock.json (in the key) changed anyway
const CACHE = join(root, "node_modules", ".cache", "perceptron-site");
/** Where pages find plotly.js: the kernel puts `<script src>` for it in a page's first chart. */
const PLOTLY_SRC = "assets/plotly.js";
const MATHJAX = "tex-svg-full.js"; // every TeX extension inside: MathJax loads no other file
const requireFromRoot = createRequire(join(root, "package.json"));
/** The pages' icon, inline: without one a browser asks the host for /favicon.ico. */
const FAVICON =
  '<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27 viewBox=%270 0 16 16%27%3E' +
  '%3Ccircle cx=%278%27 cy=%278%27 r=%276.5%27 fill=%27%230072B2%27/%3E%3C/svg%3E">';

const say = (message) => console.log(`[build] ${message}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const sha = (...parts) => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
};
// the module's own escaping (dist/ is built by setup() before any page is written)
const escapeHtml = (text) => requireFromRoot(root).escapeHtml(String(text));
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, "g");
const stripAnsi = (text) => text.replace(ANSI, "");
/** A path as the user would type it: relative to the working folder when inside it. */
const shown = (path) => {
  const rel = relative(process.cwd(), path);
  return rel === "" ? "." : rel.startsWith("..") ? path : rel;
};

/** A failure the build reports in one message, with no stack trace. */
class BuildError extends Error {}

function parseArgs(argv) {
  const options = {
    out: join(root, "site"),
    notebooks: join(root, "notebooks"),
    jobs: Math.max(1, Math.min(2, availableParallelism())),
    force: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new BuildError(`${arg} needs a value`);
      return v;
    };
    if (arg === "--out") options.out = resolve(value());
    else if (arg === "--notebooks") options.notebooks = resolve(value());
    else if (arg === "--jobs") options.jobs = Number(value());
    else if (arg === "--force") options.force = true;
    else if (arg === "--help" || arg === "-h") {
      console.log("usage: node scripts/build-site.mjs [--out DIR] [--notebooks DIR] [--jobs N] [--force]");
      process.exit(0);
    } else throw new BuildError(`unknown option ${arg} (expected --out, --notebooks, --jobs, --force)`);
  }
  if (!Number.isInteger(options.jobs) || options.jobs < 1) throw new BuildError("--jobs must be a positive integer");
  return options;
}

// ---------------------------------------------------------------------------------------------
// The steps: notebooks/README.md's numbered list gives the order, titles and one-line summaries.

/** A line of Markdown as HTML: code, emphasis and links (a notebook's link goes to its page). */
function inlineMarkdown(text, pages) {
  const codes = [];
  // code spans wait aside (as private-use characters) while emphasis and links are made
  let html = escapeHtml(text).replace(/`([^`]+)`/g, (_, code) => `\ue000${codes.push(code) - 1}\ue001`);
  html = html
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/\*([^*]+)\*/g, "<em>$1</em>")
    .replace(
      /\[([^\]]+)\]\(([^)\s]+)\)/g,
      (_, label, href) => `<a href="${pageHref(href, pages) ?? href}">${label}</a>`,
    );
  return html.replace(/\ue000(\d+)\ue001/g, (_, i) => `<code>${codes[Number(i)]}</code>`);
}

/** The first sentence of a notebook's opening paragraph, and its `# ` title without the number. */
function describeNotebook(path) {
  const nb = JSON.parse(readFileSync(path, "utf8"));
  const first = nb.cells.find((cell) => cell.cell_type === "markdown");
  const source = first ? [first.source].flat().join("") : "";
  const title = /^#\s+(?:\d+\.\s*)?(.+)$/m.exec(source)?.[1]?.trim();
  const paragraph = source
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .find((p) => p && !p.startsWith("#") && !p.startsWith("["));
  const summary = paragraph ? (/^.+?[.!?](?=\s|$)/s.exec(paragraph)?.[0] ?? paragraph).replace(/\s+/g, " ") : "";
  return { title: title ?? basename(path, ".ipynb"), summary };
}

/**
 * The tutorial's steps in reading order: the numbered list in README.md first, then any notebook
 * it does not list (by file name). Also the index's heading and introduction.
 */
function readSteps(dir) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort();
  if (files.length === 0) throw new BuildError(`no notebooks in ${shown(dir)}`);
  const readme = existsSync(join(dir, "README.md")) ? readFileSync(join(dir, "README.md"), "utf8") : "";
  const steps = [];
  for (const match of readme.matchAll(/^\s*(\d+)\.\s+\[([^\]]+)\]\(([^)\s]+\.ipynb)\)\s*:?\s*(.*)$/gm)) {
    const [, number, title, file, summary] = match;
    if (!files.includes(file)) throw new BuildError(`${shown(join(dir, "README.md"))} lists ${file}, which is missing`);
    steps.push({ name: basename(file, ".ipynb"), number: Number(number), title, summary });
  }
  for (const file of files) {
    const name = basename(file, ".ipynb");
    if (steps.some((s) => s.name === name)) continue;
    const { title, summary } = describeNotebook(join(dir, file));
    steps.push({ name, number: steps.length + 1, title, summary });
  }
  for (const step of steps) step.label = `${step.number}. ${step.title}`;
  const heading = /^#\s+(.+)$/m.exec(readme)?.[1]?.trim() ?? "The notebooks, in reading order";
  const beforeList = readme.split(/^\s*\d+\.\s+\[/m)[0];
  const intro = beforeList
    .split(/\n\s*\n/)
    .map((p) => p.trim().replace(/\s+/g, " "))
    .filter((p) => p && !p.startsWith("#"));
  return { steps, heading, intro };
}

/** Where a link in a notebook goes on the site: a notebook to its page, README.md to the index. */
function pageHref(href, pages) {
  const m = /^(?:\.\/)?([^/?#]+)\.ipynb(#.*)?$/.exec(href);
  if (m && pages.has(m[1])) return `${m[1]}.html${m[2] ?? ""}`;
  const readme = /^(?:\.\/)?README\.md(#.*)?$/.exec(href);
  if (readme) return `index.html${readme[1] ?? ""}`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Executing and rendering, cached.

/** Every file under `dir` (sorted), for hashing. */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .sort()
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** What every notebook's output depends on, besides the notebook itself. */
function commonKey(notebooksDir, python) {
  // the notebooks import ".." (the folder above them): its dist/ is the module they run
  const dist = existsSync(join(notebooksDir, "..", "dist")) ? join(notebooksDir, "..", "dist") : join(root, "dist");
  const inputs = [
    ...filesUnder(dist)
      .filter((f) => f.endsWith(".js"))
      .map((f) => [`dist/${relative(dist, f)}`, f]),
    ...[join(root, "package-lock.json"), fileURLToPath(import.meta.url), RUNNER, ...filesUnder(TEMPLATE)].map((f) => [
      relative(root, f),
      f,
    ]),
  ];
  return sha(python, PLOTLY_SRC, ...inputs.flatMap(([label, f]) => [label, readFileSync(f)]));
}

/** Runs the Python runner; resolves with its JSON result, its stderr and how long it took. */
function runRunner(python, args, running) {
  return new Promise((resolvePromise) => {
    const started = Date.now();
    const child = spawn(python, [RUNNER, ...args], {
      cwd: root,
      env: { ...jupyterEnv(), PLOTLY_SRC, PYTHONUNBUFFERED: "1", FORCE_COLOR: "0", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr = (stderr + chunk).slice(-20_000);
    });
    const finish = (code, spawnError) => {
      running.delete(child);
      let result;
      try {
        result = JSON.parse(stdout.trim().split("\n").pop() ?? "");
      } catch {
        result = { ok: false, error: spawnError ?? `the runner exited (${code}) without a result` };
      }
      resolvePromise({ result, stderr, ms: Date.now() - started });
    };
    child.on("error", (error) => finish(null, `could not run ${python}: ${error.message}`));
    child.on("close", (code, signal) => finish(code ?? signal));
  });
}

/** One line naming the notebook, the cell and what went wrong. */
function describeFailure(notebookPath, { result, stderr }) {
  if (result.cell) {
    return (
      `${shown(notebookPath)}, cell ${result.cell} (code cell ${result.code_cell}, ` +
      `"${result.first_line}"): ${stripAnsi(result.error ?? "failed").trim()}`
    );
  }
  const tail = stripAnsi(stderr).trim().split("\n").slice(-8).join("\n");
  return `${shown(notebookPath)}: ${stripAnsi(result.error ?? "failed")}${tail ? `\n${tail}` : ""}`;
}

/**
 * Executes and renders every notebook whose cached page is missing, `jobs` at a time. After a
 * failure no new notebook starts; those running finish. Returns the failures (empty when all built).
 */
async function executeAll(python, work, jobs, running, aborted) {
  const failures = [];
  const queue = [...work];
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      if (failures.length > 0 || aborted()) return;
      say(`${item.step.name}: executing…`);
      const args = [item.notebook, "--html", item.html, "--executed", item.executed];
      if (item.css) args.push("--css", item.css);
      const run = await runRunner(python, args, running);
      if (aborted()) return;
      if (run.result.ok) {
        const { execute, render } = run.result.seconds ?? {};
        say(
          `${item.step.name}: executed (${execute?.toFixed(1)} s) and rendered (${render?.toFixed(1)} s), ` +
            `${seconds(run.ms)} in all`,
        );
      } else {
        const message = describeFailure(item.notebook, run);
        say(`${item.step.name}: FAILED`);
        failures.push(message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, work.length) }, worker));
  return failures;
}

// ---------------------------------------------------------------------------------------------
// The pages.

function nav(where, step, total, prev, next) {
  const link = (target, cls, rel, text) =>
    `<a class="${cls}" rel="${rel}" href="${target.href}">${escapeHtml(text(target.label))}</a>`;
  return (
    `<nav class="site-nav site-nav-${where}" aria-label="Tutorial steps">` +
    link(prev, "site-nav-prev", "prev", (label) => `← ${label}`) +
    `<span class="site-nav-home">Step ${step.number} of ${total} · <a href="index.html">All steps</a></span>` +
    link(next, "site-nav-next", "next", (label) => `${label} →`) +
    "</nav>"
  );
}

/** Resource URLs (scripts, stylesheets, images, frames): each must stay on the page's own host. */
function checkResources(file, html) {
  const remote = [];
  for (const m of html.matchAll(
    /<(script|link|img|iframe|source|embed|audio|video|object)\b[^>]*?\s(?:src|href|data)="([^"]*)"/gi,
  )) {
    if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(m[2]) && !m[2].startsWith("data:")) remote.push(`<${m[1]}> ${m[2]}`);
  }
  if (remote.length) throw new BuildError(`${file} would load from outside the site: ${remote.join(", ")}`);
}

/** A notebook's page: nbconvert's HTML with its title, the step bars, and links between pages. */
function page(step, html, titleSuffix, prev, next, pages) {
  const file = `${step.name}.html`;
  const outside = [];
  const out = html
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(`${step.label} · ${titleSuffix}`)}</title>`)
    .replace(/<html>/, '<html lang="en">')
    .replace(/<meta charset="utf-8" \/>/, `$&\n${FAVICON}`)
    .replace("<!--site:nav-top-->", nav("top", step, pages.size, prev, next))
    .replace("<!--site:nav-bottom-->", nav("bottom", step, pages.size, prev, next))
    .replace(/(<a\b[^>]*?\shref=")([^"]*)(")/g, (all, before, href, after) => {
      const target = pageHref(href, pages);
      if (target) return `${before}${target}${after}`;
      const linked = href.replace(/\.html(#.*)?$/, "");
      if (!/^(?:[a-z][a-z0-9+.-]*:|#|\/\/)/i.test(href) && !pages.has(linked) && linked !== "index") outside.push(href);
      return all;
    });
  for (const href of outside) say(`warning: ${file} links to ${href}, which is not part of the site`);
  checkResources(file, out);
  const charts = (out.match(/class="perceptron-chart"/g) ?? []).length;
  const libraries = out.split(`<script src="${PLOTLY_SRC}"`).length - 1;
  if (out.includes("data-plotly-js"))
    throw new BuildError(`${file} has plotly.js inline: the kernel missed PLOTLY_SRC`);
  if (charts > 0 && libraries !== 1)
    throw new BuildError(`${file} has ${charts} charts and loads plotly.js ${libraries} times, not once`);
  return out;
}

function indexPage({ steps, heading, intro }, site, pages) {
  const items = steps
    .map(
      (s) =>
        `<li><a href="${s.name}.html"><span class="site-step-number">${s.number}.</span> ${escapeHtml(s.title)}</a>` +
        `${s.summary ? `<span class="site-step-summary">: ${inlineMarkdown(s.summary, pages)}</span>` : ""}</li>`,
    )
    .join("\n");
  const first = steps[0];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(site.name)}</title>
${FAVICON}
<link rel="stylesheet" href="assets/site.css">
</head>
<body class="site-page site-index">
<nav class="site-nav site-nav-top" aria-label="Tutorial steps"><span></span><span class="site-nav-home">${escapeHtml(site.name)}</span><a class="site-nav-next" rel="next" href="${first.name}.html">Start: ${escapeHtml(first.label)} →</a></nav>
<main class="site-index-main">
<h1>${escapeHtml(site.name)}</h1>
${site.tagline ? `<p class="site-tagline">${escapeHtml(site.tagline)}</p>` : ""}
<h2>${escapeHtml(heading)}</h2>
${intro.map((p) => `<p>${inlineMarkdown(p, pages)}</p>`).join("\n")}
<ol class="site-steps">
${items}
</ol>
<p class="site-about">Each page is a notebook run top to bottom in a fresh TypeScript (tslab) kernel, with its code
and outputs as JupyterLab shows them. The charts are live: hover for values, drag to zoom, double-click to reset,
and move the sliders to step through training.</p>
</main>
<nav class="site-nav site-nav-bottom" aria-label="Tutorial steps"><span></span><span></span><a class="site-nav-next" rel="next" href="${first.name}.html">Start: ${escapeHtml(first.label)} →</a></nav>
</body>
</html>
`;
}

/** plotly.js for the site: the minified build when it is the very version the kernel's charts use. */
function plotlyFile() {
  const full = requireFromRoot.resolve("plotly.js-dist");
  const version = (name) => JSON.parse(readFileSync(requireFromRoot.resolve(`${name}/package.json`), "utf8")).version;
  try {
    const min = requireFromRoot.resolve("plotly.js-dist-min");
    if (version("plotly.js-dist-min") === version("plotly.js-dist")) return min;
    say(
      `warning: plotly.js-dist-min ${version("plotly.js-dist-min")} is not plotly.js-dist ${version("plotly.js-dist")}: ` +
        "the site gets the unminified plotly.js",
    );
  } catch {}
  return full;
}

function writeSite(dir, { steps, heading, intro }, cached, labCss) {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const [name, ...rest] = (pkg.description ?? pkg.name).split(":");
  const site = { name: name.trim(), tagline: rest.join(":").trim() };
  const pages = new Set(steps.map((s) => s.name));
  const assets = join(dir, "assets");
  mkdirSync(join(assets, "mathjax"), { recursive: true });
  const plotly = plotlyFile();
  copyFileSync(plotly, join(assets, "plotly.js"));
  copyFileSync(
    join(dirname(requireFromRoot.resolve("plotly.js-dist/package.json")), "LICENSE"),
    join(assets, "plotly.LICENSE"),
  );
  const mathjax = dirname(requireFromRoot.resolve("mathjax/package.json"));
  copyFileSync(join(mathjax, "es5", MATHJAX), join(assets, "mathjax", MATHJAX));
  copyFileSync(join(mathjax, "LICENSE"), join(assets, "mathjax", "LICENSE"));
  copyFileSync(labCss, join(assets, "jupyterlab.css"));
  copyFileSync(join(TEMPLATE, "site.css"), join(assets, "site.css"));
  const index = { label: "All steps", href: "index.html" };
  const linkOf = (s) => s && { label: s.label, href: `${s.name}.html` };
  steps.forEach((step, i) => {
    const prev = linkOf(steps[i - 1]) ?? { ...index, label: "All steps" };
    const next = linkOf(steps[i + 1]) ?? { ...index, label: "Back to all steps" };
    const html = page(step, readFileSync(cached.get(step.name), "utf8"), site.name, prev, next, pages);
    writeFileSync(join(dir, `${step.name}.html`), html);
  });
  const indexHtml = indexPage({ steps, heading, intro }, site, pages);
  checkResources("index.html", indexHtml);
  writeFileSync(join(dir, "index.html"), indexHtml);
  // GitHub Pages: serve the files as they are (no Jekyll)
  writeFileSync(join(dir, ".nojekyll"), "");
}

function folderSize(dir) {
  return filesUnder(dir).reduce((sum, f) => sum + statSync(f).size, 0);
}

/** Temporary folders that builds killed outright (no cleanup) left next to the site. */
function removeStaleFolders(out) {
  const pattern = new RegExp(`^\\.${basename(out).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(?:tmp|old)-(\\d+)$`);
  if (!existsSync(dirname(out))) return;
  for (const entry of readdirSync(dirname(out))) {
    const pid = Number(pattern.exec(entry)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0); // that build is still running
    } catch {
      rmSync(join(dirname(out), entry), { recursive: true, force: true });
    }
  }
}

/** True when `dir` is missing, empty, or a site this script built: the only folders it replaces. */
function replaceable(dir) {
  if (!existsSync(dir)) return true;
  if (!statSync(dir).isDirectory()) return false;
  const entries = readdirSync(dir);
  return entries.length === 0 || (entries.includes("index.html") && existsSync(join(dir, "assets", "site.css")));
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const options = parseArgs(process.argv.slice(2));
  const out = options.out;
  if (!replaceable(out))
    throw new BuildError(`${shown(out)} exists and is not a site this script built: not replacing it (choose --out)`);
  let python;
  try {
    ({ python } = setup("build"));
  } catch (error) {
    throw new BuildError(`setting up failed: ${error.message}`);
  }
  removeStaleFolders(out);
  const tutorial = readSteps(options.notebooks);
  const { steps } = tutorial;
  say(`${steps.length} notebooks from ${shown(options.notebooks)} into ${shown(out)}`);

  mkdirSync(CACHE, { recursive: true });
  const common = commonKey(options.notebooks, python);
  // JupyterLab's stylesheet, from nbconvert: written again whenever a notebook is executed
  const labCss = join(CACHE, `jupyterlab-${sha(python).slice(0, 16)}.css`);
  const cached = new Map();
  const work = [];
  for (const step of steps) {
    const notebook = join(options.notebooks, `${step.name}.ipynb`);
    const key = sha(common, readFileSync(notebook)).slice(0, 16);
    const html = join(CACHE, `${step.name}.${key}.html`);
    cached.set(step.name, html);
    if (!options.force && existsSync(html)) say(`${step.name}: unchanged, from the cache`);
    else work.push({ step, notebook, html, executed: join(CACHE, `${step.name}.${key}.ipynb`) });
  }
  if (work.length > 0) work[0].css = labCss;
  else if (!existsSync(labCss)) await runRunner(python, ["--css", labCss], new Set());

  // Ctrl-C or a kill: the runners shut their kernels down (SIGINT), and no half-built site is left
  const running = new Set();
  let tmp;
  let aborted = false;
  const onSignal = (signal) => {
    aborted = true;
    for (const child of running) child.kill("SIGINT");
    const deadline = Date.now() + 5_000;
    const end = () => {
      if (running.size > 0 && Date.now() < deadline) return setTimeout(end, 100);
      for (const child of running) child.kill("SIGKILL");
      if (tmp) rmSync(tmp, { recursive: true, force: true });
      console.error(`[build] stopped (${signal}); ${shown(out)} was not changed`);
      process.exit(signal === "SIGINT" ? 130 : 143);
    };
    end();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const failures = await executeAll(python, work, options.jobs, running, () => aborted);
  if (aborted) return new Promise(() => {}); // the signal handler exits
  if (failures.length > 0) {
    for (const failure of failures) console.error(`[build] FAILED: ${failure}`);
    throw new BuildError(
      `the site was not built; ${existsSync(out) ? `${shown(out)} still holds the previous build` : `no ${shown(out)} was written`}`,
    );
  }
  if (!existsSync(labCss)) throw new BuildError(`JupyterLab's stylesheet was not written to ${shown(labCss)}`);

  // build next to the site, then swap it in with two renames
  tmp = join(dirname(out), `.${basename(out)}.tmp-${process.pid}`);
  const old = join(dirname(out), `.${basename(out)}.old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(tmp, { recursive: true });
    writeSite(tmp, tutorial, cached, labCss);
    if (existsSync(out)) renameSync(out, old);
    renameSync(tmp, out);
    tmp = undefined;
    rmSync(old, { recursive: true, force: true });
  } catch (error) {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    if (existsSync(old) && !existsSync(out)) renameSync(old, out);
    throw error;
  }

  // the cache keeps what this build used (for the project's own notebooks; other folders add only)
  if (resolve(options.notebooks) === join(root, "notebooks")) {
    const used = new Set([...cached.values()].flatMap((f) => [basename(f), basename(f).replace(/\.html$/, ".ipynb")]));
    used.add(basename(labCss));
    for (const f of readdirSync(CACHE)) if (!used.has(f)) rmSync(join(CACHE, f), { force: true });
  }

  const mb = (folderSize(out) / 1e6).toFixed(1);
  say(
    `${shown(out)}/ ready in ${seconds(Date.now() - started)}: ${steps.length} pages and index.html (${mb} MB); ` +
      `open ${shown(join(out, "index.html"))}, or publish the folder on any static host`,
  );
}

main().catch((error) => {
  console.error(`[build] ${error instanceof BuildError ? error.message : (error?.stack ?? error)}`);
  process.exit(1);
});
