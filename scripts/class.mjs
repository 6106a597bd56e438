#!/usr/bin/env node
// npm run class: JupyterHub on this machine, for a class. Each learner logs in with a name and the
// class password and gets a JupyterLab of their own (npm start's, with the TypeScript kernel) on
// their own copy of notebooks/, made at their first login. Everything lives in the class folder
// (class/, git-ignored): the hub's database and cookie secret, the password, learners.txt, and
// home/NAME/ for each learner. As root, each learner is a Unix user of their own (learner-NAME, whose
// files no other learner can read); otherwise every learner's server runs as you. docs/CLASS.md
// says what each means. The hub's settings: scripts/class/jupyterhub_config.py; a learner's folder
// and Unix user: scripts/class/learners.mjs; a learner's server: scripts/class/singleuser.py.
//
// usage: npm run class [-- --ip IP] [--port PORT] [--dir DIR] [--JupyterHub.option=value ...]
//          (127.0.0.1:8000 unless told; --ip 0.0.0.0 answers the room's network)
//        npm run class -- --reset NAME    NAME's notebooks back to the originals; theirs are kept
//                                          in class/home/NAME/saved/ (their server is stopped first)
//        npm run class -- --remove NAME   NAME's server, folder and Unix user gone (a course's end)
//        (--prepare NAME: what the hub runs before it starts a learner's server)
// The class password: PERCEPTRON_CLASS_PASSWORD, else class/password (made at the first start; delete
// it for a new one), printed at each start. Who may log in: any name of lower-case letters, digits
// and '-', or only the names listed in class/learners.txt (one a line), read at each login.
// Ctrl-C (or SIGTERM) stops the hub, the proxy and every learner's server and kernel.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { networkInterfaces } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  checkName,
  classPaths,
  endClassProcesses,
  NAME,
  prepareLearner,
  removeLearner,
  unixName,
} from "./class/learners.mjs";
import { buildJupyterLab } from "./jupyterlab/build.mjs";
import { jupyterEnv, root, setup, tslabBinary } from "./setup.mjs";

const asRoot = process.getuid?.() === 0;
const script = fileURLToPath(import.meta.url);
const say = (message) => console.log(`[class] ${message}`);

/** The running hub's API (hub.json and the teacher's token), or undefined when none runs for `dir`. */
function runningHub(dir) {
  const paths = classPaths(dir);
  try {
    const { api, pid } = JSON.parse(readFileSync(paths.running, "utf8"));
    process.kill(pid, 0);
    const token = readFileSync(paths.token, "utf8").trim();
    return (path, method = "GET") =>
      fetch(`${api}${path}`, { method, headers: { Authorization: `token ${token}` } }).catch(() => undefined);
  } catch {
    return undefined;
  }
}

/** Stops NAME's server through the running hub, if any; `forget` also deletes them from the hub. */
async function stopServer(dir, name, { forget = false } = {}) {
  const hub = runningHub(dir);
  if (!hub) return false;
  await hub(`/users/${name}/server`, "DELETE");
  for (let i = 0; i < 300; i++) {
    const response = await hub(`/users/${name}`);
    const user = response?.ok ? await response.json() : undefined;
    if (!user?.server && !user?.pending) break;
    await new Promise((done) => setTimeout(done, 100));
  }
  if (forget) await hub(`/users/${name}`, "DELETE");
  return true;
}

/** A password to say aloud in a room: three groups of four, no look-alike characters. */
function newPassword() {
  const letters = "abcdefghjkmnpqrstuvwxyz23456789";
  const group = () => Array.from({ length: 4 }, () => letters[randomInt(letters.length)]).join("");
  return `${group()}-${group()}-${group()}`;
}

/** A free TCP port on 127.0.0.1, or `port` on `ip` when it is free; throws when it is taken. */
function listenable(ip, port = 0) {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", (error) =>
      fail(error.code === "EADDRINUSE" ? new Error(`${ip}:${port} is taken: choose another with --port`) : error),
    );
    server.listen(port, ip, () => {
      const { port: free } = server.address();
      server.close(() => done(free));
    });
  });
}

/** As root: whether a Unix user other than root (nobody) can run the kernel and read what a learner's server reads. */
function checkReadableByLearners(python, ui) {
  const files = [
    python,
    tslabBinary,
    join(root, "scripts", "kernel-preload.cjs"),
    join(root, "node_modules", "tslab", "package.json"),
    join(root, "dist", "index.js"),
    join(root, ".jupyter", "share", "jupyter", "kernels", "tslab", "kernel.json"),
    join(root, "notebooks", "03-training-loop.ipynb"),
    join(root, "scripts", "class", "singleuser.py"),
    ...(ui === "built-lab" ? [join(root, ".cache", "jupyterlab", "templates", "index.html")] : []),
  ];
  const code = `const fs = require("node:fs"); for (const f of ${JSON.stringify(files)}) fs.accessSync(f, fs.constants.R_OK);`;
  const checked = spawnSync(process.execPath, ["-e", code], { uid: 65534, gid: 65534, encoding: "utf8" });
  if (checked.status !== 0)
    throw new Error(
      `a learner's Unix user cannot read the project (${/'([^']+)'/.exec(checked.stderr)?.[1] ?? checked.stderr.trim()}): ` +
        "every folder above it must be open to others (chmod o+rx), or clone it somewhere that is, e.g. /srv",
    );
}

/** The class: the hub, until Ctrl-C; everything it started ends with it. */
async function serve({ dir, ip, port, passed }) {
  if (process.platform === "win32") throw new Error("npm run class needs Linux or macOS (JupyterHub's local spawner)");
  const paths = classPaths(dir);
  if (runningHub(dir)) throw new Error(`a hub of ${dir} runs already (${paths.running}): stop it first`);
  const { python: found, ui } = setup("class");
  // its full path: a learner's server runs it with a PATH of its own
  const python = spawnSync(found, ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).stdout.trim();
  if (ui === "built-lab") await buildJupyterLab();
  const proxy = join(root, "node_modules", ".bin", "configurable-http-proxy");
  if (!existsSync(proxy)) throw new Error(`${proxy} is missing: npm install (it is one of the devDependencies)`);
  if (asRoot) checkReadableByLearners(python, ui);
  await listenable(ip, port);
  mkdirSync(paths.homes, { recursive: true, mode: 0o711 });
  chmodSync(dir, asRoot ? 0o711 : 0o700);
  if (!existsSync(paths.learners))
    writeFileSync(
      paths.learners,
      "# The names that may log in, one a line (lower-case letters, digits, '-').\n" +
        "# With none listed, any name may, with the class password. Read at each login.\n",
    );
  let password = process.env.PERCEPTRON_CLASS_PASSWORD;
  if (!password) {
    if (!existsSync(paths.password)) writeFileSync(paths.password, `${newPassword()}\n`, { mode: 0o600 });
    password = readFileSync(paths.password, "utf8").trim();
  }
  const token = randomBytes(32).toString("hex");
  writeFileSync(paths.token, `${token}\n`, { mode: 0o600 });
  const [hubPort, proxyApiPort] = [await listenable("127.0.0.1"), await listenable("127.0.0.1")];
  const url = `http://${ip.includes(":") ? `[${ip}]` : ip}:${port}/`;
  const env = {
    ...jupyterEnv(),
    PERCEPTRON_CLASS: dir, // every process of the class carries it (endClassProcesses)
    PERCEPTRON_CLASS_DIR: dir,
    PERCEPTRON_CLASS_URL: url,
    PERCEPTRON_CLASS_HUB_PORT: String(hubPort),
    PERCEPTRON_CLASS_PROXY: proxy,
    PERCEPTRON_CLASS_PROXY_API_PORT: String(proxyApiPort),
    PERCEPTRON_CLASS_PASSWORD: password,
    PERCEPTRON_CLASS_LEARNERS: paths.learners,
    PERCEPTRON_CLASS_NAME_PATTERN: NAME.source.replace(/^\^|\$$/g, ""),
    PERCEPTRON_CLASS_TEACHER_TOKEN: token,
    PERCEPTRON_CLASS_PYTHON: python,
    PERCEPTRON_CLASS_NODE: process.execPath,
    PERCEPTRON_CLASS_SCRIPT: script,
    // a learner's server and kernel: this node first (tslab's `#!/usr/bin/env node`), then the system's
    PERCEPTRON_CLASS_PATH: [dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(":"),
  };
  const args = ["-m", "jupyterhub", "-f", join(root, "scripts", "class", "jupyterhub_config.py"), ...passed];
  // its own process group: Ctrl-C reaches this script, which stops the hub once (the hub then its servers)
  const hub = spawn(python, args, { cwd: dir, env, stdio: ["ignore", "inherit", "inherit"], detached: true });
  writeFileSync(paths.running, JSON.stringify({ api: `http://127.0.0.1:${hubPort}/hub/api`, pid: hub.pid }));
  let stopping = false;
  let exitCode = 0;
  const finish = (code) => {
    const left = endClassProcesses(dir);
    if (left.length) say(`ended ${left.length} process(es) the hub left: ${left.join(" ")}`);
    rmSync(paths.running, { force: true });
    rmSync(paths.token, { force: true });
    process.exit(code);
  };
  const stop = (code = 0) => {
    if (stopping) return finish(130); // a second Ctrl-C: end everything now
    stopping = true;
    exitCode = code;
    say("stopping: the hub stops every learner's server, then itself (Ctrl-C again to end them now)");
    hub.kill("SIGTERM");
    setTimeout(() => hub.kill("SIGKILL"), 60_000).unref();
  };
  hub.on("exit", (code, signal) => {
    if (!stopping) say(`the hub stopped by itself (${signal ?? `exit ${code}`})`);
    finish(stopping ? exitCode : 1);
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stop());

  // the hub's own API first (the proxy, asked before the hub listens, logs a refused connection), then through the proxy
  const local = `http://${ip === "0.0.0.0" || ip === "::" ? "127.0.0.1" : ip}:${port}/hub/api/`;
  for (const api of [`http://127.0.0.1:${hubPort}/hub/api/`, local]) {
    for (let waited = 0; ; waited += 250) {
      if (stopping) return;
      const response = await fetch(api).catch(() => undefined);
      if (response?.ok) break;
      if (waited > 60_000) {
        console.error(`[class] the hub did not answer at ${api} within a minute: stopping it`);
        return stop(1);
      }
      await new Promise((done) => setTimeout(done, 250));
    }
  }
  const lan =
    ip === "0.0.0.0"
      ? Object.values(networkInterfaces())
          .flat()
          .filter((a) => a.family === "IPv4" && !a.internal)
          .map((a) => `http://${a.address}:${port}/`)
      : [];
  say(`JupyterHub for the class: ${url}${lan.length ? ` (in the room: ${lan.join(", ")})` : ""}`);
  say(
    `the class password: ${password}  (${process.env.PERCEPTRON_CLASS_PASSWORD ? "PERCEPTRON_CLASS_PASSWORD" : `in ${paths.password}; delete it for a new one`})`,
  );
  const listed = readFileSync(paths.learners, "utf8")
    .split("\n")
    .map((line) => line.split("#")[0].trim().toLowerCase())
    .filter(Boolean);
  const wrong = listed.filter((name) => !NAME.test(name));
  if (wrong.length)
    say(`these lines of ${paths.learners} are no learner's name, and cannot log in: ${wrong.join(", ")}`);
  say(
    listed.length
      ? `who may log in: the ${listed.length} name(s) in ${paths.learners}`
      : `who may log in: any name (lower-case letters, digits, '-'); list names in ${paths.learners} to allow only those`,
  );
  say(
    asRoot
      ? `each learner: their own JupyterLab, as the Unix user ${unixName("NAME")}, on their copy of the notebooks (${join(paths.homes, "NAME", "notebooks")})`
      : `each learner: their own JupyterLab, on their copy of the notebooks (${join(paths.homes, "NAME", "notebooks")}); ` +
          "not root: every learner's server runs as you (see docs/CLASS.md)",
  );
  say(
    "a learner's notebooks back to the originals: npm run class -- --reset NAME; Ctrl-C stops the hub and every server",
  );
  if (!["127.0.0.1", "localhost", "::1"].includes(ip))
    say("this is plain HTTP: the password and the notebooks cross the room's network unencrypted (see docs/CLASS.md)");
}

async function main() {
  const argv = process.argv.slice(2);
  // the hub's own options (--JupyterHub.x=y, --Spawner.x=y) go to it as they are
  const passed = argv.filter((arg) => /^--[A-Z]\w*\./.test(arg));
  const { values } = parseArgs({
    args: argv.filter((arg) => !passed.includes(arg)),
    options: {
      ip: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "8000" },
      dir: { type: "string", default: join(root, "class") },
      reset: { type: "string" },
      remove: { type: "string" },
      prepare: { type: "string" },
    },
  });
  const dir = resolve(values.dir);
  if (values.prepare) {
    console.log(JSON.stringify(prepareLearner(dir, values.prepare)));
  } else if (values.reset) {
    const name = values.reset;
    checkName(name);
    if (!existsSync(join(classPaths(dir).homes, name))) throw new Error(`${name} has no folder in ${dir} yet`);
    if (await stopServer(dir, name)) say(`stopped ${name}'s server: their next page load starts a fresh one`);
    const { notebooks, saved } = prepareLearner(dir, name, { reset: true });
    say(`${name}'s notebooks are the originals again: ${notebooks}`);
    if (saved) say(`theirs, as they were: ${saved}`);
  } else if (values.remove) {
    const name = values.remove;
    checkName(name);
    if (await stopServer(dir, name, { forget: true })) say(`stopped ${name}'s server, and the hub forgot them`);
    for (const line of removeLearner(dir, name)) say(line);
  } else {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port ${values.port}: not a port`);
    mkdirSync(dir, { recursive: true });
    await serve({ dir, ip: values.ip, port, passed });
  }
}

if (process.argv[1] === script)
  main().catch((error) => {
    console.error(`[class] ${error.message}`);
    process.exit(1);
  });
