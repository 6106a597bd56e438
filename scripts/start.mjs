#!/usr/bin/env node
// npm start: sets up what is missing, then opens notebooks/ in JupyterLab, or in the classic
// Notebook where JupyterLab is missing. On a headless machine it prints the URL instead of opening it.
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { jupyterEnv, root, setup } from "./setup.mjs";

let python;
try {
  ({ python } = setup("start"));
} catch (error) {
  console.error(`[start] ${error.message}`);
  process.exit(1);
}
const hasLab = spawnSync(python, ["-c", "import jupyterlab"], { stdio: "ignore" }).status === 0;
const headless = process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const args = [
  "-m",
  ...(hasLab ? ["jupyterlab"] : ["notebook"]),
  `--notebook-dir=${join(root, "notebooks")}`,
  ...(headless ? ["--no-browser"] : []),
  ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
  ...process.argv.slice(2),
];
console.log(
  `[start] opening notebooks/ in ${hasLab ? "JupyterLab" : "the classic Notebook (JupyterLab is not installed)"}` +
    (headless ? "; no display here: open the URL printed below (with its token) in a browser" : ""),
);
const server = spawn(python, args, { stdio: "inherit", env: jupyterEnv(), cwd: root });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
