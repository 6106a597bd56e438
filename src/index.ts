// The module in Node: what a notebook or a user calls (api.ts), and the calls that draw, bound to
// the tslab kernel's notebook (its running cell's output).
import type { Display as AnyDisplay } from "./notebook/display";
import { outputsFor } from "./notebook/outputs";
import { tslabEnvironment } from "./notebook/tslab-display";

export * from "./api";
export const { plot, liveChart, explore, Display } = outputsFor(tslabEnvironment);
/** Where charts go: a sink for MIME bundles, and the page behind it (see notebook/display.ts). */
export type Display = AnyDisplay;
