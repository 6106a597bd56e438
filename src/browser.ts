// The module for the browser: what a notebook calls (api.ts), and the explorers' pages, bundled by
// scripts/bundle.mjs into dist/browser.js as the global `PerceptronNotebooks`. No Node built-ins
// reach it. A page has no notebook, so its drawing calls need a display named in their options;
// outputsFor() builds calls that draw elsewhere by default.
import type { Display as AnyDisplay } from "./notebook/display";
import { NOWHERE, outputsFor } from "./notebook/outputs";

export * from "./api";
export { DATA_SETS, defaults, report, run } from "./explorer/explorer";
export { mountExplorer, rateOf } from "./explorer/ui";
export { NO_SCRIPTS } from "./notebook/display";
export { outputsFor } from "./notebook/outputs";
export { mountPlayground } from "./playground/page";
export { playgroundFromHash, playgroundHash } from "./playground/settings";
export const { plot, liveChart, explore, Display } = outputsFor(NOWHERE);
/** Where charts go: a sink for MIME bundles, and the page behind it (see notebook/display.ts). */
export type Display = AnyDisplay;
