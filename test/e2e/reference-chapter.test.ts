// test/fixtures/chapter.json (numpy's numbers for notebooks 09 to 11) is what test/reference/chapter.py
// writes today. Apart from test/reference.test.ts because the program takes seconds of training (in
// npm test's longer tier, so that the unit tier stays quick); skipped, with a line, without numpy.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import { findPython } from "../../scripts/setup.mjs";
import { TOL } from "../helpers/assert";
import { compare } from "../helpers/compare";

const ROOT = join(__dirname, "..");
const python = findPython(["numpy"]);

(python ? test : test.skip)("test/fixtures/chapter.json is what test/reference/chapter.py writes today", async () => {
  const written = await new Promise<unknown>((resolve, reject) => {
    execFile(
      python as string,
      [join(ROOT, "reference", "chapter.py")],
      { maxBuffer: 1 << 26 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`chapter.py failed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout)),
    );
  });
  compare(written, JSON.parse(readFileSync(join(ROOT, "fixtures", "chapter.json"), "utf8")), "", () => TOL);
});
if (!python) console.log("  skipped: no Python with numpy to rerun test/reference/chapter.py");

test.run();
