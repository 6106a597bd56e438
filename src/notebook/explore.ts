// explore(): a live explorer as a notebook output. The page retrains the module's own code
// (dist/browser.js) as controls move, with no kernel. The output is HTML and text only: JupyterLab
// ranks a Plotly chart (jupyterlab-plotly's renderer, rank 0) above HTML (rank 50), trusted or not,
// so a chart beside the HTML would hide the explorer there. Until the explorer mounts, or where
// scripts never run (an untrusted notebook: its HTML sanitized), the output shows the first run's
// error curve as a picture and a line saying how to make it live.

import { describeErrorCurve } from "../charts/error-curve";
import { escapeHtml, type MimeBundle, scriptJson, uniqueId } from "../charts/plotly";
import { svgText } from "../charts/svg/dom";
import { errorCurveSvg } from "../charts/svg/error-curve";
import { LIMITS } from "../checks/limits";
import { checkLimit, checkOptions, describe, readable } from "../checks/validate";
import { dataSet, defaults, EXPLORER_ACTIVATIONS, run, type Settings } from "../explorer/explorer";
import type { NetworkStep } from "../model/network";
import { type Display, type DisplaySink, displayOf, type Environment } from "./display";

export interface ExploreOptions extends Partial<Settings> {
  /** Where the explorer goes: the notebook by default. */
  display?: Display | DisplaySink;
}

/**
 * Puts a live explorer in the cell's output: controls for the data set, hidden neurons, the hidden
 * layer's activation, a bias, learning rate, L2 penalty, iterations, seed and each target; moving one retrains in the page and redraws the error
 * curve, the decision boundary, the predictions and the weights.
 *
 * @param environment - where the code runs (outputsFor binds it)
 * @param options - the settings to start from (the seed's by default), and `display`
 * @example
 * explore({ data: "xor", hidden: 4 }); // a hidden layer learning exclusive or, live
 */
export function explore(environment: Environment, options: ExploreOptions = {}): void {
  const where = "explore(options)";
  const { display, ...given } = checkOptions(
    options,
    ["data", "hidden", "seed", "learningRate", "iterations", "targets", "activation", "bias", "l2", "display"],
    where,
  );
  const settings = checkSettings(given, where);
  const first = run(settings);
  const id = `explorer-${uniqueId()}`;
  const set = dataSet(settings.data, `${where}.data`);
  const text =
    `Live explorer: ${set.name}, ${settings.hidden === 0 ? "one neuron" : `${settings.hidden} hidden neurons`}, ` +
    `${settings.hidden === 0 ? "" : `${settings.activation} hidden layer, `}${settings.bias ? "a bias per neuron, " : ""}` +
    `${settings.l2 > 0 ? `L2 penalty ${settings.l2}, ` : ""}` +
    `learning rate ${settings.learningRate}, ${settings.iterations} iterations, seed ${settings.seed}; ` +
    `mean squared error after training: ${first.meanSquaredError}`;
  const html =
    `<div id="${escapeHtml(id)}" class="perceptron-explorer"><p class="perceptron-chart-fallback">` +
    `${escapeHtml(text)}. The controls work where scripts run: in Jupyter, trust the notebook or run the cell again.</p>` +
    `${errorPicture(first.steps)}</div>\n` +
    `<script>(function () {\n  var id = ${scriptJson(id)}, settings = ${scriptJson(settings)}, tries = 0;\n` +
    "  function mount() {\n" +
    "    var root = document.getElementById(id);\n" +
    "    if (root && window.PerceptronNotebooks) window.PerceptronNotebooks.mountExplorer(root, settings);\n" +
    "    else if (tries++ < 200) setTimeout(mount, 50);\n" +
    "  }\n" +
    "  mount();\n" +
    "})();</script>";
  // MimeBundle (charts.ts) is a chart's three types; showLive passes on whichever a bundle has
  displayOf(environment, display, where).showLive({ "text/html": html, "text/plain": text } as MimeBundle);
}

/**
 * The error curve as an `<img>` of an SVG (a data: URL, which sanitizers keep; an inline `<svg>`
 * they drop): the explorer's own chart of the error, with no script.
 */
function errorPicture(steps: Pick<NetworkStep, "iteration" | "meanSquaredError">[]): string {
  const chart = errorCurveSvg(describeErrorCurve([{ name: "training", steps }]));
  const { width, height, "aria-label": label } = chart.attributes;
  return (
    `<img class="perceptron-explorer-picture" width="${width}" height="${height}" style="max-width:100%;height:auto" ` +
    `alt="${escapeHtml(String(label))}" src="data:image/svg+xml,${encodeURIComponent(svgText(chart))}">`
  );
}

/**
 * Checks the settings a caller gives, over the data set's defaults, against the explorer's limits
 * (limits.ts: the same as its controls' and the playground's URL).
 */
export function checkSettings(given: Partial<Settings>, where: string): Settings {
  const data = given.data ?? "seed";
  const set = dataSet(data, `${where}.data`);
  const settings = { ...defaults(data as string), ...given, data: data as string };
  checkLimit(settings.hidden, LIMITS.explorerHidden, `${where}.hidden`);
  checkLimit(settings.seed, LIMITS.seed, `${where}.seed`);
  checkLimit(settings.iterations, LIMITS.explorerIterations, `${where}.iterations`);
  checkLimit(settings.learningRate, LIMITS.explorerLearningRate, `${where}.learningRate`);
  checkLimit(settings.l2, LIMITS.explorerL2, `${where}.l2`);
  if (!(EXPLORER_ACTIVATIONS as readonly unknown[]).includes(settings.activation)) {
    const names = EXPLORER_ACTIVATIONS.map((n) => `"${n}"`).join(", ");
    throw new RangeError(`${where}.activation must be one of ${names}, got ${describe(settings.activation)}`);
  }
  if (typeof settings.bias !== "boolean") {
    throw new TypeError(`${where}.bias must be true or false, got ${describe(settings.bias)}`);
  }
  const rows = set.inputs.length;
  const targets: unknown = settings.targets;
  // read once each, here: a getter could answer 0 now and something else later, or throw
  const copy = readable(() => {
    if (!Array.isArray(targets) || targets.length !== rows) {
      throw new RangeError(`${where}.targets must have ${rows} values, one per row, got ${describe(targets)}`);
    }
    return Array.from({ length: rows }, (_, r) => {
      const t: unknown = targets[r];
      if (t !== 0 && t !== 1) throw new RangeError(`${where}.targets[${r}] must be 0 or 1, got ${describe(t)}`);
      return t;
    });
  }, `${where}.targets`);
  return { ...settings, targets: copy };
}
