// Where Chromium is, for the browser tests and the explorer's bench (playwright-core downloads none):
// CHROME_PATH; else a browser Playwright installed (`npx playwright-core install chromium`); else
// Debian's /usr/bin/chromium; else chromium, chromium-browser (Ubuntu's snap) or google-chrome on
// PATH, or Chrome where macOS and Windows install it. None: an error that says how to get one.
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";

/** Playwright's browsers folder (PLAYWRIGHT_BROWSERS_PATH, or its per-platform default). */
function playwrightDir(env, platform, home) {
  if (env.PLAYWRIGHT_BROWSERS_PATH && env.PLAYWRIGHT_BROWSERS_PATH !== "0") return env.PLAYWRIGHT_BROWSERS_PATH;
  if (platform === "darwin") return join(home, "Library", "Caches", "ms-playwright");
  if (platform === "win32") return join(env.LOCALAPPDATA ?? join(home, "AppData", "Local"), "ms-playwright");
  return join(env.XDG_CACHE_HOME ?? join(home, ".cache"), "ms-playwright");
}

/** The executables Playwright's chromium-<revision> folders may hold, newest revision first. */
function playwrightChromiums(dir, platform, list) {
  let entries;
  try {
    entries = list(dir);
  } catch {
    return [];
  }
  const revision = (name) => Number(/-(\d+)$/.exec(name)?.[1] ?? 0);
  const inside = {
    linux: [
      ["chrome-linux64", "chrome"],
      ["chrome-linux", "chrome"],
    ],
    darwin: [
      ["chrome-mac-arm64", "Google Chrome for Testing.app", "Contents", "MacOS", "Google Chrome for Testing"],
      ["chrome-mac-x64", "Google Chrome for Testing.app", "Contents", "MacOS", "Google Chrome for Testing"],
      ["chrome-mac", "Chromium.app", "Contents", "MacOS", "Chromium"],
    ],
    win32: [
      ["chrome-win64", "chrome.exe"],
      ["chrome-win", "chrome.exe"],
    ],
  }[platform] ?? [["chrome-linux", "chrome"]];
  return entries
    .filter((name) => /^chromium-\d+$/.test(name))
    .sort((a, b) => revision(b) - revision(a))
    .flatMap((name) => inside.map((parts) => join(dir, name, ...parts)));
}

/** Where Chrome or Chromium installs itself on macOS and Windows. */
function installed(env, platform) {
  if (platform === "darwin")
    return [
      "/Applications/Chromium.app/Contents/MacOS/Chromium",
      "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    ];
  if (platform === "win32")
    return [env.PROGRAMFILES, env["PROGRAMFILES(X86)"], env.LOCALAPPDATA]
      .filter(Boolean)
      .map((dir) => join(dir, "Google", "Chrome", "Application", "chrome.exe"));
  return [];
}

/**
 * The Chromium to drive. `options` (for the tests): env, platform, home, exists(path), list(dir).
 * Throws, saying how to get one, when there is none.
 */
export function findChromium(options = {}) {
  const {
    env = process.env,
    platform = process.platform,
    home = homedir(),
    exists = existsSync,
    list = (dir) => readdirSync(dir),
  } = options;
  if (env.CHROME_PATH) {
    if (exists(env.CHROME_PATH)) return env.CHROME_PATH;
    throw new Error(`CHROME_PATH is ${env.CHROME_PATH}, and there is no such file`);
  }
  const onPath = (name) =>
    (env.PATH ?? "")
      .split(platform === "win32" ? ";" : delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, platform === "win32" ? `${name}.exe` : name));
  const candidates = [
    ...playwrightChromiums(playwrightDir(env, platform, home), platform, list),
    "/usr/bin/chromium",
    ...["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"].flatMap(onPath),
    ...installed(env, platform),
  ];
  const found = candidates.find((path) => exists(path));
  if (found) return found;
  throw new Error(
    "no Chromium found for the browser tests. Any of these gives one:\n" +
      "  - npx playwright-core install chromium   (Playwright's own build, any platform)\n" +
      "  - Debian: sudo apt-get install chromium; Ubuntu: sudo snap install chromium\n" +
      "  - macOS: brew install --cask chromium (or Google Chrome); Windows: Google Chrome\n" +
      "  - or point CHROME_PATH at a Chrome or Chromium executable",
  );
}
