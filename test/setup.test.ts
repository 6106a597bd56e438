// Set-up's decisions, on every path a learner starts from, with stub Pythons: small shell scripts
// that import exactly the modules they are given (scripts/jupyter.mjs asks `python -c "import a, b"`).
// Also: Windows' .cmd shims, where Chromium is found, and Biome's ignored folders.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { findChromium } from "../scripts/chromium.mjs";
import {
  chooseHubJupyter,
  chooseJupyter,
  DEBIAN,
  decide,
  hubAdvice,
  imports,
  installAdvice,
  makeCondaEnv,
  pythons,
} from "../scripts/jupyter.mjs";
import { condaPython, shim, shimOptions } from "../scripts/platform.mjs";
import { DEBIAN_PACKAGES } from "../scripts/setup.mjs";

const dir = mkdtempSync(join(tmpdir(), "perceptron-setup-"));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** A stub Python at `path` that imports `modules` and nothing else. */
function stubPython(path: string, modules: string[]): string {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(
    path,
    "#!/bin/sh\n" +
      `# a stub Python with: ${modules.join(" ")}\n` +
      '[ "$1" = "-c" ] || exit 2\n' +
      "for m in $(printf '%s' \"$2\" | sed -e 's/^import //' -e 's/,/ /g'); do\n" +
      `  case " ${modules.join(" ")} " in *" $m "*) ;; *) exit 1 ;; esac\n` +
      "done\n",
  );
  chmodSync(path, 0o755);
  return path;
}

const LAB = stubPython(join(dir, "lab", "python"), ["jupyterlab", "jupyter_client", "jupyter_server"]);
// Debian 12: jupyter_server 1.23 and jupyterlab_server 2.16, the classic Notebook, no JupyterLab
const DEBIAN_PYTHON = stubPython(join(dir, "debian", "python3"), [
  "jupyter_server",
  "jupyterlab_server",
  "jupyter_client",
  "notebook",
]);
const CLASSIC = stubPython(join(dir, "classic", "python"), ["notebook", "jupyter_client"]);
const NOTHING = stubPython(join(dir, "nothing", "python"), []);
const probe = (pythons: string[], more: { conda?: string; canApt?: boolean } = {}) => ({
  pythons,
  has: imports,
  conda: more.conda,
  canApt: more.canApt ?? false,
});

test("the stub Pythons import what they are given, and nothing else", () => {
  assert.ok(imports(LAB, ["jupyterlab", "jupyter_client"]));
  assert.not.ok(imports(LAB, ["jupyterlab", "notebook"]));
  assert.not.ok(imports(NOTHING, ["jupyter_client"]));
  assert.not.ok(imports(join(dir, "no-such-python"), ["sys"]));
});

test("JupyterLab only: npm start opens JupyterLab with it, the first Python that has it", () => {
  assert.equal(decide("lab", probe([NOTHING, LAB])), { step: "open", ui: "lab", python: LAB });
  assert.equal(decide("lab", probe([LAB, DEBIAN_PYTHON])), { step: "open", ui: "lab", python: LAB });
});

test("Debian's servers without JupyterLab: JupyterLab's front end built from npm, on that Python", () => {
  assert.equal(decide("lab", probe([NOTHING, DEBIAN_PYTHON], { conda: "mamba", canApt: true })), {
    step: "open",
    ui: "built-lab",
    python: DEBIAN_PYTHON,
  });
  // a Python's own JupyterLab comes first, wherever it is in the list
  assert.equal(decide("lab", probe([DEBIAN_PYTHON, LAB])).step, "open");
  assert.equal((decide("lab", probe([DEBIAN_PYTHON, LAB])) as { ui: string }).ui, "lab");
});

test("the classic Notebook only: it opens, with a note on how to have JupyterLab; --classic asks for it", () => {
  const step = decide("lab", probe([CLASSIC]));
  assert.equal(step.step === "open" && [step.ui, step.python], ["classic", CLASSIC]);
  assert.match(step.step === "open" ? String(step.note) : "", /JupyterLab is not installed.*pip install jupyterlab/);
  assert.equal(decide("classic", probe([LAB, CLASSIC])), { step: "open", ui: "classic", python: CLASSIC });
  // --classic with none: Debian's Notebook as root, else the advice (never conda: its environment has none)
  assert.equal(decide("classic", probe([LAB], { conda: "conda", canApt: true })), {
    step: "apt",
    packages: DEBIAN.classic,
  });
  const none = decide("classic", probe([LAB], { conda: "conda" }));
  assert.equal(none.step, "fail");
  assert.match(none.step === "fail" ? none.message : "", /pip install nbclassic/);
});

test("neither, with conda: the project's environment, made once, then its JupyterLab", () => {
  const root = mkdtempSync(join(dir, "conda-"));
  writeFileSync(join(root, "environment.yml"), "name: test\n");
  const conda = condaPython(join(root, ".conda"));
  const ran: string[][] = [];
  const run = (command: string, args: string[]) => {
    ran.push([command, ...args]);
    stubPython(conda, ["jupyterlab", "jupyter_client"]); // what environment.yml brings
  };
  assert.equal(decide("lab", probe([conda, NOTHING], { conda: "mamba", canApt: true })), {
    step: "conda",
    tool: "mamba",
  });
  const tools = { root, run, aptInstall: () => assert.unreachable("apt"), canApt: true };
  const chosen = chooseJupyter("lab", { ...tools, probe: probe([conda, NOTHING], { conda: "mamba" }) });
  assert.equal(chosen, { step: "open", ui: "lab", python: conda });
  assert.equal(ran, [
    ["mamba", "env", "create", "--yes", "--prefix", join(root, ".conda"), "--file", join(root, "environment.yml")],
  ]);
  // a retry finds .conda/ and makes nothing again, even where it lacks something
  assert.is(makeCondaEnv("mamba", root, run), false);
  chooseJupyter("lab", { ...tools, probe: probe([conda], { conda: "mamba" }) });
  assert.is(ran.length, 1, "conda ran once");
});

test("neither, as root on Debian: Debian's jupyter_server and jupyterlab_server, then the npm-built JupyterLab", () => {
  assert.equal(decide("lab", probe([NOTHING], { canApt: true })), { step: "apt", packages: DEBIAN.lab });
  assert.ok(DEBIAN.lab.includes("python3-jupyter-server") && DEBIAN.lab.includes("python3-jupyterlab-server"));
  const installed: string[][] = [];
  const python = join(dir, "apt", "python3");
  const chosen = chooseJupyter("lab", {
    root: dir,
    run: () => assert.unreachable("conda"),
    aptInstall: (packages) => {
      installed.push(packages);
      stubPython(python, ["jupyter_server", "jupyterlab_server", "jupyter_client"]);
    },
    canApt: true,
    probe: probe([python], { canApt: true }),
  });
  assert.equal(chosen, { step: "open", ui: "built-lab", python });
  assert.equal(installed, [DEBIAN.lab]);
});

test("neither and nothing: the message names what to install on macOS, Ubuntu, Windows and Debian", () => {
  const step = decide("lab", probe([NOTHING]));
  assert.equal(step, { step: "fail", message: installAdvice("lab") });
  const message = installAdvice("lab");
  for (const line of [
    /macOS: brew install jupyterlab/,
    /Ubuntu: python3 -m venv .*\/bin\/pip install jupyterlab/,
    /Windows: Miniforge/,
    /Debian: sudo apt-get install python3-jupyter-server python3-jupyterlab-server/,
    /PERCEPTRON_PYTHON/,
  ])
    assert.match(message, line);
  // apt was tried and did not help: the advice, not a second try
  assert.throws(
    () =>
      chooseJupyter("lab", {
        root: dir,
        run: () => undefined,
        aptInstall: () => undefined,
        canApt: true,
        probe: probe([NOTHING], { canApt: true }),
      }),
    /No Python with JupyterLab was found/,
  );
});

test("npm run class: JupyterHub beside JupyterLab's servers; Debian's jupyterhub as root; else the advice", () => {
  const tools = { root: dir, run: () => assert.unreachable("conda"), aptInstall: () => assert.unreachable("apt") };
  const HUB = stubPython(join(dir, "hub", "python3"), [
    "jupyter_server",
    "jupyterlab_server",
    "jupyter_client",
    "jupyterhub",
  ]);
  // the first Python with JupyterHub and JupyterLab's servers, past one without JupyterHub (never conda's)
  assert.equal(
    chooseHubJupyter({ ...tools, canApt: false, probe: { pythons: [DEBIAN_PYTHON, LAB, HUB], conda: "mamba" } }),
    { step: "open", ui: "built-lab", python: HUB },
  );
  // none, as root on Debian: Debian's jupyterhub with JupyterLab's servers, once
  const python = join(dir, "hub-apt", "python3");
  const installed: string[][] = [];
  const chosen = chooseHubJupyter({
    ...tools,
    canApt: true,
    aptInstall: (packages) => {
      installed.push(packages);
      stubPython(python, ["jupyter_server", "jupyterlab_server", "jupyter_client", "jupyterhub"]);
    },
    probe: { pythons: [DEBIAN_PYTHON, python], canApt: true },
  });
  assert.equal(chosen, { step: "open", ui: "built-lab", python });
  assert.equal(installed, [[...DEBIAN.lab, ...DEBIAN.hub]]);
  // none, not root: the advice, for Debian and for pip
  assert.throws(
    () => chooseHubJupyter({ ...tools, canApt: false, probe: { pythons: [DEBIAN_PYTHON, LAB, CLASSIC] } }),
    (error: Error) => error.message === hubAdvice(),
  );
  assert.match(hubAdvice(), /sudo apt-get install jupyterhub python3-jupyter-server python3-jupyterlab-server/);
  assert.match(hubAdvice(), /pip install jupyterhub jupyterlab/);
  // CI installs it with the rest (node scripts/setup.mjs debian-packages)
  assert.equal(DEBIAN_PACKAGES.class, ["jupyterhub"]);
});

test("the Pythons tried: PERCEPTRON_PYTHON, the conda environment, then the platform's names", () => {
  assert.equal(pythons("/p", { env: { PERCEPTRON_PYTHON: "/my/python" }, platform: "linux" }), [
    "/my/python",
    "/p/.conda/bin/python",
    "python3",
    "/usr/bin/python3",
    "python",
  ]);
  assert.equal(pythons("/p", { env: {}, platform: "win32" }), [join("/p", ".conda", "python.exe"), "python", "py"]);
});

test("Windows spawns npm and node_modules/.bin's commands as .cmd shims, through its shell", () => {
  assert.is(shim("npm", "win32"), "npm.cmd");
  assert.is(shim(join("node_modules", ".bin", "tslab"), "win32"), join("node_modules", ".bin", "tslab.cmd"));
  assert.is(shim("npm.cmd", "win32"), "npm.cmd");
  assert.is(shim("npm", "linux"), "npm");
  assert.is(shim("npm", "darwin"), "npm");
  assert.equal(shimOptions("npm.cmd", "win32"), { shell: true });
  assert.equal(shimOptions("python.exe", "win32"), {});
  assert.equal(shimOptions("npm", "linux"), {});
});

test("Chromium: CHROME_PATH, Playwright's newest, /usr/bin/chromium, then PATH; else how to get one", () => {
  const files = new Set<string>();
  const lookup = (env: NodeJS.ProcessEnv, platform: NodeJS.Platform = "linux") =>
    findChromium({
      env,
      platform,
      home: "/home/u",
      exists: (path) => files.has(path),
      list: (folder) =>
        [...files].filter((f) => f.startsWith(`${folder}/`)).map((f) => f.slice(folder.length + 1).split("/")[0]),
    });
  assert.throws(() => lookup({ PATH: "/usr/bin" }), /npx playwright-core install chromium[\s\S]*CHROME_PATH/);
  files.add("/snap/bin/chromium-browser");
  assert.is(lookup({ PATH: "/usr/local/bin:/snap/bin" }), "/snap/bin/chromium-browser");
  files.add("/usr/bin/google-chrome");
  files.add("/usr/bin/chromium");
  assert.is(lookup({ PATH: "/usr/bin:/snap/bin" }), "/usr/bin/chromium");
  files.add("/home/u/.cache/ms-playwright/chromium-1100/chrome-linux/chrome");
  files.add("/home/u/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome");
  assert.is(lookup({ PATH: "/usr/bin" }), "/home/u/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome");
  files.add("/opt/chrome");
  assert.is(lookup({ CHROME_PATH: "/opt/chrome", PATH: "/usr/bin" }), "/opt/chrome");
  assert.throws(
    () => lookup({ CHROME_PATH: "/nowhere/chrome" }),
    /CHROME_PATH is \/nowhere\/chrome, and there is no such file/,
  );
  files.add(
    "/Users/u/Library/Caches/ms-playwright/chromium-1200/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing",
  );
  assert.match(
    findChromium({
      env: {},
      platform: "darwin",
      home: "/Users/u",
      exists: (path) => files.has(path),
      list: () => ["chromium-1200"],
    }),
    /chrome-mac-arm64\/Google Chrome for Testing\.app/,
  );
});

test("Biome checks none of .conda/, .cache/ or what .gitignore ignores", () => {
  const repo = mkdtempSync(join(dir, "biome-"));
  spawnSync("git", ["init", "-q"], { cwd: repo });
  const root = join(__dirname, "..");
  writeFileSync(join(repo, "biome.json"), readFileSync(join(root, "biome.json")));
  writeFileSync(join(repo, ".gitignore"), `${readFileSync(join(root, ".gitignore"), "utf8")}scratch/\n`);
  const bad = "var  unused = 1\n"; // unformatted, and a lint error
  for (const folder of [".conda/lib/python3.12", ".cache/jupyterlab/static", "scratch"]) {
    mkdirSync(join(repo, folder), { recursive: true });
    writeFileSync(join(repo, folder, "bad.js"), bad);
  }
  writeFileSync(join(repo, "good.js"), 'export const good = "yes";\n');
  const biome = join(root, "node_modules", ".bin", "biome");
  const clean = spawnSync(biome, ["ci", "."], { cwd: repo, encoding: "utf8" });
  assert.is(clean.status, 0, clean.stdout + clean.stderr);
  writeFileSync(join(repo, "bad.js"), bad); // the same file, not ignored: Biome does find it
  assert.is.not(spawnSync(biome, ["ci", "."], { cwd: repo }).status, 0);
});

test.run();
