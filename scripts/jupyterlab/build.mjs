#!/usr/bin/env node
// JupyterLab's front end, built from its npm packages for Debian's jupyter_server (1.23) and
// jupyterlab_server (2.16), which have no JupyterLab of their own: what JupyterLab's examples/app
// builds with webpack, built here with esbuild (seconds instead of minutes). Once per clone: the
// result is kept in .cache/jupyterlab/ with a key (the installed packages, this folder's files)
// and built again only when the key changes.
//   static/     index-<hash>.js and its chunks, index-<hash>.css, fonts (the page's scripts and styles)
//   schemas/    each plugin's settings schemas, as @jupyterlab/builder copies them
//   themes/     the light and dark themes' CSS, loaded by name when the theme is chosen
//   templates/  index.html, which main.py fills with the page's configuration
// usage: node scripts/jupyterlab/build.mjs [--force]
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(dirname(here));
/** Where the build is kept. */
export const labDir = join(root, ".cache", "jupyterlab");
const require = createRequire(join(root, "package.json"));
const say = (message) => console.log(`[jupyterlab] ${message}`);

/** The build's key: every installed package's version (package-lock.json) and this folder's files. */
function buildKey() {
  const hash = createHash("sha256");
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
  const packages = Object.entries(lock.packages ?? {}).filter(([path]) => path !== "");
  hash.update(JSON.stringify(packages.map(([path, entry]) => [path, entry.version])));
  for (const name of readdirSync(here).sort())
    if (statSync(join(here, name)).isFile()) hash.update(name).update(readFileSync(join(here, name)));
  return hash.digest("hex").slice(0, 16);
}

/** True when .cache/jupyterlab/ holds the build for today's packages. */
export function isBuilt() {
  try {
    return JSON.parse(readFileSync(join(labDir, "build.json"), "utf8")).key === buildKey();
  } catch {
    return false;
  }
}

/** The plugin packages index.mjs imports, each with its package.json. */
function pluginPackages() {
  const names = [...readFileSync(join(here, "index.mjs"), "utf8").matchAll(/import\("(@[^"/]+\/[^"/]+)"\)/g)].map(
    (match) => match[1],
  );
  return names.map((name) => ({ name, dir: dirname(require.resolve(`${name}/package.json`)) }));
}

/** Settings schemas where jupyterlab_server looks: schemas/<package>/<plugin>.json, beside package.json.orig. */
function copySchemas(out) {
  let count = 0;
  for (const { name, dir } of pluginPackages()) {
    const json = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const schemaDir = json.jupyterlab?.schemaDir;
    if (!schemaDir) continue;
    const target = join(out, "schemas", name);
    mkdirSync(target, { recursive: true });
    for (const file of readdirSync(join(dir, schemaDir)).filter((file) => file.endsWith(".json"))) {
      cpSync(join(dir, schemaDir, file), join(target, file));
      count++;
    }
    writeFileSync(join(target, "package.json.orig"), JSON.stringify(json, null, 2));
  }
  return count;
}

/** SVG: text where a script imports it (JupyterLab's icons), a data URL where a style sheet points at it. */
const svgPlugin = {
  name: "svg",
  setup(build) {
    build.onResolve({ filter: /\.svg$/ }, (args) =>
      args.kind === "url-token" || args.kind === "import-rule"
        ? undefined
        : { path: join(args.resolveDir, args.path), namespace: "svg-text" },
    );
    build.onLoad({ filter: /.*/, namespace: "svg-text" }, (args) => ({
      contents: readFileSync(args.path, "utf8"),
      loader: "text",
    }));
  },
};

/** Style sheets' `~package/file` (webpack's css-loader): the file in that package. */
const tildePlugin = {
  name: "tilde",
  setup(build) {
    build.onResolve({ filter: /^~/ }, (args) =>
      build.resolve(args.path.slice(1), { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer }),
    );
  },
};

/**
 * One copy of each shared package, as JupyterLab's webpack build shares them (module federation's
 * singletons): jupyterlab-plotly's own @lumino 1.x, or a second @jupyter/web-components, would
 * otherwise be bundled beside the application's and fail its type checks and registrations.
 */
const SHARED = /^(@lumino|@jupyterlab|@jupyter|@codemirror|@lezer|react$|react-dom$|yjs$)/;
const singletonPlugin = {
  name: "singleton",
  setup(build) {
    build.onResolve({ filter: SHARED }, (args) =>
      args.pluginData === "singleton"
        ? undefined
        : build.resolve(args.path, { kind: args.kind, resolveDir: root, pluginData: "singleton" }),
    );
  },
};

/**
 * webpack's `import("a-commonjs-module")` gives the module's exports by name; esbuild's, in a chunk
 * of its own, gives them as `default` only (Node's rule). JupyterLab's MathJax and Plotly's renderer
 * load CommonJS modules so: their named exports are put back.
 */
const INTEROP =
  "((m) => { const keys = Object.keys(m); const d = m.default; " +
  "return keys.length === 1 && keys[0] === 'default' && d && (typeof d === 'object' || typeof d === 'function') " +
  "? Object.assign({}, d, { default: d }) : m; })";
const DYNAMIC_IMPORT = /(?<![\w$.])import\(\s*(?:\/\*[^*]*\*\/\s*)*(["'])([^"'\n]+)\1\s*\)/g;
const interopPlugin = {
  name: "interop",
  setup(build) {
    build.onLoad(
      { filter: /[\\/]node_modules[\\/](@jupyterlab[\\/]mathjax-extension|jupyterlab-plotly)[\\/].*\.js$/ },
      (args) => ({
        contents: readFileSync(args.path, "utf8").replace(DYNAMIC_IMPORT, `import($1$2$1).then(${INTEROP})`),
        loader: "js",
      }),
    );
  },
};

const common = {
  bundle: true,
  minify: true,
  target: "es2022",
  platform: "browser",
  legalComments: "none",
  logLevel: "warning",
  loader: { ".svg": "dataurl", ".woff": "file", ".woff2": "file", ".ttf": "file", ".eot": "file", ".png": "file" },
  // webpack's defaults for the browser: __dirname is "/" (MathJax's loader asks for it)
  define: { "process.env.NODE_ENV": '"production"', global: "globalThis", __dirname: '"/"' },
  plugins: [tildePlugin, svgPlugin, singletonPlugin, interopPlugin],
};

/** Builds everything into a fresh folder, then moves it into place: a build cut short is never used. */
export async function buildJupyterLab({ force = false } = {}) {
  if (!force && isBuilt()) return labDir;
  const { build } = await import("esbuild");
  const started = Date.now();
  const out = `${labDir}.partial`;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, "templates"), { recursive: true });
  say("building JupyterLab's front end from its npm packages (once per clone; 10 to 40 s on 2 cores)");
  const ticker = setInterval(() => say(`  … ${Math.round((Date.now() - started) / 1000)} s`), 15_000);
  try {
    say("1/4 the application: plugins, renderers, styles (esbuild)");
    // every file's name carries its hash, the page's two included: a browser's cache never mixes builds
    const app = await build({
      ...common,
      entryPoints: { index: join(here, "index.mjs") },
      outdir: join(out, "static"),
      format: "esm",
      splitting: true,
      entryNames: "[name]-[hash]",
      chunkNames: "chunks/[name]-[hash]",
      assetNames: "assets/[name]-[hash]",
      metafile: true,
    });
    // the page's script, and every style sheet: the entry's, and those of the chunks loaded later
    // (esbuild writes a dynamically imported module's CSS beside it and never loads it itself)
    const outputs = Object.entries(app.metafile.outputs);
    const script = outputs.find(([, output]) => output.entryPoint?.endsWith("index.mjs"))?.[0];
    const entryStyle = app.metafile.outputs[script]?.cssBundle;
    const styles = [
      entryStyle,
      ...outputs.map(([name]) => name).filter((name) => name.endsWith(".css") && name !== entryStyle),
    ];
    say("2/4 the themes");
    for (const theme of ["theme-light-extension", "theme-dark-extension"]) {
      await build({
        ...common,
        entryPoints: [require.resolve(`@jupyterlab/${theme}/style/theme.css`)],
        outfile: join(out, "themes", "@jupyterlab", theme, "index.css"),
        assetNames: "[name]-[hash]",
      });
    }
    say(`3/4 the settings schemas (${copySchemas(out)} files)`);
    say("4/4 the page");
    const staticDir = join(out, "static");
    const url = (file) => `{{ page_config['fullStaticUrl'] }}/${relative(staticDir, file).split(sep).join("/")}`;
    const links = styles.map((file) => `<link rel="stylesheet" href="${url(file)}">`).join("\n  ");
    const page = readFileSync(join(here, "index.html.jinja"), "utf8")
      .replace(/<link rel="stylesheet"[^>]*>/, links)
      .replace(/src="[^"]*\/index\.js"/, `src="${url(script)}"`);
    writeFileSync(join(out, "templates", "index.html"), page);
    writeFileSync(join(out, "build.json"), `${JSON.stringify({ key: buildKey(), built: new Date().toISOString() })}\n`);
    rmSync(labDir, { recursive: true, force: true });
    renameSync(out, labDir);
  } catch (error) {
    rmSync(out, { recursive: true, force: true });
    throw error;
  } finally {
    clearInterval(ticker);
  }
  say(`built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${labDir}`);
  return labDir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildJupyterLab({ force: process.argv.includes("--force") }).catch((error) => {
    console.error(`[jupyterlab] ${error.message}`);
    process.exit(1);
  });
}
