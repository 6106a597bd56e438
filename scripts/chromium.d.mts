// Types for the TypeScript tests, which find Chromium as the scripts do.
export interface ChromiumLookup {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
  exists?: (path: string) => boolean;
  list?: (dir: string) => string[];
}
/** The Chromium to drive: CHROME_PATH, Playwright's, /usr/bin/chromium, then PATH. Throws, saying how to get one. */
export function findChromium(options?: ChromiumLookup): string;
