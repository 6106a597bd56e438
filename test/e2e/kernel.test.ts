// npm run kernel -- --user: registers the project's tslab kernel in the user's Jupyter data folder,
// where VS Code and a JupyterLab started elsewhere find it, says how to undo it, and undoes it.
// HOME and JUPYTER_DATA_DIR point into a temporary folder: the real ~ is never touched.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readSetup } from "../../scripts/setup.mjs";
import { ROOT } from "./helpers/notebooks";

const home = mkdtempSync(join(tmpdir(), "perceptron-kernel-"));
const dataDir = join(home, "jupyter-data");
const { python } = readSetup();
// the user's own environment, minus the project's kernels: only what the command registers is seen
const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, JUPYTER_DATA_DIR: dataDir, PERCEPTRON_PYTHON: python };
delete env.JUPYTER_PATH;
delete env.FORCE_COLOR;

const npmRunKernel = (...args: string[]) =>
  spawnSync("npm", ["run", "--silent", "kernel", "--", ...args], { cwd: ROOT, env, encoding: "utf8" });
/** `jupyter kernelspec list`, as any front end would see it ({name: folder}); Debian has no jupyter-kernelspec script. */
const kernelspecs = (): Record<string, string> => {
  const result = spawnSync(python, ["-m", "jupyter_client.kernelspecapp", "list", "--json"], { env, encoding: "utf8" });
  assert.is(result.status, 0, `kernelspec list:\n${result.stderr}`);
  const specs: Record<string, { resource_dir: string }> = JSON.parse(result.stdout).kernelspecs;
  return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.resource_dir]));
};

test.after(() => rmSync(home, { recursive: true, force: true }));

test("npm run kernel -- --user registers tslab in the user's Jupyter folder, running the project's tslab", () => {
  const run = npmRunKernel("--user");
  assert.is(run.status, 0, `npm run kernel -- --user:\n${run.stdout}\n${run.stderr}`);
  const tslab = join(dataDir, "kernels", "tslab");
  assert.is(kernelspecs().tslab, tslab, "jupyter kernelspec list finds tslab in the temporary data folder");
  const spec = JSON.parse(readFileSync(join(tslab, "kernel.json"), "utf8"));
  assert.is(spec.argv[0], join(ROOT, "node_modules", ".bin", "tslab"), "the kernel runs the project's tslab");
  const preload = join(ROOT, "scripts", "kernel-preload.cjs");
  assert.is(spec.env?.NODE_OPTIONS, `--require ${JSON.stringify(preload)}`, "with Node's types only");
  assert.ok(run.stdout.includes("to undo it: npm run kernel -- --user --remove"), `how to undo it:\n${run.stdout}`);
});

test("npm run kernel -- --user --remove undoes it", () => {
  const run = npmRunKernel("--user", "--remove");
  assert.is(run.status, 0, `npm run kernel -- --user --remove:\n${run.stdout}\n${run.stderr}`);
  const specs = kernelspecs();
  assert.not.ok("tslab" in specs || "jslab" in specs, `kernels left: ${JSON.stringify(specs)}`);
  assert.not.ok(existsSync(join(dataDir, "kernels", "tslab")), "the folder is gone");
});

test("the kernel's preload: a cell sees Node's types, and no other package's globals from node_modules/@types", () => {
  // tslab's own compiler, in the notebooks' folder, as the kernel runs it
  const code = `
    const { createConverter } = require("tslab/dist/converter");
    const converter = createConverter();
    const errors = (src) => converter.convert("", src).diagnostics.map((d) => d.messageText);
    console.log(JSON.stringify({
      node: errors("const v: string = process.version;\\nconst b = Buffer.from('a');"),
      jquery: errors("const j = $('body');"),
      lodash: errors("const l = _.chunk([1, 2], 1);"),
    }));
    converter.close();`;
  const run = (options: string[]) => {
    const result = spawnSync(process.execPath, [...options, "-e", code], {
      cwd: join(ROOT, "notebooks"),
      encoding: "utf8",
    });
    assert.is(result.status, 0, result.stderr);
    return JSON.parse(result.stdout);
  };
  const preloaded = run(["--require", join(ROOT, "scripts", "kernel-preload.cjs")]);
  assert.equal(preloaded.node, [], "process and Buffer are typed");
  assert.match(String(preloaded.jquery), /Cannot find name '\$'/);
  assert.match(String(preloaded.lodash), /Cannot find name '_'|refers to a UMD global/);
});

test("two places at once is refused, with the choices", () => {
  const run = npmRunKernel("--user", "--sys-prefix");
  assert.is(run.status, 1);
  assert.match(run.stderr, /choose one of --user, --sys-prefix, --prefix DIR/);
});

test.run();
