#!/usr/bin/env node
// Runs the test suites in two uvu processes at once, on this project's 2 cores: one runs the site's
// suites, which share one build of site/ (test/e2e/helpers/site.ts: its tslab kernels, then the
// pages in Chromium), the other everything else (the unit suites, JupyterLab, the classic Notebook,
// the package, …). Each process alone leaves a core idle a third of the time (a kernel starting, a
// page loading); together they take about the time of the longer one.
// usage: node scripts/test.mjs [all|e2e]   (npm test: all; npm run test:e2e: e2e)
// Each line a process prints is shown as it ends, after the name of its group; the last lines add
// up both processes' summaries in uvu's words (Total, Passed, Skipped, Duration), which .ci/run reads.
// Exits 1 when either group fails.
import { spawn } from "node:child_process";
import { setPriority } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
// uvu's own script, run by this Node: no shell between (on Windows, a .cmd shim would need one)
const uvu = join(root, "node_modules", "uvu", "bin.js");

/** The suites that read site/: they must share one process, so that one build serves them all. */
const SITE_SUITES = ["notebooks", "playground", "site-a11y", "site", "step-pages"];
const siteFiles = `^(${SITE_SUITES.join("|")})\\.test\\.ts$`;

const which = process.argv[2] ?? "all";
if (!["all", "e2e"].includes(which)) {
  console.error(`usage: node scripts/test.mjs [all|e2e] (got ${JSON.stringify(which)})`);
  process.exit(2);
}
// The site's group is the longer one: the other runs at a lower priority (nice 10), on what it leaves.
const GROUPS = [
  { name: "site", args: ["-r", "tsx", "test/e2e", siteFiles], nice: 0 },
  which === "all"
    ? {
        name: "rest",
        args: ["-r", "tsx", "test", "\\.test\\.ts$", "-i", `e2e[\\\\/](${SITE_SUITES.join("|")})\\.test\\.ts$`],
      }
    : { name: "rest", args: ["-r", "tsx", "test/e2e", "\\.test\\.ts$", "-i", siteFiles], nice: 10 },
];

/** The uvu summary's numbers in `text` (its colours removed), or undefined when it printed none. */
function summary(text) {
  const plain = stripVTControlCharacters(text);
  const number = (label) => Number(new RegExp(`^\\s*${label}:\\s*([0-9.]+)`, "m").exec(plain)?.[1]);
  const total = number("Total");
  return Number.isNaN(total)
    ? undefined
    : { total, passed: number("Passed"), skipped: number("Skipped"), ms: number("Duration") };
}

/** Runs one group; its lines are printed whole, as they end, after `[name]`. */
function run({ name, args, nice }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [uvu, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    // before it starts anything: its browsers, servers and kernels inherit the priority
    if (nice) setPriority(child.pid, nice);
    let all = "";
    const pending = { stdout: "", stderr: "" };
    const show = (stream, out) => (chunk) => {
      all += chunk;
      const lines = (pending[stream] + chunk).split("\n");
      pending[stream] = lines.pop();
      for (const line of lines) out.write(`[${name}] ${line}\n`);
    };
    child.stdout.on("data", show("stdout", process.stdout));
    child.stderr.on("data", show("stderr", process.stderr));
    child.on("close", (code, signal) => {
      for (const [stream, rest] of Object.entries(pending)) if (rest) process[stream].write(`[${name}] ${rest}\n`);
      resolve({ name, code: code ?? (signal ? 1 : 0), signal, summary: summary(all) });
    });
  });
}

const started = Date.now();
const results = await Promise.all(GROUPS.map(run));
const sum = (key) => results.reduce((n, r) => n + (r.summary?.[key] ?? 0), 0);
console.log("");
for (const r of results) {
  const s = r.summary;
  const said = s ? `${s.passed} of ${s.total} passed in ${(s.ms / 1000).toFixed(1)} s` : "printed no summary";
  console.log(`  ${r.name}: ${said}${r.code ? ` (exit ${r.signal ?? r.code})` : ""}`);
}
console.log(`  Total:     ${sum("total")}`);
console.log(`  Passed:    ${sum("passed")}`);
console.log(`  Skipped:   ${sum("skipped")}`);
console.log(`  Duration:  ${Date.now() - started}ms`);
process.exit(results.some((r) => r.code !== 0 || !r.summary) ? 1 : 0);
