// JupyterLab in Chromium, as the suites that drive it read and step it: the notebook in front
// (through the page's application object, window.jupyterapp), the menu bar, Run All, and what the
// page has drawn. Shared by lab.test.ts (npm start) and class.test.ts (npm run class's JupyterHub).
import type { Page } from "playwright-core";
import { waitUntil } from "./browser";

/** What the page's JupyterLab says about the notebook in front: read through its application object. */
export interface CellState {
  type: string;
  count: number | null;
  outputs: { output_type: string; name?: string; text?: string | string[]; data?: Record<string, unknown> }[];
}
export interface NotebookState {
  path: string;
  kernel: string | null;
  status: string | null;
  cells: CellState[];
}

/**
 * The notebook in JupyterLab's main area: its path, kernel and each cell's count and outputs.
 * `outputs: false`: every cell's outputs left empty, for a wait that polls (a chart's output is
 * its figure's JSON, megabytes each time).
 */
export function notebookState(page: Page, { outputs = true } = {}): Promise<NotebookState | null> {
  return page.evaluate((withOutputs) => {
    // biome-ignore lint/suspicious/noExplicitAny: JupyterLab's application object, as its console shows it
    const app = (window as any).jupyterapp;
    const panel = app?.shell.currentWidget;
    const model = panel?.content?.model;
    if (!model || !panel.sessionContext) return null;
    const cells = [];
    for (let i = 0; i < model.cells.length; i++) {
      const cell = model.cells.get(i);
      cells.push({
        type: cell.type,
        count: cell.type === "code" ? (cell.executionCount ?? null) : null,
        outputs: cell.type === "code" && withOutputs ? cell.outputs.toJSON() : [],
      });
    }
    const kernel = panel.sessionContext.session?.kernel;
    return { path: panel.context.path, kernel: kernel?.name ?? null, status: kernel?.status ?? null, cells };
  }, outputs);
}

/** What the notebook printed on stdout, all cells together. */
export const printedText = (state: NotebookState) =>
  state.cells
    .flatMap((cell) => cell.outputs)
    .filter((o) => o.output_type === "stream" && o.name === "stdout")
    .map((o) => (Array.isArray(o.text) ? o.text.join("") : (o.text ?? "")))
    .join("");

/** Chooses an item of JupyterLab's menu bar, as a learner does: the menu, then its item. */
export async function menu(page: Page, title: string, item: string) {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: new RegExp(`^${title}$`) }).click();
  await page.locator(".lm-Menu-itemLabel", { hasText: new RegExp(`^${item}$`) }).click();
}

/**
 * Runs all cells from the Run menu; waits until every code cell has run and the kernel is idle
 * again; then the notebook's state, outputs and all.
 */
export async function runAll(page: Page, name: string, timeout = 240_000): Promise<NotebookState> {
  const progress = () => notebookState(page, { outputs: false });
  const before = await progress();
  const counts = (state: NotebookState | null) => state?.cells.filter((c) => c.type === "code").map((c) => c.count);
  await menu(page, "Run", "Run All Cells");
  await waitUntil(
    `${name}: every code cell to run`,
    timeout,
    async () => {
      const state = await progress();
      const code = state?.cells.filter((c) => c.type === "code") ?? [];
      const ran = code.length > 0 && code.every((c, i) => c.count !== null && c.count !== counts(before)?.[i]);
      return ran && state?.status === "idle";
    },
    async () => `execution counts ${JSON.stringify(counts(await progress()))}`,
    500,
  );
  return (await notebookState(page)) as NotebookState;
}

/** What the page shows of the notebook's outputs: Plotly charts drawn, the explorer's controls and charts. */
export function drawn(page: Page) {
  // (no function is declared inside: tsx would name it with a helper the page lacks)
  return page.evaluate(
    ([plotly, controls, charts, stderr]) => {
      const panel = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden)");
      return {
        plotly: panel?.querySelectorAll(plotly).length ?? 0,
        explorerControls: panel?.querySelectorAll(controls).length ?? 0,
        explorerCharts: panel?.querySelectorAll(charts).length ?? 0,
        explorerNumbers: panel?.querySelector(".explorer-numbers")?.textContent ?? null,
        errors: panel?.querySelectorAll(stderr).length ?? 0,
      };
    },
    [
      ".jp-OutputArea-output.js-plotly-plot .main-svg",
      ".explorer-controls select, .explorer-controls input",
      ".explorer-chart svg",
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]',
    ],
  );
}
