"""numpy's numbers for what notebooks 09-11 print (the chapter after the sequel), with their default
parameters: the learning rate and the loss, activations and depth, overfitting and regularisation.
Every network is options.py's, the rule issue 19 wrote; the data sets are data.py's. They take
seconds, so they have a fixture of their own, test/fixtures/chapter.json, which
test/e2e/notebooks.test.ts reads beside notebooks.json, and test/e2e/reference-chapter.test.ts
checks against this program (in npm test's longer tier, not the unit tier).

    /usr/bin/python3 test/reference/chapter.py           # print the JSON
    /usr/bin/python3 test/reference/chapter.py --write   # write test/fixtures/chapter.json
"""


import numpy as np

from cli import print_or_write
from data import playground
from network import SEQUEL_INPUTS, SEQUEL_OUTPUTS
from options import Network, activate
from perceptron import SEED_INPUTS, SEED_OUTPUTS

SEED_X = np.array(SEED_INPUTS, dtype=float)
SEED_Y = np.array(SEED_OUTPUTS, dtype=float).reshape(-1, 1)
SEQUEL_X = np.array(SEQUEL_INPUTS, dtype=float)
SEQUEL_Y = np.array(SEQUEL_OUTPUTS, dtype=float).reshape(-1, 1)
ACTIVATIONS = ["sigmoid", "tanh", "relu"]


def mse(net, x, y):
    return float(np.mean((y - net.forward(x)[-1]) ** 2))


def first_below(history, level):
    return next(i for i, e in history if e < level)


def learning_rate(rates=(0.01, 0.1, 1, 10, 100), iterations=1000, seed=1, z=-6, sequel_iterations=3000):
    # notebooks/09-learning-rate.ipynb
    numbers = {}
    for rate in rates:
        net = Network([3, 1], seed=seed)
        history = net.train(SEED_X, SEED_Y, iterations, learning_rate=rate, every=1)
        numbers[f"mean squared error after {iterations} iterations at η = {rate:g}"] = [history[-1][1]]
        if rate == 10:
            numbers["the error over the first 6 iterations at η = 10"] = [e for _, e in history[:6]]
        if rate == 100:
            outputs = net.forward(SEED_X)[-1].ravel()
            numbers[f"weights after {iterations} iterations at η = 100"] = net.weights[0].ravel().tolist()
            numbers[f"outputs after {iterations} iterations at η = 100"] = outputs.tolist()
            numbers[f"slopes σ′(z) = o(1 − o) after {iterations} iterations at η = 100"] = (
                outputs * (1 - outputs)).tolist()
    o = float(activate("sigmoid", np.array(z, dtype=float)))
    numbers[f"output at z = {z}"] = [o]
    numbers[f"squared error's output delta at z = {z}, target 1"] = [(1 - o) * (o * (1 - o))]
    numbers[f"cross-entropy's output delta at z = {z}, target 1"] = [1 - o]
    for loss, name in [("squared", "squared error"), ("crossEntropy", "cross-entropy")]:
        net = Network([3, 4, 1], seed=seed, loss=loss)
        history = net.train(SEQUEL_X, SEQUEL_Y, sequel_iterations, every=10)
        numbers[f"mean squared error after {sequel_iterations} iterations, {name}"] = [history[-1][1]]
        numbers[f"first iteration with a mean squared error below 0.01, {name}"] = [first_below(history, 0.01)]
    return numbers


def spiral(samples=200, seed=1):
    data = playground("spiral", samples, 0, seed)
    return np.array(data["rows"]), np.array(data["targets"], dtype=float).reshape(-1, 1)


def activations(seed=1, iterations=3000, rate=0.5, spiral_iterations=10000, spiral_rate=0.0005, hidden=8):
    # notebooks/10-activations.ipynb
    numbers = {}
    for bias in [False, True]:
        for act in ACTIVATIONS:
            net = Network([3, 4, 1], seed=seed, activation=act, bias=bias)
            history = net.train(SEQUEL_X, SEQUEL_Y, iterations, learning_rate=rate, every=10)
            with_bias = "with a bias" if bias else "no bias"
            numbers[f"{act}, {with_bias}, mean squared error after {iterations} iterations"] = [history[-1][1]]
            numbers[f"{act}, {with_bias}, output for [0, 0, 0]"] = net.forward(np.zeros((1, 3)))[-1].ravel().tolist()
    x, y = spiral()
    for act in ACTIVATIONS:
        net = Network([2, hidden, hidden, 1], seed=seed, activation=act, bias=True)
        history = net.train(x, y, spiral_iterations, learning_rate=spiral_rate, every=10)
        right = int(((net.forward(x)[-1] > 0.5) == (y > 0.5)).sum())
        numbers[f"spiral, {act}, mean squared error after {spiral_iterations} iterations"] = [history[-1][1]]
        numbers[f"spiral, {act}, points on the right side"] = [right]
    for depth in range(2, 7):
        net = Network([3] + [4] * (depth - 1) + [1], seed=seed)
        before = [w.copy() for w in net.weights]
        net.train(SEQUEL_X, SEQUEL_Y, 1)
        numbers[f"{depth} sigmoid layers, mean size of each layer's first change"] = [
            float(np.abs(w - b).mean()) for w, b in zip(net.weights, before)]
    net = Network([3, 4, 1], seed=seed)
    net.weights = [np.zeros_like(w) for w in net.weights]
    history = net.train(SEQUEL_X, SEQUEL_Y, iterations, learning_rate=rate, every=iterations)
    for h in range(4):
        numbers[f"from zero, hidden neuron {h + 1}'s weights after training"] = net.weights[0][:, h].tolist()
    numbers[f"from zero, mean squared error after {iterations} iterations"] = [history[-1][1]]
    return numbers


def noisy_circle(samples=100, noise=0.5, seed=1, scale=5):
    data = playground("circle", samples, noise, seed)
    x, y = np.array(data["rows"]) / scale, np.array(data["targets"], dtype=float).reshape(-1, 1)
    np.random.seed(seed)
    order = np.random.permutation(samples)
    test, train = order[: samples // 2], order[samples // 2:]
    return x[train], y[train], x[test], y[test]


def curves(net, data, iterations, every, **train):
    x, y, xt, yt = data
    points = [(0, mse(net, x, y), mse(net, xt, yt))]
    for k in range(every, iterations + 1, every):
        net.train(x, y, every, **train)
        points.append((k, mse(net, x, y), mse(net, xt, yt)))
    return points


def overfitting(seed=1, iterations=5000, every=100, rate=0.05, penalty=0.01, passes=500, batch_rate=0.5):
    # notebooks/11-overfitting.ipynb
    data = noisy_circle(seed=seed)
    x, y, xt, yt = data
    numbers = {"training rows and test rows": [len(x), len(xt)],
               "class 1 (inside) in the training rows and the test rows": [int(y.sum()), int(yt.sum())]}

    def network(hidden):
        return Network([2, 1] if hidden == 0 else [2, hidden, 1], seed=seed, activation="tanh", bias=True)

    def report(name, net, points):
        k, train, test = points[-1]
        best = min(points, key=lambda p: p[2])
        numbers[f"{name}, training and test error after {k} iterations"] = [train, test]
        numbers[f"{name}, lowest test error, and its iteration"] = [best[2], best[0]]
        numbers[f"{name}, largest weight in size"] = [max(float(np.abs(w).max()) for w in net.weights)]

    for hidden in [0, 4, 32]:
        net = network(hidden)
        report(f"{hidden} hidden neurons", net, curves(net, data, iterations, every, learning_rate=rate))
    for kind in ["l2", "l1"]:
        net = network(32)
        points = curves(net, data, iterations, every, learning_rate=rate, **{kind: penalty})
        name = f"32 hidden neurons, {kind.upper()} {penalty:g}"
        report(name, net, points)
        numbers[f"{name}, weights under 0.001 in size, of all"] = [
            int(sum((np.abs(w) < 0.001).sum() for w in net.weights)), int(sum(w.size for w in net.weights))]
    for size in [1, 10, len(x)]:
        net = network(4)
        history = net.train(x, y, passes, learning_rate=batch_rate, batch_size=size, every=10)
        numbers[f"batches of {size}, training error after {passes} passes"] = [history[-1][1]]
        numbers[f"batches of {size}, updates per pass"] = [-(-len(x) // size)]
    return numbers


def numbers():
    return {
        "09-learning-rate": learning_rate(),
        "10-activations": activations(),
        "11-overfitting": overfitting(),
    }


if __name__ == "__main__":
    print_or_write(__doc__, numbers, "chapter.json")
