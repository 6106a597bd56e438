#!/usr/bin/env node
// npm start: sets up what is missing, then opens notebooks/ in JupyterLab (scripts/jupyter.mjs says
// which: a Python's own JupyterLab, or JupyterLab's front end built from npm and served by Debian's
// jupyter_server). `npm start -- --classic` opens the classic Notebook instead. Other arguments after
// `--` reach the server (`npm start -- --port=9000`). On a machine with no display it prints the
// URL, with its token, instead of opening a browser.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { buildJupyterLab } from "./jupyterlab/build.mjs";
import { jupyterEnv, root, setup } from "./setup.mjs";

/** How each way of opening Jupyter starts, and what it is called. */
const UIS = {
  lab: { args: ["-m", "jupyterlab"], name: "JupyterLab" },
  "built-lab": {
    args: [join(root, "scripts", "jupyterlab", "main.py")],
    name: "JupyterLab (its front end built from npm, on this Python's jupyter_server)",
  },
  classic: { args: ["-m", "notebook"], name: "the classic Notebook" },
  nbclassic: { args: ["-m", "nbclassic"], name: "the classic Notebook (nbclassic)" },
};

const say = (message) => console.log(`[start] ${message}`);
const given = process.argv.slice(2);
const want = given.includes("--classic") ? "classic" : "lab";
const passed = given.filter((arg) => arg !== "--classic");

let chosen;
try {
  chosen = setup("start", { want });
  if (chosen.ui === "built-lab") await buildJupyterLab();
} catch (error) {
  console.error(`[start] ${error.message}`);
  process.exit(1);
}
const { python, ui, note } = chosen;
const headless = process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const args = [
  ...UIS[ui].args,
  // notebooks/, unless the arguments name another folder
  ...(passed.some((arg) => /^--(notebook-dir|ServerApp\.root_dir|NotebookApp\.notebook_dir)\b/.test(arg))
    ? []
    : [`--notebook-dir=${join(root, "notebooks")}`]),
  ...(headless ? ["--no-browser"] : []),
  ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
  ...passed,
];
say(
  `opening notebooks/ in ${UIS[ui].name}, with ${python}` +
    (headless ? "; no display here: open the URL printed below (with its token) in a browser" : ""),
);
if (note) say(note);
const server = spawn(python, args, { stdio: "inherit", env: jupyterEnv(), cwd: root });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
