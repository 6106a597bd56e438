"""Runs one notebook top to bottom in a fresh kernel: the one runner of the tests and the site.

usage: run-notebook.py NOTEBOOK [--executed OUT.ipynb] [--first OUT.ipynb] [--again OUT.ipynb]
                       [--then IN.ipynb OUT.ipynb] [--html OUT.html] [--plotly-src URL]
                       [--module-src URL] [--css OUT.css] [--timeout SECONDS]
       run-notebook.py --css OUT.css

  --executed OUT    write the executed notebook (also when a cell fails: the cells run so far)
  --first OUT       write it also as the kernel left it: no <script> linked by --plotly-src or
                    --module-src (the same as --executed without them)
  --again OUT       then run every cell a second time in the same kernel, and write that copy, as
                    the kernel left it
  --then IN OUT     last, run IN's cells (the notebook with a cell edited, say) in the same kernel,
                    and write that copy to OUT, as the kernel left it; its failure is reported in
                    the result ("then") and changes neither the exit status nor the other copies
  --html OUT        render the executed notebook with the site's template (site-template/ here)
  --plotly-src URL  put <script src=URL> where a chart carries plotly.js inline (data-plotly-js)
  --module-src URL  put <script src=URL> where an explorer carries the module inline (data-perceptron-js)
  --css OUT         write JupyterLab's light theme (nbconvert's lab template) for pages to share

The kernel (the notebook's own, tslab by default) runs in the notebook's folder, as in Jupyter; the
caller's environment says where Jupyter finds it (jupyterEnv in setup.mjs). Code cells are numbered
[1], [2], ... as JupyterLab shows them. SIGINT or SIGTERM ends the kernel with the runner.

The last line on stdout is one JSON object: {"ok": true, "seconds": {"start", "runs", "render"}}
(with --then, also seconds.then, and "then": null, or the failure of that run, as below),
or {"ok": false, "message": ..., "cell": N, "code_cell": K, "first_line": ..., "error": ...} when
a cell fails (N counts all cells from 1, K the code cells), or {"ok": false, "error": ...}. The
message, also on stderr, names the notebook, the cell and its first line, then the error.
Exit status 0, 1 when a cell fails, 2 on any other error.
"""
import argparse
import copy
import html
import json
import os
import re
import signal
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE = "site-template"  # the folder next to this file
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
INLINE = {
    "plotly_src": re.compile(r"<script data-plotly-js>.*?</script>", re.S),
    "module_src": re.compile(r"<script data-perceptron-js>.*?</script>", re.S),
}
CLIENT = None  # the running notebook's client, for stop()
# an answer: <details>, its <summary>, then markdown to its </details>
DETAILS = re.compile(r"(<details>\s*<summary>.*?</summary>)(.*?)(</details>)", re.S)


def lab_css():
    """JupyterLab's light theme, as nbconvert's lab template would inline it into every page."""
    from jupyter_core.paths import jupyter_path

    for base in jupyter_path("nbconvert", "templates"):
        static = os.path.join(base, "lab", "static")
        if os.path.exists(os.path.join(static, "index.css")):
            parts = []
            for name in ("index.css", "theme-light.css"):
                with open(os.path.join(static, name), encoding="utf-8") as f:
                    parts.append(f"/* nbconvert lab template: {name} */\n{f.read()}")
            return "\n".join(parts)
    raise RuntimeError("nbconvert's lab template (lab/static/index.css) was not found")


def write(path, text):
    """Writes through a temporary file and a rename: a reader never sees half a file."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(temporary, path)


def shown(path):
    """A path as the user would type it: relative to the working folder when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def first_line(source):
    lines = [line for line in source.splitlines() if line.strip()]
    return lines[0].strip() if lines else ""


def error_message(error, cell):
    """What went wrong, in a line or three. tslab leaves the error reply empty (ename "<Error>") and
    writes the exception, or the TypeScript compiler's complaints, to the cell's stderr instead."""
    ename = (getattr(error, "ename", "") or "").strip("<>")
    evalue = getattr(error, "evalue", "") or ""
    if evalue:
        return f"{ename or 'Error'}: {evalue}"
    stderr = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stderr")
    lines = [line.rstrip() for line in ANSI.sub("", stderr).splitlines() if line.strip()]
    for line in lines:
        if re.match(r"^(?:Uncaught )?(?:[A-Za-z_$][\w$]*)?(?:Error|Exception)\b", line):
            return line
    if lines:
        return "\n".join(lines[:3])
    return ename or "the cell failed"


def stop(signum, _frame):
    """Ctrl-C or a kill (the build stopping): end the kernel with this process, now.

    nbclient's own clean-up can lose the race with an interrupted event loop, and the kernel runs
    in a session of its own, where a signal to this process's group does not reach it."""
    km = getattr(CLIENT, "km", None)
    pid = getattr(getattr(km, "provisioner", None), "pid", None)
    if pid:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
    os._exit(128 + signum)


def run_cells(client, nb):
    """Runs every code cell of `nb` in order; returns None, or a description of the cell that failed."""
    from nbclient.exceptions import CellExecutionError

    client.nb = nb
    code_cells = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        code_cells += 1
        try:
            # the prompt numbers JupyterLab would show: [1], [2], ... (tslab sends none itself)
            client.execute_cell(cell, index, execution_count=code_cells)
        except CellExecutionError as error:
            return {
                "cell": index + 1,
                "code_cell": code_cells,
                "first_line": first_line(cell.source),
                "error": error_message(error, cell),
            }
    return None


def link_scripts(nb, sources):
    """The site's pages load plotly.js and the module from shared files: inline copies become <script src>."""
    for key, src in sources.items():
        tag = f'<script src="{html.escape(src)}" charset="utf-8"></script>'
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "text/html" in data:
                    data["text/html"] = INLINE[key].sub(lambda _: tag, "".join(data["text/html"]))


def details_rendered(nb):
    """A copy of nb whose <details> bodies are HTML: nbconvert's markdown takes a <details> block as raw
    HTML to its </details>, so the markdown inside (an answer's paragraphs, **bold**, `code`) would
    show as typed; JupyterLab renders it. Math stays as written, for MathJax, as elsewhere."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = DETAILS.sub(
                lambda m: f"{m.group(1)}\n{markdown2html_mistune(m.group(2).strip())}\n{m.group(3)}", cell.source
            )
    return nb


def render(nb, name):
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name=TEMPLATE, extra_template_basedirs=[HERE])
    page, _ = exporter.from_notebook_node(details_rendered(nb), resources={"metadata": {"name": name}})
    return page


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook", nargs="?")
    for option in ("--executed", "--first", "--again", "--html", "--plotly-src", "--module-src", "--css"):
        parser.add_argument(option)
    parser.add_argument("--then", nargs=2, metavar=("IN", "OUT"))
    parser.add_argument("--timeout", type=int, default=120)
    args = parser.parse_args()
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    if args.css:
        write(args.css, lab_css())
    if not args.notebook:
        print(json.dumps({"ok": True}))
        return 0

    import nbformat
    from nbclient import NotebookClient

    global CLIENT
    nb = nbformat.read(args.notebook, as_version=4)
    runs = [(nb, args.first)] + ([(copy.deepcopy(nb), args.again)] if args.again else [])
    CLIENT = NotebookClient(
        nb,
        timeout=args.timeout,
        kernel_name=nb.metadata.get("kernelspec", {}).get("name", "tslab"),
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.notebook))}},
    )
    seconds = {"runs": []}
    failure = None
    then = {}
    start = time.perf_counter()
    with CLIENT.setup_kernel():
        seconds["start"] = round(time.perf_counter() - start, 3)
        for notebook, _ in runs:
            start = time.perf_counter()
            failure = run_cells(CLIENT, notebook)
            seconds["runs"].append(round(time.perf_counter() - start, 3))
            if failure:
                break
        if args.then and not failure:
            # a kernel that has run the notebook already: no second start for a variant of it
            variant = nbformat.read(args.then[0], as_version=4)
            start = time.perf_counter()
            then = {"then": run_cells(CLIENT, variant)}
            seconds["then"] = round(time.perf_counter() - start, 3)
            write(args.then[1], nbformat.writes(variant))
    # each run as the kernel left it, then the first with its scripts linked (--executed, --html)
    for notebook, path in runs[: len(seconds["runs"])]:
        if path:
            write(path, nbformat.writes(notebook))
    link_scripts(nb, {key: getattr(args, key) for key in INLINE if getattr(args, key)})
    if args.executed:
        write(args.executed, nbformat.writes(nb))
    if failure:
        where = f'{shown(args.notebook)}, cell {failure["cell"]} (code cell {failure["code_cell"]}, "{failure["first_line"]}")'
        message = f"{where}: {failure['error']}"
        print(message, file=sys.stderr)
        print(json.dumps({"ok": False, "message": message, **failure}))
        return 1
    if args.html:
        start = time.perf_counter()
        name = os.path.splitext(os.path.basename(args.notebook))[0]
        write(args.html, render(nb, name))
        seconds["render"] = round(time.perf_counter() - start, 3)
    print(json.dumps({"ok": True, "seconds": seconds, **then}))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:  # a kernel that would not start, a template error: say so, briefly
        print(json.dumps({"ok": False, "error": f"{type(error).__name__}: {error}"}))
        sys.exit(2)
