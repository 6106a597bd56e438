// The site's playground page: the full explorer on one page, its settings in the URL
// (#data=xor&hidden=4&seed=1&rate=0.5&iterations=10000&targets=0110&activation=tanh&bias=1&l2=0.01), so a link reproduces a run
// and back/forward restore earlier settings, and play / pause / step through training.

import { LIMITS, type Limit, own, within } from "../checks/limits";
import { describe } from "../checks/validate";
import { DATA_SETS, defaults, EXPLORER_ACTIVATIONS, type Settings } from "./explorer";
import { type Mounted, mountExplorer } from "./ui";

/**
 * The settings a URL fragment holds, over the defaults; what it gets wrong, named in `problems`.
 * Each number must be written plainly (digits, a point) and be within the explorer's limits
 * (limits.ts, the same as its controls'); a data set is one of DATA_SETS' own keys.
 */
export function settingsFromHash(hash: string): { settings: Settings; problems: string[] } {
  if (typeof hash !== "string") {
    throw new TypeError(`settingsFromHash(hash): hash must be a string such as "#data=xor", got ${describe(hash)}`);
  }
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const problems: string[] = [];
  const data = params.get("data") ?? "seed";
  if (own(DATA_SETS, data) === undefined) problems.push("data");
  const settings = defaults(own(DATA_SETS, data) === undefined ? "seed" : data);
  const number = (name: string, key: "hidden" | "seed" | "iterations" | "learningRate" | "l2", limit: Limit) => {
    const text = params.get(name);
    if (text === null) return;
    const plain = limit.integer ? /^\d+$/ : /^\d*\.?\d+(e-?\d+)?$/i;
    const value = Number(text);
    if (plain.test(text) && within(limit, value)) settings[key] = value;
    else problems.push(name);
  };
  number("hidden", "hidden", LIMITS.explorerHidden);
  number("seed", "seed", LIMITS.seed);
  number("iterations", "iterations", LIMITS.explorerIterations);
  number("rate", "learningRate", LIMITS.explorerLearningRate);
  number("l2", "l2", LIMITS.explorerL2);
  const activation = params.get("activation");
  if (activation !== null) {
    const name = EXPLORER_ACTIVATIONS.find((n) => n === activation);
    if (name) settings.activation = name;
    else problems.push("activation");
  }
  const bias = params.get("bias");
  if (bias !== null) {
    if (bias === "0" || bias === "1") settings.bias = bias === "1";
    else problems.push("bias");
  }
  const targets = params.get("targets");
  if (targets !== null) {
    if (new RegExp(`^[01]{${settings.targets.length}}$`).test(targets)) settings.targets = [...targets].map(Number);
    else problems.push("targets");
  }
  return { settings, problems };
}

/** The URL fragment for some settings. */
export function hashOf(s: Settings): string {
  const params = new URLSearchParams({
    data: s.data,
    hidden: String(s.hidden),
    seed: String(s.seed),
    rate: String(s.learningRate),
    iterations: String(s.iterations),
    targets: s.targets.join(""),
    activation: s.activation,
    bias: s.bias ? "1" : "0",
    l2: String(s.l2),
  });
  return `#${params}`;
}

/**
 * Mounts the playground into `root`: a note for a link it could not read, play / pause / step,
 * and the explorer, kept in the URL.
 */
export function mountPlayground(root: HTMLElement): Mounted {
  const { settings, problems } = settingsFromHash(location.hash);
  const note = document.createElement("p");
  note.className = "playground-note";
  note.setAttribute("role", "status");
  if (problems.length > 0) {
    note.textContent = `This link's ${problems.join(", ")} could not be read, so the defaults are used for them.`;
  }
  const controls = document.createElement("div");
  controls.className = "playground-play";
  const button = (label: string) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    controls.append(b);
    return b;
  };
  const [play, pause, step] = [button("Play training"), button("Pause"), button("Step")];
  const explorer = document.createElement("div");
  root.append(note, controls, explorer);
  // back/forward restore settings without a new entry; play's frames replace the current one
  let restoring = false;
  let playing = false;
  const mounted = mountExplorer(explorer, settings, (s) => {
    if (playing) history.replaceState(null, "", hashOf(s));
    else if (!restoring) history.pushState(null, "", hashOf(s));
  });
  history.replaceState(null, "", hashOf(mounted.settings()));
  addEventListener("popstate", () => {
    restoring = true;
    mounted.set(settingsFromHash(location.hash).settings);
    restoring = false;
  });

  // play: the iterations from 0 to where they were, a stride a frame once the last stride's run is
  // drawn (a large one trains over several frames); step: one stride on
  let target = 0;
  const stride = () => Math.max(100, Math.round(target / 50 / 100) * 100);
  const frame = () => {
    if (!playing) return;
    if (mounted.training) return void requestAnimationFrame(frame);
    const next = Math.min(target, mounted.settings().iterations + stride());
    mounted.set({ iterations: next });
    if (next < target) requestAnimationFrame(frame);
    else playing = false;
  };
  play.addEventListener("click", () => {
    if (playing) return;
    target = Math.max(mounted.settings().iterations, 100);
    playing = true;
    mounted.set({ iterations: 0 });
    requestAnimationFrame(frame);
  });
  pause.addEventListener("click", () => {
    playing = false;
  });
  step.addEventListener("click", () => {
    playing = false;
    target = Math.max(target, mounted.settings().iterations);
    mounted.set({ iterations: Math.min(LIMITS.explorerIterations.max, mounted.settings().iterations + stride()) });
  });
  return mounted;
}
