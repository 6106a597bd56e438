// Which Jupyter npm start opens, and what it sets up first to have one. JupyterLab by default:
//   1. a Python with JupyterLab (PERCEPTRON_PYTHON, the project's conda environment .conda/, python3
//      on PATH, Debian's /usr/bin/python3): `python -m jupyterlab`;
//   2. else a Python with jupyter_server and jupyterlab_server but no JupyterLab (Debian 12, which
//      packages no JupyterLab): JupyterLab's front end built from npm (scripts/jupyterlab/), served
//      by scripts/jupyterlab/main.py;
//   3. else, with conda or mamba on PATH: the project's environment from environment.yml (JupyterLab 4),
//      made once, then 1.;
//   4. else, as root on Debian: Debian's jupyter_server and jupyterlab_server, then 2.;
//   5. else a Python with the classic Notebook only: that, saying how to have JupyterLab;
//   6. else an error naming what to install on macOS, Ubuntu, Windows and Debian.
// `--classic` asks for the classic Notebook (notebook 6, or nbclassic): found, or Debian's as root.
// npm run class (chooseHubJupyter) asks for 1. or 2. in a Python that also has JupyterHub: Debian's
// `jupyterhub` beside 2.'s packages as root, else advice.
// decide() is the choice alone, from what a probe reports, so that tests can ask it with stub Pythons.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { condaPython } from "./platform.mjs";

/** The modules each way of opening Jupyter needs from Python. */
export const NEEDS = {
  lab: ["jupyterlab", "jupyter_client"],
  "built-lab": ["jupyter_server", "jupyterlab_server", "jupyter_client"],
  classic: ["notebook", "jupyter_client"],
  nbclassic: ["nbclassic", "jupyter_client"],
};

/** Debian's packages for each: JupyterLab's servers (its front end comes from npm), the classic Notebook, JupyterHub (3.0, npm run class). */
export const DEBIAN = {
  lab: ["python3-jupyter-server", "python3-jupyterlab-server", "python3-jupyter-client", "python3-ipykernel"],
  classic: ["python3-notebook", "python3-jupyter-client", "python3-ipykernel"],
  hub: ["jupyterhub"],
};

/** Pythons to try, in order: PERCEPTRON_PYTHON, the project's conda env, python3 on PATH, Debian's, python. */
export function pythons(root, { env = process.env, platform = process.platform } = {}) {
  const list = [env.PERCEPTRON_PYTHON, condaPython(join(root, ".conda"), platform)];
  if (platform === "win32") list.push("python", "py");
  else list.push("python3", "/usr/bin/python3", "python");
  return list.filter(Boolean);
}

/** True when `python` imports every module. */
export function imports(python, modules) {
  return spawnSync(python, ["-c", `import ${modules.join(", ")}`], { stdio: "ignore" }).status === 0;
}

/** The first conda-like tool on PATH, if any. */
export function condaTool(env = process.env, platform = process.platform) {
  const dirs = (env.PATH ?? "").split(delimiter).filter(Boolean);
  const names = platform === "win32" ? (name) => [`${name}.exe`, `${name}.bat`] : (name) => [name];
  return ["mamba", "micromamba", "conda"].find((tool) =>
    dirs.some((dir) => names(tool).some((name) => existsSync(join(dir, name)))),
  );
}

/** What to install where nothing could be had: one line for each platform. */
export function installAdvice(want) {
  if (want === "classic")
    return (
      "The classic Notebook was asked for (--classic), and no Python here has it. Install it, then run npm start again:\n" +
      `  - Debian or Ubuntu: sudo apt-get install ${DEBIAN.classic.join(" ")}\n` +
      "  - macOS, Windows, or any Python: pip install nbclassic\n" +
      "Or leave out --classic: npm start opens JupyterLab."
    );
  return (
    "No Python with JupyterLab was found, and none could be installed here. Any one of these is enough; then run npm start again:\n" +
    "  - macOS: brew install jupyterlab   (or Miniforge's conda: npm start then makes the project's environment)\n" +
    "  - Ubuntu: python3 -m venv ~/.venvs/jupyter && ~/.venvs/jupyter/bin/pip install jupyterlab nbclient nbconvert numpy,\n" +
    "    then PERCEPTRON_PYTHON=~/.venvs/jupyter/bin/python npm start\n" +
    "  - Windows: Miniforge (conda); run npm start from its prompt, and it makes the project's environment\n" +
    `  - Debian: sudo apt-get install ${DEBIAN.lab.join(" ")}   (npm start builds JupyterLab's front end from npm)\n` +
    "Or point PERCEPTRON_PYTHON at a Python that has JupyterLab (pip install jupyterlab)."
  );
}

/**
 * The next step towards opening Jupyter. `want`: "lab" or "classic". `probe`:
 *   pythons: the Pythons to try, in order; has(python, modules): whether it imports them;
 *   conda: a conda-like tool on PATH, or undefined; canApt: root on Debian with apt-get;
 *   tried: steps already taken this run ("conda", "apt"), never taken twice.
 * Returns one of
 *   { step: "open", ui: "lab" | "built-lab" | "classic" | "nbclassic", python, note? }
 *   { step: "conda", tool }                 make (or repair) .conda/ from environment.yml, then decide again
 *   { step: "apt", packages }               install Debian's packages, then decide again
 *   { step: "fail", message }
 */
export function decide(want, { pythons, has, conda, canApt, tried = [] }) {
  const first = (ui) => pythons.find((python) => has(python, NEEDS[ui]));
  const open = (ui, note) => {
    const python = first(ui);
    return python ? { step: "open", ui, python, ...(note ? { note } : {}) } : undefined;
  };
  if (want === "classic") {
    const found = open("classic") ?? open("nbclassic");
    if (found) return found;
    if (canApt && !tried.includes("apt")) return { step: "apt", packages: DEBIAN.classic };
    return { step: "fail", message: installAdvice("classic") };
  }
  const found = open("lab") ?? open("built-lab");
  if (found) return found;
  if (conda && !tried.includes("conda")) return { step: "conda", tool: conda };
  if (canApt && !tried.includes("apt")) return { step: "apt", packages: DEBIAN.lab };
  const classic = open(
    "classic",
    "JupyterLab is not installed: this is the classic Notebook. For JupyterLab: pip install jupyterlab (or see the README)",
  );
  return classic ?? { step: "fail", message: installAdvice("lab") };
}

/**
 * Makes the project's conda environment (.conda/) from environment.yml with `tool`, once: where
 * .conda/ already has its Python, nothing is done again (what it lacks, environment.yml does not
 * bring). Returns whether it ran. `run(command, args)` runs a command, throwing when it fails.
 */
export function makeCondaEnv(tool, root, run, platform = process.platform) {
  const prefix = join(root, ".conda");
  if (existsSync(condaPython(prefix, platform))) return false;
  // a folder without its Python: a creation cut short, which `update` completes
  const verb = existsSync(prefix) ? "update" : "create";
  run(tool, ["env", verb, "--yes", "--prefix", prefix, "--file", join(root, "environment.yml")]);
  return true;
}

/**
 * Takes the steps decide() asks for until Jupyter can be opened; returns { ui, python, note? }.
 * `tools`: root, run(command, args), aptInstall(packages), canApt; `probe` overrides decide()'s
 * (the tests'). Each step is taken once: a second ask means it did not help, and the advice is given.
 */
export function chooseJupyter(want, { root, run, aptInstall, canApt, platform = process.platform, probe = {} }) {
  const tried = [];
  for (;;) {
    const next = decide(want, {
      pythons: pythons(root, { platform }),
      has: imports,
      conda: condaTool(process.env, platform),
      canApt,
      ...probe,
      tried,
    });
    if (next.step === "open") return next;
    if (next.step === "fail") throw new Error(next.message);
    tried.push(next.step);
    if (next.step === "conda") makeCondaEnv(next.tool, root, run, platform);
    else aptInstall(next.packages);
  }
}

/** What to install for npm run class, where no Python has JupyterHub beside JupyterLab's servers. */
export function hubAdvice() {
  return (
    "npm run class needs a Python with JupyterHub and JupyterLab (or, on Debian, JupyterLab's servers), and none was found\n" +
    "or could be installed here. Install one of these, then run npm run class again:\n" +
    `  - Debian 12: sudo apt-get install ${[...DEBIAN.hub, ...DEBIAN.lab].join(" ")}   (or run npm run class as root)\n` +
    "  - any Python: pip install jupyterhub jupyterlab, then PERCEPTRON_PYTHON=that-python npm run class"
  );
}

/**
 * npm run class's Jupyter: chooseJupyter's JupyterLab ("lab" or "built-lab") in a Python that also
 * imports jupyterhub; as root on Debian, Debian's jupyterhub is installed with JupyterLab's servers.
 * (conda's environment.yml has no JupyterHub: it is not made for this.) Returns { ui, python }.
 */
export function chooseHubJupyter(tools) {
  let chosen;
  try {
    chosen = chooseJupyter("lab", {
      ...tools,
      aptInstall: (packages) => tools.aptInstall([...packages, ...DEBIAN.hub]),
      probe: {
        conda: undefined,
        has: (python, modules) => imports(python, [...modules, "jupyterhub"]),
        ...tools.probe,
      },
    });
  } catch (error) {
    if (/ failed \(exit /.test(error.message)) throw error; // an install that failed says why
  }
  if (chosen?.ui === "lab" || chosen?.ui === "built-lab") return chosen;
  throw new Error(hubAdvice());
}
