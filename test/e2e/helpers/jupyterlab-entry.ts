// The page script of test/e2e/jupyterlab.test.ts (bundled by esbuild at the test's start): JupyterLab
// 4's own output rendering, without the rest of JupyterLab. The registry is the one JupyterLab
// builds, with the renderer jupyterlab-plotly adds; an output renders as JupyterLab's OutputArea
// renders it. Sets `window.JupyterLabOutput`.
import { OutputModel, RenderMimeRegistry, standardRendererFactories } from "@jupyterlab/rendermime";
// a dependency of @jupyterlab/rendermime: the widgets its renderers are
import { Widget } from "@lumino/widgets";
import plotlyExtensions from "jupyterlab-plotly/lib/plotly-renderer";

// @jupyterlab/rendermime-extension (src/index.ts, 4.6): `new RenderMimeRegistry({ initialFactories:
// standardRendererFactories, ... })`, with the default Sanitizer (a trust handler and a link handler
// too, which an output without links and commands never calls).
const rendermime = new RenderMimeRegistry({ initialFactories: standardRendererFactories });
// @jupyterlab/application (src/mimerenderers.ts, 4.6): each mime extension's factory is added with
// the extension's rank, when it gives one: `rendermime.addFactory(item.rendererFactory, item.rank)`.
// jupyterlab-plotly (lib/plotly-renderer.js, 5.24.1) declares rank 0 and a `safe` factory.
for (const item of plotlyExtensions) {
  if (item.rank !== undefined) rendermime.addFactory(item.rendererFactory, item.rank);
  else rendermime.addFactory(item.rendererFactory);
}

/** What the page rendered: the MIME type chosen, and the renderer's error if it failed. */
export interface Rendered {
  mimeType: string | null;
  error: string | null;
}

/** The MIME type JupyterLab renders a bundle with, trusted or not (as `render` chooses it). */
function choose(data: Record<string, unknown>, trusted: boolean): string | null {
  return rendermime.preferredMimeType(data as never, trusted ? "any" : "ensure") ?? null;
}

/**
 * Renders one display_data output into `host` as JupyterLab 4's OutputArea does
 * (@jupyterlab/outputarea src/widget.ts, 4.6.6, `createRenderedMimetype` and `_insertOutput`):
 * the model is an OutputModel, trusted or not; the MIME type is
 * `rendermime.preferredMimeType(model.data, model.trusted ? 'any' : 'ensure')`; the renderer is
 * `rendermime.createRenderer(mimeType)`; `renderModel(model)` starts, with a failure shown as a
 * "Javascript Error" line; then `layout.insertWidget` puts the widget into the (attached) output area.
 */
async function render(data: Record<string, unknown>, trusted: boolean, host: HTMLElement): Promise<Rendered> {
  const model = new OutputModel({ value: { output_type: "display_data", data: data as never, metadata: {} }, trusted });
  const mimeType = rendermime.preferredMimeType(model.data, model.trusted ? "any" : "ensure");
  if (!mimeType) return { mimeType: null, error: null };
  const output = rendermime.createRenderer(mimeType);
  let error: string | null = null;
  const rendered = output.renderModel(model).catch((thrown: Error) => {
    const pre = document.createElement("pre");
    pre.textContent = `Javascript Error: ${thrown.message}`;
    output.node.appendChild(pre);
    error = thrown.message;
  });
  const area = document.createElement("div");
  area.className = "jp-OutputArea-output";
  host.appendChild(area);
  Widget.attach(output as Widget, area);
  await rendered;
  return { mimeType, error };
}

(window as unknown as { JupyterLabOutput: unknown }).JupyterLabOutput = {
  /** The registry's MIME types, most preferred first. */
  mimeTypes: rendermime.mimeTypes,
  choose,
  render,
};
