// What the end-to-end suites share around their one long run: the run, kept for the tests to
// report (uvu swallows an error thrown in a hook), and what a page logs, fails to load or asks for.
import type { Page } from "playwright-core";
import * as assert from "uvu/assert";

/** A suite's session filled in by one run, and the tests' way to it. */
export interface OneRun<S> {
  /** Runs it (in test.before); a failure is kept, after `onFailure` had its look. */
  start(): Promise<void>;
  /** True when the run threw. */
  readonly failed: boolean;
  /**
   * The session, with the `needed` fields set. When the run failed, the first test to ask throws
   * its error, and the others say so in a line.
   */
  ran<K extends keyof S>(...needed: K[]): S & { [P in K]-?: NonNullable<S[P]> };
}

export function oneRun<S>(
  session: S,
  run: (session: S) => Promise<void>,
  onFailure?: (session: S) => Promise<void>,
): OneRun<S> {
  let error: unknown;
  let failed = false;
  let reported = false;
  return {
    async start() {
      try {
        await run(session);
      } catch (thrown) {
        failed = true;
        error = thrown;
        await onFailure?.(session).catch(() => {});
      }
    },
    get failed() {
      return failed;
    },
    ran(...needed) {
      if (failed) {
        if (reported) throw new Error(`the run failed (see the first failure): ${String(error).split("\n")[0]}`);
        reported = true;
        throw error;
      }
      for (const key of needed)
        if (session[key] === undefined || session[key] === null)
          throw new Error(`the run never got as far as its ${String(key)}`);
      return session as S & { [P in (typeof needed)[number]]-?: NonNullable<S[P]> };
    },
  };
}

/** What a page did, collected from the moment `watchPage` is called. */
export interface PageLog {
  /** Console errors, with where they came from. */
  consoleErrors: string[];
  pageErrors: string[];
  /** Requests that failed or answered 400 or more. */
  failedRequests: string[];
  /** Every URL the page asked for. */
  requests: string[];
}

export function watchPage(page: Page): PageLog {
  const log: PageLog = { consoleErrors: [], pageErrors: [], failedRequests: [], requests: [] };
  page.on("console", (message) => {
    if (message.type() === "error") log.consoleErrors.push(`${message.text()} (at ${message.location().url})`);
  });
  page.on("pageerror", (error) => log.pageErrors.push(String(error)));
  page.on("request", (request) => log.requests.push(request.url()));
  page.on("requestfailed", (request) => log.failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on("response", (response) => {
    if (response.status() >= 400) log.failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
  });
  return log;
}

/** Asserts a page logged no console error, threw nothing and had no request fail. */
export function assertCleanPage(log: PageLog, where: string): void {
  assert.equal(log.consoleErrors, [], `${where}: console errors`);
  assert.equal(log.pageErrors, [], `${where}: page errors`);
  assert.equal(log.failedRequests, [], `${where}: failed requests`);
}
