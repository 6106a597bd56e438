"""Correctly rounded values of e^x, for test/exp.test.ts: the arguments and the double nearest
e^x for each, computed with mpmath at 320 bits (and checked at 480 bits: both must round to the
same double). The test holds src/model/exp.ts within 1 ulp of them without needing mpmath itself.

The arguments: fdlibm's thresholds, each with its sign flipped and its two neighbours; then draws
from Python's own MT19937 with a fixed seed (so the output is the same bytes every time), uniform
over the whole finite range, denser over [-40, 40] where σ lives and over [-1.1, 1.1], over the
subnormal results, and tiny x.

    python3 test/reference/exp-fixture.py            # print the JSON
    python3 test/reference/exp-fixture.py --write    # write test/fixtures/exp.json
    python3 test/reference/exp-fixture.py --count 200000 --out /tmp/exp-big.json   # a larger check

Needs a python3 with mpmath (Debian: apt-get install python3-mpmath).
"""

import argparse
import json
import math
import os
import random
from fractions import Fraction

import mpmath

SEED = 20240601
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "fixtures", "exp.json")

# fdlibm's thresholds (src/model/exp.ts): the overflow and underflow limits and the high-word tests
EDGES = [
    709.782712893384,  # OVERFLOW
    -745.1332191019411,  # UNDERFLOW
    709.7822265625,  # BIG
    0.3465735912322998,  # HALF_LN2
    1.0397205352783203,  # THREE_HALVES_LN2
    2.0**-28,  # TINY
    707.0,  # exp()'s own limit for its common case
    -707.0,
    -708.3964185322641,  # the first subnormal results, about ln(2^-1022)
    0.34657359027997264,  # 0.5 ln2
    math.log(2),
    1.0,
    -1.0,
]


def correctly_rounded(x):
    """The double nearest e^x (ties to even), from mpmath, checked at two precisions."""
    results = []
    for bits in (320, 480):
        with mpmath.workprec(bits):
            value = mpmath.exp(mpmath.mpf(x))
            man, exp = value.man, value.exp  # value = man * 2^exp exactly
            exact = Fraction(man) * Fraction(2) ** exp
            # int / int is correctly rounded in Python, subnormals included; past the largest
            # double it raises OverflowError, and e^x rounds to infinity there
            try:
                results.append(exact.numerator / exact.denominator)
            except OverflowError:
                results.append(math.inf)
    if results[0] != results[1]:
        raise SystemExit(f"exp({x!r}): 320 and 480 bits round differently")
    return results[0]


def arguments(count):
    rng = random.Random(SEED)
    xs = []
    for x in EDGES:
        for y in (x, -x):
            xs += [math.nextafter(y, -math.inf), y, math.nextafter(y, math.inf)]
    n = count - len(xs)
    xs += [rng.uniform(-745.13, 709.78) for _ in range(n * 3 // 10)]
    xs += [rng.uniform(-40, 40) for _ in range(n * 4 // 10)]
    xs += [rng.uniform(-1.1, 1.1) for _ in range(n * 1 // 10)]
    xs += [rng.uniform(-745.13, -708.4) for _ in range(n * 1 // 20)]  # subnormal results
    xs += [rng.uniform(-1, 1) * 2.0 ** rng.randint(-60, -20) for _ in range(count - len(xs))]
    return xs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1200)
    parser.add_argument("--write", action="store_true", help=f"write {os.path.relpath(FIXTURE)}")
    parser.add_argument("--out", help="write to this file instead")
    args = parser.parse_args()
    xs = arguments(args.count)
    ys = [correctly_rounded(x) for x in xs]
    fixture = {
        "generator": "test/reference/exp-fixture.py",
        "mpmath": mpmath.__version__,
        "x": xs,
        "exp": [y if math.isfinite(y) else "Infinity" for y in ys],
    }
    text = json.dumps(fixture, indent=None) + "\n"
    out = args.out or (FIXTURE if args.write else None)
    if out:
        with open(out, "w") as f:
            f.write(text)
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
