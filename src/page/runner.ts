// Makes a published step page runnable, with no server: the parameters cell becomes editable, and
// Run all runs the page's code cells again in a Web Worker (worker.ts, sent inside this script, so
// that nothing is fetched), drawing what each cell prints and shows in place of its saved outputs,
// as Jupyter does. Stop ends the worker at once, whatever it was doing; Reset puts the page back
// as it was published. The notebook's code comes from the page (#notebook-cells, written by the
// site's template); nothing about a page is written by hand.
import MarkdownIt from "markdown-it";
import type { FromWorker } from "./worker";

/** The worker's code, put here by scripts/bundle.mjs. */
declare const WORKER_SOURCE: string;

interface PlotlyLike {
  react(div: HTMLElement, data: unknown, layout: unknown, config: unknown): Promise<unknown>;
}
type PageWindow = Window & {
  Plotly?: PlotlyLike;
  MathJax?: { typesetPromise?: (elements: HTMLElement[]) => Promise<unknown> };
};

interface Cell {
  element: HTMLElement;
  source: string;
  prompt: HTMLElement | null;
  /** The saved outputs, as published, to put back on Reset. */
  published: { wrapper: HTMLElement | null; prompt: string };
}

const markdown = new MarkdownIt();

/** Markdown with $…$ and $$…$$ kept whole for MathJax (markdown would eat their backslashes). */
function renderMarkdown(text: string): string {
  const math: string[] = [];
  const kept = text.replace(/\$\$[\s\S]+?\$\$|\$[^$\n]+?\$/g, (m) => `\uE000${math.push(m) - 1}\uE000`);
  return markdown.render(kept).replace(/\uE000(\d+)\uE000/g, (_, i) => markdown.utils.escapeHtml(math[Number(i)]));
}

function element(tag: string, attributes: Record<string, string> = {}, text?: string): HTMLElement {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) e.setAttribute(name, value);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A cell's output area, made when the cell had none (as nbconvert's lab template writes one). */
function outputArea(cell: Cell): HTMLElement {
  let area = cell.element.querySelector<HTMLElement>(":scope > .jp-Cell-outputWrapper > .jp-OutputArea");
  if (!area) {
    const wrapper = element("div", { class: "jp-Cell-outputWrapper" });
    wrapper.append(element("div", { class: "jp-Collapser jp-OutputCollapser jp-Cell-outputCollapser" }));
    area = element("div", { class: "jp-OutputArea jp-Cell-outputArea" });
    wrapper.append(area);
    cell.element.append(wrapper);
  }
  return area;
}

/** A new output in the area: the prompt's column, then `output`. */
function addOutput(area: HTMLElement, output: HTMLElement): HTMLElement {
  const child = element("div", { class: "jp-OutputArea-child" });
  child.append(element("div", { class: "jp-OutputPrompt jp-OutputArea-prompt" }), output);
  area.append(child);
  return child;
}

/** Puts HTML in place and runs its scripts, in order, as Jupyter does for a trusted output. */
function setHtml(target: HTMLElement, html: string): void {
  target.innerHTML = html;
  for (const old of Array.from(target.querySelectorAll("script"))) {
    const script = document.createElement("script");
    for (const { name, value } of Array.from(old.attributes)) script.setAttribute(name, value);
    script.textContent = old.textContent;
    old.replaceWith(script);
  }
}

/** Draws one display bundle into `output`, the richest type first, as JupyterLab picks. */
function render(output: HTMLElement, bundle: Record<string, unknown>): void {
  const w = window as PageWindow;
  const figure = bundle["application/vnd.plotly.v1+json"] as
    | { data: unknown; layout?: { height?: number }; config?: unknown }
    | undefined;
  if (figure && w.Plotly) {
    output.className = "jp-RenderedHTMLCommon jp-RenderedHTML jp-OutputArea-output";
    let div = output.querySelector<HTMLElement>(":scope > .perceptron-chart");
    if (!div) {
      output.textContent = "";
      div = element("div", {
        class: "perceptron-chart",
        style: `width:100%;min-height:${Number(figure.layout?.height) || 420}px`,
      });
      output.append(div);
    }
    void w.Plotly.react(div, figure.data, figure.layout ?? {}, figure.config ?? {});
  } else if (typeof bundle["text/html"] === "string") {
    output.className = "jp-RenderedHTMLCommon jp-RenderedHTML jp-OutputArea-output";
    setHtml(output, bundle["text/html"]);
  } else if (typeof bundle["text/markdown"] === "string") {
    output.className = "jp-RenderedHTMLCommon jp-RenderedMarkdown jp-OutputArea-output";
    output.innerHTML = renderMarkdown(bundle["text/markdown"]);
    void w.MathJax?.typesetPromise?.([output]);
  } else {
    output.className = "jp-RenderedText jp-OutputArea-output";
    output.setAttribute("data-mime-type", "text/plain");
    output.replaceChildren(element("pre", {}, String(bundle["text/plain"] ?? "")));
  }
}

/** Sets up the page's runner, if it has its notebook's cells. */
export function mountRunner(): void {
  const data = document.getElementById("notebook-cells");
  const elements = Array.from(document.querySelectorAll<HTMLElement>(".jp-Notebook .jp-CodeCell"));
  if (!data || elements.length === 0) return;
  const sources: string[] = JSON.parse(data.textContent ?? "[]");
  if (sources.length !== elements.length) return; // not the page its cells came from
  const cells: Cell[] = elements.map((e, i) => {
    const prompt = e.querySelector<HTMLElement>(".jp-InputPrompt");
    const wrapper = e.querySelector<HTMLElement>(":scope > .jp-Cell-outputWrapper");
    return { element: e, source: sources[i], prompt, published: { wrapper, prompt: prompt?.textContent ?? "" } };
  });
  const tagged = cells.findIndex((c) => c.element.classList.contains("celltag_parameters"));
  const parameters = cells[Math.max(tagged, 0)];

  // the parameters cell: its code in a text box
  const editor = parameters.element.querySelector<HTMLElement>(".jp-InputArea-editor");
  const box = element("textarea", {
    class: "runner-editor",
    spellcheck: "false",
    autocapitalize: "off",
    "aria-label": "The parameters cell (TypeScript): edit it, then press Run all",
    rows: String(parameters.source.split("\n").length + 1),
  }) as HTMLTextAreaElement;
  box.value = parameters.source;
  editor?.replaceChildren(box);

  // the bar under it: Run all, Stop, Reset, and what is happening
  const bar = element("div", { class: "runner-bar", role: "group", "aria-label": "Run this page's code" });
  const button = (label: string, title: string) => {
    const b = element("button", { type: "button", title }, label) as HTMLButtonElement;
    bar.append(b);
    return b;
  };
  const runAll = button("▶ Run all", "Run every code cell again, in your browser, with the parameters above");
  const stop = button("■ Stop", "Stop the run now");
  const reset = button("↺ Reset", "Put back the published parameters and outputs");
  const status = element(
    "p",
    { class: "runner-status", role: "status" },
    "Edit the parameters, then Run all: this page runs its own code again, in your browser.",
  );
  bar.append(status);
  stop.disabled = true;
  parameters.element.after(bar);

  let worker: Worker | undefined;
  let started = 0;
  /** Cells started in this run (the prompts' numbers), and the one running. */
  let count = 0;
  let active: Cell | undefined;
  const displays = new Map<string, HTMLElement>();
  const lastStream = new Map<number, { name: string; pre: HTMLElement }>();
  const running = (on: boolean) => {
    stop.disabled = !on;
    runAll.disabled = on;
  };
  const end = () => {
    worker?.terminate();
    worker = undefined;
    running(false);
  };

  /** The running cell's prompt: its number once it has run, blank when it was stopped. */
  const settle = (prompt: string) => {
    if (active?.prompt) active.prompt.textContent = prompt;
    active = undefined;
  };
  const onMessage = (message: FromWorker) => {
    if (message.type === "done") {
      end();
      settle(`[${count}]:`);
      status.textContent = `Ran all ${message.cells} code cells in ${((performance.now() - started) / 1000).toFixed(1)} s.`;
      return;
    }
    const cell = cells[message.cell];
    if (!cell) return;
    if (message.type === "cell") {
      // as Jupyter does: the cell's outputs go as it starts, and its prompt reads [*]
      cell.element.querySelector(":scope > .jp-Cell-outputWrapper")?.remove();
      lastStream.delete(message.cell);
      settle(`[${count}]:`);
      active = cell;
      if (cell.prompt) cell.prompt.textContent = "[*]:";
      count++;
      status.textContent = `Running cell [${count}]…`;
      return;
    }
    const area = outputArea(cell);
    if (message.type === "stream") {
      const last = lastStream.get(message.cell);
      if (last && last.name === message.name && last.pre.isConnected && area.lastElementChild?.contains(last.pre)) {
        last.pre.textContent += message.text;
        return;
      }
      const mime = message.name === "stdout" ? "text/plain" : "application/vnd.jupyter.stderr";
      const pre = element("pre", {}, message.text);
      const output = element("div", { class: "jp-RenderedText jp-OutputArea-output", "data-mime-type": mime });
      output.append(pre);
      addOutput(area, output);
      lastStream.set(message.cell, { name: message.name, pre });
    } else if (message.type === "display") {
      let output = message.update ? displays.get(message.id) : undefined;
      if (!output?.isConnected) {
        output = element("div", { class: "jp-OutputArea-output" });
        addOutput(area, output);
        displays.set(message.id, output);
      }
      render(output, message.bundle);
    } else if (message.type === "error") {
      end();
      const output = element("div", {
        class: "jp-RenderedText jp-OutputArea-output",
        "data-mime-type": "application/vnd.jupyter.stderr",
      });
      output.append(element("pre", {}, `${message.name}: ${message.message}`));
      addOutput(area, output);
      settle(`[${count}]:`);
      status.textContent = `Cell [${count}] failed: ${message.name}: ${message.message}. The run stopped there.`;
    }
  };

  runAll.addEventListener("click", () => {
    end();
    active = undefined;
    displays.clear();
    lastStream.clear();
    count = 0;
    for (const c of cells) if (c.prompt) c.prompt.textContent = "[ ]:";
    const code = cells.map((c) => (c === parameters ? box.value : c.source));
    worker = new Worker(URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "text/javascript" })));
    worker.onmessage = (event: MessageEvent<FromWorker>) => onMessage(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      end();
      status.textContent = `The run failed: ${event.message}`;
    };
    started = performance.now();
    running(true);
    status.textContent = "Starting…";
    worker.postMessage({ cells: code });
  });
  stop.addEventListener("click", () => {
    if (!worker) return;
    end();
    settle("[ ]:");
    status.textContent = `Stopped during cell [${count}]. The cells below it were not run.`;
  });
  reset.addEventListener("click", () => {
    end();
    active = undefined;
    box.value = parameters.source;
    for (const c of cells) {
      c.element.querySelector(":scope > .jp-Cell-outputWrapper")?.remove();
      if (c.published.wrapper) c.element.append(c.published.wrapper);
      if (c.prompt) c.prompt.textContent = c.published.prompt;
    }
    status.textContent = "Reset: the parameters and outputs as published.";
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountRunner);
else mountRunner();
