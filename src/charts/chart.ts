// What every chart description shares. A description is plain data (numbers, names, colours): the
// Plotly renderer (plotly-renderer.ts) draws it for the notebooks and the site, the SVG renderer
// (svg/) for the live explorers, so a chart is written once and drawn the same by both.

/** What every chart says: its title, and what a screen reader says for it (what it shows, with its numbers). */
export interface Chart {
  title: string;
  label: string;
}

/** An axis: its title, the values at its ends, and whether it is a log scale (its ends then above 0). */
export interface Axis {
  title: string;
  range: [number, number];
  log?: boolean;
}

/** A number to 3 significant digits, as a chart's label says it: 0.000694. */
export const short = (v: number): string => v.toPrecision(3);
