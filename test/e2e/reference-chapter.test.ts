// test/fixtures/chapter.json (numpy's numbers for notebooks 09 to 11) is what test/reference/chapter.py
// writes today, and playground.json (playground runs) what playground.py writes. Apart from
// test/reference.test.ts because the programs take seconds of training (in
// npm test's longer tier, so that the unit tier stays quick); skipped, with a line, without numpy.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { findPython } from "../../scripts/setup.mjs";
import { TOL } from "../helpers/assert";
import { compare } from "../helpers/compare";

const ROOT = join(__dirname, "..");
const python = findPython(["numpy"]);

/** What a reference program prints (JSON), run by the Python with numpy. */
function rerun(program: string, args: string[]): Promise<unknown> {
  return new Promise<unknown>((resolve, reject) => {
    execFile(
      python as string,
      [join(ROOT, "reference", program), ...args],
      { maxBuffer: 1 << 26 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${program} failed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout)),
    );
  });
}

for (const [fixture, program, args] of [
  ["chapter.json", "chapter.py", []],
  ["playground.json", "playground.py", ["fixtures"]],
] as const) {
  (python ? test : test.skip)(`test/fixtures/${fixture} is what test/reference/${program} writes today`, async () => {
    // a case's sensitivity (how far one ulp moves numpy's own run, ~1e-15) is rounding itself, and
    // differs from numpy to numpy: that it is below 1e-13 is all it says
    const strip = (json: string) =>
      JSON.parse(json, (key, value) => {
        if (key !== "sensitivity") return value;
        assert.ok(value < 1e-13, `a run a last bit moves by ${value}`);
        return undefined;
      });
    const written = strip(JSON.stringify(await rerun(program, [...args])));
    compare(written, strip(readFileSync(join(ROOT, "fixtures", fixture), "utf8")), "", () => TOL);
  });
}
if (!python) console.log("  skipped: no Python with numpy to rerun test/reference/chapter.py and playground.py");

test.run();
