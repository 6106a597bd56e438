#!/usr/bin/env node
// npm run kernel: registers the project's TypeScript kernel (tslab, started by this checkout's
// node_modules/.bin/tslab) where Jupyter front ends started elsewhere find it: VS Code, a JupyterLab
// of your own. npm start and the tests need none of this: they use the copy inside .jupyter/.
//
// usage: npm run kernel [-- --user | --sys-prefix | --prefix DIR] [-- --remove]
//   --user        your Jupyter data folder (e.g. ~/.local/share/jupyter/kernels; the default)
//   --sys-prefix  the Python environment of the project's Jupyter (a conda env, a virtualenv)
//   --prefix DIR  DIR/share/jupyter/kernels
//   --remove      removes what this command registered there (tslab's `tslab` and `jslab` kernels)
// Prints how to undo what it did. The kernel runs this checkout: move or delete it, and run --remove.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { installKernel, isProjectKernel, KERNEL_NAMES as NAMES, setup } from "./setup.mjs";

const say = (message) => console.log(`[kernel] ${message}`);

/** The kernels folder for the chosen place, as the Python that installs there sees it. */
function kernelsDir(python, where) {
  if (where.prefix) return join(resolve(where.prefix), "share", "jupyter", "kernels");
  const code = where["sys-prefix"]
    ? "import sys; print(sys.prefix + '/share/jupyter')"
    : "from jupyter_core.paths import jupyter_data_dir; print(jupyter_data_dir())";
  const result = spawnSync(python, ["-c", code], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${python} could not tell where Jupyter's files go: ${result.stderr}`);
  return join(result.stdout.trim(), "kernels");
}

function main() {
  const { values: where } = parseArgs({
    options: {
      user: { type: "boolean" },
      "sys-prefix": { type: "boolean" },
      prefix: { type: "string" },
      remove: { type: "boolean" },
    },
  });
  const places = ["user", "sys-prefix", "prefix"].filter((place) => where[place] !== undefined);
  if (places.length > 1) throw new Error(`choose one of --user, --sys-prefix, --prefix DIR (got ${places.join(", ")})`);
  const flag = where.prefix ? `--prefix=${resolve(where.prefix)}` : `--${places[0] ?? "user"}`;
  const { python } = setup("kernel");
  const dir = kernelsDir(python, where);
  const undo = `npm run kernel -- ${flag.replace(/^--prefix=/, "--prefix ")} --remove`;
  if (where.remove) {
    for (const name of NAMES) {
      if (isProjectKernel(dir, name)) {
        rmSync(join(dir, name), { recursive: true, force: true });
        say(`removed ${join(dir, name)}`);
      } else say(`${join(dir, name)}: no kernel of this project's there, nothing removed`);
    }
    return;
  }
  installKernel(python, flag, dir);
  say(`registered the "TypeScript" kernel (tslab) in ${join(dir, "tslab")}, and tslab's "JavaScript" (jslab)`);
  const finds = where.prefix
    ? `a Jupyter whose JUPYTER_PATH includes ${join(resolve(where.prefix), "share", "jupyter")}`
    : where["sys-prefix"]
      ? `a Jupyter run by ${python}`
      : "VS Code, and a JupyterLab or Notebook you start anywhere,";
  say(`${finds} lists it now; it runs this checkout's node_modules/.bin/tslab`);
  if (!where.prefix && !where["sys-prefix"])
    say(
      'in VS Code: open a notebook, "Select Kernel" → "Jupyter Kernel..." → "TypeScript" (reload the window if missing)',
    );
  say(`to undo it: ${undo}`);
  say(`  (or delete the folders ${NAMES.map((name) => join(dir, name)).join(" and ")})`);
}

try {
  main();
} catch (error) {
  console.error(`[kernel] ${error.message}`);
  process.exit(1);
}
