// The module for the browser: what a notebook calls (api.ts), and the explorers' pages, bundled by
// scripts/bundle.mjs into dist/browser.js as the global `PerceptronNotebooks`. No Node built-ins
// reach it; charts go where the page says (setEnvironment), as there is no kernel.
export * from "./api";
export { setEnvironment } from "./display";
export { DATA_SETS, defaults, report, run } from "./explorer";
export { mountExplorer, rateOf } from "./explorer-ui";
export { hashOf, mountPlayground, settingsFromHash } from "./playground";
