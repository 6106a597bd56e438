// Type-checks and lints the notebooks' code as src/ is, without Jupyter, in about two seconds.
// usage: tsx scripts/check-notebooks.ts [--write] [FOLDER...]   (default: notebooks/)
//
// Each notebook's code cells, in order, make one TypeScript module, checked three ways:
// - TypeScript (the project's), with tslab 1.0.22's settings (its converter.js: module ESNext,
//   resolution node10, target and lib ES2022, esModuleInterop, skipLibCheck, every @types package)
//   and the project's strictness (tsconfig.json: strict, noUnusedLocals, …). The module is checked
//   where the notebook is, so `from ".."` and `from "tslab"` resolve as in the kernel; the project
//   itself resolves to its source (src/, which the setup compiles into the dist/ the kernel loads),
//   so a stale or missing dist/ hides nothing.
// - Biome, with the project's rules: lint and import order on the whole module, the formatter on
//   each cell alone at 100 columns (how the notebooks are formatted); --write formats the cells.
// - tslab's trap: a shorthand property `{ seed }` naming a variable of an earlier cell throws
//   "ReferenceError: seed is not defined" in the kernel.
// Every finding names the notebook, its cell and line (notebook-cells.ts places it). Exits 1 when
// there is any, 0 with a one-line summary otherwise. The three checks stand in that order below.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import * as ts from "typescript";
import {
  bin,
  cellAt,
  type Finding,
  finding,
  formatFinding,
  NOTEBOOK_LINE_WIDTH,
  type Notebook,
  readNotebook,
  root,
} from "./notebook-cells";

/** tslab's compiler options, with the project's checks (tsconfig.json's strict, noUnused…). */
function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile).config ?? {};
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root);
  for (const emitOnly of ["rootDir", "outDir", "declaration", "sourceMap", "types"] as const) delete options[emitOnly];
  return {
    ...options,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    esModuleInterop: true,
    resolveJsonModule: true,
    experimentalDecorators: true,
    jsx: ts.JsxEmit.React,
    skipLibCheck: true,
    typeRoots: [join(root, "node_modules", "@types")],
    // each notebook runs in a kernel of its own: a module, also without imports
    moduleDetection: ts.ModuleDetectionKind.Force,
    noEmit: true,
  };
}

/** The project's source file for an import that names the project (`..`) or a file in its dist/. */
function projectSource(specifier: string, containingFile: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  let target = resolve(dirname(containingFile), specifier);
  if (target === root) {
    const types = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).types ?? "dist/index.d.ts";
    target = join(root, types);
  }
  const inDist = relative(join(root, "dist"), target.replace(/(\.d\.ts|\.js)$/, ""));
  if (inDist.startsWith("..") || isAbsolute(inDist)) return undefined;
  return [".ts", "/index.ts"].map((ext) => join(root, "src", inDist + ext)).find((file) => existsSync(file));
}

/** Installed packages' declarations (@types/node, TypeScript's lib), parsed: a second check in one process reuses them. */
const installed = new Map<string, ts.SourceFile>();

function typeCheck(notebooks: Notebook[]): Finding[] {
  const options = compilerOptions();
  const modules = new Map(notebooks.map((nb) => [nb.virtualPath, nb]));
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (file, language, ...rest) => {
    const nb = modules.get(file);
    if (nb) return ts.createSourceFile(file, nb.text, language, true);
    if (!file.includes("/node_modules/")) return getSourceFile.call(host, file, language, ...rest);
    const cached = installed.get(file) ?? getSourceFile.call(host, file, language, ...rest);
    if (cached) installed.set(file, cached);
    return cached;
  };
  host.fileExists = (file) => modules.has(file) || fileExists.call(host, file);
  host.readFile = (file) => modules.get(file)?.text ?? readFile.call(host, file);
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, opts) =>
    literals.map((literal) => {
      const source = projectSource(literal.text, containingFile);
      if (source) return { resolvedModule: { resolvedFileName: source, extension: ts.Extension.Ts } };
      const found = ts.resolveModuleName(literal.text, containingFile, opts, host, undefined, redirected);
      if (found.resolvedModule || literal.text.startsWith(".")) return found;
      // a notebook outside the project (a test's) uses the project's packages
      return ts.resolveModuleName(literal.text, join(root, "notebook.ts"), opts, host, undefined, redirected);
    });
  const program = ts.createProgram([...modules.keys()], options, host);
  const checker = program.getTypeChecker();
  const general = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  if (general.length > 0)
    throw new Error(general.map((d) => ts.flattenDiagnosticMessageText(d.messageText, " ")).join("\n"));
  const findings: Finding[] = [];
  for (const nb of notebooks) {
    const file = program.getSourceFile(nb.virtualPath);
    if (!file) throw new Error(`${nb.path}: TypeScript did not read its code`);
    const lineOf = (position: number) => file.getLineAndCharacterOfPosition(position).line + 1;
    for (const d of [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]) {
      const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
      findings.push(finding(nb, lineOf(d.start ?? 0), message, `tsc TS${d.code}`));
    }
    const visit = (node: ts.Node) => {
      if (ts.isShorthandPropertyAssignment(node)) {
        const name = node.name.text;
        const here = cellAt(nb, lineOf(node.getStart(file)));
        const declarations = checker.getShorthandAssignmentValueSymbol(node)?.declarations ?? [];
        const earlier = declarations
          .filter((d) => d.getSourceFile() === file)
          .map((d) => cellAt(nb, lineOf(d.getStart(file))))
          .find((there) => there.codeCell < here.codeCell);
        if (earlier)
          findings.push(
            finding(
              nb,
              lineOf(node.getStart(file)),
              `{ ${name} } names ${name} from cell ${earlier.cell}, which tslab loses in a shorthand property ` +
                `(ReferenceError: ${name} is not defined): write { ${name}: ${name} }`,
              "tslab shorthand",
            ),
          );
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return findings;
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

interface RdjsonDiagnostic {
  message: string;
  code?: { value: string };
  severity?: string;
  location?: { path: string; range?: { start: { line: number } } };
}

/** A folder for Biome's files (`files/`), beside its configuration: the project's, at the notebooks' width. */
function biomeFolder(dir: string, name: string): string {
  const folder = join(dir, name);
  mkdirSync(join(folder, "files"), { recursive: true });
  const config = {
    root: true,
    extends: [join(root, "biome.json")],
    files: { includes: ["**"] },
    vcs: { enabled: false }, // a temporary folder: no .gitignore to read (the project's biome.json reads one)
    formatter: { lineWidth: NOTEBOOK_LINE_WIDTH },
    // tsc's noUnusedLocals reports these, and knows what Biome does not: that a cell ending in a
    // bare `x` displays x (Biome would call x unused)
    linter: { rules: { correctness: { noUnusedVariables: "off", noUnusedImports: "off" } } },
  };
  writeFileSync(join(folder, "biome.json"), JSON.stringify(config));
  return folder;
}

/** Runs Biome on the folder's files; its diagnostics. */
async function biome(folder: string, args: string[]): Promise<RdjsonDiagnostic[]> {
  const result = await run(bin("biome"), [...args, "--reporter=rdjson", "--max-diagnostics=none", "files"], folder);
  try {
    return JSON.parse(result.stdout).diagnostics ?? [];
  } catch {
    throw new Error(`biome ${args.join(" ")} failed (exit ${result.code}):\n${result.stdout}${result.stderr}`);
  }
}

/** Biome's lint and import order on each notebook's module. */
async function biomeLint(notebooks: Notebook[], dir: string): Promise<Finding[]> {
  const folder = biomeFolder(dir, "modules");
  const files = notebooks.map((nb, i) => join(folder, "files", `${i}-${basename(nb.path, ".ipynb")}.ts`));
  for (const [i, nb] of notebooks.entries()) writeFileSync(files[i], nb.text);
  const diagnostics = await biome(folder, ["check", "--formatter-enabled=false"]);
  return diagnostics.flatMap((d) => {
    const i = d.location ? files.indexOf(resolve(folder, d.location.path)) : -1;
    if (i >= 0) return [finding(notebooks[i], d.location?.range?.start.line ?? 1, d.message, `biome ${d.code?.value}`)];
    if (d.severity === "ERROR") throw new Error(`biome: ${d.location?.path ?? "configuration"}: ${d.message}`);
    return [];
  });
}

/** Each notebook's code cells as Biome formats them, each cell alone (as they are, where they do not parse). */
async function biomeFormat(notebooks: Notebook[], dir: string): Promise<string[][]> {
  const folder = biomeFolder(dir, "cells");
  const files = notebooks.map((nb, i) => nb.cells.map((cell) => join(folder, "files", `${i}-${cell.codeCell}.ts`)));
  for (const [i, nb] of notebooks.entries()) {
    for (const [k, cell] of nb.cells.entries()) writeFileSync(files[i][k], `${cell.source}\n`);
  }
  await biome(folder, ["format", "--write"]);
  return files.map((cells) => cells.map((file) => readFileSync(file, "utf8").replace(/\n$/, "")));
}

/** A finding for each cell that is not as Biome formats it: where it first differs, and how. */
function formatFindings(notebooks: Notebook[], formatted: string[][]): Finding[] {
  return notebooks.flatMap((nb, i) =>
    nb.cells.flatMap((cell, k) => {
      if (formatted[i][k] === cell.source) return [];
      const was = cell.source.split("\n");
      const now = formatted[i][k].split("\n");
      const line = now.findIndex((text, j) => text !== was[j]);
      const how =
        line < 0
          ? `which ends the cell at line ${now.length}`
          : `which writes this line as ${JSON.stringify(now[line])}`;
      const message = `not as Biome formats it at ${NOTEBOOK_LINE_WIDTH} columns, ${how} (npx tsx scripts/check-notebooks.ts --write formats every cell)`;
      return [finding(nb, cell.start + (line < 0 ? now.length : line), message, "biome format")];
    }),
  );
}

/** Rewrites the code cells that Biome formats otherwise; the notebooks' JSON stays as Jupyter writes it. */
function writeFormatted(notebooks: Notebook[], formatted: string[][]): void {
  notebooks.forEach((nb, i) => {
    const changed = nb.cells.filter((cell, k) => formatted[i][k] !== cell.source);
    for (const cell of changed) {
      const lines = formatted[i][cell.codeCell - 1].split("\n");
      nb.json.cells[cell.cell - 1].source = lines.map((line, k) => (k < lines.length - 1 ? `${line}\n` : line));
    }
    if (changed.length > 0) writeFileSync(nb.path, `${JSON.stringify(nb.json, null, 1)}\n`);
  });
}

export interface CheckResult {
  notebooks: number;
  codeCells: number;
  findings: Finding[];
}

/** Checks every notebook (*.ipynb) in each folder; with `write`, first formats their code cells. */
export async function checkNotebooks(folders: string[], { write = false } = {}): Promise<CheckResult> {
  const paths = folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => name.endsWith(".ipynb"))
      .sort()
      .map((name) => resolve(folder, name)),
  );
  let notebooks = paths.map(readNotebook);
  const dir = mkdtempSync(join(tmpdir(), "notebook-check-"));
  try {
    if (write) {
      writeFormatted(notebooks, await biomeFormat(notebooks, join(dir, "write")));
      notebooks = paths.map(readNotebook);
    }
    // Biome runs in two processes while TypeScript runs here
    const linting = biomeLint(notebooks, dir);
    const formatting = biomeFormat(notebooks, dir);
    const typed = typeCheck(notebooks);
    const findings = [...typed, ...(await linting), ...formatFindings(notebooks, await formatting)];
    findings.sort((a, b) =>
      a.notebook === b.notebook ? a.cell - b.cell || a.line - b.line : a.notebook < b.notebook ? -1 : 1,
    );
    const codeCells = notebooks.reduce((sum, nb) => sum + nb.cells.length, 0);
    return { notebooks: notebooks.length, codeCells, findings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The command: prints a line a finding and a summary; returns the exit status (1: findings). */
export async function cli(args: string[], print = console.log): Promise<number> {
  const write = args.includes("--write");
  const folders = args.filter((a) => a !== "--write");
  const started = performance.now();
  const result = await checkNotebooks(folders.length > 0 ? folders : [join(root, "notebooks")], { write });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const f of result.findings) print(formatFinding(f));
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  const what = `${count(result.notebooks, "notebook")}, ${count(result.codeCells, "code cell")}`;
  if (result.findings.length === 0) {
    print(`check-notebooks: ${what}: tsc, Biome and tslab's shorthand trap find nothing (${seconds} s)`);
    return 0;
  }
  print(`check-notebooks: ${count(result.findings.length, "problem")} in ${what} (${seconds} s)`);
  return 1;
}

if (require.main === module)
  cli(process.argv.slice(2)).then(
    (status) => {
      process.exitCode = status;
    },
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 2;
    },
  );
