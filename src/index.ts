// The module in Node: what a notebook or a user calls (api.ts), with charts going to the tslab
// kernel's notebook by default (notebook-display.ts).
import "./notebook/tslab-display";

export * from "./api";
