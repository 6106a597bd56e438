// The site's glossary page, for site-pages.mjs: notebooks/glossary.md rendered with the site's look
// (its stylesheet, the bars of the other pages, MathJax as the notebook pages typeset it). Each
// `### Term` gets GitHub's anchor as its id, the one the notebooks' links `glossary.md#anchor` use
// (scripts/glossary-links.py makes them), so glossary.html#anchor finds it too.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import MarkdownIt from "markdown-it";

export const GLOSSARY = "glossary.html";
const markdown = new MarkdownIt();
const escapeHtml = (text) => markdown.utils.escapeHtml(String(text));
const say = (message) => console.log(`[build] ${message}`);

/** MathJax 3 as the notebook pages load it (site-template/index.html.j2): $…$ and $$…$$, from assets/. */
const MATHJAX = `<script>
window.MathJax = {
  tex: {
    inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]],
    displayMath: [["$$", "$$"], ["\\\\[", "\\\\]"]],
    processEscapes: true,
  },
  options: { ignoreHtmlClass: "tex2jax_ignore" },
  svg: { fontCache: "global" },
};
</script>
<script defer src="assets/mathjax/tex-svg-full.js"></script>`;

/** GitHub's anchor for a heading, as glossary-links.py makes it: lower case, punctuation dropped, spaces to hyphens. */
export const slug = (text) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\- ]/gu, "")
    .replace(/ /g, "-");

// headings get their anchors as ids
markdown.core.ruler.push("heading_ids", (state) => {
  state.tokens.forEach((token, i) => {
    if (token.type === "heading_open") token.attrSet("id", slug(state.tokens[i + 1].content));
  });
});

/** glossary.md in the notebooks' folder, or null when there is none. */
export function readGlossary(dir) {
  const file = join(dir, "glossary.md");
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}

/**
 * The Markdown as HTML, its math left as TeX for MathJax (Markdown would read `_` and `*` inside it
 * as emphasis): code spans pass through, each $…$ or $$…$$ is set aside and put back, escaped.
 */
function render(source) {
  const math = [];
  const kept = source.replace(/(`+)[\s\S]*?\1|\$\$[\s\S]+?\$\$|\$(?!\s)(?:\\.|[^$\\])+?\$/g, (found) => {
    if (found.startsWith("`")) return found;
    math.push(found);
    return `MATHPLACEHOLDER${math.length - 1}X`;
  });
  return markdown.render(kept).replace(/MATHPLACEHOLDER(\d+)X/g, (_, i) => escapeHtml(math[Number(i)]));
}

/**
 * The glossary's page. `source` is glossary.md; `site` the site's name; `steps` the tutorial's
 * steps and `pages` their names (a link to a notebook that is not on the site yet stays as its
 * text); `nav` and `favicon` are site-pages.mjs's, so that the page has the others' bars and icon.
 */
export function glossaryPage(source, { site, steps, pages, nav, favicon }) {
  const missing = new Set();
  let body = render(source).replace(
    /<a href="(\d\d-[^"#/]+)\.ipynb(?:#[^"]*)?">([\s\S]*?)<\/a>/g,
    (all, name, text) => {
      if (pages.has(name)) return all;
      missing.add(name);
      return text;
    },
  );
  for (const name of missing) say(`${GLOSSARY}: ${name}.ipynb is not part of the site yet; its links are left as text`);
  // each term's heading links to itself, as a notebook page's headings do
  const terms = [];
  body = body.replace(/<h3 id="([^"]*)">([\s\S]*?)<\/h3>/g, (_, id, text) => {
    terms.push({ id, text });
    return `<h3 id="${id}">${text}<a class="anchor-link" href="#${id}">¶</a></h3>`;
  });
  const list = terms.map((t) => `<a href="#${t.id}">${t.text}</a>`).join(" · ");
  const index = `<nav class="site-glossary-terms" aria-label="Terms, A to Z"><p>${list}</p></nav>\n`;
  const first = body.indexOf("<h3 ");
  if (first >= 0) body = body.slice(0, first) + index + body.slice(first);
  const back = { label: "All steps", href: "index.html" };
  const start = { label: `Start the tutorial: ${steps[0].label}`, href: `${steps[0].name}.html` };
  const title = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(body)?.[1].replace(/<[^>]*>/g, "") ?? "Glossary";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${title} · ${escapeHtml(site.name)}</title>
${favicon}
<link rel="stylesheet" href="assets/site.css">
${MATHJAX}
</head>
<body class="site-page site-glossary">
${nav("top", back, escapeHtml(title), start)}
<main class="site-index-main site-glossary-main">
${body}</main>
${nav("bottom", back, "", start)}
</body>
</html>
`;
}
