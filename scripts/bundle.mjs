#!/usr/bin/env node
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
// npm run compile's second half: the module for the browser, dist/browser.js (src/browser.ts bundled
// by esbuild into one script that sets the global `PerceptronNotebooks`), for the explorers' pages.
import { build } from "esbuild";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
await build({
  entryPoints: [join(root, "src", "browser.ts")],
  outfile: join(root, "dist", "browser.js"),
  bundle: true,
  format: "iife",
  globalName: "PerceptronNotebooks",
  platform: "browser",
  target: "es2020",
  minify: true,
  legalComments: "eof",
  logLevel: "warning",
});
