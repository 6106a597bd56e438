"""Executes one notebook in a fresh kernel, then renders it to HTML with the site's template.

usage: render-notebook.py NOTEBOOK --html OUT.html [--executed OUT.ipynb] [--css OUT.css] [--timeout SECONDS]
       render-notebook.py --css OUT.css

Called by scripts/build-site.mjs, which sets the environment (JUPYTER_PATH for the project's tslab
kernel, PLOTLY_SRC for the shared plotly.js). The kernel runs in the notebook's folder, as in Jupyter.
--css writes JupyterLab's light theme (nbconvert's lab template's stylesheets) for the site to share.

The last line on stdout is one JSON object: {"ok": true, "seconds": {...}} or, when a cell fails,
{"ok": false, "cell": N (1-based, among all cells), "code_cell": K, "first_line": "...", "error": "..."}.
Exit status 0 on success, 1 when a cell fails, 2 on any other error.
"""
import argparse
import json
import os
import re
import signal
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE = "site-template"  # the folder next to this file


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
    lines = [line.rstrip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if re.match(r"^(?:Uncaught )?(?:[A-Za-z_$][\w$]*)?(?:Error|Exception)\b", line):
            return line
    if lines:
        return "\n".join(lines[:3])
    return ename or "the cell failed"


CLIENT = None  # the running notebook's client, for stop()


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


def execute(nb, path, timeout):
    """Runs every code cell in order; returns None, or a description of the cell that failed."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=nb.metadata.get("kernelspec", {}).get("name", "tslab"),
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
    )
    global CLIENT
    CLIENT = client
    code_cells = 0
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            code_cells += 1
            try:
                # the prompt numbers JupyterLab would show: [1], [2], … (tslab sends none itself)
                client.execute_cell(cell, index, execution_count=code_cells)
            except CellExecutionError as error:
                return {
                    "cell": index + 1,
                    "code_cell": code_cells,
                    "first_line": first_line(cell.source),
                    "error": error_message(error, cell),
                }
    return None


def render(nb, name):
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name=TEMPLATE, extra_template_basedirs=[HERE])
    html, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
    return html


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook", nargs="?")
    parser.add_argument("--html")
    parser.add_argument("--executed")
    parser.add_argument("--css")
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

    seconds = {}
    start = time.perf_counter()
    nb = nbformat.read(args.notebook, as_version=4)
    failure = execute(nb, args.notebook, args.timeout)
    seconds["execute"] = round(time.perf_counter() - start, 3)
    if failure:
        print(json.dumps({"ok": False, **failure}))
        return 1
    if args.executed:
        write(args.executed, nbformat.writes(nb))
    start = time.perf_counter()
    name = os.path.splitext(os.path.basename(args.notebook))[0]
    write(args.html, render(nb, name))
    seconds["render"] = round(time.perf_counter() - start, 3)
    print(json.dumps({"ok": True, "seconds": seconds}))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:  # a kernel that would not start, a template error: say so, briefly
        print(json.dumps({"ok": False, "error": f"{type(error).__name__}: {error}"}))
        sys.exit(2)
