// npm run class: JupyterHub for a class, driven as two learners would. scripts/class.mjs starts on a
// free port with a throw-away class folder and a known password; in Chromium, two learners log in
// on the hub's login page, each gets a JupyterLab of their own on their own copy of notebooks/ and
// opens 03-training-loop.ipynb; the first runs it all and sees its charts drawn. Then neither reaches the other's
// notebooks or kernels: not through the hub, nor /user/OTHER/, nor their own server's contents API
// (../OTHER), and (as root, a Unix user each) not from their kernel either. A reset puts the
// originals back. Last, SIGTERM (Ctrl-C) stops the hub, the proxy, both servers and their kernels.
// Screenshots: test/.artifacts/class-*.png.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { classPaths, classProcesses, unixName } from "../../scripts/class/learners.mjs";
import { freePort, launchChromium, ROOT, signalEach, stopGroup, waitUntil } from "./helpers/browser";
import { drawn, notebookState, runAll } from "./helpers/lab";
import { ARTIFACTS } from "./helpers/notebooks";
import { oneRun } from "./helpers/run";

const NOTEBOOK = "03-training-loop.ipynb";
const PASSWORD = randomBytes(9).toString("base64url");
const SCRIPT = join(ROOT, "scripts", "class.mjs");
const asRoot = process.getuid?.() === 0;
// names of this run only: as root each becomes a Unix user (learner-NAME), removed at the end
const suffix = randomBytes(3).toString("hex");
const NAMES = [`ada-${suffix}`, `bo-${suffix}`];

interface Learner {
  name: string;
  context: BrowserContext;
  page: Page;
  /** The token the hub gave this learner's JupyterLab (its page's configuration). */
  token: string;
  /** Seconds from the login form's submission to their JupyterLab's file browser listing the notebooks. */
  started: number;
  kernelId: string;
}
interface Session {
  dir?: string;
  base?: string;
  hub?: ChildProcess;
  printed: string;
  browser?: Browser;
  learners: Learner[];
}
const session: Session = { printed: "", learners: [] };

/** Fills in and submits the hub's login page as `name`. */
async function logIn(page: Page, base: string, name: string, password = PASSWORD) {
  await page.goto(`${base}/hub/login`);
  await page.fill("#username_input", name);
  await page.fill("#password_input", password);
  await page.click("#login_submit");
}

/** The notebook in front has the tslab kernel, idle. */
const kernelReady = (page: Page, path: string) =>
  waitUntil(`${path} to open with the TypeScript kernel, idle`, 120_000, async () => {
    const state = await notebookState(page, { outputs: false });
    return state?.path === path && state.kernel === "tslab" && state.status === "idle";
  });

async function learn(browser: Browser, base: string, name: string): Promise<Learner> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const clicked = Date.now();
  await logIn(page, base, name);
  await page.waitForURL(`${base}/user/${name}/lab**`, { timeout: 120_000 });
  await page.locator(".jp-DirListing-item", { hasText: NOTEBOOK }).waitFor({ timeout: 60_000 });
  const started = (Date.now() - clicked) / 1000;
  const token = await page.evaluate(
    () => JSON.parse(document.getElementById("jupyter-config-data")?.textContent ?? "{}").token as string,
  );
  await page.locator(".jp-DirListing-item", { hasText: NOTEBOOK }).dblclick();
  await kernelReady(page, NOTEBOOK);
  const kernelId: string = await page.evaluate(
    // biome-ignore lint/suspicious/noExplicitAny: JupyterLab's application object, as its console shows it
    () => (window as any).jupyterapp.shell.currentWidget.sessionContext.session.kernel.id,
  );
  return { name, context, page, token, started, kernelId };
}

const suite = oneRun(
  session,
  async (s) => {
    mkdirSync(ARTIFACTS, { recursive: true });
    s.dir = mkdtempSync(join(tmpdir(), "perceptron-class-"));
    const port = await freePort();
    s.base = `http://127.0.0.1:${port}`;
    s.hub = spawn(process.execPath, [SCRIPT, "--dir", s.dir, "--port", String(port)], {
      cwd: ROOT,
      env: { ...process.env, PERCEPTRON_CLASS_PASSWORD: PASSWORD },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const keep = (chunk: Buffer) => {
      s.printed += chunk;
    };
    s.hub.stdout?.on("data", keep);
    s.hub.stderr?.on("data", keep);
    await waitUntil(
      "npm run class to say its URL",
      240_000, // a first build of JupyterLab's front end, on a busy machine
      () => {
        if (s.hub?.exitCode !== null) throw new Error(`npm run class exited (${s.hub?.exitCode}):\n${s.printed}`);
        return s.printed.includes("[class] JupyterHub for the class:");
      },
      () => `it printed:\n${s.printed.slice(-3000)}`,
      250,
    );
    s.browser = (await launchChromium()).browser;
    const { browser, base } = s as Required<Session>;
    // both at once, as a room does
    s.learners = await Promise.all(NAMES.map((name) => learn(browser, base, name)));
  },
  async (s) => {
    // what each page showed when the run failed
    const pages = (s.browser?.contexts() ?? []).flatMap((context) => context.pages());
    for (const [i, page] of pages.entries())
      await page.screenshot({ path: join(ARTIFACTS, `class-failed-${i}.png`) }).catch(() => {});
  },
);
test.before(suite.start);

test.after(async () => {
  await session.browser?.close();
  await stopGroup(session.hub, "npm run class", 30_000);
  if (session.dir) {
    signalEach(classProcesses(session.dir), "SIGKILL");
    // the learners' Unix users and folders
    for (const name of NAMES) spawnSync(process.execPath, [SCRIPT, "--remove", name, "--dir", session.dir]);
    rmSync(session.dir, { recursive: true, force: true });
  }
});

test("npm run class prints the hub's URL, the password and who may log in; the hub answers there", async () => {
  const { printed, base } = suite.ran("base");
  assert.match(printed, new RegExp(`JupyterHub for the class: ${base}/`));
  assert.match(printed, new RegExp(`the class password: ${PASSWORD}`));
  assert.match(printed, /who may log in: any name/);
  const version = await fetch(`${base}/hub/api/`).then((response) => response.json());
  assert.match(version.version, /^3\./);
});

test("each learner logs in with the class password and has a JupyterLab of their own, on their own copy of the notebooks", async () => {
  const { learners, dir, base } = suite.ran("dir", "base");
  for (const learner of learners) {
    assert.match(learner.page.url(), new RegExp(`^${base}/user/${learner.name}/lab`));
    // from the login form to the file browser: the server's start (about 2 s alone) and JupyterLab's page
    assert.ok(learner.started < 60, `${learner.name}'s JupyterLab took ${learner.started} s`);
    const home = join(classPaths(dir).homes, learner.name);
    assert.ok(existsSync(join(home, "notebooks", NOTEBOOK)), `${learner.name}'s copy of ${NOTEBOOK}`);
    const listing = await fetch(`${base}/user/${learner.name}/api/contents/`, {
      headers: { Authorization: `token ${learner.token}` },
    }).then((response) => response.json());
    const names = (listing.content as { name: string }[]).map((entry) => entry.name);
    assert.ok(names.includes(NOTEBOOK) && names.includes("README.md"), names.join(" "));
    assert.not.ok(names.includes("package.json"), "the server's root is their notebooks/, not their home");
    if (asRoot) {
      const stat = statSync(home);
      assert.is(stat.mode & 0o777, 0o700, `${home}: only its owner may enter`);
      const owner = spawnSync("stat", ["-c", "%U", home], { encoding: "utf8" }).stdout.trim();
      assert.is(owner, unixName(learner.name));
    }
  }
});

test("a wrong password does not log in; with learners.txt listing names, no other name does", async () => {
  const { base, browser, dir, learners } = suite.ran("base", "browser", "dir");
  // the hub answers a refused login with its login page again (200), a good one with a redirect and a session cookie
  const attempt = async (name: string, password: string) => {
    const response = await fetch(`${base}/hub/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: name, password }),
      redirect: "manual",
    });
    const refused = /Invalid username or password/.test(await response.text());
    const session = /(^|, )jupyterhub-session-id=/.test(response.headers.get("set-cookie") ?? "");
    return refused && !session ? "refused" : response.status === 302 && session ? "in" : `HTTP ${response.status}`;
  };
  assert.is(await attempt(`cy-${suffix}`, `${PASSWORD}x`), "refused", "a wrong password");
  assert.is(await attempt("Root Access", PASSWORD), "refused", "not a learner's name");
  const { learners: file } = classPaths(dir);
  const before = readFileSync(file, "utf8");
  writeFileSync(file, `${before}${learners.map((l) => l.name).join("\n")}\n`);
  try {
    assert.is(await attempt(`cy-${suffix}`, PASSWORD), "refused", "a name not in learners.txt");
    assert.is(await attempt(learners[0].name, PASSWORD), "in", "a listed name");
  } finally {
    writeFileSync(file, before);
  }
  // the login page in a browser says it, too
  const page = await browser.newPage();
  await logIn(page, base, `cy-${suffix}`, "wrong");
  await page.locator(".login_error, #login-main .alert").first().waitFor({ timeout: 10_000 });
  await page.close();
});

// The first learner runs it; the second has it open, its kernel idle (learn): two runs of the same
// notebook at once would prove no more here (bench/class.mjs runs up to 20), and took a seventh of
// this suite's processor time.
test(`${NOTEBOOK} runs in a learner's JupyterLab under the hub, every chart drawn; both have the hub's menu`, async () => {
  const { learners } = suite.ran();
  await Promise.all(
    learners.map(async ({ page, name }, i) => {
      if (i === 0) await runAndDraw(page, name);
      // the hub's entries in JupyterLab's File menu (@jupyterlab/hub-extension)
      await page.locator(".lm-MenuBar-itemLabel", { hasText: /^File$/ }).click();
      for (const item of ["Hub Control Panel", "Log Out"])
        await page
          .locator(".lm-Menu-item:not(.lm-mod-hidden) .lm-Menu-itemLabel", { hasText: new RegExp(`^${item}$`) })
          .waitFor({ timeout: 5_000 });
      await page.keyboard.press("Escape");
    }),
  );
});

/** Runs the notebook in `name`'s JupyterLab and waits for every chart; a screenshot of it. */
async function runAndDraw(page: Page, name: string) {
  const state = await runAll(page, `${name}: ${NOTEBOOK}`, 180_000);
  const outputs = state.cells.flatMap((cell) => cell.outputs);
  assert.equal(
    outputs.filter((o) => o.output_type === "error"),
    [],
    `${name}: error outputs`,
  );
  const plotly = outputs.filter((o) => o.data?.["application/vnd.plotly.v1+json"]).length;
  assert.ok(plotly > 0, `${name}: Plotly charts among the outputs`);
  await waitUntil(
    `${name}: every chart drawn`,
    60_000,
    async () => {
      const now = await drawn(page);
      return now.plotly >= plotly && now.explorerCharts >= 1 && now.errors === 0;
    },
    async () => JSON.stringify(await drawn(page)),
  );
  await page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .js-plotly-plot").first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, `class-${name.replace(/-.*/, "")}.png`) });
}

/** A request as it is written, `..` and all (fetch would resolve the dots first). */
function raw(base: string, path: string, token: string, method = "GET", body?: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(`${base}${path}`, { method, headers: { Authorization: `token ${token}` } }, (response) => {
      response.resume();
      done(response.statusCode ?? 0);
    });
    req.on("error", fail);
    req.end(body);
  });
}

test("a learner cannot reach another's notebooks or kernels: through the hub, /user/OTHER/, or ../OTHER", async () => {
  const { learners, base } = suite.ran("base");
  const [a, b] = learners;
  const withToken = (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, redirect: "manual", headers: { Authorization: `token ${a.token}` } });
  // A's token, at B's server and at the hub's record of B
  for (const [path, method] of [
    [`/user/${b.name}/api/contents/`, "GET"],
    [`/user/${b.name}/api/contents/${NOTEBOOK}`, "GET"],
    [`/user/${b.name}/api/contents/${NOTEBOOK}`, "DELETE"],
    [`/user/${b.name}/api/kernels`, "GET"],
    [`/user/${b.name}/api/kernels`, "POST"],
    [`/user/${b.name}/api/kernels/${b.kernelId}`, "GET"],
    [`/user/${b.name}/api/kernels/${b.kernelId}/interrupt`, "POST"],
    [`/hub/api/users/${b.name}`, "GET"],
    [`/hub/api/users/${b.name}/server`, "DELETE"],
    [`/hub/api/users/${b.name}/tokens`, "POST"],
  ]) {
    const response = await withToken(path, { method });
    assert.ok([403, 404].includes(response.status), `${method} ${path} with A's token: HTTP ${response.status}`);
  }
  // A's browser (their hub and server cookies): B's JupyterLab and files end at the hub's refusal
  for (const path of [`/user/${b.name}/lab`, `/user/${b.name}/api/contents/${NOTEBOOK}`]) {
    const response = await a.context.request.get(`${base}${path}`);
    assert.is(response.status(), 403, `${path} in A's browser`);
    assert.not.match(await response.text(), /"cells"/);
  }
  // A's own server does not serve a path outside A's notebooks/
  for (const path of [
    `/user/${a.name}/api/contents/..%2F..%2F${b.name}%2Fnotebooks`,
    `/user/${a.name}/api/contents/..%2F..%2F${b.name}%2Fnotebooks%2F${NOTEBOOK}`,
    `/user/${a.name}/api/contents/../../${b.name}/notebooks/${NOTEBOOK}`,
  ]) {
    const status = await raw(base, path, a.token);
    assert.ok([400, 403, 404].includes(status), `GET ${path}: HTTP ${status}`);
  }
  const put = await raw(
    base,
    `/user/${a.name}/api/contents/..%2F..%2F${b.name}%2Fnotebooks%2Ffrom-a.txt`,
    a.token,
    "PUT",
    JSON.stringify({ type: "file", format: "text", content: "from A" }),
  );
  assert.ok([400, 403, 404].includes(put), `PUT ../B: HTTP ${put}`);
  // A's own files stay A's to read
  assert.is((await withToken(`/user/${a.name}/api/contents/${NOTEBOOK}`)).status, 200);
});

test("as root, a learner's kernel cannot read or write another's files (a Unix user each)", async () => {
  const { learners, dir } = suite.ran("dir");
  if (!asRoot) return; // docs/CLASS.md: without root, every learner's kernel runs as the teacher
  const [a, b] = learners;
  const other = join(classPaths(dir).homes, b.name);
  const code =
    `const fs = require("fs"); const tried: Record<string, string> = {};\n` +
    `for (const [what, act] of [\n` +
    `  ["read", () => fs.readFileSync(${JSON.stringify(join(other, "notebooks", NOTEBOOK))})],\n` +
    `  ["list", () => fs.readdirSync(${JSON.stringify(other)})],\n` +
    `  ["write", () => fs.writeFileSync(${JSON.stringify(join(other, "notebooks", "from-a.txt"))}, "A")],\n` +
    `] as [string, () => unknown][]) { try { act(); tried[what] = "done"; } catch (e) { tried[what] = (e as NodeJS.ErrnoException).code ?? String(e); } }\n` +
    `console.log(JSON.stringify(tried));`;
  // run in A's notebook's kernel, as a cell would be, and read what it printed
  const printed = await a.page.evaluate(async (source) => {
    // biome-ignore lint/suspicious/noExplicitAny: JupyterLab's application object, as its console shows it
    const kernel = (window as any).jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    const future = kernel.requestExecute({ code: source });
    const said: string[] = [];
    // biome-ignore lint/suspicious/noExplicitAny: a kernel message
    future.onIOPub = (message: any) => {
      if (message.header.msg_type === "stream") said.push(message.content.text);
      if (message.header.msg_type === "error") said.push(`${message.content.ename}: ${message.content.evalue}`);
    };
    await future.done;
    return said.join("");
  }, code);
  assert.equal(JSON.parse(printed.trim()), { read: "EACCES", list: "EACCES", write: "EACCES" }, printed);
});

test("--reset NAME puts the original notebooks back, and keeps theirs in saved/", async () => {
  const { learners, dir } = suite.ran("dir");
  const b = learners[1];
  const notebooks = join(classPaths(dir).homes, b.name, "notebooks");
  // their own work: the notebook as they changed it
  const theirs = readFileSync(join(notebooks, NOTEBOOK), "utf8").replace("// parameters", "// parameters, mine");
  assert.ok(theirs.includes("// parameters, mine"));
  writeFileSync(join(notebooks, NOTEBOOK), theirs);
  const reset = spawnSync(process.execPath, [SCRIPT, "--reset", b.name, "--dir", dir], { encoding: "utf8" });
  assert.is(reset.status, 0, reset.stdout + reset.stderr);
  assert.match(reset.stdout, new RegExp(`stopped ${b.name}'s server`));
  assert.equal(
    readFileSync(join(notebooks, NOTEBOOK), "utf8"),
    readFileSync(join(ROOT, "notebooks", NOTEBOOK), "utf8"),
  );
  const saved = /theirs, as they were: (\S+)/.exec(reset.stdout)?.[1] ?? "";
  assert.ok(existsSync(join(saved, NOTEBOOK)), `${saved}: their copy`);
  assert.is(readFileSync(join(saved, NOTEBOOK), "utf8"), theirs, "their copy as they left it");
});

test("SIGTERM (Ctrl-C) stops the hub, the proxy, every server and kernel: nothing of the class is left", async () => {
  const { hub, dir } = suite.ran("hub", "dir");
  const running = classProcesses(dir);
  assert.ok(running.length >= 4, `the hub, the proxy, A's server and kernel at least: ${running}`);
  hub.kill("SIGTERM");
  await waitUntil("npm run class to exit", 45_000, () => hub.exitCode !== null);
  assert.is(hub.exitCode, 0, session.printed.slice(-2000));
  assert.equal(classProcesses(dir), [], "processes of the class left");
  assert.not.match(session.printed, /ended \d+ process\(es\) the hub left/, "the hub stopped them itself");
  assert.not.ok(existsSync(classPaths(dir).running));
});

test.run();
