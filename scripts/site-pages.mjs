// The site's pages, for build-site.mjs: the steps in README.md's order, each notebook's rendered page
// with its title and previous/next bars, the index, and the shared assets. Every URL a page loads is
// relative and under assets/ (checkResources): the site works from file:// and from any static host.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import MarkdownIt from "markdown-it";
import { root } from "./setup.mjs";
import { GLOSSARY, glossaryPage, readGlossary } from "./site-glossary.mjs";

/** Where pages load plotly.js from: the runner puts it in place of the first chart's inline copy. */
export const PLOTLY_ASSET = "assets/plotly.js";
/** Where pages load the module's browser bundle from (dist/browser.js): the explorers and the playground. */
export const MODULE_ASSET = "assets/perceptron-notebooks.js";
/** The playground page: TensorFlow Playground over the module, its settings in the URL. */
const PLAYGROUND = "playground.html";
export const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), "site-template");
const MATHJAX = "tex-svg-full.js"; // every TeX extension inside: MathJax loads no other file
const requireFromRoot = createRequire(join(root, "package.json"));
const markdown = new MarkdownIt();
/** The pages' icon, inline: without one a browser asks the host for /favicon.ico. */
const FAVICON =
  '<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27 viewBox=%270 0 16 16%27%3E' +
  '%3Ccircle cx=%278%27 cy=%278%27 r=%276.5%27 fill=%27%230072B2%27/%3E%3C/svg%3E">';
/** A line of notebooks/README.md's numbered list: `1. [Title](file.ipynb): summary`. */
const LIST_ITEM = /^\s*(\d+)\.\s+\[([^\]]+)\]\(([^)\s]+\.ipynb)\)\s*:?\s*(.*)$/gm;

/** A failure the build reports in one message, with no stack trace. */
export class BuildError extends Error {}
export const say = (message) => console.log(`[build] ${message}`);
const escapeHtml = (text) => markdown.utils.escapeHtml(String(text));
/** A path as the user would type it: relative to the working folder when inside it. */
export const shown = (path) => {
  const rel = relative(process.cwd(), path);
  return rel === "" ? "." : rel.startsWith("..") ? path : rel;
};

/** Every file under `dir`, sorted. */
export function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .sort()
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** A notebook README.md does not list: its `# ` title without the number, and its first sentence. */
function describeNotebook(path) {
  const first = JSON.parse(readFileSync(path, "utf8")).cells.find((cell) => cell.cell_type === "markdown");
  const source = first ? [first.source].flat().join("") : "";
  const title = /^#\s+(?:\d+\.\s*)?(.+)$/m.exec(source)?.[1]?.trim() ?? basename(path, ".ipynb");
  const paragraph = source
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .find((p) => p && !p.startsWith("#") && !p.startsWith("["));
  const summary = paragraph ? (/^.+?[.!?](?=\s|$)/s.exec(paragraph)?.[0] ?? paragraph).replace(/\s+/g, " ") : "";
  return { title, summary };
}

/**
 * The tutorial's steps in reading order: README.md's numbered list first, then any notebook it
 * does not list (by file name). Also the index's heading and its introduction (the Markdown before the list),
 * and glossary.md (null when there is none).
 */
export function readSteps(dir) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort();
  if (files.length === 0) throw new BuildError(`no notebooks in ${shown(dir)}`);
  const readmeFile = join(dir, "README.md");
  const readme = existsSync(readmeFile) ? readFileSync(readmeFile, "utf8") : "";
  const steps = [];
  for (const [, number, title, file, summary] of readme.matchAll(LIST_ITEM)) {
    if (!files.includes(file)) throw new BuildError(`${shown(readmeFile)} lists ${file}, which is missing`);
    steps.push({ name: basename(file, ".ipynb"), number: Number(number), title, summary });
  }
  for (const file of files.filter((f) => !steps.some((s) => `${s.name}.ipynb` === f)))
    steps.push({ name: basename(file, ".ipynb"), number: steps.length + 1, ...describeNotebook(join(dir, file)) });
  for (const step of steps) step.label = `${step.number}. ${step.title}`;
  const heading = /^#\s+(.+)$/m.exec(readme)?.[1]?.trim() ?? "The notebooks, in reading order";
  const intro = markdown.render(readme.split(/^\s*\d+\.\s+\[/m)[0].replace(/^#.*$/gm, ""));
  return { steps, heading, intro, glossary: readGlossary(dir) };
}

/** Links to a notebook go to its page, to README.md to the index, to glossary.md to the glossary; a relative link off the site is reported. */
function linkPages(file, html, pages) {
  return html.replace(/(<a\b[^>]*?\shref=")([^"]*)(")/g, (all, before, href, after) => {
    const notebook = /^(?:\.\/)?([^/?#]+)\.ipynb(#.*)?$/.exec(href);
    if (notebook && pages.has(notebook[1])) return `${before}${notebook[1]}.html${notebook[2] ?? ""}${after}`;
    const readme = /^(?:\.\/)?README\.md(#.*)?$/.exec(href);
    if (readme) return `${before}index.html${readme[1] ?? ""}${after}`;
    const glossary = /^(?:\.\/)?glossary\.md(#.*)?$/.exec(href);
    if (glossary) return `${before}${GLOSSARY}${glossary[1] ?? ""}${after}`;
    const linked = href.replace(/\.html(#.*)?$/, "");
    if (
      !/^(?:[a-z][a-z0-9+.-]*:|#|\/\/)/i.test(href) &&
      !pages.has(linked) &&
      !["index", "playground", "glossary"].includes(linked)
    )
      say(`warning: ${file} links to ${href}, which is not part of the site`);
    return all;
  });
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
  const charts = (html.match(/class="perceptron-chart"/g) ?? []).length; // explorers draw their own SVG
  const loads = (src) => html.split(`<script src="${src}"`).length - 1;
  if (html.includes("data-plotly-js")) throw new BuildError(`${file} has plotly.js inline, not from ${PLOTLY_ASSET}`);
  if (html.includes("data-perceptron-js"))
    throw new BuildError(`${file} has the module inline, not from ${MODULE_ASSET}`);
  if (charts > 0 && loads(PLOTLY_ASSET) !== 1)
    throw new BuildError(`${file} has ${charts} charts and loads plotly.js ${loads(PLOTLY_ASSET)} times, not once`);
  if (loads(MODULE_ASSET) > 1) throw new BuildError(`${file} loads the module ${loads(MODULE_ASSET)} times, not once`);
}

/**
 * The previous/next bar, `where` "top" or "bottom": its landmark's label says which (two bars of one
 * name would be one landmark twice). `prev` and `next` are { label, href }; `middle` is HTML.
 */
function nav(where, prev, middle, next) {
  const link = (target, rel, text) =>
    target ? `<a class="site-nav-${rel}" rel="${rel}" href="${target.href}">${escapeHtml(text)}</a>` : "<span></span>";
  return (
    `<nav class="site-nav site-nav-${where}" aria-label="Tutorial steps, ${where}">` +
    `${link(prev, "prev", `← ${prev?.label}`)}<span class="site-nav-home">${middle}</span>` +
    `${link(next, "next", `${next?.label} →`)}</nav>`
  );
}

/** A notebook's page: nbconvert's HTML with its title, the step bars, and links between pages. */
function notebookPage(step, html, siteName, prev, next, pages) {
  const home = `Step ${step.number} of ${pages.size} · <a href="index.html">All steps</a> · <a href="${PLAYGROUND}">Playground</a>`;
  const out = html
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(`${step.label} · ${siteName}`)}</title>`)
    .replace(/<html>/, '<html lang="en">')
    .replace(/<meta charset="utf-8" \/>/, `$&\n${FAVICON}`)
    .replace("<!--site:nav-top-->", nav("top", prev, home, next))
    .replace("<!--site:nav-bottom-->", nav("bottom", prev, home, next));
  return linkPages(`${step.name}.html`, out, pages);
}

function indexPage({ steps, heading, intro, glossary }, site, pages) {
  const items = steps.map(
    (s) =>
      `<li><a href="${s.name}.html"><span class="site-step-number">${s.number}.</span> ${escapeHtml(s.title)}</a>` +
      `${s.summary ? `<span class="site-step-summary">: ${markdown.renderInline(s.summary)}</span>` : ""}</li>`,
  );
  const start = { label: `Start: ${steps[0].label}`, href: `${steps[0].name}.html` };
  const words = glossary
    ? `<h2>Glossary</h2>\n<p>The <a href="${GLOSSARY}">glossary</a> says what each word of the tutorial means here, where
it lives in the module and which step teaches it. Each step links a word to it where it first uses it.</p>\n`
    : "";
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(site.name)}</title>
${FAVICON}
<link rel="stylesheet" href="assets/site.css">
</head>
<body class="site-page site-index">
${nav("top", undefined, escapeHtml(site.name), start)}
<main class="site-index-main">
<h1>${escapeHtml(site.name)}</h1>
${site.tagline ? `<p class="site-tagline">${escapeHtml(site.tagline)}</p>` : ""}
<h2>${escapeHtml(heading)}</h2>
${intro}<ol class="site-steps">
${items.join("\n")}
</ol>
<p class="site-about">Each page is a notebook run top to bottom in a fresh TypeScript (tslab) kernel, with its code
and outputs as JupyterLab shows them. The charts are live: hover for values, drag to zoom, double-click to reset,
and move the sliders to step through training. The explorers at the end of steps 3, 4, 6 and 7 retrain in the page
as you move their controls.</p>
<h2>Playground</h2>
<p>The <a href="${PLAYGROUND}">playground</a> is TensorFlow Playground over this tutorial's network: its data sets
or your own CSV, features, up to six hidden layers, activations, losses, L1 and L2, every neuron's picture, and the
code and the numbers of the run. Its link holds the settings, so a link reproduces a run.</p>
${words}</main>
${nav("bottom", undefined, "", start)}
</body>
</html>
`;
  return linkPages("index.html", html, pages);
}

/** The playground: src/playground/page.ts, mounted from the module's bundle, on one page. */
function playgroundPage({ steps }, site, pages) {
  const first = { label: `Start the tutorial: ${steps[0].label}`, href: `${steps[0].name}.html` };
  const back = { label: "All steps", href: "index.html" };
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Playground · ${escapeHtml(site.name)}</title>
${FAVICON}
<link rel="stylesheet" href="assets/site.css">
</head>
<body class="site-page site-playground">
${nav("top", back, "Playground", first)}
<main>
<h1>Playground: watch a network learn</h1>
<p>TensorFlow Playground's controls over this tutorial's network, trained in this page by the same code the
notebooks run, with numbers numpy gives for the same seed. Pick a data set or paste your own, the features, the
hidden layers, the activation, the loss and the learning rate, and press <em>Play</em>: every neuron's output over
the plane is the small picture in its box, and the big one is the output behind the points. Click a link (or pick
it in the list) to set its weight by hand.</p>
<p>What TensorFlow Playground does not show is here too: <em>the code</em> of the run, a program that prints the
same weights and losses in a notebook or in Node; accuracy and a confusion table; the network as JSON
(<code>Network.fromJSON</code> loads it) and the picture as SVG or PNG. A learning rate too high for the loss stops
training with a note, not a blank picture.</p>
<p>The page's address holds every setting, the epoch and the weights you set (<code>#data=spiral&amp;hidden=4,2&amp;…</code>):
copy it to share the run, which trains again to the same numbers, and go back and forward through the ones you tried.
Any change but the speed, the test points and the discretized output starts again at epoch 0, so that a link
says how the run was made.</p>
<noscript><p class="site-noscript">The playground trains in the page and needs JavaScript. The tutorial's
steps read without it.</p></noscript>
<div id="playground"></div>
</main>
${nav("bottom", back, "", first)}
<script src="${MODULE_ASSET}" charset="utf-8"></script>
<script>window.playground = PerceptronNotebooks.mountPlayground(document.getElementById("playground"));</script>
</body>
</html>
`;
  return linkPages(PLAYGROUND, html, pages);
}

/** plotly.js for the site: the minified build when it is the very version the kernel's charts use. */
function plotlyFile() {
  const version = (name) => JSON.parse(readFileSync(requireFromRoot.resolve(`${name}/package.json`), "utf8")).version;
  try {
    if (version("plotly.js-dist-min") === version("plotly.js-dist"))
      return requireFromRoot.resolve("plotly.js-dist-min");
    say(`warning: plotly.js-dist-min is not plotly.js-dist ${version("plotly.js-dist")}: the site gets the full build`);
  } catch {}
  return requireFromRoot.resolve("plotly.js-dist");
}

/** Writes the site into `dir`: a page a step (rendered HTML from `rendered`, by name), the index, the assets. */
/** The site's name and tagline, from package.json's description. */
function siteNames() {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const [name, ...rest] = (pkg.description ?? pkg.name).split(":");
  return { name: name.trim(), tagline: rest.join(":").trim() };
}

/**
 * The playground page alone, with the assets it loads, into `dir`: what the site's playground.html
 * is, without running a notebook (the playground's tests use it, beside the site's build).
 *
 * @param dir - the folder to write into
 * @param notebooks - the notebooks' folder (their titles make the page's links)
 */
export function writePlayground(dir, notebooks) {
  const tutorial = readSteps(notebooks);
  mkdirSync(join(dir, "assets"), { recursive: true });
  copyFileSync(join(root, "dist", "browser.js"), join(dir, "assets", "perceptron-notebooks.js"));
  copyFileSync(join(TEMPLATE, "site.css"), join(dir, "assets", "site.css"));
  const pages = new Set(tutorial.steps.map((s) => s.name));
  writeFileSync(join(dir, PLAYGROUND), playgroundPage(tutorial, siteNames(), pages));
}

export function writeSite(dir, tutorial, rendered, labCss) {
  const site = siteNames();
  const { steps } = tutorial;
  const pages = new Set(steps.map((s) => s.name));
  const packageDir = (name) => dirname(requireFromRoot.resolve(`${name}/package.json`));
  const assets = {
    "plotly.js": plotlyFile(),
    "plotly.LICENSE": join(packageDir("plotly.js-dist"), "LICENSE"),
    [`mathjax/${MATHJAX}`]: join(packageDir("mathjax"), "es5", MATHJAX),
    "mathjax/LICENSE": join(packageDir("mathjax"), "LICENSE"),
    "perceptron-notebooks.js": join(root, "dist", "browser.js"),
    "notebook-runner.js": join(root, "dist", "notebook-runner.js"),
    "jupyterlab.css": labCss,
    "site.css": join(TEMPLATE, "site.css"),
  };
  mkdirSync(join(dir, "assets", "mathjax"), { recursive: true });
  for (const [to, from] of Object.entries(assets)) copyFileSync(from, join(dir, "assets", to));
  const link = (s) => s && { label: s.label, href: `${s.name}.html` };
  const files = { "index.html": indexPage(tutorial, site, pages), [PLAYGROUND]: playgroundPage(tutorial, site, pages) };
  const glossary = tutorial.glossary && glossaryPage(tutorial.glossary, { site, steps, pages, nav, favicon: FAVICON });
  if (glossary) files[GLOSSARY] = linkPages(GLOSSARY, glossary, pages);
  else say(`warning: no glossary.md beside the notebooks: no ${GLOSSARY}, and links to it lead nowhere`);
  steps.forEach((step, i) => {
    const prev = link(steps[i - 1]) ?? { label: "All steps", href: "index.html" };
    const next = link(steps[i + 1]) ?? { label: "Back to all steps", href: "index.html" };
    const html = readFileSync(rendered.get(step.name), "utf8");
    files[`${step.name}.html`] = notebookPage(step, html, site.name, prev, next, pages);
  });
  for (const [file, html] of Object.entries(files)) {
    checkResources(file, html);
    writeFileSync(join(dir, file), html);
  }
  writeFileSync(join(dir, ".nojekyll"), ""); // GitHub Pages: serve the files as they are (no Jekyll)
}
