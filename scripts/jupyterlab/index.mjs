// JupyterLab's front end, assembled from its npm packages (bundled by scripts/jupyterlab/build.mjs
// with esbuild) the way JupyterLab's own dev_mode/index.js and examples/app do: every core plugin
// of the packages below, Plotly's renderer (jupyterlab-plotly) among the MIME renderers, one
// service manager from @jupyterlab/services-extension, then JupyterLab starts. The page's
// configuration (URLs, token, disabled plugins) comes from the server: scripts/jupyterlab/main.py.
import { JupyterLab } from "@jupyterlab/application";
import { PageConfig } from "@jupyterlab/coreutils";
import { IConnectionStatus, IServiceManager } from "@jupyterlab/services";
import { PluginRegistry } from "@lumino/coreutils";
import "./style.mjs";

/** The plugin modules: each package's default export is a plugin or a list of plugins. */
const PLUGINS = [
  import("@jupyterlab/application-extension"),
  import("@jupyterlab/apputils-extension"),
  import("@jupyterlab/cell-toolbar-extension"),
  import("@jupyterlab/celltags-extension"),
  import("@jupyterlab/codemirror-extension"),
  import("@jupyterlab/completer-extension"),
  import("@jupyterlab/console-extension"),
  import("@jupyterlab/docmanager-extension"),
  import("@jupyterlab/documentsearch-extension"),
  import("@jupyterlab/filebrowser-extension"),
  import("@jupyterlab/fileeditor-extension"),
  import("@jupyterlab/help-extension"),
  // File > Hub Control Panel and Log Out, under npm run class's JupyterHub (nothing without a hub)
  import("@jupyterlab/hub-extension"),
  import("@jupyterlab/htmlviewer-extension"),
  import("@jupyterlab/imageviewer-extension"),
  import("@jupyterlab/launcher-extension"),
  import("@jupyterlab/logconsole-extension"),
  import("@jupyterlab/mainmenu-extension"),
  import("@jupyterlab/markdownviewer-extension"),
  import("@jupyterlab/markedparser-extension"),
  import("@jupyterlab/mathjax-extension"),
  import("@jupyterlab/metadataform-extension"),
  import("@jupyterlab/notebook-extension"),
  import("@jupyterlab/rendermime-extension"),
  import("@jupyterlab/running-extension"),
  import("@jupyterlab/services-extension"),
  import("@jupyterlab/settingeditor-extension"),
  import("@jupyterlab/shortcuts-extension"),
  import("@jupyterlab/statusbar-extension"),
  import("@jupyterlab/theme-dark-extension"),
  import("@jupyterlab/theme-light-extension"),
  import("@jupyterlab/toc-extension"),
  import("@jupyterlab/tooltip-extension"),
  import("@jupyterlab/translation-extension"),
  import("@jupyterlab/ui-components-extension"),
];

/** MIME renderer extensions: JupyterLab's own, and Plotly's (application/vnd.plotly.v1+json). */
const MIME_EXTENSIONS = [
  import("@jupyterlab/javascript-extension"),
  import("@jupyterlab/json-extension"),
  import("jupyterlab-plotly/lib/plotly-renderer"),
];

/** Plugins left out: they need what neither this build nor jupyter_server 1.23 has. */
const LEFT_OUT = new Set([
  // the language servers' plugins need @jupyterlab/lsp-extension and the jupyter_lsp server extension
  "@jupyterlab/fileeditor-extension:language-server",
  "@jupyterlab/notebook-extension:language-server",
  // Jupyter's news (asked at the first start) come from JupyterLab's own server extension (/lab/api/news)
  "@jupyterlab/apputils-extension:announcements",
]);

/** The plugins of one module that the page's configuration leaves enabled. */
function* enabled(mod) {
  const exported = mod.default ?? mod;
  for (const plugin of Array.isArray(exported) ? exported : [exported]) {
    if (LEFT_OUT.has(plugin.id) || PageConfig.Extension.isDisabled(plugin.id)) continue;
    yield plugin;
  }
}

async function main() {
  const plugins = (await Promise.all(PLUGINS)).flatMap((mod) => [...enabled(mod)]);
  const mimeExtensions = (await Promise.all(MIME_EXTENSIONS)).map((mod) => mod.default ?? mod);
  const pluginRegistry = new PluginRegistry();
  pluginRegistry.registerPlugins(plugins);
  const serviceManager = await pluginRegistry.resolveRequiredService(IServiceManager);
  const connectionStatus = await pluginRegistry.resolveOptionalService(IConnectionStatus);
  const lab = new JupyterLab({ pluginRegistry, serviceManager, connectionStatus, mimeExtensions });
  const ignorePlugins = JSON.parse(PageConfig.getOption("ignorePlugins") || "[]");
  await lab.start({ ignorePlugins, bubblingKeydown: true });
  await lab.restored;
  // the tests (and a curious learner, in the console) reach the application here
  window.jupyterapp = lab;
}

main().catch((error) => {
  console.error("JupyterLab could not start:", error);
  document.body.textContent = `JupyterLab could not start: ${error.message ?? error}`;
});
