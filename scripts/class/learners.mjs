// A class's learners, for npm run class (scripts/class.mjs) and its test: where a class keeps what
// it has, each learner's folder (DIR/home/NAME: their copy of notebooks/) and, as root, their Unix
// user (learner-NAME), and the processes of a class. Under root, what is written in a learner's
// folder is written by a process of theirs (`node scripts/class/learners.mjs --fill HOME`, run as
// them): root never writes where a learner could have put a symlink.
import { spawnSync } from "node:child_process";
import {
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { userInfo } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const script = fileURLToPath(import.meta.url);
const asRoot = process.getuid?.() === 0;

/** A learner's name: it names their folder, their URL (/user/NAME/) and, as root, their Unix user. */
export const NAME = /^[a-z][a-z0-9-]{0,23}$/;
/** As root, learner NAME is the Unix user learner-NAME (never an existing account such as root). */
export const unixName = (name) => `learner-${name}`;
/** Where a class keeps what it has: the hub's state, and each learner's folder. */
export function classPaths(dir) {
  return {
    dir,
    homes: join(dir, "home"),
    password: join(dir, "password"),
    learners: join(dir, "learners.txt"),
    token: join(dir, "teacher-token"), // the hub's "teacher" service (--reset, --remove)
    running: join(dir, "hub.json"), // the running hub's API URL and process id
  };
}

/** Throws unless `name` is a learner's name (NAME). */
export function checkName(name) {
  if (!NAME.test(name ?? ""))
    throw new Error(`${JSON.stringify(name)} is not a learner's name: lower-case letters, digits and '-', 1 to 24`);
}

/** The Unix user `name` as getent sees it, or undefined. */
function passwdEntry(name) {
  const found = spawnSync("getent", ["passwd", name], { encoding: "utf8" });
  if (found.status !== 0) return undefined;
  const [, , uid, gid, , home] = found.stdout.trim().split(":");
  return { name, uid: Number(uid), gid: Number(gid), home };
}

/** As root: the learner's Unix user, made once, whose home is their folder in this class. */
function ensureUnixUser(name, home) {
  const user = unixName(name);
  let entry = passwdEntry(user);
  if (!entry) {
    const args = ["--home-dir", home, "--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group"];
    args.push("--comment", "perceptron-notebooks learner", user);
    // two learners logging in at once: useradd finds /etc/passwd locked, and is asked again
    for (let attempt = 0; !entry; attempt++) {
      const made = spawnSync("useradd", args, { encoding: "utf8" });
      entry = passwdEntry(user);
      if (!entry && ((made.status !== 10 && made.status !== 1) || attempt === 20))
        throw new Error(`useradd ${user} failed (exit ${made.status}): ${made.stderr.trim()}`);
      if (!entry) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  if (resolve(entry.home) !== resolve(home))
    throw new Error(
      `the Unix user ${user} exists with the home ${entry.home}, not ${home}: another class's learner? ` +
        `Remove it there (npm run class -- --remove ${name}, or userdel ${user}), or use another name`,
    );
  return entry;
}

/**
 * What the learner's own process does in their folder (as their Unix user, under root: root never
 * writes where a learner could have left a symlink): links to the project's package.json, dist/ and
 * node_modules/ (a notebook's `import … from ".."` finds the module there), their copy of
 * notebooks/, and any original missing from it. With `reset`, their notebooks/ first moves to
 * saved/notebooks-DATE/. Returns what was copied, and where the old copy went.
 */
function fillFolder(home, reset) {
  for (const entry of ["package.json", "dist", "node_modules"]) {
    const link = join(home, entry);
    let target;
    try {
      target = readlinkSync(link);
    } catch {}
    if (target === join(root, entry)) continue;
    rmSync(link, { recursive: true, force: true });
    symlinkSync(join(root, entry), link);
  }
  const notebooks = join(home, "notebooks");
  let saved;
  if (reset && existsSync(notebooks)) {
    saved = join(home, "saved", `notebooks-${new Date().toISOString().replace(/[:.]/g, "-")}`);
    mkdirSync(dirname(saved), { recursive: true });
    renameSync(notebooks, saved);
  }
  mkdirSync(notebooks, { recursive: true });
  const copied = [];
  const originals = join(root, "notebooks");
  for (const name of readdirSync(originals)) {
    if (name.startsWith(".")) continue; // .ipynb_checkpoints/
    const own = join(notebooks, name);
    let exists = true;
    try {
      lstatSync(own);
    } catch {
      exists = false;
    }
    if (exists) continue;
    cpSync(join(originals, name), own, { recursive: true });
    copied.push(name);
  }
  return { copied, saved };
}

/**
 * The learner's folder, DIR/home/NAME (and, as root, their Unix user), ready for their server: made
 * at their first login, originals put back where missing at each start; `reset` puts them all back.
 * Returns { home, notebooks, user, copied, saved }: `user` is the Unix user their server runs as.
 */
export function prepareLearner(dir, name, { reset = false } = {}) {
  checkName(name);
  const { homes } = classPaths(dir);
  const home = join(homes, name);
  mkdirSync(homes, { recursive: true, mode: 0o711 });
  if (!asRoot) {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    return { home, notebooks: join(home, "notebooks"), user: userInfo().username, ...fillFolder(home, reset) };
  }
  const user = ensureUnixUser(name, home);
  try {
    mkdirSync(home, { mode: 0o700 }); // made here by root, then theirs: never one a learner chose
    chownSync(home, user.uid, user.gid);
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
  }
  const filled = spawnSync(process.execPath, [script, "--fill", home, ...(reset ? ["--reset"] : [])], {
    uid: user.uid,
    gid: user.gid,
    cwd: home,
    env: { PATH: process.env.PATH, HOME: home },
    encoding: "utf8",
  });
  if (filled.status !== 0)
    throw new Error(`${user.name} could not fill ${home}: ${filled.stderr.trim() || filled.error?.message}`);
  return { home, notebooks: join(home, "notebooks"), user: user.name, ...JSON.parse(filled.stdout) };
}

/** Removes NAME's folder and, as root, their Unix user (and ends its processes); returns what it did, line by line. */
export function removeLearner(dir, name) {
  checkName(name);
  const done = [];
  const home = join(classPaths(dir).homes, name);
  const user = asRoot ? passwdEntry(unixName(name)) : undefined;
  if (user && resolve(user.home) === home) {
    endClassProcesses(dir, { uid: user.uid });
    const removed = spawnSync("userdel", [user.name], { encoding: "utf8" });
    if (removed.status !== 0) throw new Error(`userdel ${user.name} failed: ${removed.stderr.trim()}`);
    done.push(`removed the Unix user ${user.name}`);
  }
  rmSync(home, { recursive: true, force: true });
  done.push(`removed ${home}`);
  return done;
}

/** The processes of the class in `dir`: each carries PERCEPTRON_CLASS=DIR (the hub, its proxy, servers, kernels), or runs as `uid`. */
export function classProcesses(dir, { uid } = {}) {
  const marker = `\0PERCEPTRON_CLASS=${dir}\0`;
  const found = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const owner = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
      if (uid !== undefined && owner === uid) found.push(pid);
      else if (`\0${readFileSync(`/proc/${pid}/environ`, "latin1")}`.includes(marker)) found.push(pid);
    } catch {
      // it ended meanwhile, or is not ours to read
    }
  }
  return found;
}

/** Ends (SIGKILL) what classProcesses finds: what outlived the hub. Returns their ids. */
export function endClassProcesses(dir, options) {
  const found = classProcesses(dir, options);
  for (const pid of found) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
  }
  return found;
}

if (process.argv[1] === script && process.argv[2] === "--fill") {
  // prepareLearner's step as the learner: node scripts/class/learners.mjs --fill HOME [--reset]
  console.log(JSON.stringify(fillFolder(process.argv[3], process.argv[4] === "--reset")));
}
