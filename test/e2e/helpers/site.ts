// Plumbing for the site's tests: `npm run build` (or the build script with options), a static
// server on 127.0.0.1 for the built site, and a Chromium context that may read file:// and
// 127.0.0.1 only. Nothing here reaches past the machine.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, relative, sep } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { launchChromium, ROOT } from "./browser";

export const SITE = join(ROOT, "site");

export interface BuildRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run build` in the project, as a user would; `args` go to the build script. */
export function runBuild(args: string[] = [], timeout = 240_000): BuildRun {
  const result = spawnSync("npm", ["run", "--silent", "build", ...(args.length ? ["--", ...args] : [])], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0" },
    timeout,
  });
  return {
    status: result.status,
    stdout: result.stdout ?? "",
    stderr: `${result.stderr ?? ""}${result.error ? `\n${result.error.message}` : ""}`,
  };
}

/** Runs `npm run build` as runBuild does, and throws with its output when it fails. */
export function buildSite(args: string[] = []): BuildRun {
  const build = runBuild(args);
  if (build.status !== 0) throw new Error(`npm run build failed (${build.status}):\n${build.stdout}\n${build.stderr}`);
  return build;
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
