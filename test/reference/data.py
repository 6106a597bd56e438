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


def playground(name, samples, noise, seed):
    # The Playground's shapes (src/data/playground.ts), each number from np.random.random() in order.
    np.random.seed(seed)
    random = np.random.random

    def uniform(a, b):
        return random() * (b - a) + a

    rows, targets = [], []
    half = samples // 2
    if name == "circle":
        for low, high in [(0, 2.5), (3.5, 5)]:
            for _ in range(half):
                r = uniform(low, high)
                angle = uniform(0, 2 * np.pi)
                x, y = r * np.sin(angle), r * np.cos(angle)
                nx, ny = x + uniform(-5, 5) * noise, y + uniform(-5, 5) * noise
                rows.append([x, y])
                targets.append(1 if np.sqrt(nx * nx + ny * ny) < 2.5 else 0)
    elif name == "xor":
        for _ in range(samples):
            x = uniform(-5, 5)
            x += 0.3 if x > 0 else -0.3
            y = uniform(-5, 5)
            y += 0.3 if y > 0 else -0.3
            nx, ny = x + uniform(-5, 5) * noise, y + uniform(-5, 5) * noise
            rows.append([x, y])
            targets.append(1 if nx * ny >= 0 else 0)
    elif name == "gauss":
        variance = 0.5 + noise / 0.5 * 3.5

        def normal(mean):
            while True:
                v1, v2 = 2 * random() - 1, 2 * random() - 1
                s = v1 * v1 + v2 * v2
                if s <= 1:
                    return mean + np.sqrt(variance) * (np.sqrt(-2 * np.log(s) / s) * v1)

        for centre, target in [(2, 1), (-2, 0)]:
            for _ in range(half):
                x = normal(centre)
                y = normal(centre)
                rows.append([x, y])
                targets.append(target)
    elif name in ("plane", "multigauss"):
        gaussians = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]

        def value(x, y):
            if name == "plane":
                return (x + y) / 10
            best = 0
            for cx, cy, sign in gaussians:
                v = sign * min(1, max(0, 1 - np.sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 2))
                if abs(v) > abs(best):
                    best = v
            return best

        for _ in range(samples):
            x, y = uniform(-6, 6), uniform(-6, 6)
            nx, ny = x + uniform(-6, 6) * noise, y + uniform(-6, 6) * noise
            rows.append([x, y])
            targets.append(float(value(nx, ny)))
    else:
        for turn, target in [(0, 1), (np.pi, 0)]:
            for i in range(half):
                r = i / half * 5
                t = 1.75 * i / half * 2 * np.pi + turn
                rows.append([r * np.sin(t) + uniform(-1, 1) * noise, r * np.cos(t) + uniform(-1, 1) * noise])
                targets.append(target)
    return {"name": name, "samples": samples, "noise": noise, "seed": seed,
            "rows": [[float(v) for v in row] for row in rows], "targets": targets}


def fixtures():
    sets = [playground(name, samples, noise, seed) for name, samples, noise, seed in [
        ("circle", 40, 0, 1), ("circle", 60, 0.3, 5), ("xor", 40, 0, 2), ("xor", 50, 0.5, 0),
        ("gauss", 40, 0, 3), ("gauss", 41, 0.25, 4), ("spiral", 40, 0, 1), ("spiral", 60, 0.2, 9),
        ("plane", 40, 0, 1), ("plane", 50, 0.5, 3), ("multigauss", 60, 0, 2), ("multigauss", 80, 0.3, 7)]]
    return {"generator": "test/reference/data.py", "permutations": permutations(), "standardize": standardized(),
            "playground": sets}


if __name__ == "__main__":
    main(__doc__, fixtures, "data.json", lambda **_: {}, [], "no bench")
