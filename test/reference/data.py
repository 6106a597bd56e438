"""numpy's answers for preparing rows (src/data/prepare.ts): np.random.permutation after a seed, and
standardizing columns by np.mean and np.std over the rows.

    python3 test/reference/data.py fixtures           # print the fixtures
    python3 test/reference/data.py fixtures --write   # write test/fixtures/data.json
"""

import numpy as np

from cli import main


def permutations():
    cases = []
    for seed, n in [(1, 5), (7, 10), (0, 6), (42, 1), (3, 2), (2 ** 32 - 1, 17), (5, 1000), (11, 3000)]:
        np.random.seed(seed)
        cases.append({"seed": seed, "n": n, "order": np.random.permutation(n).tolist()})
    return cases


def standardized():
    np.random.seed(9)
    rows = (np.random.random((50, 4)) * [1, 10, 100, 1000] - [0, 5, 0, 500]).tolist()
    x = np.array(rows)
    means, deviations = x.mean(axis=0), x.std(axis=0)
    new = [[0.5, 0, 50, 0], [1, -5, 0, 499]]
    return {
        "rows": rows,
        "means": means.tolist(),
        "deviations": deviations.tolist(),
        "standardized": ((x - means) / deviations).tolist(),
        "new": new,
        "newStandardized": ((np.array(new) - means) / deviations).tolist(),
    }


def fixtures():
    return {"generator": "test/reference/data.py", "permutations": permutations(), "standardize": standardized()}


if __name__ == "__main__":
    main(__doc__, fixtures, "data.json", lambda **_: {}, [], "no bench")
