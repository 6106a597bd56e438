// The tslab kernel's side of charts: plotly.js and the module's browser bundle read from disk and
// inlined into a page's first chart, and the running cell's output as the default display. Node
// only (the browser bundle leaves this file out): index.ts builds its drawing calls on it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { escapeHtml } from "../charts/plotly";
import { Display, type DisplaySink, type Environment, type PageScripts } from "./display";

/** plotly.js itself, read once a process from plotly.js-dist: 4.6 MB that never change. */
let plotlySource: string | undefined;

/**
 * The `<script>` that puts plotly.js on a page: the library inline, read from `plotly.js-dist`
 * (nothing is fetched), or a `<script src>` for `src` (a published site's shared asset).
 *
 * @param src - where a page finds plotly.js; inline when omitted
 * @returns one `<script>` element
 */
export function plotlyScript(src?: string): string {
  if (src !== undefined) return `<script src="${escapeHtml(src)}" charset="utf-8"></script>`;
  plotlySource ??= readFileSync(require.resolve("plotly.js-dist"), "utf8").replace(/<\/script/gi, "<\\/script");
  return `<script data-plotly-js>${plotlySource}</script>`;
}

/** The module's browser bundle (dist/browser.js, made by npm run compile), read once a process. */
let moduleSource: string | undefined;

/** The `<script>` that puts the module on a page, as the global `PerceptronNotebooks`. */
export function moduleScript(): string {
  moduleSource ??= readFileSync(join(__dirname, "..", "..", "dist", "browser.js"), "utf8").replace(
    /<\/script/gi,
    "<\\/script",
  );
  return `<script data-perceptron-js>${moduleSource}</script>`;
}

interface Jupyter {
  lastWriteDisplayData: ((message: object, update: boolean) => void) | null;
}

/**
 * Into the running cell's output: a multi-type display_data message through tslab's internal hook
 * (it exists while a cell runs); without it, tslab's public HTML display; outside tslab, the text.
 */
function kernelSink(): DisplaySink {
  const displays = new Map<string, ReturnType<typeof import("tslab").newDisplay>>();
  return (bundle, displayId, update) => {
    let jupyter: Jupyter | undefined;
    try {
      jupyter = require("tslab/dist/jupyter");
    } catch {}
    if (typeof jupyter?.lastWriteDisplayData === "function") {
      jupyter.lastWriteDisplayData({ data: bundle, metadata: {}, transient: { display_id: displayId } }, update);
      return;
    }
    try {
      const tslab: typeof import("tslab") = require("tslab");
      if (!displays.has(displayId)) displays.set(displayId, tslab.newDisplay());
      displays.get(displayId)?.html(bundle["text/html"]);
    } catch {
      console.log(bundle["text/plain"]);
    }
  };
}

/** The scripts a kernel's page needs: plotly.js and the module's browser bundle, inline. */
const kernelScripts: PageScripts = { plotly: () => plotlyScript(), module: moduleScript };

/** This kernel's display: made at its first chart, since a kernel's outputs share one page. */
let kernelDisplay: Display | undefined;

/**
 * The display of the kernel this code runs in: the notebook's output in tslab, else stdout.
 *
 * @returns the same Display on every call within a kernel
 */
export function notebookDisplay(): Display {
  kernelDisplay ??= new Display(kernelSink(), kernelScripts);
  return kernelDisplay;
}

/** The tslab kernel: charts go to the running cell's output, with plotly.js and the module inline. */
export const tslabEnvironment: Environment = {
  display: notebookDisplay,
  scripts: kernelScripts,
};
