// The explorer's page: labelled controls, four charts and the numbers, mounted into a <div>.
// Moving a control starts a new run (the old one is dropped) and trains it in slices of about
// SLICE_MS, the first in the same task as the input event, the rest one a frame, with a progress
// bar; the charts (plain SVG, charts/svg/) are redrawn when the run is done. A run starts at most
// once a frame: a change in a frame that has started one waits for the next frame's callbacks, with
// the latest settings, so a dragged slider never queues stale work and the page never waits on
// training longer than a slice, at any setting the controls or a URL can reach (limits.ts).
import { describeErrorCurve } from "../charts/error-curve";
import { describeNetwork } from "../charts/network-diagram";
import { describePredictions } from "../charts/predictions";
import { boundarySvg } from "../charts/svg/boundary";
import { draw } from "../charts/svg/dom";
import { errorCurveSvg } from "../charts/svg/error-curve";
import { networkSvg } from "../charts/svg/network";
import { predictionsSvg } from "../charts/svg/predictions";
import { LIMITS, type Limit, within } from "../checks/limits";
import { DATA_SETS, dataSet, EXPLORER_ACTIVATIONS, type Result, ROWS_SHOWN, report, type Settings } from "./explorer";
import { trainInFrames } from "./frames";
import { describePlane } from "./plane";

/**
 * The explorer as mounted: its settings, the last run's numbers, and how many runs it made. After
 * each retrain and redraw, its root element gets an `explorer-drawn` event.
 */
export interface Mounted {
  settings(): Settings;
  set(changes: Partial<Settings>): void;
  result(): Result | undefined;
  readonly runs: number;
  /** Whether a run is still training (its progress shown), not yet drawn. */
  readonly training: boolean;
}

/** The learning-rate slider's scale: log₁₀ of the rate's limits. */
const RATE = {
  min: Math.log10(LIMITS.explorerLearningRate.min),
  max: Math.log10(LIMITS.explorerLearningRate.max),
  step: LIMITS.explorerLearningRate.step,
};

/** The explorer's layout, added to the page once: controls in columns, charts two abreast when wide. */
const STYLE = `
.perceptron-explorer { font-family: system-ui, sans-serif; font-size: 15px; line-height: 1.4; }
.perceptron-explorer .explorer-controls { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
  gap: 10px 24px; margin: 8px 0 12px; }
.perceptron-explorer .explorer-field { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; }
.perceptron-explorer .explorer-field label { flex: 1 0 100%; font-weight: 600; }
.perceptron-explorer .explorer-field input[type="range"] { flex: 1 1 120px; min-width: 0; }
.perceptron-explorer .explorer-field output { min-width: 5.5em; font-variant-numeric: tabular-nums; }
.perceptron-explorer .explorer-field select, .perceptron-explorer .explorer-field input[type="number"] { max-width: 100%; }
.perceptron-explorer .explorer-targets { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 12px; }
.perceptron-explorer .explorer-targets button[aria-pressed="true"] { font-weight: 700; }
.perceptron-explorer .explorer-charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(420px, 100%), 1fr)); gap: 8px; }
.perceptron-explorer .explorer-chart { min-width: 0; }
.perceptron-explorer .explorer-numbers { white-space: pre-wrap; margin: 8px 0 0; }
.playground-play { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; }
.perceptron-explorer .explorer-progress { display: flex; align-items: center; gap: 8px; margin: 0 0 8px; min-height: 1.4em; }
.perceptron-explorer .explorer-progress[hidden] { visibility: hidden; display: flex; }
.playground-note:empty { display: none; }
`;

/** Adds the explorer's stylesheet to the page, once. */
function addStyle(): void {
  if (document.getElementById("perceptron-explorer-style")) return;
  const style = element("style", { id: "perceptron-explorer-style" });
  style.textContent = STYLE;
  document.head.append(style);
}

/** 10^v, rounded to three significant digits: the rate a slider shows is the rate it trains with. */
export function rateOf(v: number): number {
  return Number((10 ** v).toPrecision(3));
}

/**
 * Mounts an explorer into `root`: controls, the error curve, the decision boundary, the
 * predictions against the targets, and the network with its weights.
 *
 * @param root - an empty element
 * @param initial - the settings to start from
 * @param onChange - called with the settings after each change (the playground keeps them in the URL)
 */
export function mountExplorer(root: HTMLElement, initial: Settings, onChange?: (s: Settings) => void): Mounted {
  const id = `explorer-${Math.random().toString(36).slice(2)}`;
  dataSet(initial.data, "mountExplorer(): initial.data"); // a key of DATA_SETS' own, or a RangeError
  let settings: Settings = { ...initial, targets: [...initial.targets] };
  let last: Result | undefined;
  let runs = 0;

  addStyle();
  root.classList.add("perceptron-explorer");
  root.innerHTML = "";
  const form = element("form", { class: "explorer-controls", "aria-label": "Training settings" });
  form.addEventListener("submit", (event) => event.preventDefault());
  const field = (name: string, label: string, control: HTMLElement, shown?: HTMLOutputElement) => {
    const wrap = element("div", { class: "explorer-field" });
    const caption = element("label", { for: `${id}-${name}` });
    caption.textContent = label;
    control.id = `${id}-${name}`;
    wrap.append(caption, control);
    if (shown) wrap.append(shown);
    form.append(wrap);
    return control;
  };
  const output = (name: string) =>
    element("output", { for: `${id}-${name}`, "aria-live": "polite" }) as HTMLOutputElement;

  const data = field("data", "Data set", element("select")) as HTMLSelectElement;
  for (const [key, set] of Object.entries(DATA_SETS)) data.append(new Option(set.name, key));
  const hiddenShown = output("hidden");
  const hidden = field("hidden", "Hidden neurons", input(LIMITS.explorerHidden), hiddenShown) as HTMLInputElement;
  const activation = field("activation", "Hidden layer's activation", element("select")) as HTMLSelectElement;
  for (const name of EXPLORER_ACTIVATIONS) activation.append(new Option(name, name));
  const bias = field("bias", "A bias per neuron", element("input", { type: "checkbox" })) as HTMLInputElement;
  const rateShown = output("rate");
  const rate = field("rate", "Learning rate (log scale)", input(RATE), rateShown) as HTMLInputElement;
  const l2Shown = output("l2");
  const l2 = field("l2", "L2 penalty (weight decay)", input(LIMITS.explorerL2), l2Shown) as HTMLInputElement;
  const iterationsShown = output("iterations");
  const iterations = field(
    "iterations",
    "Iterations",
    input(LIMITS.explorerIterations),
    iterationsShown,
  ) as HTMLInputElement;
  const seed = field("seed", "Seed", input(LIMITS.seed, "number")) as HTMLInputElement;
  const targets = element("fieldset", { class: "explorer-targets" });
  const numbers = element("pre", { class: "explorer-numbers", "aria-live": "polite" });
  const charts = ["error", "boundary", "predictions", "network"].map((name) =>
    element("div", { class: `explorer-chart explorer-${name}` }),
  );
  const progress = element("div", { class: "explorer-progress", hidden: "" });
  const bar = element("progress", { max: "1", value: "0", "aria-label": "Training" }) as HTMLProgressElement;
  const status = element("span");
  progress.append(bar, status);
  root.append(form, targets, progress, element("div", { class: "explorer-charts" }, charts), numbers);

  /** Shows the settings in the controls. */
  const show = () => {
    data.value = settings.data;
    hidden.value = String(settings.hidden);
    hiddenShown.value = settings.hidden === 0 ? "0: one neuron" : String(settings.hidden);
    activation.value = settings.activation;
    bias.checked = settings.bias;
    rate.value = String(Math.log10(settings.learningRate));
    rateShown.value = String(settings.learningRate);
    l2.value = String(settings.l2);
    l2Shown.value = settings.l2 === 0 ? "0: none" : String(settings.l2);
    iterations.value = String(settings.iterations);
    iterationsShown.value = settings.iterations.toLocaleString("en");
    seed.value = String(settings.seed);
    // the target buttons: made again for another data set; else each shows its target, and keeps the focus
    const rows = dataSet(settings.data, "settings.data").inputs;
    const label = (r: number) => `[${rows[r].join(", ")}] → ${settings.targets[r]}`;
    if (targets.dataset.data === settings.data && rows.length <= ROWS_SHOWN) {
      targets.querySelectorAll("button").forEach((button, r) => {
        button.setAttribute("aria-pressed", String(settings.targets[r] === 1));
        button.textContent = label(r);
      });
      return;
    }
    targets.dataset.data = settings.data;
    targets.innerHTML = "";
    const legend = element("legend");
    legend.textContent = rows.length > ROWS_SHOWN ? "Targets" : "Targets: press one to flip it";
    targets.append(legend);
    if (rows.length > ROWS_SHOWN) {
      const ones = settings.targets.filter((t) => t === 1).length;
      targets.append(`${rows.length} rows, ${ones} with target 1: too many to flip one by one here.`);
      return;
    }
    rows.forEach((_, r) => {
      const button = element("button", { type: "button", "aria-pressed": String(settings.targets[r] === 1) });
      button.textContent = label(r);
      button.addEventListener("click", () => {
        const flipped = [...settings.targets];
        flipped[r] = 1 - flipped[r];
        change({ targets: flipped });
      });
      targets.append(button);
    });
  };

  const trainer = trainInFrames(
    () => settings,
    (done, total) => {
      progress.hidden = false;
      bar.value = done / total;
      status.textContent = `training: ${done.toLocaleString("en")} of ${total.toLocaleString("en")} iterations`;
    },
    (result) => {
      progress.hidden = true;
      last = result;
      runs++;
      redraw(last);
      root.dispatchEvent(new CustomEvent("explorer-drawn", { detail: { runs } }));
    },
  );
  const schedule = trainer.schedule;

  const redraw = (result: Result) => {
    const set = DATA_SETS[settings.data];
    const many = set.inputs.length > ROWS_SHOWN;
    draw(charts[0], errorCurveSvg(describeErrorCurve([{ name: "training", steps: result.steps }])));
    draw(charts[1], boundarySvg(describePlane(result.network, set, settings.targets)));
    draw(
      charts[2],
      predictionsSvg(
        describePredictions({
          names: set.inputs.map((row, r) => (many ? `${r + 1}` : `[${row.join(", ")}]`)),
          predictions: result.predictions,
          targets: settings.targets,
          xTitle: many ? "row" : "input",
        }),
      ),
    );
    draw(charts[3], networkSvg(describeNetwork(result.network.weights, { title: "The weights on the connections" })));
    numbers.textContent = report(settings, result);
  };

  const change = (changes: Partial<Settings>) => {
    if (changes.data !== undefined) dataSet(changes.data, "set(): changes.data");
    settings = { ...settings, ...changes };
    if (changes.data !== undefined) settings.targets = [...dataSet(settings.data, "settings.data").targets];
    show();
    onChange?.(settings);
    schedule();
  };

  data.addEventListener("change", () => change({ data: data.value }));
  hidden.addEventListener("input", () => change({ hidden: Number(hidden.value) }));
  rate.addEventListener("input", () => change({ learningRate: rateOf(Number(rate.value)) }));
  activation.addEventListener("change", () => change({ activation: activation.value as Settings["activation"] }));
  bias.addEventListener("change", () => change({ bias: bias.checked }));
  l2.addEventListener("input", () => change({ l2: Number(l2.value) }));
  iterations.addEventListener("input", () => change({ iterations: Number(iterations.value) }));
  seed.addEventListener("change", () => {
    const value = Number(seed.value);
    if (seed.value.trim() !== "" && within(LIMITS.seed, value)) change({ seed: value });
    else seed.value = String(settings.seed);
  });

  show();
  schedule();
  return {
    settings: () => ({ ...settings, targets: [...settings.targets] }),
    set: change,
    result: () => last,
    get runs() {
      return runs;
    },
    get training() {
      return trainer.training;
    },
  };
}

/** An input over a limit's range, by its step: a slider, or a number box for type "number". */
function input(limit: Pick<Limit, "min" | "max" | "step">, type: "range" | "number" = "range"): HTMLInputElement {
  return element("input", {
    type,
    min: String(limit.min),
    max: String(limit.max),
    step: String(limit.step ?? 1),
  }) as HTMLInputElement;
}

function element(tag: string, attributes: Record<string, string> = {}, children: HTMLElement[] = []): HTMLElement {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) e.setAttribute(name, value);
  e.append(...children);
  return e;
}
