// deploy/: what a school runs the tutorial with on JupyterHub (Zero to JupyterHub, on Kubernetes),
// checked as far as a machine without Docker or Kubernetes can. The image's definition is the
// root's environment.yml and postBuild (repo2docker builds them; deploy/image/README.md says why
// the root); the chart's settings are deploy/config.yaml; deploy/image/first-start.sh, which puts
// the notebooks in each learner's home, is run here against a temporary home.
import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";

const root = join(__dirname, "..");
const read = (path: string) => readFileSync(join(root, path), "utf8");
const packageJson = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
const config = parse(read("deploy/config.yaml"));
const deployReadme = read("deploy/README.md");
const imageReadme = read("deploy/image/README.md");
const posix = process.platform !== "win32";

/** The value at `path` ("singleuser.image.name") in a parsed YAML document, or undefined. */
function at(document: unknown, path: string): unknown {
  let value = document;
  for (const key of path.split(".")) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

/** A conda dependency ("nodejs>=20", "python=3.12", "numpy") as its name and its lowest major version. */
function condaSpec(line: string): { name: string; major?: number } {
  const match = /^([A-Za-z0-9_.-]+)\s*(?:(>=|==|=|\s)\s*(\d+))?/.exec(line.trim());
  if (!match) throw new Error(`environment.yml: cannot read the dependency ${JSON.stringify(line)}`);
  return { name: match[1], major: match[3] === undefined ? undefined : Number(match[3]) };
}

/** KubeSpawner's byte sizes ("512M", "1G": K, M, G, T are powers of 1024) in bytes. */
function bytes(value: unknown): number {
  const match = /^(\d+(?:\.\d+)?)([KMGT]?)$/.exec(String(value));
  if (!match) throw new Error(`expected a size such as 512M or 1G (KubeSpawner's suffixes K, M, G, T), got ${value}`);
  return Number(match[1]) * 1024 ** " KMGT".indexOf(match[2] || " ");
}

/** The path given to `--target-repo-dir` in a README's repo2docker command. */
function targetRepoDir(readme: string, name: string): string {
  const match = /--target-repo-dir\s+(\S+)/.exec(readme);
  if (!match) throw new Error(`${name}: its repo2docker command has no --target-repo-dir`);
  return match[1];
}

test("environment.yml asks for Python, Node.js 20 or later, JupyterLab 4 or later, and plotly", () => {
  const environment = parse(read("environment.yml")) as { channels: string[]; dependencies: unknown[] };
  assert.ok(environment.channels.includes("conda-forge"), "conda-forge is a channel");
  const specs = new Map(
    environment.dependencies
      .filter((d): d is string => typeof d === "string")
      .map((d) => {
        const spec = condaSpec(d);
        return [spec.name, spec] as const;
      }),
  );
  assert.ok(specs.has("python"), "python is listed");
  assert.ok((specs.get("nodejs")?.major ?? 0) >= 20, `nodejs ≥ 20, got ${JSON.stringify(specs.get("nodejs"))}`);
  assert.ok(
    (specs.get("jupyterlab")?.major ?? 0) >= 4,
    `jupyterlab ≥ 4, got ${JSON.stringify(specs.get("jupyterlab"))}`,
  );
  assert.ok(specs.has("plotly"), "plotly is listed (JupyterLab's renderer for the charts)");
});

test("postBuild is an executable bash script that stops at the first error", () => {
  if (posix) assert.ok((statSync(join(root, "postBuild")).mode & 0o111) !== 0, "postBuild is executable");
  const lines = read("postBuild").split("\n");
  assert.is(lines[0], "#!/usr/bin/env bash");
  const commands = lines.filter((line) => line.trim() && !line.trim().startsWith("#"));
  assert.is(commands[0], "set -euo pipefail", "set -euo pipefail comes before any command");
});

test("postBuild installs with npm ci, then registers the kernel with --sys-prefix", () => {
  const commands = read("postBuild")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const install = commands.findIndex((line) => /^npm ci(\s|$)/.test(line));
  const kernel = commands.findIndex((line) => /^node scripts\/kernel\.mjs\b.*\s--sys-prefix(\s|$)/.test(line));
  assert.ok(install >= 0, "postBuild runs npm ci");
  assert.ok(kernel > install, "postBuild runs node scripts/kernel.mjs --sys-prefix, after npm ci");
  // npm ci compiles the module through `prepare`, and kernel.mjs knows --sys-prefix
  assert.match(packageJson.scripts.prepare, /npm run compile/);
  assert.match(packageJson.scripts.compile, /tsc -p/);
  assert.match(read("scripts/kernel.mjs"), /"sys-prefix": \{ type: "boolean" \}/);
});

test("every command postBuild runs is npm's own, a package.json script, or a file in scripts/", () => {
  const lines = read("postBuild").split("\n");
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith("set ")) return;
    const where = `postBuild line ${index + 1} (${JSON.stringify(line)})`;
    const [command, first, second] = line.split(/\s+/);
    if (command === "npm" && first === "run") {
      assert.ok(second in packageJson.scripts, `${where}: package.json has no script "${second}"`);
    } else if (command === "npm") {
      assert.ok(["ci", "cache"].includes(first), `${where}: npm ${first} is not npm ci or npm cache`);
    } else if (command === "node") {
      assert.match(first, /^scripts\//, `${where}: node runs a file outside scripts/`);
      assert.ok(existsSync(join(root, first)), `${where}: ${first} does not exist`);
    } else {
      assert.unreachable(`${where}: neither npm ci, a package.json script, nor node scripts/…`);
    }
  });
});

test("config.yaml names the image, opens JupyterLab, and sizes each learner's server", () => {
  assert.type(at(config, "singleuser.image.name"), "string");
  assert.ok(String(at(config, "singleuser.image.name")).length > 0, "singleuser.image.name is set");
  // a tag such as 4b10229 or 2026.12 must stay a string: YAML would read an unquoted one as a number
  assert.type(at(config, "singleuser.image.tag"), "string");
  assert.is(at(config, "singleuser.defaultUrl"), "/lab");
  const memory = {
    guarantee: bytes(at(config, "singleuser.memory.guarantee")),
    limit: bytes(at(config, "singleuser.memory.limit")),
  };
  assert.ok(
    memory.guarantee > 0 && memory.guarantee <= memory.limit,
    `memory: guarantee ≤ limit, got ${JSON.stringify(memory)}`,
  );
  const cpu = { guarantee: at(config, "singleuser.cpu.guarantee"), limit: at(config, "singleuser.cpu.limit") };
  assert.type(cpu.guarantee, "number");
  assert.type(cpu.limit, "number");
  assert.ok(
    (cpu.guarantee as number) > 0 && (cpu.guarantee as number) <= (cpu.limit as number),
    "cpu: 0 < guarantee ≤ limit",
  );
  assert.match(read("deploy/config.yaml"), /npm run bench:class/, "the sizes say they come from the load test");
});

test("config.yaml's login is a shared password JupyterHub accepts, with the real ones in comments", () => {
  const hub = at(config, "hub.config") as Record<string, Record<string, unknown>>;
  assert.is(hub.JupyterHub.authenticator_class, "shared-password");
  const shared = hub.SharedPasswordAuthenticator;
  // JupyterHub 5.3's SharedPasswordAuthenticator refuses shorter ones, and the two being equal
  assert.ok(String(shared.user_password).length >= 8, "user_password has 8 characters or more");
  assert.ok(String(shared.admin_password).length >= 32, "admin_password has 32 characters or more");
  assert.is.not(shared.user_password, shared.admin_password);
  assert.ok(shared.allow_all === true || (shared.allowed_users as unknown[])?.length > 0, "someone may log in");
  assert.ok((hub.Authenticator.admin_users as unknown[]).length > 0, "the admin password has admin users");
  const text = read("deploy/config.yaml");
  for (const example of [
    /#\s+authenticator_class: github/,
    /#\s+GitHubOAuthenticator:/,
    /#\s+authenticator_class: google/,
    /#\s+GoogleOAuthenticator:/,
    /#\s+authenticator_class: ltiauthenticator\.lti13\.auth\.LTI13Authenticator/,
  ])
    assert.match(text, example);
});

test("config.yaml culls idle servers, keeps a disk per learner, and pre-pulls the image", () => {
  assert.is(at(config, "cull.enabled"), true);
  const timeout = at(config, "cull.timeout");
  assert.ok(Number.isInteger(timeout) && (timeout as number) > 0, `cull.timeout in seconds, got ${timeout}`);
  assert.is(at(config, "singleuser.storage.type"), "dynamic");
  assert.match(String(at(config, "singleuser.storage.capacity")), /^\d+(Mi|Gi|Ti)$/);
  const home = at(config, "singleuser.storage.homeMountPath");
  assert.is(home, "/home/jovyan");
  // the server starts in the learner's disk, not in the image's working folder (the project)
  assert.is(at(config, "hub.config.KubeSpawner.working_dir"), home);
  assert.is(at(config, "prePuller.hook.enabled"), true);
  assert.is(at(config, "prePuller.continuous.enabled"), true);
});

test("config.yaml's postStart hook runs first-start.sh where the READMEs' repo2docker command puts the project", () => {
  const command = at(config, "singleuser.lifecycleHooks.postStart.exec.command") as string[];
  assert.ok(Array.isArray(command), "postStart.exec.command is a list");
  const script = command.find((part) => part.endsWith("/deploy/image/first-start.sh"));
  assert.ok(script, `the hook runs deploy/image/first-start.sh, got ${JSON.stringify(command)}`);
  assert.ok(existsSync(join(root, "deploy", "image", "first-start.sh")));
  const target = targetRepoDir(deployReadme, "deploy/README.md");
  assert.is(targetRepoDir(imageReadme, "deploy/image/README.md"), target);
  assert.is(script, `${target}/deploy/image/first-start.sh`);
  // the image's user is the one whose home the chart mounts the learner's disk on
  for (const readme of [deployReadme, imageReadme]) assert.match(readme, /--user-id 1000 --user-name jovyan/);
});

test("deploy/README.md installs the chart version config.yaml was written for, and has a Sizing section", () => {
  const version = (text: string) => /--version=(\S+)/.exec(text)?.[1];
  assert.ok(version(deployReadme), "the helm command pins --version");
  assert.is(version(read("deploy/config.yaml")), version(deployReadme));
  assert.match(deployReadme, /helm upgrade --cleanup-on-fail \\\s+--install jhub jupyterhub\/jupyterhub/);
  assert.match(deployReadme, /--values deploy\/config\.yaml/);
  assert.match(deployReadme, /^## Sizing$/m);
});

test("first-start.sh copies the notebooks into a learner's home, never over their edits, and links the project", () => {
  if (!posix) return; // a POSIX shell script, run in the learners' Linux containers
  const home = mkdtempSync(join(tmpdir(), "perceptron-home-"));
  const copy = join(home, "perceptron-notebooks");
  try {
    const start = () => {
      const result = spawnSync("sh", [join(root, "deploy", "image", "first-start.sh")], {
        env: { ...process.env, HOME: home },
        encoding: "utf8",
      });
      assert.is(result.status, 0, result.stderr);
      return readFileSync(join(copy, ".first-start.log"), "utf8");
    };
    const notebooks = (readdirSync(join(root, "notebooks"), { recursive: true }) as string[]).filter(
      (file) => !file.includes(".ipynb_checkpoints") && statSync(join(root, "notebooks", file)).isFile(),
    );
    assert.ok(notebooks.some((file) => file.endsWith(".ipynb")));

    const first = start();
    assert.match(first, `notebooks copied: ${notebooks.length}, kept as the learner had them: 0, problems: 0`);
    for (const file of notebooks)
      assert.is(readFileSync(join(copy, "notebooks", file), "utf8"), read(join("notebooks", file)), file);
    for (const name of ["package.json", "dist", "node_modules"]) {
      assert.ok(lstatSync(join(copy, name)).isSymbolicLink(), `${name} is a link`);
      assert.is(readlinkSync(join(copy, name)), join(root, name));
    }
    // as a notebook's `from ".."` and `from "tslab"` resolve, from the copied folder
    const fromNotebooks = createRequire(join(copy, "notebooks", "notebook.js"));
    assert.is(realpathSync(fromNotebooks.resolve("../package.json")), realpathSync(join(root, "package.json")));
    assert.is(
      realpathSync(fromNotebooks.resolve("tslab/package.json")),
      realpathSync(join(root, "node_modules", "tslab", "package.json")),
    );

    // the learner edits one notebook and deletes another; a folder of theirs is named dist
    const [edited, deleted] = notebooks.filter((file) => file.endsWith(".ipynb"));
    appendFileSync(join(copy, "notebooks", edited), "\n");
    const mine = readFileSync(join(copy, "notebooks", edited), "utf8");
    unlinkSync(join(copy, "notebooks", deleted));
    unlinkSync(join(copy, "dist"));
    mkdirSync(join(copy, "dist"));
    writeFileSync(join(copy, "dist", "mine.txt"), "mine");

    const second = start();
    assert.match(second, `notebooks copied: 1, kept as the learner had them: ${notebooks.length - 1}, problems: 1`);
    assert.match(second, "dist is not a link, left as it is");
    assert.is(readFileSync(join(copy, "notebooks", edited), "utf8"), mine, "the learner's edit is kept");
    assert.is(readFileSync(join(copy, "notebooks", deleted), "utf8"), read(join("notebooks", deleted)));
    assert.is(readFileSync(join(copy, "dist", "mine.txt"), "utf8"), "mine");
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test.run();
