// The module for the browser: what a notebook calls (api.ts), and the explorers' pages, bundled by
// scripts/bundle.mjs into dist/browser.js as the global `PerceptronNotebooks`. No Node built-ins
// reach it; charts go where the page says (setEnvironment), as there is no kernel.
export * from "./api";
export { DATA_SETS, defaults, report, run } from "./explorer/explorer";
export { hashOf, mountPlayground, settingsFromHash } from "./explorer/playground";
export { mountExplorer, rateOf } from "./explorer/ui";
export { setEnvironment } from "./notebook/display";
