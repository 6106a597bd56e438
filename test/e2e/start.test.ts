// npm start: set-up, then JupyterLab (or the classic Notebook) on notebooks/ with the project's tslab kernel.
// Runs scripts/start.mjs as npm start does (headless here: it prints the URL instead of opening it).
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { freePort, ROOT, waitUntil } from "./helpers/browser";
import { notebookNames } from "./helpers/notebooks";
import { oneRun } from "./helpers/run";

let server: ChildProcess | undefined;
let printed = "";
let base = "";
const token = randomUUID();
const get = async (path: string) => {
  const response = await fetch(`${base}${path}`, { headers: { Authorization: `token ${token}` } });
  return response.ok ? response.json() : undefined;
};

const suite = oneRun({}, start);
test.before(suite.start);

async function start() {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  server = spawn(
    process.execPath,
    [
      join(ROOT, "scripts", "start.mjs"),
      "--ip=127.0.0.1",
      `--port=${port}`,
      // JupyterLab's server reads the first, the classic Notebook the second
      `--ServerApp.token=${token}`,
      `--NotebookApp.token=${token}`,
    ],
    { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  server.stdout?.on("data", (chunk) => {
    printed += chunk;
  });
  server.stderr?.on("data", (chunk) => {
    printed += chunk;
  });
  await waitUntil("the server started by npm start to answer", 120_000, () =>
    get("/api/status").catch(() => undefined),
  );
  await waitUntil("npm start to print the URL", 5_000, () => /\/(lab)?\?token=/.test(printed));
}

test.after(() => {
  server?.kill("SIGTERM");
});

test("npm start opens notebooks/ and, with no display, prints the URL to open", () => {
  suite.ran();
  assert.match(printed, /opening notebooks\/ in (JupyterLab|the classic Notebook)/);
  assert.match(printed, /no display here: open the URL printed below/);
  // (Jupyter masks a token it was given: "?token=...")
  assert.match(printed, /http:\/\/127\.0\.0\.1:\d+\/(lab)?\?token=/);
});

test("the server lists the tutorial's notebooks", async () => {
  suite.ran();
  const listing = (await get("/api/contents/")) as { content: { name: string }[] };
  const names = listing.content.map((entry) => entry.name).filter((name) => name.endsWith(".ipynb"));
  assert.equal(
    names.sort(),
    notebookNames().map((name) => `${name}.ipynb`),
  );
  assert.is(names.length, 11);
});

test("the server knows the project's tslab kernel, which the notebooks name", async () => {
  suite.ran();
  const specs = (await get("/api/kernelspecs")) as { kernelspecs: Record<string, { spec: { argv: string[] } }> };
  assert.ok(specs.kernelspecs.tslab, `kernels: ${Object.keys(specs.kernelspecs)}`);
  assert.is(specs.kernelspecs.tslab.spec.argv[0], join(ROOT, "node_modules", ".bin", "tslab"));
});

test("npm start's page is JupyterLab; npm start -- --classic opens the classic Notebook", async () => {
  suite.ran();
  const lab = await fetch(`${base}/lab?token=${token}`).then((response) => response.text());
  assert.match(lab, /<title>JupyterLab<\/title>/);
  assert.match(lab, /id="jupyter-config-data"/);
  const port = await freePort();
  const classic = spawn(
    process.execPath,
    [
      join(ROOT, "scripts", "start.mjs"),
      "--classic",
      "--ip=127.0.0.1",
      `--port=${port}`,
      `--NotebookApp.token=${token}`,
    ],
    { cwd: ROOT, env: { ...process.env, DISPLAY: "" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let said = "";
  classic.stdout?.on("data", (chunk) => {
    said += chunk;
  });
  try {
    const url = `http://127.0.0.1:${port}/tree?token=${token}`;
    const page = await waitUntil("the classic Notebook to answer", 60_000, () =>
      fetch(url)
        .then((response) => (response.ok ? response.text() : undefined))
        .catch(() => undefined),
    );
    assert.match(said, /opening notebooks\/ in the classic Notebook/);
    assert.match(page, /id="notebook_list"/);
  } finally {
    classic.kill("SIGTERM");
  }
});

test.run();
