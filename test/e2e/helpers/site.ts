// Plumbing for the site's tests: `npm run build` (or the build script with options), the one build
// of a test run that the site's suites and the notebooks suite share, a static server on 127.0.0.1
// for the built site, and a Chromium context that may read file:// and 127.0.0.1 only. Nothing
// here reaches past the machine.
import { execFile, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, relative, sep } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { launchChromium, ROOT } from "./browser";
import { ARTIFACTS, type Execution, editedNotebook, type Notebook, notebookNames } from "./notebooks";
import { oneRun } from "./run";

export const SITE = join(ROOT, "site");

export interface BuildRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run build` in the project, as a user would run it; `args` go to the build script. */
const npmBuild = (args: string[]) => ["run", "--silent", "build", ...(args.length ? ["--", ...args] : [])];
/** Where and how the build runs, and the most output it may print (a build that prints more is stopped). */
const buildOptions = (timeout: number) => ({
  cwd: ROOT,
  env: { ...process.env, FORCE_COLOR: "0" },
  timeout,
  maxBuffer: 64 * 1024 * 1024,
});

/** Runs `npm run build` in the project, as a user would; `args` go to the build script. */
export function runBuild(args: string[] = [], timeout = 240_000): BuildRun {
  const result = spawnSync("npm", npmBuild(args), { ...buildOptions(timeout), encoding: "utf8" });
  return {
    status: result.status,
    stdout: result.stdout ?? "",
    stderr: `${result.stderr ?? ""}${result.error ? `\n${result.error.message}` : ""}`,
  };
}

const failed = (build: BuildRun) =>
  new Error(`npm run build failed (${build.status}):\n${build.stdout}\n${build.stderr}`);

/**
 * Runs `npm run build` as runBuild does, and throws with its output when it fails. With no `args`,
 * the test run's shared build (sharedBuild) instead, when it is done and still what the sources
 * and site/ are.
 */
export function buildSite(args: string[] = []): BuildRun {
  if (args.length === 0 && shared?.done && isCurrent(shared.done)) return ok(shared.done.build);
  return ok(runBuild(args));
}

/** Runs `npm run build` as runBuild does, always, and throws with its output when it fails. */
export const rebuildSite = (args: string[] = []): BuildRun => ok(runBuild(args));

const ok = (build: BuildRun) => {
  if (build.status !== 0) throw failed(build);
  return build;
};

/** The one build of a test run, once done: its output, each notebook's runs, and the state it was made from. */
interface SharedBuild {
  build: BuildRun;
  /** True when it ran every notebook fresh and kept the runs (build-site.mjs --record). */
  recorded: boolean;
  /** By notebook: its two runs, the runner's stderr and exit status; a string when the runner kept none. */
  runs: Map<string, Execution | string>;
  /** A hash of every source the site is made from as the build began (sourcesState), and of site/ as built (siteState). */
  sources: string;
  site: string;
}

let shared: { pending: Promise<SharedBuild>; done?: SharedBuild } | undefined;

/**
 * A hash of every file a build reads, over-inclusive: the notebooks, the scripts, the module's
 * sources and build (setup.mjs compiles src/ into dist/), the package files and what npm installed.
 */
function sourcesState(): string {
  const hash = createHash("sha256");
  for (const dir of ["notebooks", "scripts", "src", "dist"])
    for (const [file, digest] of Object.entries(snapshot(join(ROOT, dir)))) hash.update(`${dir}/${file}\0${digest}\0`);
  for (const file of ["package.json", "package-lock.json", "tsconfig.json", "node_modules/.package-lock.json"])
    hash.update(`${file}\0${existsSync(join(ROOT, file)) ? readFileSync(join(ROOT, file)) : "(none)"}\0`);
  return hash.digest("hex");
}

const siteState = () =>
  createHash("sha256")
    .update(JSON.stringify(snapshot(SITE)))
    .digest("hex");

/** True when nothing the build read changed since, and site/ is still the folder it wrote. */
const isCurrent = (built: SharedBuild) => built.sources === sourcesState() && built.site === siteState();

/** Runs `npm run build` with `args` as runBuild does, without blocking: other work goes on meanwhile. */
export function runBuildAsync(args: string[] = [], timeout = 240_000): Promise<BuildRun> {
  return new Promise((resolve) => {
    execFile("npm", npmBuild(args), buildOptions(timeout), (error, stdout, stderr) => {
      // error.code is the exit status, or a string when npm could not start or printed too much
      const status = error === null ? 0 : typeof error.code === "number" ? error.code : null;
      const why = error?.signal ? `(ended by ${error.signal})` : status === null ? error?.message : undefined;
      resolve({ status, stdout, stderr: why ? `${stderr}\n${why}` : stderr });
    });
  });
}

/** What the build kept of a notebook's runs in `dir` (build-site.mjs --record), or why there is none. */
function readRuns(dir: string, name: string): Execution | string {
  const file = (suffix: string) => join(dir, `${name}${suffix}`);
  if (!existsSync(file(".run.json"))) return `the build did not run ${name}`;
  const { status, stderr } = JSON.parse(readFileSync(file(".run.json"), "utf8"));
  if (!existsSync(file(".executed.ipynb")))
    return `${name}: the runner wrote no executed copy (exit ${status}):\n${stderr}`;
  const read = (path: string): Notebook => JSON.parse(readFileSync(path, "utf8"));
  const { then } = JSON.parse(readFileSync(file(".run.json"), "utf8")).result ?? {};
  const edited = existsSync(file(".edited.executed.ipynb"))
    ? {
        edit: editedNotebook(name).edit,
        notebook: read(file(".edited.executed.ipynb")),
        failure: then ? `cell ${then.cell} (code cell ${then.code_cell}, "${then.first_line}"): ${then.error}` : null,
      }
    : undefined;
  return { first: read(file(".executed.ipynb")), edited, stderr, status };
}

/** Writes each notebook's variant with its parameters cell edited into `dir`, for the build to run second (--record). */
function writeVariants(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const name of notebookNames())
    writeFileSync(join(dir, `${name}.edited.ipynb`), JSON.stringify(editedNotebook(name).notebook));
}

/** The notebooks whose runs a suite loaded in this process will read (recordedRuns), not yet read. */
const runsWanted = new Set<string>();
/**
 * Said by a suite that will read these notebooks' runs (notebooks.test.ts, step-pages.test.ts, as they
 * load): the shared build records them, and starts now, while the test files load, so that its
 * kernels run beside the suites that come before the first one to wait for it (the unit suites,
 * and the e2e suites that need no site: their files' names sort before the others').
 */
export function wantRecordedRuns(names: string[]): void {
  for (const name of names) runsWanted.add(name);
  if (!shared) sharedBuild(true).catch(() => {}); // each suite that waits for it reports its failure
}

/**
 * The test run's one build of the site, made by the first suite that asks. When a suite loaded in
 * this run reads the notebooks' runs (wantRecordedRuns), or `record` asks: `npm run build --
 * --record test/.artifacts`, which executes every notebook in a fresh kernel (cache or not), then its
 * edited variant in the same kernel, renders site/ from the first runs, and keeps both for the suites; else
 * `npm run build` (from the cache when nothing changed). A later suite gets it again only while
 * every source is as it was when the build began and site/ as the build left it (hashes of their
 * content), and, when it needs the runs, only a build that recorded them; else it makes a new one.
 * Resolves whatever the build's status.
 */
export async function sharedBuild(record = false): Promise<SharedBuild> {
  if (shared) {
    const built = shared.done ?? (await shared.pending);
    if (isCurrent(built) && (built.recorded || !record)) return built;
  }
  // read before the build: a source changed while it ran (its set-up may compile src/) makes it old at once
  const sources = sourcesState();
  const recorded = record || runsWanted.size > 0;
  if (recorded) writeVariants(ARTIFACTS);
  const entry: NonNullable<typeof shared> = {
    pending: runBuildAsync(recorded ? ["--record", ARTIFACTS] : [], 600_000).then((build) => {
      const names = recorded ? [...build.stdout.matchAll(/^\[build\] (\S+): executing/gm)].map((m) => m[1]) : [];
      entry.done = {
        build,
        recorded,
        runs: new Map(names.map((name) => [name, readRuns(ARTIFACTS, name)])),
        sources,
        site: siteState(),
      };
      return entry.done;
    }),
  };
  shared = entry;
  // the suite that asked gets the build it waited for, as it got its own `npm run build` before
  return entry.pending;
}

/** The test run's shared build (sharedBuild), or its error with its output when it failed. */
export async function buildSiteOnce(): Promise<BuildRun> {
  return ok((await sharedBuild()).build);
}

/** Each notebook's runs in the shared build (sharedBuild), by name; rejects for a notebook it did not run. */
export async function recordedRuns(name: string): Promise<Execution> {
  const { build, runs } = await sharedBuild(true);
  runsWanted.delete(name);
  const run = runs.get(name);
  if (run === undefined || typeof run === "string")
    throw new Error(
      `${run ?? `the build ran no notebook ${name}`}\nnpm run build (${build.status}):\n${build.stdout}\n${build.stderr}`,
    );
  return run;
}

/** Every file under `dir` with a hash of its content: a folder's state, to compare before and after. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { recursive: true }).map(String).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isFile()) files[entry] = createHash("sha256").update(readFileSync(path)).digest("hex");
  }
  return files;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

export interface StaticServer {
  /** http://127.0.0.1:port/ */
  url: string;
  /** The paths asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 (a free port) as any static host would: files only, 404 otherwise. */
export async function serveFolder(dir: string): Promise<StaticServer> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    requests.push(path);
    let file = normalize(join(dir, path));
    if (file !== dir && !file.startsWith(`${dir}${sep}`)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${relative(dir, file)}`);
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    response.end(readFileSync(file));
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A context whose pages may load file:// URLs and 127.0.0.1 only (launchChromium's own context
 * allows 127.0.0.1 alone): any other request is refused and listed in `refused`.
 */
async function siteContext(browser: Browser): Promise<{ context: BrowserContext; refused: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const refused: string[] = [];
  await context.route(
    (url) => !["file:", "data:", "blob:", "about:"].includes(url.protocol) && url.hostname !== "127.0.0.1",
    (route) => {
      refused.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  return { context, refused };
}

/**
 * Chromium for the site's tests, with siteContext's context (launchChromium's own allows 127.0.0.1
 * only, and is closed): `onBrowser` gets the browser first, so that a caller's teardown closes it
 * even when the context could not be made.
 */
export async function launchSiteBrowser(
  onBrowser: (browser: Browser) => void,
): Promise<{ browser: Browser; context: BrowserContext; refused: string[] }> {
  const { browser, context: allowsOnlyLoopback } = await launchChromium();
  onBrowser(browser);
  await allowsOnlyLoopback.close();
  return { browser, ...(await siteContext(browser)) };
}

/** Closes what a site suite opened, each if it was: its browser, then its server. */
export async function closeSite(opened: { browser?: Browser; server?: StaticServer }): Promise<void> {
  try {
    await opened.browser?.close();
  } finally {
    await opened.server?.close();
  }
}

/** What a site suite opens: a static server for site/, Chromium, and siteContext's context and refusals. */
export interface SiteSession {
  server?: StaticServer;
  browser?: Browser;
  context?: BrowserContext;
  refused: string[];
}

/**
 * A site suite's one run (oneRun): `build` (buildSite, or the shared buildSiteOnce), then a static
 * server for site/ (or `folder`) and Chromium reading file:// and 127.0.0.1 only. `start` goes in test.before,
 * `close` in test.after; `ran` gives the tests the context, the server and the refused requests.
 */
export function siteSuite(build: () => unknown, folder = SITE) {
  const session: SiteSession = { refused: [] };
  const suite = oneRun(session, async (s: SiteSession) => {
    await build();
    s.server = await serveFolder(folder);
    const site = await launchSiteBrowser((browser) => {
      s.browser = browser;
    });
    s.context = site.context;
    s.refused = site.refused;
  });
  return { start: suite.start, ran: () => suite.ran("context", "server"), close: () => closeSite(session) };
}
