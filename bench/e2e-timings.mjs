// How long the end-to-end work takes here: each notebook in a fresh kernel (the kernel's start,
// the first run, a second run in the same kernel), and a site rebuild with nothing changed. The
// tests check what these do, never how long they take; this prints it. `npm run bench` runs it last.
// usage: node bench/e2e-timings.mjs
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jupyterEnv, root, setup } from "../scripts/setup.mjs";

const { python } = setup("build");
const temp = mkdtempSync(join(tmpdir(), "perceptron-timings-"));
const seconds = (value) => `${value.toFixed(2)} s`.padStart(9);
try {
  console.log("notebook                 kernel start   first run  second run   (the same kernel)");
  const notebooks = readdirSync(join(root, "notebooks")).filter((f) => /^\d\d-.*\.ipynb$/.test(f));
  for (const file of notebooks.sort()) {
    const args = [join(root, "scripts", "run-notebook.py"), join(root, "notebooks", file), "--again", join(temp, file)];
    const run = spawnSync(python, args, { env: jupyterEnv(), encoding: "utf8" });
    const result = JSON.parse(run.stdout.trim().split("\n").pop() || "{}");
    if (!result.ok) throw new Error(`${file}: ${result.message ?? result.error ?? run.stderr}`);
    const { start, runs } = result.seconds;
    console.log(
      `${file.replace(/\.ipynb$/, "").padEnd(24)} ${seconds(start)}   ${seconds(runs[0])}   ${seconds(runs[1])}`,
    );
  }

  // the site: a first build into a temporary folder (from the cache when npm run build ran), then a second
  const build = () => {
    const started = performance.now();
    const run = spawnSync(process.execPath, [join(root, "scripts", "build-site.mjs"), "--out", join(temp, "site")], {
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`the site build failed:\n${run.stdout}\n${run.stderr}`);
    return (performance.now() - started) / 1000;
  };
  const first = build();
  console.log(`\nsite build: ${seconds(first).trim()}; again, with nothing changed: ${seconds(build()).trim()}`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
