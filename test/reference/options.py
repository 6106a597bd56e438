"""The network grown past the sequel, in numpy, line by line as issue 19 writes the rule: a bias per
neuron, the hidden layers' activation (sigmoid, tanh, relu, linear), the output's (sigmoid, softmax,
linear), squared error or cross-entropy, mini-batches in order, L1 and L2; and the numbers the
TypeScript Network is tested against (test/network-options.test.ts).

One update on a batch B of rows, every delta from the weights before the update:
    a0 = X_B; z_l = a_{l-1} . W_l (+ b_l); a_l = f_l(z_l)
    output delta: squared (Y - a_L) * f'(a_L); cross-entropy Y - a_L
    hidden deltas: (d_{l+1} . W_{l+1}^T) * f'(a_l)
    W_l += lr * (a_{l-1}^T . d_l - l2 * W_l - l1 * sign(W_l)); b_l += lr * sum over rows of d_l
An iteration is ceil(n / batch) updates on consecutive slices; the error is recorded before each
recorded iteration's first update, over every row. With no option, this is network.py's sequel.

    python3 test/reference/options.py fixtures           # print the fixtures
    python3 test/reference/options.py fixtures --write   # write test/fixtures/options.json
    python3 test/reference/options.py bench --layers 3 4 1 --bias --activation tanh --loss crossEntropy
"""

import numpy as np

from cli import about_numpy, bench_data, main, timed
from network import SEQUEL_INPUTS, SEQUEL_OUTPUTS


def activate(kind, z):
    if kind == "sigmoid":
        return 1 / (1 + np.exp(-z))
    if kind == "tanh":
        return np.tanh(z)
    if kind == "relu":
        return np.maximum(z, 0)
    if kind == "linear":
        return z
    if kind == "softmax":
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    raise ValueError(kind)


def slope(kind, a):
    # Each derivative in terms of the output a, as the seed writes the sigmoid's.
    if kind == "sigmoid":
        return a * (1 - a)
    if kind == "tanh":
        return 1 - a ** 2
    if kind == "relu":
        return (a > 0) * 1.0
    if kind == "linear":
        return np.ones_like(a)
    raise ValueError(kind)


class Network():
    def __init__(self, layers, seed=1, bias=False, activation="sigmoid", output="sigmoid", loss="squared"):
        np.random.seed(seed)
        self.weights = [2 * np.random.random((inputs, neurons)) - 1 for inputs, neurons in zip(layers, layers[1:])]
        self.biases = [np.zeros(neurons) for neurons in layers[1:]] if bias else None
        self.activation, self.output, self.loss = activation, output, loss

    def forward(self, inputs):
        a = [inputs]
        for l, w in enumerate(self.weights):
            z = a[-1].dot(w)
            if self.biases is not None:
                z = z + self.biases[l]
            last = l == len(self.weights) - 1
            a.append(activate(self.output if last else self.activation, z))
        return a

    def train(self, x, y, iterations, learning_rate=1.0, batch_size=None, l1=0.0, l2=0.0, every=0):
        n = len(x)
        size = batch_size or n
        history = []
        for iteration in range(iterations):
            if every > 0 and iteration % every == 0:
                history.append((iteration, float(np.mean((y - self.forward(x)[-1]) ** 2))))
            for start in range(0, n, size):
                xb, yb = x[start:start + size], y[start:start + size]
                a = self.forward(xb)
                error = yb - a[-1]
                deltas = [error if self.loss == "crossEntropy" else
                          error * (1.0 if self.output == "linear" else slope(self.output, a[-1]))]
                for l in range(len(self.weights) - 1, 0, -1):
                    deltas.insert(0, deltas[0].dot(self.weights[l].T) * slope(self.activation, a[l]))
                for l in range(len(self.weights)):
                    step = a[l].T.dot(deltas[l])
                    if l2 > 0:
                        step = step - l2 * self.weights[l]
                    if l1 > 0:
                        step = step - l1 * np.sign(self.weights[l])
                    self.weights[l] = self.weights[l] + learning_rate * step
                    if self.biases is not None:
                        self.biases[l] = self.biases[l] + learning_rate * deltas[l].sum(axis=0)
        if every > 0:
            history.append((iterations, float(np.mean((y - self.forward(x)[-1]) ** 2))))
        return history


# ---------------------------------------------------------------------------
# The data: the sequel's (network.py's: exclusive or of the first two inputs); and a seeded 2-D set of two classes.


def plane(seed, n):
    # n points in [-1, 1]^2 from numpy's stream: class 1 inside the circle of radius 0.6.
    np.random.seed(seed)
    points = 2 * np.random.random((n, 2)) - 1
    inside = (points ** 2).sum(axis=1) < 0.36
    return points.tolist(), [[1.0] if i else [0.0] for i in inside]


def one_hot(targets):
    return [[1.0 - t[0], t[0]] for t in targets]


def three_classes(points):
    # A class per third of the plane, by the angle of each point.
    angles = np.arctan2(np.array(points)[:, 1], np.array(points)[:, 0])
    classes = np.floor((angles + np.pi) / (2 * np.pi / 3)).clip(0, 2).astype(int)
    return [[1.0 if j == c else 0.0 for j in range(3)] for c in classes]


def case(name, layers, inputs, outputs, iterations, seed=1, network=None, train=None):
    network, train = network or {}, train or {}
    net = Network(layers, seed=seed, **network)
    history = net.train(np.array(inputs, dtype=float), np.array(outputs, dtype=float), iterations,
                        every=max(1, iterations // 4), **{k.replace("batchSize", "batch_size").replace(
                            "learningRate", "learning_rate"): v for k, v in train.items()})
    return {
        "name": name,
        "layers": layers,
        "seed": seed,
        "network": network,
        "train": dict(train, every=max(1, iterations // 4)),
        "iterations": iterations,
        "inputs": inputs,
        "outputs": outputs,
        "weights": [w.tolist() for w in net.weights],
        "biases": None if net.biases is None else [b.tolist() for b in net.biases],
        "errors": [e for _, e in history],
        "predictions": net.forward(np.array(inputs, dtype=float))[-1].tolist(),
    }


def fixtures():
    points, classes = plane(7, 40)
    return {
        "generator": "test/reference/options.py",
        "cases": [
            case("the sequel, no option: network.py's numbers", [3, 4, 1], SEQUEL_INPUTS, SEQUEL_OUTPUTS, 2000),
            case("bias", [3, 4, 1], SEQUEL_INPUTS, SEQUEL_OUTPUTS, 2000, network={"bias": True}),
            case("tanh hidden, bias, cross-entropy", [3, 4, 1], SEQUEL_INPUTS, SEQUEL_OUTPUTS, 2000,
                 network={"bias": True, "activation": "tanh", "loss": "crossEntropy"}, train={"learningRate": 0.1}),
            case("relu hidden, bias, batches of 3 (a short last one)", [3, 5, 1], SEQUEL_INPUTS, SEQUEL_OUTPUTS, 500,
                 seed=2, network={"bias": True, "activation": "relu"}, train={"batchSize": 3, "learningRate": 0.5}),
            case("linear hidden and output, squared error", [2, 3, 1], points, classes, 200, seed=3,
                 network={"activation": "linear", "output": "linear"}, train={"learningRate": 0.005}),
            case("softmax output, cross-entropy, two classes", [2, 6, 2], points, one_hot(classes), 300, seed=4,
                 network={"bias": True, "activation": "tanh", "output": "softmax", "loss": "crossEntropy"},
                 train={"learningRate": 0.05, "batchSize": 8}),
            case("L2", [3, 4, 1], SEQUEL_INPUTS, SEQUEL_OUTPUTS, 1000, network={"bias": True}, train={"l2": 0.01}),
            case("L1", [3, 4, 1], SEQUEL_INPUTS, SEQUEL_OUTPUTS, 1000, seed=5, train={"l1": 0.001}),
            case("deep: 2-8-8-1 relu, batches of 10, L1 and L2", [2, 8, 8, 1], points, classes, 100, seed=6,
                 network={"bias": True, "activation": "relu"},
                 train={"batchSize": 10, "learningRate": 0.05, "l1": 0.0005, "l2": 0.001}),
            case("one neuron, bias, cross-entropy: logistic regression", [2, 1], points, classes, 300, seed=8,
                 network={"bias": True, "loss": "crossEntropy"}, train={"learningRate": 0.1}),
            case("three classes: softmax on three sigmoid layers, batches of 16 (a short last one)", [2, 9, 8, 5, 3],
                 points, three_classes(points), 200, seed=9,
                 network={"bias": True, "output": "softmax", "loss": "crossEntropy"},
                 train={"learningRate": 0.05, "batchSize": 16}),
            case("two sigmoid outputs, cross-entropy each, tanh hidden, L2", [2, 10, 2], points, one_hot(classes), 200,
                 seed=10, network={"activation": "tanh", "loss": "crossEntropy"},
                 train={"learningRate": 0.05, "l2": 0.002}),
        ],
    }


def bench(layers, rows, iterations, repeats, data_seed, bias, activation, output, loss, learning_rate,
          batch_size, l1, l2):
    X, y = bench_data(layers, rows, data_seed, SEQUEL_INPUTS, SEQUEL_OUTPUTS)
    kind = {"bias": bias, "activation": activation, "output": output, "loss": loss}
    seconds, network = timed(lambda: Network(layers, 1, **kind),
                             lambda n: n.train(X, y, iterations, learning_rate, batch_size, l1, l2), repeats)
    return {"seconds": seconds, "weights": [w.tolist() for w in network.weights],
            "biases": None if network.biases is None else [b.tolist() for b in network.biases], **about_numpy()}


if __name__ == "__main__":
    main(__doc__, fixtures, "options.json", bench, [
        ("--layers", {"type": int, "nargs": "+", "default": [3, 4, 1]}),
        ("--rows", {"type": int, "default": 7}),
        ("--iterations", {"type": int, "default": 60000}),
        ("--repeats", {"type": int, "default": 3}),
        ("--data-seed", {"type": int, "default": 7}),
        ("--bias", {"action": "store_true"}),
        ("--activation", {"default": "sigmoid"}),
        ("--output", {"default": "sigmoid"}),
        ("--loss", {"default": "squared"}),
        ("--learning-rate", {"type": float, "default": 1.0}),
        ("--batch-size", {"type": int, "default": None}),
        ("--l1", {"type": float, "default": 0.0}),
        ("--l2", {"type": float, "default": 0.0}),
    ], "time train() with the given options; print one JSON line")
