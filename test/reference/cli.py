"""What the numpy reference programs share: their command line (fixtures / bench), the timing of a
bench run, and which BLAS numpy loaded. Each program keeps its own numpy code, as its article has it."""

import argparse
import json
import os
import sys
import time

import numpy as np


def blas_in_use():
    # The BLAS library numpy loaded (Linux: read from the process's memory map).
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.lower()}
    except OSError:
        return "unknown"
    return ", ".join(sorted(os.path.basename(os.path.realpath(p)) for p in paths)) or "unknown"


def timed(make, train, repeats):
    """One untimed warm-up run, then `repeats` timed runs, each on a fresh model: (seconds, last model)."""
    train(make())
    seconds = []
    model = None
    for _ in range(repeats):
        model = make()
        start = time.perf_counter()
        train(model)
        seconds.append(time.perf_counter() - start)
    return seconds, model


def bench_data(layers, rows, data_seed, sequel_inputs, sequel_outputs):
    """A bench's data: the sequel's for its own size; else random inputs (np.random.seed(data_seed)) whose
    every output is 1 where the first input is above 0.5."""
    if rows == len(sequel_inputs) and layers[0] == len(sequel_inputs[0]) and layers[-1] == 1:
        return np.array(sequel_inputs, dtype=float), np.array(sequel_outputs, dtype=float)
    np.random.seed(data_seed)
    X = np.random.random((rows, layers[0]))
    return X, np.repeat((X[:, :1] > 0.5).astype(float), layers[-1], axis=1)


def about_numpy():
    """The numpy, BLAS and Python a bench ran with, for its JSON line."""
    return {"numpy": np.__version__, "blas": blas_in_use(), "python": os.path.realpath(sys.executable)}


def main(description, fixtures, fixture_file, bench, bench_arguments, bench_help):
    """`fixtures` prints numpy's answers as JSON (`--write`: into test/fixtures/FIXTURE_FILE); `bench`
    calls bench(**arguments) and prints its JSON line. bench_arguments: (flag, options) pairs."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    modes = parser.add_subparsers(dest="mode", required=True)
    fixtures_parser = modes.add_parser("fixtures", help="print numpy's answers as JSON")
    fixtures_parser.add_argument("--write", action="store_true", help=f"write them to test/fixtures/{fixture_file}")
    bench_parser = modes.add_parser("bench", help=bench_help)
    for flag, options in bench_arguments:
        bench_parser.add_argument(flag, **options)
    args = parser.parse_args()
    if args.mode == "fixtures":
        text = json.dumps(fixtures(), indent=1) + "\n"
        if args.write:
            path = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures",
                                                 fixture_file))
            with open(path, "w") as f:
                f.write(text)
            print(f"wrote {path}", file=sys.stderr)
        else:
            sys.stdout.write(text)
    else:
        options = {k: v for k, v in vars(args).items() if k != "mode"}
        print(json.dumps(bench(**options)))


def print_or_write(doc, numbers, fixture):
    """The notebooks' programs' command line: print numbers() as JSON, or --write it to fixtures/FIXTURE."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help=f"write test/fixtures/{fixture}")
    args = parser.parse_args()
    text = json.dumps(numbers(), indent=1) + "\n"
    if args.write:
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", fixture)
        with open(os.path.normpath(path), "w") as f:
            f.write(text)
    else:
        print(text, end="")
