/** Okabe and Ito's palette: told apart with every common kind of colour blindness. */
export const COLORS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

/** Positive in blue, negative (and 0 on a heat map) in vermillion. */
export const POSITIVE = COLORS[0];
export const NEGATIVE = COLORS[3];
