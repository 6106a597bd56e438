#!/usr/bin/env node
// Runs the test suites in three uvu processes at once, on this project's 2 cores (npm run test:unit:
// the unit suites in two, a half each): one runs the site's
// suites, which share one build of site/ (test/e2e/helpers/site.ts: its tslab kernels, then the
// pages in Chromium), one the suites that drive JupyterLab's server (lab, jupyterlab, start, class), the
// third everything else (the unit suites, the classic Notebook, the package, …). Each is mostly
// one thing after another, waiting much of the time (a kernel starting, a page loading): with two,
// the cores were busy about half the time.
// usage: node scripts/test.mjs [all|e2e|unit]   (npm test: all; npm run test:e2e: e2e; npm run test:unit: unit)
// Each line a process prints is shown as it ends, after the name of its group and the seconds since
// the start (where the time goes: a file's name line is printed as it starts); the last lines add
// up the processes' summaries in uvu's words (Total, Passed, Skipped, Duration), which .ci/run reads.
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
const SITE_SUITES = ["glossary", "notebooks", "playground", "site-a11y", "site", "step-pages"];
const siteFiles = `^(${SITE_SUITES.join("|")})\\.test\\.ts$`;

const which = process.argv[2] ?? "all";
if (!["all", "e2e", "unit"].includes(which)) {
  console.error(`usage: node scripts/test.mjs [all|e2e|unit] (got ${JSON.stringify(which)})`);
  process.exit(2);
}
/**
 * The suites that drive JupyterLab's own server in Chromium (npm start's; npm run class's JupyterHub):
 * mostly waiting (a server, a kernel, a page), so a process of their own.
 */
const LAB_SUITES = ["lab", "jupyterlab", "start", "class"];
const labFiles = `^(${LAB_SUITES.join("|")})\\.test\\.ts$`;
// the other two groups' files, as uvu names them from test/ (e2e/NAME.test.ts) and from test/e2e/ (NAME.test.ts)
const apart = `(${[...SITE_SUITES, ...LAB_SUITES].join("|")})\\.test\\.ts$`;
/**
 * npm run test:unit's two groups: the suites that train most (the kernel against the readable rule,
 * the network: about half the tier's time), and the others, e2e/ apart.
 */
const TRAINING = "^(kernel|network)(-[a-z]+)?\\.test\\.ts$";
const UNIT_GROUPS = [
  { name: "unit 1", args: ["-r", "tsx", "test", TRAINING] },
  { name: "unit 2", args: ["-r", "tsx", "test", "\\.test\\.ts$", "-i", "^e2e", "-i", TRAINING] },
];
// The site's group is the longest: the others run at a lower priority (nice 10), on what it leaves.
const GROUPS =
  which === "unit"
    ? UNIT_GROUPS
    : [
        { name: "site", args: ["-r", "tsx", "test/e2e", siteFiles], nice: 0 },
        { name: "lab", args: ["-r", "tsx", "test/e2e", labFiles], nice: 10 },
        which === "all"
          ? { name: "rest", args: ["-r", "tsx", "test", "\\.test\\.ts$", "-i", `^e2e[\\\\/]${apart}`], nice: 10 }
          : { name: "rest", args: ["-r", "tsx", "test/e2e", "\\.test\\.ts$", "-i", `^${apart}`], nice: 10 },
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

const started = Date.now();

/** Runs one group; its lines are printed whole, as they end, after `[name seconds]`. */
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
      for (const line of lines) out.write(`[${name} ${((Date.now() - started) / 1000).toFixed(0)}] ${line}\n`);
    };
    child.stdout.on("data", show("stdout", process.stdout));
    child.stderr.on("data", show("stderr", process.stderr));
    child.on("close", (code, signal) => {
      for (const [stream, rest] of Object.entries(pending)) if (rest) process[stream].write(`[${name}] ${rest}\n`);
      resolve({ name, code: code ?? (signal ? 1 : 0), signal, summary: summary(all) });
    });
  });
}

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
