// jupyterlab-plotly ships JavaScript only: the part test/e2e/helpers/jupyterlab-entry.ts uses.
declare module "jupyterlab-plotly/lib/plotly-renderer" {
  import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";

  /** Its mime extensions: one, the Plotly renderer (rank 0). */
  const extensions: IRenderMime.IExtension[];
  export default extensions;
  export const rendererFactory: IRenderMime.IRendererFactory;
  export const MIME_TYPE: "application/vnd.plotly.v1+json";
}
