#!/usr/bin/env node
// npm run compile's second half: the module for the browser (src/ bundled by esbuild).
//   dist/browser.js          the global `PerceptronNotebooks` (src/browser.ts): the explorers' pages
//   dist/notebook-runner.js  a published step page's runner (src/page/runner.ts), with its worker
//                            (src/page/worker.ts: the module, Sucrase, and the cells' scope) inside
//                            as text, so that a page from file:// starts it with nothing to fetch
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const common = {
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2020",
  minify: true,
  legalComments: "eof",
  logLevel: "warning",
};
await build({
  ...common,
  entryPoints: [join(root, "src", "browser.ts")],
  outfile: join(root, "dist", "browser.js"),
  globalName: "PerceptronNotebooks",
});
const worker = await build({ ...common, entryPoints: [join(root, "src", "page", "worker.ts")], write: false });
await build({
  ...common,
  entryPoints: [join(root, "src", "page", "runner.ts")],
  outfile: join(root, "dist", "notebook-runner.js"),
  define: { WORKER_SOURCE: JSON.stringify(worker.outputFiles[0].text) },
});
