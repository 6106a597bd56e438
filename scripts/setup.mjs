#!/usr/bin/env node
// Does whatever set-up is missing, and quickly nothing when nothing is: the npm dependencies, the
// compiled module, Jupyter, and the tslab kernel registered inside the project (.jupyter/).
// usage: node scripts/setup.mjs start|test|bench|build|kernel|class
//        node scripts/setup.mjs debian-packages   (prints the Debian packages the tests need: .ci/run)
// Uses Node's built-ins only: it runs before node_modules exists. The one place that knows where
// the project's Jupyter is: what setup found (.jupyter/setup.json, readSetup), the environment in
// which Jupyter and its kernels run (jupyterEnv), and how the tslab kernel is registered (installKernel).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { findChromium } from "./chromium.mjs";
import { chooseHubJupyter, chooseJupyter, DEBIAN, makeCondaEnv, pythons } from "./jupyter.mjs";
import { shim, shimOptions } from "./platform.mjs";

export const root = dirname(dirname(fileURLToPath(import.meta.url)));
export const jupyterDir = join(root, ".jupyter");
const settingsFile = join(jupyterDir, "setup.json");
export const tslabBinary = join(root, "node_modules", ".bin", shim("tslab"));

// What each command needs from Python: modules to import, and the Debian packages that bring them.
// (start's and class's Jupyter are chosen by scripts/jupyter.mjs: JupyterLab, or the classic Notebook when asked.)
const MODULES = {
  start: ["jupyter_client"],
  class: ["jupyter_client", "jupyterhub"],
  test: ["jupyter_client", "nbclient", "nbformat", "notebook", "numpy"],
  bench: ["numpy"],
  build: ["jupyter_client", "nbclient", "nbconvert"],
  kernel: ["jupyter_client"],
};
/**
 * Debian's packages: Jupyter's (every command; JupyterLab's servers for npm start), the browser for the
 * end-to-end tests, and JupyterHub for npm run class (its test is one of them).
 */
export const DEBIAN_PACKAGES = {
  jupyter: [
    ...new Set([
      "jupyter-nbconvert",
      "python3-nbclient",
      "python3-ipykernel",
      "python3-notebook",
      "python3-numpy",
      ...DEBIAN.lab,
    ]),
  ],
  browser: ["chromium"],
  class: DEBIAN.hub,
};

const say = (message) => console.log(`[setup] ${message}`);
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);
const run = (command, args, options = {}) => {
  say(`${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root, ...shimOptions(command), ...options });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
};
const onPath = (command) =>
  (process.env.PATH ?? "").split(delimiter).some((dir) => dir && existsSync(join(dir, command)));

/** True when Debian's packages can be installed here: root on Debian, with apt-get. */
const canApt = () => process.getuid?.() === 0 && existsSync("/etc/debian_version") && onPath("apt-get");

/** Installs Debian packages, without questions. */
function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  run("apt-get", ["update", "-qq"], { env });
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], { env });
}

/** The npm dependencies, installed when package-lock.json is newer than what npm last installed. */
function ensureDependencies() {
  const installed = join(root, "node_modules", ".package-lock.json");
  if (mtime(installed) >= mtime(join(root, "package-lock.json")) && existsSync(tslabBinary)) return;
  run(shim("npm"), ["ci", "--no-audit", "--no-fund"]);
}

/** The compiled module (dist/), rebuilt when a file in src/ is newer. */
function ensureBuild() {
  const built = Math.min(mtime(join(root, "dist", "index.js")), mtime(join(root, "dist", "browser.js")));
  const sources = [
    join(root, "tsconfig.json"),
    ...readdirSync(join(root, "src"), { recursive: true }).map((f) => join(root, "src", String(f))),
  ];
  if (built > 0 && sources.every((file) => mtime(file) <= built)) return;
  run(shim(join(root, "node_modules", ".bin", "tsc")), ["-p", root]);
  run(process.execPath, [join(root, "scripts", "bundle.mjs")]); // dist/browser.js, for the explorers
}

/** True when `python` imports every module. */
export function hasModules(python, modules) {
  const result = spawnSync(python, ["-c", `import ${modules.join(", ")}`], { stdio: "ignore" });
  return result.status === 0;
}

/** Pythons to try, in order: PERCEPTRON_PYTHON, the project's conda env, python3 on PATH, Debian's. */
export const PYTHONS = pythons(root);

/** A Python that has `modules` (Jupyter's, numpy): the first of PYTHONS that imports them all. */
export function findPython(modules) {
  return PYTHONS.find((python) => hasModules(python, modules));
}

/** Jupyter: found, else from environment.yml with mamba or conda, else Debian's packages as root. */
function ensureJupyter(modules) {
  let python = findPython(modules);
  if (python) return python;
  const conda = ["mamba", "micromamba", "conda"].find(onPath);
  // .conda/ is made once: a retry finds it and does not make it again
  const made = conda !== undefined && makeCondaEnv(conda, root, run);
  if (!made && canApt()) aptInstall(DEBIAN_PACKAGES.jupyter);
  python = findPython(modules);
  if (python) return python;
  throw new Error(
    `no Python with Jupyter's modules (${modules.join(", ")}) was found, and none could be installed here.\n` +
      "Install one of these, then run the command again:\n" +
      "  - conda or mamba: it makes the project's environment from environment.yml (Jupyter, JupyterLab, numpy)\n" +
      `  - on Debian or Ubuntu: sudo apt-get install ${DEBIAN_PACKAGES.jupyter.join(" ")}\n` +
      "  - with pip: pip install jupyterlab nbclient nbconvert numpy\n" +
      "Or point PERCEPTRON_PYTHON at a Python that has them.",
  );
}

/** Chromium, for the browser tests: found (scripts/chromium.mjs), else Debian's, installed as root on Debian. */
function ensureChromium() {
  try {
    return findChromium();
  } catch (error) {
    if (!canApt()) throw error;
    aptInstall(DEBIAN_PACKAGES.browser);
    return findChromium();
  }
}

/** The kernels tslab registers: `tslab` (TypeScript) and `jslab` (JavaScript). */
export const KERNEL_NAMES = ["tslab", "jslab"];
/** Loaded into the kernel before tslab (scripts/kernel-preload.cjs: Node's types only). */
const kernelPreload = join(root, "scripts", "kernel-preload.cjs");
/** The kernel's NODE_OPTIONS: the preload, its path quoted (a space in it, a Windows path). */
const kernelNodeOptions = `--require ${JSON.stringify(kernelPreload)}`;

/**
 * True when the kernel spec in `kernelsDir` is the project's tslab: its argv runs
 * node_modules/.bin/tslab, with the preload (an older registration lacks it).
 */
export function isProjectKernel(kernelsDir, name = "tslab", { current = false } = {}) {
  const spec = join(kernelsDir, name, "kernel.json");
  if (!existsSync(spec)) return false;
  const { argv, env } = JSON.parse(readFileSync(spec, "utf8"));
  return argv[0] === tslabBinary && (!current || env?.NODE_OPTIONS === kernelNodeOptions);
}

/**
 * Registers the project's kernels (`tslab` for TypeScript, and tslab's `jslab`) in `kernelsDir`,
 * started by this checkout's node_modules/.bin/tslab with the preload. `where`: `--prefix=DIR`,
 * `--user` or `--sys-prefix`, which `kernelsDir` must be.
 */
export function installKernel(python, where, kernelsDir) {
  run(tslabBinary, ["install", `--python=${python}`, where, `--binary=${tslabBinary}`]);
  for (const name of KERNEL_NAMES) {
    const file = join(kernelsDir, name, "kernel.json");
    const spec = JSON.parse(readFileSync(file, "utf8"));
    spec.env = { ...spec.env, NODE_OPTIONS: kernelNodeOptions };
    writeFileSync(file, `${JSON.stringify(spec, null, 1)}\n`);
  }
}

/** The tslab kernel, registered in .jupyter/ under the name `tslab`: nothing global is touched. */
function ensureKernel(python) {
  const kernels = join(jupyterDir, "share", "jupyter", "kernels");
  if (!isProjectKernel(kernels, "tslab", { current: true })) installKernel(python, `--prefix=${jupyterDir}`, kernels);
}

/** What `node scripts/setup.mjs test` found: the Python the tests run Jupyter with, and the kernels' folder. */
export function readSetup() {
  if (!existsSync(settingsFile))
    throw new Error(`${settingsFile} is missing: run \`node scripts/setup.mjs test\` first`);
  return JSON.parse(readFileSync(settingsFile, "utf8"));
}

/** The environment in which Jupyter, and each kernel it starts, finds the project's kernel. */
export function jupyterEnv(env = process.env) {
  const path = join(jupyterDir, "share", "jupyter");
  const clean = { ...env };
  // A kernel's output is no terminal; FORCE_COLOR (test runners set it) beside a user's NO_COLOR
  // would also make Node warn on every kernel's stderr.
  delete clean.FORCE_COLOR;
  delete clean.NO_COLOR;
  return { ...clean, JUPYTER_PATH: env.JUPYTER_PATH ? `${path}${delimiter}${env.JUPYTER_PATH}` : path };
}

/**
 * Runs every set-up step the command needs; returns { python } (and for start and class, `ui`: how
 * Jupyter opens, scripts/jupyter.mjs). `options.want`: start's "lab" (the default) or "classic".
 */
export function setup(command, options = {}) {
  const modules = MODULES[command];
  if (!modules)
    throw new Error(`setup: unknown command ${JSON.stringify(command)}; expected ${Object.keys(MODULES).join(", ")}`);
  ensureDependencies();
  ensureBuild();
  const tools = { root, run, aptInstall, canApt: canApt() };
  const chosen =
    command === "start"
      ? chooseJupyter(options.want ?? "lab", tools)
      : command === "class"
        ? chooseHubJupyter(tools)
        : { python: ensureJupyter(modules) };
  const { python } = chosen;
  if (command !== "bench") ensureKernel(python);
  if (command === "test") ensureChromium();
  const settings = { python, jupyterPath: join(jupyterDir, "share", "jupyter") };
  if (command === "start" || command === "class") return { ...settings, ...chosen };
  if (command === "test") {
    // the Python the tests run Jupyter with (the others use what setup() returns)
    mkdirSync(jupyterDir, { recursive: true });
    writeFileSync(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
  }
  return settings;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv[2] === "debian-packages") console.log(Object.values(DEBIAN_PACKAGES).flat().join("\n"));
    else setup(process.argv[2] ?? "test");
  } catch (error) {
    console.error(`[setup] ${error.message}`);
    process.exit(1);
  }
}
