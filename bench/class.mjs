// The class load test (issue 22): N learners at once on `npm run class`'s JupyterHub, each running
// notebook 03 in their own JupyterLab's TypeScript kernel, for N = 1, 5, 10, 20 (--learners).
// Each round starts scripts/class.mjs afresh (a temporary class folder, a free port, a known class
// password), so every round is a class's first minutes: each learner's Unix user (as root) and copy
// of the notebooks is made at their first login, as in a room, and nothing of the round before (its
// servers, kernels, the proxy's routes, the hub's database) weighs on the next. Then, all at once,
// each learner:
//   logs in on the hub's login form (POST /hub/login, name and password, keeping its cookies, as a
//   browser does); asks the hub's REST API for a token with that session (POST
//   /hub/api/users/NAME/tokens); starts their server (POST /hub/api/users/NAME/server) and asks
//   until it is ready; reads their copy of 03-training-loop.ipynb and opens it as JupyterLab does,
//   through their server behind the hub's proxy (POST /user/NAME/api/sessions: a tslab kernel,
//   started in the notebook's folder); and runs each code cell in order over the kernel's websocket
//   (/user/NAME/api/kernels/ID/channels, execute_request after execute_request).
// Timed from each learner's login: their first chart (the first display_data or execute_result
// carrying Plotly's MIME type) and the notebook's end (the last cell's execute_reply). A failure is
// an HTTP error, an execute_reply with status "error", a closed websocket or a timeout: counted, and
// shown. Meanwhile, every 0.5 s, /proc: each learner's server and kernel (the processes under their
// JupyterLab server, found by the process tree under the class's own, named by JUPYTERHUB_USER), the
// hub, its proxy and scripts/class.mjs: resident memory and CPU time (utime + stime); the machine's
// load average, CPU and available memory (the machine is shared: others' CPU shows there).
// Then a table per N, and from the slopes, how many learners a machine of this size holds.
// usage: npm run bench:class [-- --learners 1,5,10,20] [--target 60] [--timeout 900] [--readme]
//   --target: seconds within which every learner's first chart must come (the capacity's criterion)
//   --timeout: seconds a round may take before its unfinished learners count as failed
//   --readme: writes the table and the paragraph into docs/CLASS.md (between its class-bench markers)
// Needs what npm run class needs (scripts/setup.mjs class); as root, as the class would run for a room.
// Node 20 has its WebSocket behind --experimental-websocket: this script runs itself again with it.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const script = fileURLToPath(import.meta.url);
if (typeof WebSocket === "undefined") {
  // Node 20.10+: the WHATWG WebSocket (undici's) behind a flag; Node 22 has it without
  const again = spawn(
    process.execPath,
    ["--experimental-websocket", "--no-warnings=ExperimentalWarning", script, ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  // a signal to this process is the run's: it stops its hub and everything the hub started
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => again.kill(signal));
  const [code] = await once(again, "exit");
  process.exit(code ?? 1);
}

const { classProcesses, removeLearner } = await import("../scripts/class/learners.mjs");
const { root } = await import("../scripts/setup.mjs");

const { values: options } = parseArgs({
  options: {
    learners: { type: "string", default: "1,5,10,20" },
    target: { type: "string", default: "60" },
    timeout: { type: "string", default: "900" },
    readme: { type: "boolean", default: false },
  },
});
const ROUNDS = options.learners.split(",").map(Number);
if (!ROUNDS.every((n) => Number.isInteger(n) && n > 0)) throw new Error(`--learners ${options.learners}: not counts`);
const TARGET = Number(options.target);
const ROUND_TIMEOUT = Number(options.timeout) * 1000;
const NOTEBOOK = "03-training-loop.ipynb";
const PLOTLY = "application/vnd.plotly.v1+json";
const SCRIPT = join(root, "scripts", "class.mjs");
const SAMPLE_MS = 500;
const TICK = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;
const PAGE = Number(spawnSync("getconf", ["PAGESIZE"], { encoding: "utf8" }).stdout) || 4096;
const MB = 1024 * 1024;
const asRoot = process.getuid?.() === 0;

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const max = (values) => (values.length ? Math.max(...values) : Number.NaN);
const sum = (values) => values.reduce((a, b) => a + b, 0);
const s = (seconds) => (Number.isFinite(seconds) ? `${seconds.toFixed(1)} s` : "–");
const mb = (bytes) => (Number.isFinite(bytes) ? `${Math.round(bytes / MB)} MB` : "–");
/** Each paragraph of `text` broken into lines of at most `width` characters, as docs/CLASS.md's are. */
const wrap = (text, width = 100) =>
  text
    .split("\n\n")
    .map((paragraph) =>
      paragraph
        .split(/\s+/)
        .reduce((lines, word) => {
          const last = lines.length - 1;
          if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
          else lines.push(word);
          return lines;
        }, [])
        .join("\n"),
    )
    .join("\n\n");
const gb = (bytes) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The machine, from /proc

/** utime + stime (in ticks), the parent, the resident size (bytes) and the start time of a process. */
function procStat(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields[0] is stat's 3rd: the state
  return {
    ppid: Number(fields[1]),
    ticks: Number(fields[11]) + Number(fields[12]),
    started: fields[19],
    rss: Number(fields[21]) * PAGE,
  };
}
const readText = (path) => {
  try {
    return readFileSync(path, "latin1");
  } catch {
    return "";
  }
};
/** The machine's CPU ticks, busy and in all (/proc/stat's first line). */
function machineTicks() {
  const [, ...values] = readText("/proc/stat").split("\n")[0].trim().split(/\s+/).map(Number);
  const total = sum(values.slice(0, 8)); // user nice system idle iowait irq softirq steal
  return { busy: total - values[3] - values[4], total };
}
const loadAverage = () => Number(readText("/proc/loadavg").split(" ")[0]);
const meminfo = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(readText("/proc/meminfo"))?.[1]) * 1024;

/**
 * Every 0.5 s: the processes under `top` (scripts/class.mjs), each classed once per command line as
 * the teacher's command, the hub, the proxy, or a learner's server (singleuser.py, named by its
 * JUPYTERHUB_USER) or kernel (anything under a learner's server); their resident memory and CPU.
 */
class Sampler {
  constructor(top) {
    this.top = top;
    // pid -> { cmdline, part: "class"|"hub"|"proxy"|"helper"|"server"|"kernel", learner }
    this.kinds = new Map();
    this.ticks = new Map(); // "pid started" -> last utime + stime seen (its CPU, even after it ends)
    this.parts = new Map(); // same key -> { part, learner }
    this.samples = [];
    this.peak = { learner: new Map(), all: 0, hubSide: 0, helpers: 0 };
    this.machine = { first: machineTicks(), memAvailable: meminfo("MemAvailable"), minAvailable: Infinity };
    this.load = { first: loadAverage(), max: loadAverage() };
  }

  start() {
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.sample();
  }

  stop() {
    clearInterval(this.timer);
    this.sample();
    this.machine.last = machineTicks();
    this.load.last = loadAverage();
  }

  /** What a process of the class is, from its command line and (a learner's server) its environment. */
  kind(pid, parentKind) {
    const cmdline = readText(`/proc/${pid}/cmdline`).replace(/\0/g, " ");
    const known = this.kinds.get(pid);
    if (known && known.cmdline === cmdline) return known;
    let kind;
    if (parentKind?.learner) kind = { part: "kernel", learner: parentKind.learner };
    else if (pid === this.top) kind = { part: "class" };
    else if (cmdline.includes("singleuser.py")) {
      const learner = /(?:^|\0)JUPYTERHUB_USER=([^\0]*)/.exec(readText(`/proc/${pid}/environ`))?.[1];
      kind = learner ? { part: "server", learner } : { part: "helper" };
    } else if (cmdline.includes("configurable-http-proxy")) kind = { part: "proxy" };
    else if (/ -m jupyterhub /.test(cmdline)) kind = { part: "hub" };
    // what the hub runs for a moment before a learner's server: scripts/class.mjs --prepare (useradd, --fill)
    else kind = { part: "helper" };
    kind.cmdline = cmdline;
    this.kinds.set(pid, kind);
    return kind;
  }

  sample() {
    const at = performance.now();
    const stats = new Map();
    for (const entry of readdirSync("/proc")) {
      const pid = Number(entry);
      if (!Number.isInteger(pid)) continue;
      try {
        stats.set(pid, procStat(pid));
      } catch {} // it ended meanwhile
    }
    const children = new Map();
    for (const [pid, { ppid }] of stats) {
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(pid);
    }
    // the class's processes: the tree under scripts/class.mjs, each classed by its place in it
    const learners = new Map();
    const parts = { class: 0, hub: 0, proxy: 0, helper: 0 };
    this.seen = [];
    const walk = (pid, parentKind) => {
      const stat = stats.get(pid);
      if (!stat) return;
      const kind = this.kind(pid, parentKind);
      this.seen.push([pid, kind]);
      const key = `${pid} ${stat.started}`;
      this.ticks.set(key, stat.ticks);
      this.parts.set(key, kind);
      if (kind.learner) {
        if (!learners.has(kind.learner)) learners.set(kind.learner, { server: 0, kernel: 0 });
        learners.get(kind.learner)[kind.part] += stat.rss;
      } else parts[kind.part] += stat.rss;
      for (const child of children.get(pid) ?? []) walk(child, kind);
    };
    walk(this.top);
    let all = parts.class + parts.hub + parts.proxy + parts.helper;
    for (const [name, memory] of learners) {
      const total = memory.server + memory.kernel;
      all += total;
      const peak = this.peak.learner.get(name);
      if (!peak || total > peak.total) this.peak.learner.set(name, { ...memory, total });
    }
    this.peak.all = Math.max(this.peak.all, all);
    this.peak.hubSide = Math.max(this.peak.hubSide, parts.class + parts.hub + parts.proxy);
    this.peak.helpers = Math.max(this.peak.helpers, parts.helper);
    const machine = machineTicks();
    this.machine.minAvailable = Math.min(this.machine.minAvailable, meminfo("MemAvailable"));
    this.load.max = Math.max(this.load.max, loadAverage());
    this.samples.push({ at, cpu: this.cpu(), machine, all });
  }

  /**
   * Each learner's proportional memory now (PSS, /proc/PID/smaps_rollup: a page shared by k processes
   * counts 1/k in each), server + kernel, and the hub side's: what they take of the machine's memory.
   */
  pss() {
    const out = { learners: new Map(), hubSide: 0 };
    for (const [pid, kind] of this.seen ?? []) {
      const kb = Number(/^Pss:\s+(\d+)/m.exec(readText(`/proc/${pid}/smaps_rollup`))?.[1] ?? 0);
      if (kind.learner) out.learners.set(kind.learner, (out.learners.get(kind.learner) ?? 0) + kb * 1024);
      else out.hubSide += kb * 1024;
    }
    return out;
  }

  /** CPU seconds so far: each learner's (server, kernel), the hub's, the proxy's, the class command's. */
  cpu() {
    const out = { learners: new Map(), hub: 0, proxy: 0, class: 0, helper: 0 };
    for (const [key, ticks] of this.ticks) {
      const { part, learner } = this.parts.get(key);
      const seconds = ticks / TICK;
      if (learner) {
        if (!out.learners.has(learner)) out.learners.set(learner, { server: 0, kernel: 0 });
        out.learners.get(learner)[part] += seconds;
      } else out[part] += seconds;
    }
    return out;
  }

  /** A learner's CPU seconds (server + kernel) at the sample nearest `at` (performance.now()). */
  learnerCpuAt(name, at) {
    let best;
    for (const sample of this.samples) if (sample.at <= at + SAMPLE_MS / 2) best = sample;
    const cpu = best?.cpu.learners.get(name);
    return cpu ? cpu.server + cpu.kernel : Number.NaN;
  }

  /** The class's CPU and the machine's, in cores, between `from` and `to` (performance.now()). */
  coresBetween(from, to) {
    const inside = this.samples.filter((sample) => sample.at >= from && sample.at <= to);
    if (inside.length < 2) return { class: Number.NaN, machine: Number.NaN };
    const [a, b] = [inside[0], inside[inside.length - 1]];
    const total = (cpu) =>
      cpu.hub + cpu.proxy + cpu.class + cpu.helper + sum([...cpu.learners.values()].flatMap(Object.values));
    const seconds = (b.at - a.at) / 1000;
    const machineCores = ((b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total)) * cpus().length;
    return { class: (total(b.cpu) - total(a.cpu)) / seconds, machine: machineCores };
  }
}

// ---------------------------------------------------------------------------------------------
// A learner, as the hub and the kernel see them

class Failure extends Error {}

/** The notebook's code cells, from the learner's copy (their server's contents API). */
const codeCells = (notebook) =>
  notebook.content.cells
    .filter((cell) => cell.cell_type === "code")
    .map((cell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source));

/** The parts of a kernel message the server sent in its binary framing: the JSON part. */
function decode(data) {
  if (typeof data === "string") return JSON.parse(data);
  const view = new DataView(data);
  const first = view.getUint32(4);
  const end = view.getUint32(0) > 1 ? view.getUint32(8) : data.byteLength;
  return JSON.parse(new TextDecoder().decode(new Uint8Array(data, first, end - first)));
}

/**
 * One learner's run, from the login form to the notebook's last cell. Returns their times (seconds
 * from the login): login, serverReady, kernelReady, firstChart, end; and each step's moment.
 */
async function learn({ base, name, password, deadline, log }) {
  const started = performance.now();
  const since = () => (performance.now() - started) / 1000;
  const times = { name, startedAt: started };
  const left = () => deadline - performance.now();
  const http = async (what, path, init = {}) => {
    let response;
    try {
      response = await fetch(`${base}${path}`, {
        redirect: "manual",
        signal: AbortSignal.timeout(Math.round(Math.max(1000, Math.min(120_000, left())))),
        ...init,
      });
    } catch (error) {
      throw new Failure(`${what}: ${error.cause?.code ?? error.name ?? error.message}`);
    }
    return response;
  };
  const expect = async (what, response, statuses) => {
    if (!statuses.includes(response.status))
      throw new Failure(`${what}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
    return response;
  };

  // the hub's login form, as a browser sends it: a 302 and the session's cookies
  const login = await expect(
    "POST /hub/login",
    await http("POST /hub/login", "/hub/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: name, password }),
    }),
    [302],
  );
  const cookies = login.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
  if (!/jupyterhub-session-id=/.test(cookies)) throw new Failure("POST /hub/login: no session cookie");
  times.login = since();

  // a token from the hub's REST API, with that session (the hub checks a cookie's Referer)
  const issued = await expect(
    "POST tokens",
    await http("POST tokens", `/hub/api/users/${name}/tokens`, {
      method: "POST",
      headers: { Cookie: cookies, Referer: `${base}/hub/token`, "Content-Type": "application/json" },
      body: JSON.stringify({ note: "npm run bench:class", expires_in: 3600 }),
    }),
    [200, 201],
  );
  const { token } = await issued.json();
  const auth = { Authorization: `token ${token}` };

  // their server, started through the hub's API, and asked after until it is ready
  await expect(
    "POST server",
    await http("POST server", `/hub/api/users/${name}/server`, { method: "POST", headers: auth }),
    [201, 202],
  );
  for (;;) {
    const user = await (
      await expect("GET user", await http("GET user", `/hub/api/users/${name}`, { headers: auth }), [200])
    ).json();
    const server = user.servers?.[""];
    if (server?.ready) break;
    if (!server && !user.pending) throw new Failure("the server stopped while starting (the hub's log says why)");
    if (left() <= 0) throw new Failure("timeout: the server was not ready");
    await sleep(250);
  }
  times.serverReady = since();

  // their copy of the notebook, and a kernel for it, through the proxy and their server
  const notebook = await (
    await expect(
      `GET ${NOTEBOOK}`,
      await http(`GET ${NOTEBOOK}`, `/user/${name}/api/contents/${NOTEBOOK}`, { headers: auth }),
      [200],
    )
  ).json();
  const cells = codeCells(notebook);
  // a session for the notebook, as JupyterLab opens one: its kernel starts in the notebook's folder
  // (a bare POST /api/kernels would start it in the server's working directory, the learner's home)
  const { kernel } = await (
    await expect(
      "POST sessions",
      await http("POST sessions", `/user/${name}/api/sessions`, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify({
          path: NOTEBOOK,
          name: NOTEBOOK,
          type: "notebook",
          kernel: { name: notebook.content.metadata.kernelspec.name },
        }),
      }),
      [201],
    )
  ).json();
  const session = randomBytes(16).toString("hex");
  const ws = new WebSocket(
    `${base.replace(/^http/, "ws")}/user/${name}/api/kernels/${kernel.id}/channels?session_id=${session}&token=${token}`,
  );
  ws.binaryType = "arraybuffer";
  const waiting = new Map(); // msg_id -> { resolve, reject, reply, idle, onIopub }
  let closed;
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Failure("the kernel's websocket did not open"));
    setTimeout(() => reject(new Failure("timeout: the kernel's websocket did not open")), Math.max(0, left())).unref();
  });
  ws.onerror = () => {};
  ws.onclose = (event) => {
    closed = new Failure(`the kernel's websocket closed (${event.code} ${event.reason})`);
    for (const wait of waiting.values()) wait.reject(closed);
  };
  ws.onmessage = (event) => {
    const message = decode(event.data);
    const wait = waiting.get(message.parent_header?.msg_id);
    if (!wait) return;
    if (message.channel === "shell") wait.reply = message;
    else if (message.channel === "iopub") {
      wait.onIopub?.(message);
      if (message.header.msg_type === "status" && message.content.execution_state === "idle") wait.idle = true;
    }
    if (wait.reply && wait.idle) {
      waiting.delete(message.parent_header.msg_id);
      wait.resolve(wait.reply);
    }
  };
  /** Sends a request on the shell channel; resolves to its reply once the kernel is idle again. */
  const request = (msgType, content, onIopub, what) => {
    if (closed) return Promise.reject(closed);
    const id = randomBytes(16).toString("hex");
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => {
          waiting.delete(id);
          reject(new Failure(`timeout: ${what}`));
        },
        Math.max(0, left()),
      );
      waiting.set(id, {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
        onIopub,
      });
      ws.send(
        JSON.stringify({
          header: {
            msg_id: id,
            msg_type: msgType,
            username: name,
            session,
            date: new Date().toISOString(),
            version: "5.3",
          },
          parent_header: {},
          metadata: {},
          content,
          channel: "shell",
          buffers: [],
        }),
      );
    });
  };
  try {
    await request("kernel_info_request", {}, undefined, "the kernel's first answer");
    times.kernelReady = since();
    for (const [i, code] of cells.entries()) {
      let said = ""; // an error's text, and what the cell wrote to stderr
      const reply = await request(
        "execute_request",
        { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true },
        (message) => {
          const type = message.header.msg_type;
          if (type === "error")
            said += `${message.content.ename}: ${message.content.evalue} ${message.content.traceback?.join(" ") ?? ""}`;
          if (type === "stream" && message.content.name === "stderr") said += message.content.text;
          if (times.firstChart === undefined && ["display_data", "execute_result"].includes(type))
            if (message.content.data?.[PLOTLY]) times.firstChart = since();
        },
        `code cell ${i + 1} of ${cells.length}`,
      );
      if (reply.content.status !== "ok")
        throw new Failure(
          `code cell ${i + 1}: ${reply.content.status} ${reply.content.ename ?? ""} ${reply.content.evalue ?? ""} ${said}`
            .replace(/\s+/g, " ")
            .slice(0, 400),
        );
    }
    times.end = since();
    times.endAt = performance.now();
    times.firstChartAt = started + times.firstChart * 1000;
    if (times.firstChart === undefined) throw new Failure("no Plotly chart among the outputs");
    log(`${name}: first chart at ${s(times.firstChart)}, the notebook's end at ${s(times.end)}`);
  } finally {
    // the kernel stays, as a learner's open notebook does, until the round's end stops the hub
    ws.onclose = null;
    ws.close();
  }
  return times;
}

// ---------------------------------------------------------------------------------------------
// A round: the hub, N learners at once, the samples, then everything stopped

async function round(n) {
  const dir = mkdtempSync(join(tmpdir(), "perceptron-class-bench-"));
  const password = randomBytes(9).toString("base64url");
  const suffix = randomBytes(2).toString("hex");
  const names = Array.from({ length: n }, (_, i) => `b${suffix}-${i + 1}`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let printed = "";
  const log = (line) => console.log(`  [${n}] ${line}`);
  const loadBefore = loadAverage();
  log(`load average before the hub: ${loadBefore.toFixed(2)}; a class folder in ${dir}`);
  const hub = spawn(process.execPath, [SCRIPT, "--dir", dir, "--port", String(port)], {
    cwd: root,
    env: { ...process.env, PERCEPTRON_CLASS_PASSWORD: password },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  current = hub;
  const keep = (chunk) => {
    printed += chunk;
  };
  hub.stdout.on("data", keep);
  hub.stderr.on("data", keep);
  const result = { n, names, learners: [], failures: [], loadBefore };
  let sampler;
  try {
    for (let waited = 0; !printed.includes("[class] JupyterHub for the class:"); waited += 250) {
      if (hub.exitCode !== null) throw new Error(`npm run class exited (${hub.exitCode}):\n${printed.slice(-3000)}`);
      if (waited > 300_000) throw new Error(`npm run class did not start within 5 minutes:\n${printed.slice(-3000)}`);
      await sleep(250);
    }
    sampler = new Sampler(hub.pid);
    sampler.start();
    await sleep(2000); // the hub and proxy, idle, before the class arrives
    result.loadAtStart = loadAverage();
    const started = performance.now();
    const deadline = started + ROUND_TIMEOUT;
    const runs = await Promise.allSettled(names.map((name) => learn({ base, name, password, deadline, log })));
    const finished = performance.now();
    for (const [i, run] of runs.entries()) {
      if (run.status === "fulfilled") result.learners.push(run.value);
      else {
        const message = run.reason instanceof Failure ? run.reason.message : String(run.reason?.stack ?? run.reason);
        result.failures.push(`${names[i]}: ${message}`);
        log(`${names[i]} FAILED: ${message}`);
      }
    }
    await sleep(3000); // the notebooks open, idle: what each learner's processes hold afterwards
    sampler.stop();
    const pss = sampler.pss();
    result.seconds = (finished - started) / 1000;
    result.cores = sampler.coresBetween(started, finished);
    const firstCharts = result.learners.map((l) => l.firstChartAt);
    // the start: from the logins to the last learner's first chart, everyone at once
    result.startCores = sampler.coresBetween(started, firstCharts.length ? Math.max(...firstCharts) : finished);
    const cpu = sampler.cpu();
    result.cpu = {
      learners: names.map((name) => cpu.learners.get(name) ?? { server: 0, kernel: 0 }),
      hub: cpu.hub + cpu.class,
      proxy: cpu.proxy,
      helpers: cpu.helper,
    };
    result.cpuToFirstChart = result.learners.map((l) => sampler.learnerCpuAt(l.name, l.firstChartAt));
    result.memory = {
      learners: names.map((name) => sampler.peak.learner.get(name)).filter(Boolean),
      all: sampler.peak.all,
      hubSide: sampler.peak.hubSide,
      helpers: sampler.peak.helpers,
      machineUsed: sampler.machine.memAvailable - sampler.machine.minAvailable,
      pss: names.map((name) => pss.learners.get(name)).filter(Boolean),
      pssHubSide: pss.hubSide,
    };
    result.load = sampler.load;
  } finally {
    sampler?.stop();
    // Ctrl-C's way: the hub stops every learner's server and kernel, then itself
    if (hub.exitCode === null) hub.kill("SIGTERM");
    for (let waited = 0; hub.exitCode === null && hub.signalCode === null && waited < 120_000; waited += 250)
      await sleep(250);
    if (hub.exitCode === null && hub.signalCode === null) hub.kill("SIGKILL");
    const left = classProcesses(dir);
    for (const pid of left) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {}
    }
    if (left.length) result.failures.push(`the hub left ${left.length} process(es) running (ended here)`);
    for (const name of names) {
      try {
        removeLearner(dir, name); // their folder and, as root, their Unix user
      } catch (error) {
        log(`could not remove ${name}: ${error.message}`);
      }
    }
    if (result.failures.length) {
      const saved = join(tmpdir(), `perceptron-class-bench-${n}.log`);
      writeFileSync(saved, printed);
      log(`the hub's log: ${saved}`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The report

/** Least squares: y = a + b x. */
function fit(points) {
  const n = points.length;
  const mx = sum(points.map(([x]) => x)) / n;
  const my = sum(points.map(([, y]) => y)) / n;
  const sxx = sum(points.map(([x]) => (x - mx) ** 2));
  const b = sxx === 0 ? Number.NaN : sum(points.map(([x, y]) => (x - mx) * (y - my))) / sxx;
  return { a: my - b * mx, b };
}

function summarize(r) {
  const firstCharts = r.learners.map((l) => l.firstChart);
  const ends = r.learners.map((l) => l.end);
  const perLearner = r.memory?.learners.map((m) => m.total) ?? [];
  const cpuEach = r.cpu?.learners.map((c) => c.server + c.kernel) ?? [];
  return {
    n: r.n,
    load: r.loadAtStart ?? r.loadBefore,
    loadMax: r.load?.max,
    firstChart: { median: median(firstCharts), max: max(firstCharts) },
    end: { median: median(ends), max: max(ends) },
    serverReady: median(r.learners.map((l) => l.serverReady)),
    serverReadyMax: max(r.learners.map((l) => l.serverReady)),
    kernelReady: median(r.learners.map((l) => l.kernelReady)),
    kernelReadyMax: max(r.learners.map((l) => l.kernelReady)),
    memory: {
      median: median(perLearner),
      max: max(perLearner),
      server: median(r.memory?.learners.map((m) => m.server) ?? []),
      kernel: median(r.memory?.learners.map((m) => m.kernel) ?? []),
      all: r.memory?.all,
      hubSide: r.memory?.hubSide,
      helpers: r.memory?.helpers,
      machineUsed: r.memory?.machineUsed,
      pss: median(r.memory?.pss ?? []),
      pssHubSide: r.memory?.pssHubSide,
    },
    cpu: {
      median: median(cpuEach),
      max: max(cpuEach),
      server: median(r.cpu?.learners.map((c) => c.server) ?? []),
      kernel: median(r.cpu?.learners.map((c) => c.kernel) ?? []),
      toFirstChart: median(r.cpuToFirstChart ?? []),
      hub: r.cpu?.hub,
      proxy: r.cpu?.proxy,
      helpers: r.cpu?.helpers,
    },
    cores: r.cores,
    startCores: r.startCores,
    failures: r.failures,
  };
}

function table(rows) {
  const header = [
    "learners",
    "load (1 min) at start / max",
    "first chart: median / max",
    "notebook's end: median / max",
    "memory a learner (server + kernel): median / max",
    "memory in all (hub + proxy)",
    "CPU a learner: to first chart / in all",
    "hub + proxy CPU",
    "cores busy: class / others",
    "failures",
  ];
  const lines = rows.map((r) => [
    String(r.n),
    `${r.load.toFixed(1)} / ${r.loadMax?.toFixed(1) ?? "–"}`,
    `${s(r.firstChart.median)} / ${s(r.firstChart.max)}`,
    `${s(r.end.median)} / ${s(r.end.max)}`,
    `${mb(r.memory.median)} (${mb(r.memory.server)} + ${mb(r.memory.kernel)}) / ${mb(r.memory.max)}`,
    `${mb(r.memory.all)} (${mb(r.memory.hubSide)})`,
    `${s(r.cpu.toFirstChart)} / ${s(r.cpu.median)}`,
    `${s(r.cpu.hub + r.cpu.proxy)}`,
    `${r.cores.class.toFixed(2)} / ${Math.max(0, r.cores.machine - r.cores.class).toFixed(2)}`,
    r.failures.length ? `**${r.failures.length}**` : "0",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [row(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...lines.map(row)].join("\n");
}

/** How many learners this machine holds: memory's slope against its memory, the first chart's against the target. */
function capacity(all) {
  // only the rounds in which nothing failed: the estimate claims nothing a failed round measured
  const rows = all.filter((r) => r.failures.length === 0);
  if (rows.length === 0) return undefined;
  const memTotal = meminfo("MemTotal");
  const cores = cpus().length;
  const reserve = 2 * 1024 ** 3; // the system's own, and the page cache the servers need
  const largest = max(rows.map((r) => r.n));
  const several = new Set(rows.map((r) => r.n)).size > 1;
  // memory: the class's peak in all against N, its slope a learner's share (the hub's growth included)
  const memFit = several
    ? fit(rows.map((r) => [r.n, r.memory.all]))
    : { a: rows[0].memory.hubSide, b: rows[0].memory.max };
  const byMemory = Math.floor((memTotal - reserve - memFit.a) / memFit.b);
  const pss = max(rows.map((r) => r.memory.pss));
  const byPss = Math.floor((memTotal - reserve - max(rows.map((r) => r.memory.pssHubSide))) / pss);
  // CPU: everyone starting at once shares the cores; the last first chart against N, as measured
  const chartFit = several ? fit(rows.map((r) => [r.n, r.firstChart.max])) : { a: Number.NaN, b: Number.NaN };
  const within = (target) =>
    chartFit.b > 0 ? Math.max(0, Math.floor((target - chartFit.a) / chartFit.b)) : Number.NaN;
  const byTarget = within(TARGET);
  // the largest round whose every learner had their first chart within the target, as measured
  const inTime = rows.filter((r) => r.firstChart.max <= TARGET).sort((a, b) => b.n - a.n)[0];
  const by30 = within(30);
  // the same from CPU time alone: N learners' CPU to their first charts, on every core, nobody else's work
  const cpuToChart = max(rows.map((r) => r.cpu.toFirstChart));
  const byCpu = Math.floor((TARGET * cores) / cpuToChart);
  const cpuEach = max(rows.map((r) => r.cpu.median));
  const holds = Number.isFinite(byTarget) ? byTarget : byCpu;
  return {
    memTotal,
    cores,
    reserve,
    memFit,
    byMemory,
    pss,
    byPss,
    chartFit,
    byTarget,
    by30,
    inTime,
    cpuToChart,
    byCpu,
    cpuEach,
    largest,
    holds,
    binds: holds < byMemory ? "CPU" : "memory",
  };
}

function paragraph(all, c) {
  const failed = all.filter((r) => r.failures.length);
  const failures = `**Failures**: ${failed.map((r) => `${r.n} learners: ${r.failures.join("; ")}`).join(" / ")}.`;
  if (!c) return `No round ran without a failure: no estimate.\n\n${failures}`;
  const rows = all.filter((r) => r.failures.length === 0);
  const memory =
    `**Memory.** A learner's server and kernel peak at ${mb(median(rows.map((r) => r.memory.median)))} resident ` +
    `(median; ${mb(median(rows.map((r) => r.memory.server)))} + ${mb(median(rows.map((r) => r.memory.kernel)))}), ` +
    `${mb(c.pss)} proportional (PSS: shared pages counted once) with the notebook run. The class's peak in all grows by ` +
    `${mb(c.memFit.b)} a learner (least squares over the rounds, from ${mb(c.memFit.a)}), so ${gb(c.memTotal)} ` +
    `less ${gb(c.reserve)} for the system holds about **${c.byMemory} learners** with the notebook open ` +
    `(${c.byPss} by PSS).`;
  const fitted = Number.isFinite(c.chartFit.b)
    ? `Starting together, the last learner's first chart came ${c.chartFit.b.toFixed(1)} s later for each learner more ` +
      `(${s(c.chartFit.a)} + ${c.chartFit.b.toFixed(1)} s × N, least squares over the rounds): within the target, every ` +
      `learner's first chart in ${TARGET} s, this machine as it was (shared: see the load and the others' cores in the ` +
      `table) holds about **${c.byTarget} learners starting at once**` +
      (TARGET === 30 ? "; " : ` (${c.by30} for a first chart in 30 s); `)
    : "";
  const measured = c.inTime
    ? ` As measured, every first chart came within ${TARGET} s with up to ${c.inTime.n} learners at once ` +
      `(the last at ${s(c.inTime.firstChart.max)}).`
    : ` No round had every first chart within ${TARGET} s.`;
  const cpu =
    `**CPU.** A learner takes ${s(c.cpuToChart)} of CPU to their first chart (their server's start, the kernel's, ` +
    `the cells before it) and ${s(c.cpuEach)} for the whole notebook, and ${c.cores} cores share it out. ${fitted}` +
    `${fitted ? "with" : "With"} both cores to itself, ${c.byCpu} (${c.cores} × ${TARGET} s / ${s(c.cpuToChart)}).${measured}`;
  const binds =
    c.binds === "CPU"
      ? `**What binds: the CPU, when everyone starts at once** (${c.holds} learners, against memory's ${c.byMemory}). ` +
        `Once started, a class with the notebook open and idle takes memory, not CPU: more learners fit if they ` +
        `start in groups of about ${Math.max(1, c.holds)}, a minute apart (not measured here).`
      : `**What binds: memory** (${c.byMemory} learners, against the CPU's ${c.holds} starting at once).`;
  const outcome =
    failed.length === 0
      ? `Every learner of every round ran the notebook to its end (${rows.map((r) => r.n).join(", ")} at once, ` +
        `none failed); beyond ${c.largest} learner${c.largest === 1 ? "" : "s"} the figures are extrapolated, not measured.`
      : `${failures} The estimate above uses only the rounds without one (of ${rows.map((r) => r.n).join(", ")} learners).`;
  return [memory, cpu, binds, outcome].join("\n\n");
}

// ---------------------------------------------------------------------------------------------

let current; // the round's npm run class
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    stopping = true;
    console.error(`\n${signal}: stopping the round's hub (its learners' servers and kernels with it)`);
    if (current?.pid) {
      try {
        process.kill(current.pid, "SIGTERM");
      } catch {}
    }
    setTimeout(() => process.exit(130), 30_000).unref();
  });

const date = new Date().toISOString().slice(0, 10);
const time = new Date().toISOString().slice(11, 16);
const model =
  readText("/proc/cpuinfo")
    .match(/^model name\s*:\s*(.+)$/m)?.[1]
    .trim() ?? cpus()[0]?.model;
const about = `${model}, ${cpus().length} cores, ${gb(meminfo("MemTotal"))}, shared; Node ${process.version}`;
console.log(
  `npm run bench:class: ${ROUNDS.join(", ")} learners at once, each running ${NOTEBOOK} (${about}; ` +
    `${asRoot ? "as root: a Unix user each" : "not root: every server runs as this user"})`,
);
const results = [];
for (const n of ROUNDS) {
  if (stopping) break;
  console.log(`\n${n} learner(s) at once:`);
  const started = performance.now();
  results.push(await round(n));
  console.log(`  [${n}] the round took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
const rows = results.map(summarize);
const markdown = table(rows);
const c = capacity(rows);
const text = wrap(paragraph(rows, c));
const caption = wrap(
  `Measured ${date} from ${time} UTC by \`npm run bench:class\` on ${about}; each round a fresh hub ` +
    `(${asRoot ? "as root: a Unix user per learner" : "not as root"}), one round after the other. Times from each ` +
    "learner's login. Memory: the resident size (RSS) at its peak; a learner's is their server's and kernel's " +
    "together; in all, everything the class ran (hub, proxy, `npm run class`, the learners', and the hub's " +
    "`--prepare` helpers for a moment at each start), the hub and proxy's without those helpers. CPU: utime + stime. " +
    "Cores busy: the mean over the round, the class's, and the other processes' on this shared machine. Load: the " +
    "1-minute load average at the round's start (the round before still in it) and its highest.",
);
console.log(`\n${caption}\n\n${markdown}\n\n${text}`);
console.log(
  `\nwhere a learner's time goes (median / max): server ready at ${rows.map((r) => `${r.n}: ${s(r.serverReady)} / ${s(r.serverReadyMax)}`).join(", ")}; ` +
    `kernel ready at ${rows.map((r) => `${r.n}: ${s(r.kernelReady)} / ${s(r.kernelReadyMax)}`).join(", ")}`,
);
console.log(
  `the machine's available memory fell by ${rows.map((r) => `${r.n}: ${mb(r.memory.machineUsed)}`).join(", ")} ` +
    `(others' work included); the hub side's PSS at the end: ${rows.map((r) => `${r.n}: ${mb(r.memory.pssHubSide)}`).join(", ")}`,
);
console.log(
  `the hub's --prepare helpers, at their peak: ${rows.map((r) => `${r.n}: ${mb(r.memory.helpers)}, ${s(r.cpu.helpers)} CPU`).join("; ")}`,
);
console.log(
  `cores busy from the logins to the last first chart, class / others: ${rows
    .map(
      (r) =>
        `${r.n}: ${r.startCores.class.toFixed(2)} / ${Math.max(0, r.startCores.machine - r.startCores.class).toFixed(2)}`,
    )
    .join(", ")}`,
);
if (c)
  console.log(`capacity: about ${c.holds} learners starting at once (${c.binds} binds); memory alone: ${c.byMemory}`);

if (options.readme) {
  const file = join(root, "docs", "CLASS.md");
  const section = `<!-- class-bench -->\n${caption}\n\n${markdown}\n\n${text}\n<!-- /class-bench -->`;
  const before = readFileSync(file, "utf8");
  if (!before.includes("<!-- class-bench -->")) throw new Error(`${file} has no <!-- class-bench --> marker`);
  writeFileSync(
    file,
    before.replace(/<!-- class-bench -->[\s\S]*?<!-- \/class-bench -->/, () => section),
  );
  console.log("docs/CLASS.md: the class bench's table and paragraph updated");
}
if (rows.some((r) => r.failures.length)) process.exitCode = 1;
