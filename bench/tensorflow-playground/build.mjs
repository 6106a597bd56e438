// Builds the vendored TensorFlow Playground (src/, index.html, styles.css: as upstream wrote them) into
// bench/tensorflow-playground/dist/ (git-ignored), as its package.json's build does, with esbuild in place
// of browserify + tsify + uglify: bundle.js (src/playground.ts and d3 v3), lib.js (material-design-lite's
// material.min.js + seedrandom's seedrandom.min.js, its "prep"), bundle.css (material.min.css +
// styles.css, its "build-css") and index.html. Its analytics.js (Google Analytics) is not copied: a stub
// in its place defines a ga() that does nothing (the page calls ga() when play is first pressed).
// usage: node bench/tensorflow-playground/build.mjs
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { root } from "../../scripts/setup.mjs";

const here = dirname(fileURLToPath(import.meta.url));
/** Where the build goes. */
export const TF_PLAYGROUND_DIST = join(here, "dist");

const modules = join(root, "node_modules");
const read = (...parts) => readFileSync(join(...parts), "utf8");

/** Builds TensorFlow Playground into TF_PLAYGROUND_DIST; returns that folder. */
export async function buildTfPlayground() {
  mkdirSync(TF_PLAYGROUND_DIST, { recursive: true });
  await build({
    entryPoints: [join(here, "src", "playground.ts")],
    bundle: true,
    format: "iife",
    target: "es2017",
    minify: true, // upstream's build minifies too (uglifyjs -c)
    outfile: join(TF_PLAYGROUND_DIST, "bundle.js"),
    logLevel: "warning",
  });
  const mdl = join(modules, "material-design-lite");
  writeFileSync(
    join(TF_PLAYGROUND_DIST, "lib.js"),
    `${read(mdl, "material.min.js")}\n${read(modules, "seedrandom", "seedrandom.min.js")}\n`,
  );
  writeFileSync(
    join(TF_PLAYGROUND_DIST, "bundle.css"),
    `${read(mdl, "material.min.css")}\n${read(here, "styles.css")}`,
  );
  writeFileSync(join(TF_PLAYGROUND_DIST, "index.html"), read(here, "index.html"));
  writeFileSync(
    join(TF_PLAYGROUND_DIST, "analytics.js"),
    "// a stand-in for Google Analytics: the page calls ga(), which does nothing here\nwindow.ga = function () {};\n",
  );
  return TF_PLAYGROUND_DIST;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = await buildTfPlayground();
  console.log(`TensorFlow Playground built into ${dir}`);
}
