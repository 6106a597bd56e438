"""Runs a notebook top to bottom in a fresh kernel with nbclient and writes the executed copy.

usage: execute_notebook.py NOTEBOOK OUTPUT [--second OUTPUT2] [--timeout SECONDS]

--second runs every cell a second time in the same kernel and writes that run's notebook too.
Prints {"seconds": [first run, second run]} (time spent running cells, not starting the kernel).
Exit status 1 and a message naming the notebook and the cell when a cell fails.
"""
import argparse
import os
import sys
import time
import copy
import json

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook")
    parser.add_argument("output")
    parser.add_argument("--second")
    parser.add_argument("--timeout", type=int, default=120)
    args = parser.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    client = NotebookClient(
        nb,
        timeout=args.timeout,
        kernel_name=nb.metadata.get("kernelspec", {}).get("name", "tslab"),
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.notebook))}},
    )
    code = 0
    seconds = []
    runs = [(nb, args.output)]
    try:
        with client.setup_kernel():
            for run, (notebook, output) in enumerate([(nb, args.output), (copy.deepcopy(nb), args.second)]):
                if run == 1 and not args.second:
                    break
                client.nb = notebook
                start = time.perf_counter()
                for index, cell in enumerate(notebook.cells):
                    if cell.cell_type == "code":
                        client.execute_cell(cell, index)
                seconds.append(time.perf_counter() - start)
                if run == 1:
                    runs.append((notebook, output))
    except CellExecutionError as error:
        print(f"{args.notebook}, cell {index + 1}: {error}", file=sys.stderr)
        code = 1
    for notebook, output in runs:
        nbformat.write(notebook, output)
    print(json.dumps({"seconds": seconds}))
    sys.exit(code)


if __name__ == "__main__":
    main()
