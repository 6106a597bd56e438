// The site's playground page: TensorFlow Playground's controls and pictures over this module's
// Network (run.ts), and what it hides: the code of the run (code.ts), the numbers (accuracy, a
// confusion table, the loss in words), a CSV of one's own, the network as JSON and the picture as
// SVG or PNG. Every setting is in the page's address, so a link reproduces the run; back and forward
// restore earlier settings; a link it cannot read gets the defaults and a note.

import { draw, svgText } from "../charts/svg/dom";
import { LIMITS, type Limit } from "../checks/limits";
import { ACTIVATION_NAMES } from "../model/activation";
import { playgroundCode, runReport } from "./code";
import {
  BOX,
  describeNetwork,
  describeOutput,
  type Grid,
  type NetworkPicture,
  networkSvg,
  type OutputPicture,
  outputSvg,
  paint,
  pointColour,
} from "./picture";
import { CsvProblems, PlaygroundRun } from "./run";
import {
  CLASSIFY,
  type DataName,
  describeProblems,
  FEATURE_NAMES,
  FEATURES,
  LOSSES,
  PENALTY_RATES,
  type PlaygroundSettings,
  PROBLEMS,
  playgroundDefaults,
  playgroundFromHash,
  playgroundHash,
  RATES,
  REGRESS,
  REGULARIZATIONS,
} from "./settings";

/** Points a side of every heat map: the output's and each neuron's. */
export const DENSITY = 50;
/** The output picture's size on the page, in CSS pixels. */
const OUTPUT_SIZE = 300;
/** Milliseconds of training a frame while a link's run is trained again when the page opens. */
const CATCH_UP_MS = 40;
/** The speeds offered, epochs a frame. */
const SPEEDS = [1, 2, 5, 10, 20, 50, 100];

const DATA_LABELS: Record<DataName, string> = {
  circle: "Circle",
  xor: "Exclusive or",
  gauss: "Two Gaussians",
  spiral: "Spiral",
  plane: "Plane",
  multigauss: "Six Gaussians",
  csv: "Your own (CSV)",
};
const NAMES: Record<string, string> = {
  squared: "Squared error",
  crossEntropy: "Cross-entropy",
  none: "None",
  l1: "L1",
  l2: "L2",
  classification: "Classification",
  regression: "Regression",
  relu: "ReLU",
  tanh: "Tanh",
  sigmoid: "Sigmoid",
  linear: "Linear",
};

const STYLE = `
.pg { font-family: system-ui, sans-serif; font-size: 15px; line-height: 1.4; }
.pg h2 { font-size: 17px; margin: 0 0 8px; }
.pg-note:empty, .pg-errors:empty { display: none; }
.pg-note { background: #fff8c5; border: 1px solid #d4a72c; padding: 6px 10px; border-radius: 4px; }
.pg-bar { display: flex; flex-wrap: wrap; align-items: end; gap: 8px 16px; margin: 8px 0 12px; }
.pg-bar button, .pg button { font: inherit; padding: 4px 10px; }
.pg-field { display: flex; flex-direction: column; gap: 2px; }
.pg-field label, .pg-field .pg-label { font-weight: 600; font-size: 14px; }
.pg-epoch { font-variant-numeric: tabular-nums; font-size: 18px; margin: 0; }
.pg-main { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(300px, 100%), 1fr)); gap: 16px 24px; }
.pg fieldset { border: 1px solid #d8dee4; border-radius: 4px; margin: 0 0 10px; padding: 6px 10px; min-width: 0; }
.pg legend { font-weight: 600; }
.pg-choices { display: flex; flex-wrap: wrap; gap: 4px 12px; }
.pg-range { display: flex; align-items: center; gap: 8px; }
.pg-range input { flex: 1 1 auto; min-width: 0; }
.pg-range output { min-width: 3em; font-variant-numeric: tabular-nums; }
.pg-feature { display: inline-flex; align-items: center; gap: 4px; }
.pg-feature canvas { width: 20px; height: 20px; border: 1px solid #57606a; }
.pg-layers { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; margin: 0 0 8px; }
.pg-picture { position: relative; max-width: 100%; }
.pg-picture svg { display: block; width: 100%; height: auto; }
.pg-picture canvas { position: absolute; image-rendering: auto; pointer-events: none; }
.pg-picture path { cursor: pointer; }
.pg-output-box { position: relative; width: 100%; max-width: ${OUTPUT_SIZE}px; }
.pg-output-box canvas { display: block; width: 100%; height: auto; border: 1px solid #57606a; }
.pg-loss-chart { display: block; width: 100%; max-width: ${OUTPUT_SIZE}px; height: auto; }
.pg-numbers { font-variant-numeric: tabular-nums; margin: 6px 0; }
.pg-legend { font-size: 13px; color: #57606a; margin: 2px 0; }
.pg table { border-collapse: collapse; margin: 6px 0; font-variant-numeric: tabular-nums; }
.pg th, .pg td { border: 1px solid #d8dee4; padding: 2px 8px; text-align: right; }
.pg-export { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }
.pg pre { white-space: pre; overflow-x: auto; background: #f6f8fa; padding: 8px; font-size: 13px; max-width: 100%; }
.pg textarea { width: 100%; box-sizing: border-box; font-family: ui-monospace, monospace; }
.pg-errors { color: #a40e26; }
.pg-editor { display: flex; flex-wrap: wrap; gap: 6px; align-items: end; margin: 8px 0; }
.pg-editor .pg-field:first-child { flex: 1 1 100%; min-width: 0; }
.pg-editor select { width: 100%; }
`;

/** The playground as mounted: its settings and run, for the page's scripts and the tests. */
export interface PlaygroundPage {
  settings(): PlaygroundSettings;
  run(): PlaygroundRun;
  /** Changes settings as a control would: a change that alters the numbers starts a new run at epoch 0. */
  set(changes: Partial<PlaygroundSettings>): void;
  readonly playing: boolean;
}

let styled = false;

/** An element with attributes and children. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) e.setAttribute(name, value);
  e.append(...children);
  return e;
}

let ids = 0;
const nextId = (name: string) => `pg-${name}-${++ids}`;

/** A labelled select of values. */
function select(label: string, values: readonly (string | number)[], name = (v: string | number) => String(v)) {
  const id = nextId("select");
  const s = el("select", { id });
  for (const v of values) s.append(el("option", { value: String(v) }, name(v)));
  return { field: el("div", { class: "pg-field" }, el("label", { for: id }, label), s), input: s };
}

/** A labelled range slider with its value shown. */
function range(label: string, limit: Limit, unit = "") {
  const id = nextId("range");
  const input = el("input", {
    id,
    type: "range",
    min: String(limit.min),
    max: String(limit.max),
    step: String(limit.step ?? 1),
  });
  const output = el("output", { for: id });
  const show = () => {
    output.textContent = `${input.value}${unit}`;
  };
  input.addEventListener("input", show);
  return {
    field: el(
      "div",
      { class: "pg-field" },
      el("label", { for: id }, label),
      el("div", { class: "pg-range" }, input, output),
    ),
    input,
    set(v: number) {
      input.value = String(v);
      show();
    },
  };
}

/** A labelled checkbox. */
function checkbox(label: string) {
  const id = nextId("check");
  const input = el("input", { id, type: "checkbox" });
  return { field: el("span", { class: "pg-feature" }, input, el("label", { for: id }, label)), input };
}

/** Saves text as a file the browser downloads. */
function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Paints a heat map into a canvas of density × density pixels. */
function paintCanvas(canvas: HTMLCanvasElement, map: Parameters<typeof paint>[0]): void {
  if (canvas.width !== map.density) canvas.width = canvas.height = map.density;
  const context = canvas.getContext("2d") as CanvasRenderingContext2D;
  const image = context.createImageData(map.density, map.density);
  paint(map, image.data);
  context.putImageData(image, 0, 0);
}

/**
 * Mounts the playground into `root`, its settings read from the page's address.
 */
export function mountPlayground(root: HTMLElement): PlaygroundPage {
  if (!styled) {
    document.head.append(el("style", {}, STYLE));
    styled = true;
  }
  const read = playgroundFromHash(location.hash);
  let settings = read.settings;
  const note = el("p", { class: "pg-note", role: "status" });
  const container = el("div", { class: "pg" });
  root.append(container);

  // --- the bar: play, pause, step, reset, the epoch, and the training settings
  const reset = el("button", { type: "button", "data-action": "reset" }, "Reset");
  const play = el("button", { type: "button", "data-action": "play", "aria-pressed": "false" }, "Play");
  const step = el("button", { type: "button", "data-action": "step" }, "Step");
  const epochText = el("span", { "data-readout": "epoch" }, "0");
  const epoch = el("p", { class: "pg-epoch", "aria-live": "off" }, "Epoch ", epochText);
  const speed = select("Speed (epochs a frame)", SPEEDS);
  const rate = select("Learning rate", RATES);
  const activation = select("Activation", ACTIVATION_NAMES, (v) => NAMES[v]);
  const loss = select("Loss", LOSSES, (v) => NAMES[v]);
  const regularization = select("Regularization", REGULARIZATIONS, (v) => NAMES[v]);
  const penalty = select("Regularization rate", PENALTY_RATES);
  const problem = select("Problem type", PROBLEMS, (v) => NAMES[v]);
  const seedId = nextId("seed");
  const seed = el("input", { id: seedId, type: "number", min: "0", max: String(LIMITS.seed.max), step: "1" });
  const seedField = el("div", { class: "pg-field" }, el("label", { for: seedId }, "Seed"), seed);
  const bias = checkbox("A bias per neuron");
  const bar = el(
    "div",
    { class: "pg-bar", role: "group", "aria-label": "Training" },
    reset,
    play,
    step,
    epoch,
    speed.field,
    rate.field,
    activation.field,
    loss.field,
    regularization.field,
    penalty.field,
    problem.field,
    seedField,
    bias.field,
  );

  // --- the data
  const dataChoices = el("div", { class: "pg-choices" });
  const dataInputs = new Map<DataName, HTMLInputElement>();
  const dataName = nextId("data");
  for (const name of [...CLASSIFY, ...REGRESS, "csv"] as DataName[]) {
    const id = nextId("data");
    const input = el("input", { type: "radio", name: dataName, id, value: name });
    dataInputs.set(name, input);
    dataChoices.append(el("span", { class: "pg-feature" }, input, el("label", { for: id }, DATA_LABELS[name])));
  }
  const dataSet = el("fieldset", {}, el("legend", {}, "Data set"), dataChoices);
  const ratio = range("Ratio of training to test data", LIMITS.playgroundRatio, "%");
  const noise = range("Noise", LIMITS.playgroundNoise);
  const batch = range("Batch size", LIMITS.playgroundBatch);
  const regenerate = el("button", { type: "button", "data-action": "regenerate" }, "Regenerate (a new seed)");
  const csvId = nextId("csv");
  const csvText = el("textarea", {
    id: csvId,
    rows: "6",
    spellcheck: "false",
    placeholder: "x1,x2,label\n0.5,1.2,a\n…",
  });
  const fileId = nextId("file");
  const csvFile = el("input", { id: fileId, type: "file", accept: ".csv,text/csv,text/plain" });
  const useCsv = el("button", { type: "button", "data-action": "use-csv" }, "Train on this CSV");
  const csvErrors = el("ul", { class: "pg-errors", role: "alert" });
  const csvBox = el(
    "details",
    { class: "pg-csv" },
    el("summary", {}, "Your own data: paste or drop a CSV"),
    el(
      "p",
      {},
      "A header line, then a line a point: two numeric columns and a label (a class, by name or number) or, for regression, a value. It stays in this page: nothing is sent anywhere, but a link to the run carries it.",
    ),
    el("div", { class: "pg-field" }, el("label", { for: csvId }, "CSV text"), csvText),
    el("div", { class: "pg-field" }, el("label", { for: fileId }, "Or a CSV file"), csvFile),
    useCsv,
    csvErrors,
  );
  const showTest = checkbox("Show test data");
  const discretize = checkbox("Discretize output");
  const dataSection = el(
    "section",
    { class: "pg-data", "aria-label": "Data" },
    el("h2", {}, "Data"),
    dataSet,
    ratio.field,
    noise.field,
    batch.field,
    el("p", {}, regenerate),
    csvBox,
  );

  // --- the network
  const featureBox = el("div", { class: "pg-choices" });
  const featureInputs = new Map<string, HTMLInputElement>();
  const featureCanvases = new Map<string, HTMLCanvasElement>();
  for (const name of FEATURE_NAMES) {
    const box = checkbox(FEATURES[name].label);
    const canvas = el("canvas", {
      width: "20",
      height: "20",
      role: "img",
      "aria-label": `${FEATURES[name].label} over the plane`,
    });
    box.field.prepend(canvas);
    featureInputs.set(name, box.input);
    featureCanvases.set(name, canvas);
    featureBox.append(box.field);
  }
  const featureSet = el("fieldset", {}, el("legend", {}, "Features"), featureBox);
  const layerBox = el("div", { class: "pg-layers", role: "group", "aria-label": "Hidden layers" });
  const picture = el("div", { class: "pg-picture" });
  const svgBox = el("div");
  picture.append(svgBox);
  const linkId = nextId("link");
  const valueId = nextId("value");
  const linkSelect = el("select", { id: linkId });
  const linkValue = el("input", { id: valueId, type: "number", step: "any" });
  const setWeight = el("button", { type: "button", "data-action": "set-weight" }, "Set the weight");
  const editor = el(
    "div",
    { class: "pg-editor" },
    el("div", { class: "pg-field" }, el("label", { for: linkId }, "A link's weight (or click a link)"), linkSelect),
    el("div", { class: "pg-field" }, el("label", { for: valueId }, "New weight"), linkValue),
    setWeight,
  );
  const networkSection = el(
    "section",
    { class: "pg-network", "aria-label": "Network" },
    el("h2", {}, "Network"),
    featureSet,
    layerBox,
    picture,
    editor,
  );

  // --- the output
  const outputCanvas = el("canvas", { width: String(OUTPUT_SIZE), height: String(OUTPUT_SIZE), role: "img" });
  const small = el("canvas");
  const outputBox = el("div", { class: "pg-output-box" }, outputCanvas);
  const axes = el("p", { class: "pg-numbers" });
  const lossChart = el("canvas", {
    class: "pg-loss-chart",
    width: String(OUTPUT_SIZE),
    height: "90",
    role: "img",
    "aria-label": "The training and test loss, epoch by epoch",
  });
  const lossText = el("p", { class: "pg-numbers", "data-readout": "loss" });
  const accuracy = el("p", { class: "pg-numbers", "data-readout": "accuracy" });
  const confusion = el("table", { "data-readout": "confusion" });
  const exportJson = el("button", { type: "button", "data-action": "export-json" }, "Network as JSON");
  const exportSvg = el("button", { type: "button", "data-action": "export-svg" }, "Picture as SVG");
  const exportPng = el("button", { type: "button", "data-action": "export-png" }, "Picture as PNG");
  const code = el("code");
  const copy = el("button", { type: "button", "data-action": "copy-code" }, "Copy the code");
  // scrolled sideways on a narrow screen, so each is reached by keyboard
  const numbers = el("pre", { "data-readout": "numbers", tabindex: "0", "aria-label": "What the program prints" });
  const codeBox = el(
    "details",
    { class: "pg-code" },
    el("summary", {}, "The code: this run as a program"),
    el(
      "p",
      {},
      "Paste it into a notebook cell, or save it as run.ts and run it with npx tsx run.ts: it prints the numbers below, to the last digit.",
    ),
    copy,
    el("pre", { tabindex: "0", "aria-label": "The program" }, code),
    el("p", {}, "What it prints for this run:"),
    numbers,
  );
  const outputSection = el(
    "section",
    { class: "pg-output", "aria-label": "Output" },
    el("h2", {}, "Output"),
    outputBox,
    axes,
    el("div", { class: "pg-choices" }, showTest.field, discretize.field),
    lossChart,
    el("p", { class: "pg-legend" }, "The loss, epoch by epoch: training in grey, test in black."),
    lossText,
    accuracy,
    confusion,
    el("div", { class: "pg-export", role: "group", "aria-label": "Export" }, exportJson, exportSvg, exportPng),
    codeBox,
  );
  container.append(note, bar, el("div", { class: "pg-main" }, dataSection, networkSection, outputSection));

  // --- state
  let run: PlaygroundRun;
  let playing = false;
  let catchUp = 0;
  let shape = "";
  let canvases = new Map<string, HTMLCanvasElement>();
  let lastPicture: NetworkPicture | null = null;
  let lastOutput: OutputPicture | null = null;
  let lastHash = 0;
  const notes: string[] = [];

  const say = (...lines: string[]) => {
    notes.splice(0, notes.length, ...lines.filter((l) => l !== ""));
    note.textContent = notes.join(" ");
  };

  /** Builds the run for the settings; a CSV that cannot be read keeps the run before (or the defaults). */
  const start = (next: PlaygroundSettings): boolean => {
    try {
      const fresh = new PlaygroundRun({ ...next, epochs: 0 });
      settings = next;
      run = fresh;
      csvErrors.replaceChildren();
      catchUp = next.epochs;
      return true;
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      const problems = error instanceof CsvProblems ? error.problems : [error.message];
      csvErrors.replaceChildren(...problems.slice(0, 50).map((p) => el("li", {}, p)));
      if (problems.length > 50) csvErrors.append(el("li", {}, `and ${problems.length - 50} more`));
      return false;
    }
  };

  const saveHash = (push: boolean) => {
    const hash = playgroundHash({ ...settings, epochs: run.epoch, edits: run.settings.edits });
    if (hash === location.hash) return;
    if (push) history.pushState(null, "", hash);
    else history.replaceState(null, "", hash);
    lastHash = performance.now();
  };

  /** Shows the settings in the controls. */
  const showSettings = () => {
    const s = settings;
    speed.input.value = String(s.speed);
    for (const [input, value] of [
      [rate.input, s.learningRate],
      [penalty.input, s.regularizationRate],
      [speed.input, s.speed],
    ] as const) {
      if (!Array.from(input.options).some((o) => o.value === String(value)))
        input.append(el("option", { value: String(value) }, String(value)));
      input.value = String(value);
    }
    activation.input.value = s.activation;
    loss.input.value = s.loss;
    const fixedLoss = s.problem === "regression" || (run.data.classes?.length ?? 2) > 2;
    loss.input.disabled = fixedLoss;
    regularization.input.value = s.regularization;
    problem.input.value = s.problem;
    seed.value = String(s.seed);
    bias.input.checked = s.bias;
    for (const [name, input] of dataInputs) {
      input.checked = name === s.data;
      const of =
        name === "csv"
          ? true
          : name === "plane" || name === "multigauss"
            ? s.problem === "regression"
            : s.problem === "classification";
      input.disabled = !of;
    }
    ratio.set(s.ratio);
    noise.set(s.noise);
    noise.input.disabled = s.data === "csv";
    batch.set(s.batchSize);
    showTest.input.checked = s.showTest;
    discretize.input.checked = s.discretize;
    if (s.data === "csv" && csvText.value !== s.csv) csvText.value = s.csv;
    for (const [name, input] of featureInputs) input.checked = s.features.includes(name as never);
    // the layer buttons are made again: the one that had the focus (a keyboard's press) keeps it
    const focused = layerBox.contains(document.activeElement)
      ? document.activeElement?.getAttribute("aria-label")
      : null;
    layerBox.replaceChildren(
      el("span", { class: "pg-label" }, `${s.hidden.length} hidden layer${s.hidden.length === 1 ? "" : "s"}`),
      button("+", "Add a hidden layer", s.hidden.length < LIMITS.playgroundLayers.max, () =>
        change({ hidden: [...s.hidden, 2] }),
      ),
      button("−", "Remove the last hidden layer", s.hidden.length > 0, () => change({ hidden: s.hidden.slice(0, -1) })),
      ...s.hidden.map((n, l) =>
        el(
          "span",
          { class: "pg-feature" },
          `Layer ${l + 1}: ${n} neuron${n === 1 ? "" : "s"}`,
          button("+", `Add a neuron to hidden layer ${l + 1}`, n < LIMITS.playgroundNeurons.max, () =>
            change({ hidden: s.hidden.map((m, k) => (k === l ? m + 1 : m)) }),
          ),
          button("−", `Remove a neuron from hidden layer ${l + 1}`, n > LIMITS.playgroundNeurons.min, () =>
            change({ hidden: s.hidden.map((m, k) => (k === l ? m - 1 : m)) }),
          ),
        ),
      ),
    );
    if (focused) {
      const again = Array.from(layerBox.querySelectorAll("button")).find(
        (b) => b.getAttribute("aria-label") === focused,
      );
      (again && !again.disabled ? again : layerBox.querySelector<HTMLButtonElement>("button:not([disabled])"))?.focus();
    }
  };

  function button(text: string, label: string, enabled: boolean, act: () => void): HTMLButtonElement {
    const b = el("button", { type: "button", "aria-label": label, title: label }, text);
    b.disabled = !enabled;
    b.addEventListener("click", act);
    return b;
  }

  /** A change from a control: a new run at epoch 0 if it changes the numbers, else a redraw. */
  const change = (changes: Partial<PlaygroundSettings>) => {
    const display = Object.keys(changes).every((k) => k === "speed" || k === "showTest" || k === "discretize");
    if (display) {
      settings = { ...settings, ...changes };
      run.settings.speed = settings.speed;
      saveHash(true);
      render();
      return;
    }
    const next = { ...settings, ...changes, epochs: 0, edits: [] };
    if (changes.problem && changes.problem !== settings.problem && next.data !== "csv") {
      next.data = changes.problem === "classification" ? "circle" : "plane";
    }
    if (changes.data && changes.data !== "csv")
      next.problem = changes.data === "plane" || changes.data === "multigauss" ? "regression" : "classification";
    pause();
    if (start(next)) {
      say();
      saveHash(true);
    }
    showSettings();
    render();
  };

  // --- drawing
  const render = () => {
    const grid: Grid = run.grid(DENSITY);
    const pictureNow = describeNetwork(run, grid, settings.discretize);
    const id = `${run.network.layers.join(",")}|${settings.features.join(",")}`;
    if (id !== shape) {
      shape = id;
      canvases = new Map();
      svgBox.replaceChildren();
      for (const c of Array.from(picture.querySelectorAll("canvas"))) c.remove();
      for (const n of pictureNow.nodes) {
        const c = el("canvas", { role: "img" });
        Object.assign(c.style, {
          left: `${(n.x / pictureNow.width) * 100}%`,
          top: `${(n.y / pictureNow.height) * 100}%`,
          width: `${(BOX / pictureNow.width) * 100}%`,
          height: `${(BOX / pictureNow.height) * 100}%`,
        });
        canvases.set(n.id, c);
        picture.append(c);
      }
      picture.style.width = `${pictureNow.width}px`;
      linkSelect.replaceChildren(
        ...pictureNow.links.map((k) => el("option", { value: `${k.layer}:${k.from}:${k.to}` }, k.label)),
      );
    }
    draw(svgBox, networkSvg(pictureNow));
    for (const n of pictureNow.nodes) {
      const c = canvases.get(n.id) as HTMLCanvasElement;
      paintCanvas(c, n.map);
      c.setAttribute("aria-label", n.description);
    }
    lastPicture = pictureNow;
    // the output and the points
    const out = describeOutput(run, grid, settings.showTest, settings.discretize);
    lastOutput = out;
    paintCanvas(small, out.map);
    const context = outputCanvas.getContext("2d") as CanvasRenderingContext2D;
    context.imageSmoothingEnabled = true;
    context.drawImage(small, 0, 0, OUTPUT_SIZE, OUTPUT_SIZE);
    const [[x0, x1], [y0, y1]] = out.domain;
    for (const p of out.points) {
      context.beginPath();
      context.arc(((p.x - x0) / (x1 - x0)) * OUTPUT_SIZE, ((y1 - p.y) / (y1 - y0)) * OUTPUT_SIZE, 3, 0, 2 * Math.PI);
      context.fillStyle = pointColour(p.target, out.classes);
      context.fill();
      context.strokeStyle = p.test ? "#000" : "#fff";
      context.stroke();
    }
    outputCanvas.setAttribute("aria-label", out.description);
    axes.textContent = `${run.data.axes[0]} from ${x0.toFixed(1)} to ${x1.toFixed(1)} across; ${run.data.axes[1]} from ${y0.toFixed(1)} to ${y1.toFixed(1)} up. ${
      out.classes
        ? `Colours: ${out.classes.map((c, k) => `${c} ${["orange", "blue", "green", "vermillion", "pink", "sky blue", "yellow", "black"][k]}`).join(", ")}.`
        : "Orange is −1, blue 1."
    }`;
    renderNumbers();
    for (const [name, canvas] of featureCanvases) {
      const drawn = `${shape}|${out.domain.flat().join(",")}`;
      if (canvas.dataset.drawn !== drawn) {
        const values: number[] = [];
        for (let r = 0; r < 20; r++) {
          const y = y1 - ((r + 0.5) * (y1 - y0)) / 20;
          for (let c = 0; c < 20; c++)
            values.push(FEATURES[name as never as keyof typeof FEATURES].f(x0 + ((c + 0.5) * (x1 - x0)) / 20, y));
        }
        const size = Math.max(...values.map(Math.abs)) || 1;
        paintCanvas(canvas, { density: 20, values, range: [-size, size] });
        canvas.dataset.drawn = drawn;
      }
    }
  };

  const renderNumbers = () => {
    epochText.textContent = String(run.epoch);
    container.dataset.state = playing ? "playing" : catchUp > run.epoch && run.stopped === null ? "training" : "ready";
    container.dataset.epoch = String(run.epoch);
    const { train, test } = run.losses;
    const last = train.length - 1;
    lossText.textContent = `Epoch ${run.epoch}: training loss ${train[last].toFixed(4)}, test loss ${test[last].toFixed(4)} (${
      NAMES[run.network.kind.loss]
    }).`;
    drawLoss(train, test);
    const accTrain = run.accuracy("train");
    const accTest = run.accuracy("test");
    if (accTrain === null || accTest === null) {
      accuracy.textContent = "";
      confusion.replaceChildren();
    } else {
      const pct = (a: number, part: "train" | "test") =>
        `${(a * 100).toFixed(1)}% (${Math.round(a * run.data[part].targets.length)} of ${run.data[part].targets.length})`;
      accuracy.textContent = `Accuracy: training ${pct(accTrain, "train")}, test ${pct(accTest, "test")}.`;
      const counts = run.confusion("test") as number[][];
      const classes = run.data.classes as string[];
      confusion.replaceChildren(
        el("caption", {}, "Test points: actual class (rows) by predicted class (columns)"),
        el(
          "tr",
          {},
          el("th", { scope: "col" }, "actual \\ predicted"),
          ...classes.map((c) => el("th", { scope: "col" }, c)),
        ),
        ...counts.map((row, a) =>
          el("tr", {}, el("th", { scope: "row" }, classes[a]), ...row.map((n) => el("td", {}, String(n)))),
        ),
      );
    }
  };

  const drawLoss = (train: number[], test: number[]) => {
    const context = lossChart.getContext("2d") as CanvasRenderingContext2D;
    const [w, hgt] = [lossChart.width, lossChart.height];
    context.clearRect(0, 0, w, hgt);
    const top = Math.max(...train.slice(0, 2000), ...test.slice(0, 2000), 1e-9);
    const line = (values: number[], colour: string) => {
      context.beginPath();
      const n = Math.max(values.length - 1, 1);
      const every = Math.max(1, Math.floor(values.length / w));
      for (let i = 0; i < values.length; i += every) {
        const x = (i / n) * (w - 2) + 1;
        const y = hgt - 1 - (Math.min(values[i], top) / top) * (hgt - 2);
        if (i === 0) context.moveTo(x, y);
        else context.lineTo(x, y);
      }
      context.strokeStyle = colour;
      context.lineWidth = 1.5;
      context.stroke();
    };
    line(train, "#8c959f");
    line(test, "#1f2328");
  };

  const renderCode = () => {
    if (!codeBox.open) return;
    code.textContent = playgroundCode({ ...settings, edits: run.settings.edits }, run.epoch);
    numbers.textContent = runReport(run);
  };

  // --- playing
  const frame = () => {
    if (catchUp > run.epoch && run.stopped === null) {
      const until = performance.now() + CATCH_UP_MS;
      while (run.epoch < catchUp && run.stopped === null && performance.now() < until) run.step(1);
      if (run.epoch < catchUp && run.stopped === null) {
        say(`Training again to epoch ${catchUp}, as the link says: ${run.epoch} so far…`);
        render();
        requestAnimationFrame(frame);
        return;
      }
      say(describeProblems(read.problems));
      render();
      renderCode();
      if (!playing) return;
    }
    if (!playing) return;
    const most = LIMITS.playgroundEpochs.max;
    run.step(Math.min(settings.speed, most - run.epoch));
    render();
    if (run.epoch >= most) {
      pause();
      say(`Paused at epoch ${most}: the most a link can train again.`);
      return;
    }
    if (run.stopped !== null) {
      pause();
      say(run.stopped);
      return;
    }
    if (performance.now() - lastHash > 2000) saveHash(false);
    requestAnimationFrame(frame);
  };

  const pause = () => {
    if (!playing) return;
    playing = false;
    container.dataset.state = "ready";
    play.textContent = "Play";
    play.setAttribute("aria-pressed", "false");
    saveHash(false);
    renderCode();
  };

  play.addEventListener("click", () => {
    if (playing) return pause();
    if (run.stopped !== null) return say(run.stopped);
    playing = true;
    container.dataset.state = "playing";
    play.textContent = "Pause";
    play.setAttribute("aria-pressed", "true");
    requestAnimationFrame(frame);
  });
  step.addEventListener("click", () => {
    pause();
    run.step(1);
    if (run.stopped) say(run.stopped);
    render();
    saveHash(false);
    renderCode();
  });
  reset.addEventListener("click", () => {
    pause();
    change({ edits: [] });
  });
  regenerate.addEventListener("click", () => {
    const words = new Uint32Array(1);
    crypto.getRandomValues(words);
    change({ seed: words[0] % 100000 });
  });
  speed.input.addEventListener("change", () => change({ speed: Number(speed.input.value) }));
  rate.input.addEventListener("change", () => change({ learningRate: Number(rate.input.value) }));
  penalty.input.addEventListener("change", () => change({ regularizationRate: Number(penalty.input.value) }));
  activation.input.addEventListener("change", () => change({ activation: activation.input.value as never }));
  loss.input.addEventListener("change", () => change({ loss: loss.input.value as never }));
  regularization.input.addEventListener("change", () =>
    change({ regularization: regularization.input.value as never }),
  );
  problem.input.addEventListener("change", () => change({ problem: problem.input.value as never }));
  seed.addEventListener("change", () => {
    const v = Number(seed.value);
    if (seed.value.trim() !== "" && Number.isInteger(v) && v >= 0 && v <= LIMITS.seed.max) change({ seed: v });
    else {
      say(`The seed must be an integer from 0 to ${LIMITS.seed.max}; it stays ${settings.seed}.`);
      seed.value = String(settings.seed);
    }
  });
  bias.input.addEventListener("change", () => change({ bias: bias.input.checked }));
  for (const [name, input] of dataInputs) {
    input.addEventListener("change", () => {
      if (!input.checked) return;
      if (name === "csv") {
        csvBox.open = true;
        if (csvText.value.trim() === "") {
          say("Paste a CSV (or choose a file) and press “Train on this CSV”.");
          showSettings();
          return;
        }
        change({ data: "csv", csv: csvText.value });
      } else change({ data: name });
    });
  }
  ratio.input.addEventListener("change", () => change({ ratio: Number(ratio.input.value) }));
  noise.input.addEventListener("change", () => change({ noise: Number(noise.input.value) }));
  batch.input.addEventListener("change", () => change({ batchSize: Number(batch.input.value) }));
  showTest.input.addEventListener("change", () => change({ showTest: showTest.input.checked }));
  discretize.input.addEventListener("change", () => change({ discretize: discretize.input.checked }));
  for (const [name, input] of featureInputs) {
    input.addEventListener("change", () => {
      const features = FEATURE_NAMES.filter((n) => (n === name ? input.checked : settings.features.includes(n)));
      if (features.length === 0) {
        input.checked = true;
        say("The network needs at least one feature.");
        return;
      }
      change({ features });
    });
  }
  useCsv.addEventListener("click", () => change({ data: "csv", csv: csvText.value }));
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > LIMITS.playgroundCsvCharacters.max) {
      csvErrors.replaceChildren(
        el(
          "li",
          {},
          `${file.name} is ${file.size} bytes; the playground takes at most ${LIMITS.playgroundCsvCharacters.max}.`,
        ),
      );
      return;
    }
    csvText.value = await file.text();
    change({ data: "csv", csv: csvText.value });
  };
  csvFile.addEventListener("change", () => void readFile(csvFile.files?.[0]));
  csvText.addEventListener("dragover", (event) => event.preventDefault());
  csvText.addEventListener("drop", (event) => {
    event.preventDefault();
    void readFile(event.dataTransfer?.files[0]);
  });
  svgBox.addEventListener("click", (event) => {
    const path = (event.target as Element).closest("path[data-link]");
    if (!path) return;
    linkSelect.value = path.getAttribute("data-link") as string;
    showWeight();
    linkValue.focus();
  });
  const showWeight = () => {
    const [l, i, j] = linkSelect.value.split(":").map(Number);
    linkValue.value = String(run.network.weights[l]?.[i]?.[j] ?? "");
  };
  linkSelect.addEventListener("change", showWeight);
  linkSelect.addEventListener("focus", showWeight);
  setWeight.addEventListener("click", () => {
    const [l, i, j] = linkSelect.value.split(":").map(Number);
    const value = Number(linkValue.value);
    if (linkValue.value.trim() === "" || !Number.isFinite(value)) {
      say("A weight must be a finite number.");
      return;
    }
    pause();
    run.edit(l, i, j, value);
    say();
    saveHash(true);
    render();
    renderCode();
  });
  codeBox.addEventListener("toggle", renderCode);
  copy.addEventListener("click", () => {
    void navigator.clipboard?.writeText(code.textContent ?? "").then(
      () => say("The code is copied."),
      () => say("The browser would not copy: select the code and copy it."),
    );
  });
  exportJson.addEventListener("click", () => {
    download("network.json", new Blob([JSON.stringify(run.network.toJSON(), null, 1)], { type: "application/json" }));
  });
  const composedSvg = () => {
    const net = lastPicture as NetworkPicture;
    const out = lastOutput as OutputPicture;
    const images = new Map<string, string>();
    for (const n of net.nodes) images.set(n.id, (canvases.get(n.id) as HTMLCanvasElement).toDataURL("image/png"));
    const left = svgText(networkSvg(net, images));
    const right = svgText(outputSvg(out, small.toDataURL("image/png"), OUTPUT_SIZE));
    const width = net.width + 24 + OUTPUT_SIZE;
    const height = Math.max(net.height, OUTPUT_SIZE);
    const inner = (text: string, x: number) => text.replace("<svg ", `<svg x="${x}" y="0" `);
    return {
      width,
      height,
      text: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="#fff"/>${inner(left, 0)}${inner(right, net.width + 24)}</svg>`,
    };
  };
  exportSvg.addEventListener("click", () => {
    download("playground.svg", new Blob([composedSvg().text], { type: "image/svg+xml" }));
  });
  exportPng.addEventListener("click", () => {
    const { width, height, text } = composedSvg();
    const image = new Image();
    const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
    image.onload = () => {
      const canvas = el("canvas", { width: String(width * 2), height: String(height * 2) });
      const context = canvas.getContext("2d") as CanvasRenderingContext2D;
      context.scale(2, 2);
      context.drawImage(image, 0, 0);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => {
        if (blob) download("playground.png", blob);
      }, "image/png");
    };
    image.onerror = () => say("The picture could not be made into a PNG here; the SVG has it.");
    image.src = url;
  });

  addEventListener("popstate", () => {
    pause();
    const back = playgroundFromHash(location.hash);
    if (start(back.settings)) say(describeProblems(back.problems));
    showSettings();
    render();
    requestAnimationFrame(frame);
  });

  // --- the first run: the link's, trained again to its epoch
  if (!start(settings)) {
    const problems = [...read.problems, "csv"];
    read.problems.splice(0, read.problems.length, ...problems);
    start({ ...playgroundDefaults() });
  }
  say(describeProblems(read.problems));
  showSettings();
  render();
  history.replaceState(null, "", playgroundHash(settings));
  if (catchUp > 0) requestAnimationFrame(frame);

  return {
    settings: () => ({ ...settings, epochs: run.epoch, edits: [...run.settings.edits] }),
    run: () => run,
    set: change,
    get playing() {
      return playing;
    },
  };
}
