// End-to-end plumbing: a throw-away copy of the project's notebooks, the classic Notebook server
// serving it on 127.0.0.1, and headless Chromium. Nothing here reaches past 127.0.0.1.
// Past 250 lines because the server's life is most of it: started, waited for, and stopped with
// every process it began, whatever happens to the test run.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { findChromium } from "../../../scripts/chromium.mjs";
import { jupyterEnv, readSetup } from "../../../scripts/setup.mjs";

import { ROOT } from "./notebooks";

export { ROOT };

/** Chromium (scripts/chromium.mjs: CHROME_PATH, Playwright's, Debian's, ...): playwright-core downloads none. */
export const CHROMIUM = findChromium();

/** Flags for headless Chromium as root on a closed network: no sandbox, no GPU, no calls home. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // no host name resolves: the pages use 127.0.0.1 only (which the rules would catch too, unexcluded)
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

/**
 * Polls `check` every `interval` ms until it returns something truthy, and returns that. After
 * `timeout` ms it throws, naming what it waited for and, from `state`, where things stood.
 */
export async function waitUntil<T>(
  what: string,
  timeout: number,
  check: () => T | Promise<T>,
  state?: () => string | Promise<string>,
  interval = 100,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() >= deadline) {
      let detail = "";
      try {
        detail = state ? `; ${await state()}` : "";
      } catch (error) {
        detail = `; (could not tell the state: ${String(error)})`;
      }
      const error = new Error(`timed out after ${timeout / 1000} s waiting for ${what}${detail}`);
      // uvu prints the message, then the stack from its second line: keep the details out of the stack
      error.stack = error.stack?.replace(error.message, `timed out waiting for ${what}`);
      throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** A temporary copy of the project for the Notebook server: the server may autosave into it freely. */
export interface Mirror {
  /** The folder: `notebooks/` with copies of the notebooks, and links to package.json, dist and node_modules. */
  dir: string;
  remove(): void;
}

/**
 * Copies `notebooks` (names in notebooks/) into a new folder under the OS's temp folder, next to
 * symlinks to the project's package.json, dist/ and node_modules/, so that a notebook's
 * `import ... from ".."` finds the built module as it does in the project.
 */
export function mirrorProject(notebooks: string[]): Mirror {
  const dir = mkdtempSync(join(tmpdir(), "perceptron-browser-"));
  try {
    mkdirSync(join(dir, "notebooks"));
    for (const name of notebooks) copyFileSync(join(ROOT, "notebooks", name), join(dir, "notebooks", name));
    for (const entry of ["package.json", "dist", "node_modules"]) symlinkSync(join(ROOT, entry), join(dir, entry));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  // rmSync removes the symlinks themselves, never what they point to
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A TCP port nobody listens on at 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Sends `signal` to each of `pids` (a negative one: that process group); those already gone are skipped. */
export function signalEach(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {} // ended already
  }
}

/**
 * Stops a child started in a process group of its own (detached), and all that group: SIGTERM,
 * then SIGKILL when it has not ended within `timeout` ms. `what` names it in the wait.
 */
export async function stopGroup(child: ChildProcess | undefined, what: string, timeout: number): Promise<void> {
  if (!child?.pid || exited(child)) return;
  const group = -child.pid;
  signalEach([group], "SIGTERM");
  await waitUntil(`${what} to stop`, timeout, () => exited(child)).catch(() => signalEach([group], "SIGKILL"));
}

/** The ids of processes (other than this one) whose command line or working folder is inside `dir`. */
export function processesUnder(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      let cwd = "";
      try {
        cwd = readlinkSync(`/proc/${pid}/cwd`);
      } catch {}
      if (cmdline.includes(dir) || cwd === dir || cwd.startsWith(`${dir}/`)) pids.push(pid);
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, timeout: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(exited(child)), timeout);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** A running classic Notebook server. */
export interface NotebookServer {
  /** http://127.0.0.1:port */
  url: string;
  token: string;
  /** The URL that opens `path` (relative to the served folder) in the notebook editor, logged in. */
  notebookUrl(path: string): string;
  /** The server's recent log lines. */
  log(): string;
  /** Shuts the kernels and the server down; kills whatever is left in the served folder. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts `python -m notebook` on 127.0.0.1, a free port and a random token, serving `dir`, with the
 * project's kernels (JUPYTER_PATH) and its runtime files (connection files, cookie secret) in
 * `dir/.runtime`. Resolves once the server answers over HTTP; throws after `timeout` ms.
 */
export async function startNotebookServer(dir: string, timeout = 30_000): Promise<NotebookServer> {
  const { python } = readSetup();
  const port = await freePort();
  const token = randomBytes(24).toString("hex");
  const url = `http://127.0.0.1:${port}`;
  const args = [
    "-m",
    "notebook",
    "--no-browser",
    "--ip=127.0.0.1",
    `--port=${port}`,
    "--NotebookApp.port_retries=0",
    `--NotebookApp.token=${token}`,
    `--notebook-dir=${dir}`,
  ];
  if (process.getuid?.() === 0) args.push("--allow-root");
  const runtime = join(dir, ".runtime");
  const child = spawn(python, args, {
    cwd: dir,
    env: { ...jupyterEnv(), JUPYTER_RUNTIME_DIR: runtime },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so that nothing of it outlives stop()
  });
  let spawnError: Error | undefined;
  child.on("error", (error) => {
    spawnError = error;
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const log = () => output.trim().split("\n").slice(-25).join("\n");

  const killAll = () => {
    if (!exited(child) && child.pid) signalEach([-child.pid], "SIGKILL");
    signalEach(processesUnder(dir), "SIGKILL");
  };
  // should this process end first (a crash, Ctrl-C), take the server and its kernels with it
  const onExit = () => killAll();
  const onSignal = (signal: NodeJS.Signals) => {
    killAll();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.on("exit", onExit);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      if (!exited(child) && !spawnError) {
        // SIGTERM: the server shuts its kernels down, then exits
        child.kill("SIGTERM");
        if (!(await waitForExit(child, 10_000))) {
          killAll();
          await waitForExit(child, 5_000);
        }
      }
      // a kernel the server could not end: its connection file is in dir/.runtime
      await waitUntil("the kernels to end", 5_000, () => processesUnder(dir).length === 0).catch(killAll);
      process.off("exit", onExit);
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    })();
    return stopped;
  };

  try {
    await waitUntil(
      `the Notebook server to answer at ${url}`,
      timeout,
      async () => {
        if (spawnError) throw new Error(`could not start ${python} -m notebook: ${spawnError.message}`);
        if (exited(child)) {
          throw new Error(
            `the Notebook server exited (${child.exitCode ?? child.signalCode}) before answering:\n${log()}`,
          );
        }
        try {
          const response = await fetch(`${url}/api/status?token=${token}`, { signal: AbortSignal.timeout(2_000) });
          return response.ok;
        } catch {
          return false;
        }
      },
      () => `its log:\n${log()}`,
      200,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    token,
    notebookUrl: (path) => `${url}/notebooks/${path.split("/").map(encodeURIComponent).join("/")}?token=${token}`,
    log,
    stop,
  };
}

/** Headless Chromium, and a context whose pages may load from 127.0.0.1 only: anything else is refused and listed in `refused`. */
export async function launchChromium(): Promise<{ browser: Browser; context: BrowserContext; refused: string[] }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const refused: string[] = [];
    await context.route(
      (url) => !["data:", "blob:", "about:"].includes(url.protocol) && url.hostname !== "127.0.0.1",
      (route) => {
        refused.push(route.request().url());
        return route.abort("blockedbyclient");
      },
    );
    return { browser, context, refused };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
