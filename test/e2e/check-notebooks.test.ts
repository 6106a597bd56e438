import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type CheckResult, checkNotebooks, cli } from "../../scripts/check-notebooks";
import { type Finding, formatFinding } from "../../scripts/notebook-cells";

const root = join(__dirname, "..", "..");
const fixtures = mkdtempSync(join(tmpdir(), "check-notebooks-test-"));

/** Writes a notebook as Jupyter does: a cell is code, or markdown when it starts with "#". */
function writeNotebook(folder: string, name: string, cells: string[]): string {
  const path = join(folder, `${name}.ipynb`);
  const json = {
    cells: cells.map((text) => {
      const source = text.split("\n").map((line, k, lines) => (k < lines.length - 1 ? `${line}\n` : line));
      if (text.startsWith("#")) return { cell_type: "markdown", metadata: {}, source };
      return { cell_type: "code", metadata: {}, source, execution_count: null, outputs: [] };
    }),
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  writeFileSync(path, `${JSON.stringify(json, null, 1)}\n`);
  return path;
}

const PARAMETERS = "// parameters\nconst seed = 1;";
const notebooks = {
  unused: writeNotebook(fixtures, "unused", [
    "# Unused",
    PARAMETERS,
    'import { readFileSync } from "node:fs";\n\nconsole.log(seed);',
  ]),
  wrongType: writeNotebook(fixtures, "wrong-type", [
    PARAMETERS,
    "# Types",
    'console.log(seed);\nconst n: number = "a";\nconsole.log(n);',
  ]),
  shorthand: writeNotebook(fixtures, "shorthand", [
    PARAMETERS,
    "const local = 2;\nconsole.log({ local }, { seed: seed });",
    "console.log({ seed });",
  ]),
  unformatted: writeNotebook(fixtures, "unformatted", [PARAMETERS, "console.log( seed )"]),
  clean: writeNotebook(fixtures, "clean", [
    "# Clean",
    PARAMETERS,
    'import * as tslab from "tslab";',
    "seed;", // a cell's last expression: tslab displays it
    'await Promise.resolve(seed);\ntslab.display.text("done");',
  ]),
};

let run: Promise<CheckResult> | undefined;
/** One check of all the fixtures (each notebook is a module of its own), run once. */
function checkFixtures(): Promise<CheckResult> {
  if (!run) run = checkNotebooks([fixtures]);
  return run;
}
const fixtureFindings = async (notebook: string): Promise<Finding[]> =>
  (await checkFixtures()).findings.filter((f) => f.notebook === notebook);

test.after(() => rmSync(fixtures, { recursive: true, force: true }));

test("the project's notebooks pass: tsc, Biome and tslab's shorthand trap find nothing", async () => {
  const result = await checkNotebooks([join(root, "notebooks")]);
  assert.equal(result.findings.map(formatFinding), []);
  assert.ok(
    result.notebooks >= 5 && result.codeCells > 30,
    `${result.notebooks} notebooks, ${result.codeCells} code cells`,
  );
});

test("an unused import fails, naming its notebook, its cell and the cell's line", async () => {
  assert.equal((await fixtureFindings(notebooks.unused)).map(formatFinding), [
    `${notebooks.unused}, cell 3 (code cell 2), line 1: 'readFileSync' is declared but its value is never read. (tsc TS6133)`,
  ]);
});

test("a wrong type fails, naming its cell and the line in the cell", async () => {
  assert.equal((await fixtureFindings(notebooks.wrongType)).map(formatFinding), [
    `${notebooks.wrongType}, cell 3 (code cell 2), line 2: Type 'string' is not assignable to type 'number'. (tsc TS2322)`,
  ]);
});

test("a shorthand property naming an earlier cell's variable fails, as it would in tslab; one of the same cell passes", async () => {
  const [finding, ...more] = await fixtureFindings(notebooks.shorthand);
  assert.equal(more, []);
  assert.equal([finding.cell, finding.codeCell, finding.line, finding.source], [3, 3, 1, "tslab shorthand"]);
  assert.match(finding.message, "{ seed } names seed from cell 1");
  assert.match(finding.message, "write { seed: seed }");
});

test("a cell that is not as Biome formats it at 100 columns fails, with the line Biome would write", async () => {
  const [finding, ...more] = await fixtureFindings(notebooks.unformatted);
  assert.equal(more, []);
  assert.equal([finding.cell, finding.line, finding.source], [2, 1, "biome format"]);
  assert.match(finding.message, '"console.log(seed);"');
});

test("what tslab allows passes: a last expression displayed, top-level await, imports amid the code", async () => {
  assert.equal((await fixtureFindings(notebooks.clean)).map(formatFinding), []);
});

test("--write formats the code cells in place, and leaves the notebook's JSON as Jupyter writes it", async () => {
  const folder = join(fixtures, "write");
  mkdirSync(folder);
  const path = writeNotebook(folder, "unformatted", ["# Title", PARAMETERS, "console.log( seed )"]);
  const result = await checkNotebooks([folder], { write: true });
  assert.equal(result.findings, []);
  const expected = join(folder, "expected");
  mkdirSync(expected);
  writeNotebook(expected, "unformatted", ["# Title", PARAMETERS, "console.log(seed);"]);
  assert.fixture(readFileSync(path, "utf8"), readFileSync(join(expected, "unformatted.ipynb"), "utf8"));
});

test("the command prints a line a finding, then a summary, and exits 1; with none, one line and 0", async () => {
  const printed: string[] = [];
  const status = await cli([fixtures], (line) => printed.push(line));
  const { findings } = await checkFixtures();
  assert.is(status, 1);
  assert.equal(printed.slice(0, -1), findings.map(formatFinding));
  assert.match(
    printed[printed.length - 1],
    /^check-notebooks: 4 problems in 5 notebooks, 13 code cells \(\d+\.\d s\)$/,
  );
  printed.length = 0;
  const folder = join(fixtures, "clean");
  mkdirSync(folder);
  writeNotebook(folder, "clean", [PARAMETERS, "console.log(seed);"]);
  assert.is(await cli([folder], (line) => printed.push(line)), 0);
  assert.equal(printed.length, 1);
  assert.match(
    printed[0],
    /^check-notebooks: 1 notebook, 2 code cells: tsc, Biome and tslab's shorthand trap find nothing/,
  );
});

test.run();
