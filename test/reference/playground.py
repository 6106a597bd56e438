"""numpy's answers for playground runs (src/playground/run.ts, PlaygroundRun): the points drawn by
data.py's playground() (or read from a CSV), split by np.random.permutation after the seed (the first
share to test, the rest to train), the features each point gives, and options.py's Network trained an
epoch at a time (one iteration of its loop), its losses recorded after every epoch; weights set by hand
at the end of their epoch; a loss that stops being a number stops the run, the weights of the epoch
before kept. test/playground-run.test.ts checks PlaygroundRun against them.

    /usr/bin/python3 test/reference/playground.py fixtures           # print the fixtures
    /usr/bin/python3 test/reference/playground.py fixtures --write   # write test/fixtures/playground.json
"""

import math

import numpy as np

from cli import main
from data import playground
from options import Network

# src/playground/settings.ts playgroundDefaults(): TensorFlow Playground's, and seed 1, biases, cross-entropy.
DEFAULTS = {
    "problem": "classification", "data": "circle", "csv": "", "noise": 0, "ratio": 50, "seed": 1,
    "features": ["x1", "x2"], "hidden": [4, 2], "activation": "tanh", "bias": True, "loss": "crossEntropy",
    "regularization": "none", "regularizationRate": 0, "learningRate": 0.03, "batchSize": 10, "epochs": 0,
    "edits": [],
}

# run.ts SAMPLES: the points a data set has, to classify or to fit.
SAMPLES = {"classification": 500, "regression": 1200}

# settings.ts FEATURES, in its order.
FEATURES = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1sq": lambda x1, x2: x1 * x1,
    "x2sq": lambda x1, x2: x2 * x2,
    "x1x2": lambda x1, x2: x1 * x2,
    "sinx1": lambda x1, x2: np.sin(x1),
    "sinx2": lambda x1, x2: np.sin(x2),
}


def csv_points(text, problem):
    # run.ts csvPoints, for well-formed CSV: two number columns and a label; names are classes in the
    # order they first come, numbers classes from lowest to highest (or, to fit, the values).
    lines = text.rstrip("\n").split("\n")[1:]
    cells = [line.split(",") for line in lines]
    points = [[float(a), float(b)] for a, b, _ in cells]
    labels = [label.strip() for _, _, label in cells]
    numeric = all(_is_number(label) for label in labels)
    if problem == "regression":
        return points, [float(label) for label in labels], None
    if numeric:
        values = sorted(set(float(label) for label in labels))
        return points, [values.index(float(label)) for label in labels], [_js_string(v) for v in values]
    classes = list(dict.fromkeys(labels))
    return points, [classes.index(label) for label in labels], classes


def _is_number(text):
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _js_string(value):
    # String(v) in JavaScript, for the integers a CSV's classes are.
    return str(int(value)) if value == int(value) else repr(value)


def mean_loss(outputs, y, loss):
    # backpropagation.ts meanLoss: the mean squared error over every output; or the mean over the rows
    # of cross-entropy, -sum y ln p (one sigmoid output: -(y ln p + (1 - y) ln(1 - p))), a term whose
    # target weight is 0 left out.
    if loss == "squared":
        return float(np.mean((y - outputs) ** 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(y != 0, -y * np.log(outputs), 0.0)
        if outputs.shape[1] == 1:
            terms = terms + np.where(y != 1, -(1 - y) * np.log(1 - outputs), 0.0)
    return float(terms.sum(axis=1).mean())


def run(name, settings, nudge=False):
    s = dict(DEFAULTS, **settings)
    if s["data"] == "csv":
        points, targets, classes = csv_points(s["csv"], s["problem"])
    else:
        drawn = playground(s["data"], SAMPLES[s["problem"]], s["noise"] / 100, s["seed"])
        points, targets = drawn["rows"], drawn["targets"]
        classes = ["0", "1"] if s["problem"] == "classification" else None
    # trainTestSplit: the first round(n * test fraction) of the permutation to test (JavaScript's Math.round)
    n = len(points)
    np.random.seed(s["seed"])
    order = np.random.permutation(n)
    count = min(n - 1, max(1, math.floor(n * ((100 - s["ratio"]) / 100) + 0.5)))
    test_order, train_order = order[:count], order[count:]
    features = [FEATURES[f] for f in s["features"]]
    rows = np.array([[f(x1, x2) for f in features] for x1, x2 in points], dtype=float)
    many = classes is not None and len(classes) > 2
    if many:
        y = np.array([[1.0 if k == t else 0.0 for k in range(len(classes))] for t in targets])
    else:
        y = np.array(targets, dtype=float).reshape(-1, 1)
    x_train, y_train, x_test, y_test = rows[train_order], y[train_order], rows[test_order], y[test_order]
    loss = "squared" if classes is None else "crossEntropy" if many else s["loss"]
    net = Network([len(features), *s["hidden"], len(classes) if many else 1], seed=s["seed"], bias=s["bias"],
                  activation=s["activation"], output="linear" if classes is None else "softmax" if many else "sigmoid",
                  loss=loss)
    if nudge:
        # every first weight one ulp up: how far rounding alone moves this run (sensitivity below)
        net.weights = [np.nextafter(w, np.inf) for w in net.weights]
    penalty = {}
    if s["regularization"] != "none" and s["regularizationRate"] > 0:
        penalty[s["regularization"]] = s["regularizationRate"]
    edits = sorted(s["edits"], key=lambda e: e["epoch"])

    def losses():
        return (mean_loss(net.forward(x_train)[-1], y_train, loss), mean_loss(net.forward(x_test)[-1], y_test, loss))

    def edit(epoch):
        # the weights set by hand at the end of this epoch (epoch 0: before training)
        for e in edits:
            if e["epoch"] == epoch:
                net.weights[e["layer"]][e["from"], e["to"]] = e["value"]

    edit(0)
    train, test = losses()
    history = {"train": [train], "test": [test]}
    stopped = None
    for epoch in range(1, s["epochs"] + 1):
        before = [w.copy() for w in net.weights], None if net.biases is None else [b.copy() for b in net.biases]
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            net.train(x_train, y_train, 1, learning_rate=s["learningRate"], batch_size=s["batchSize"], **penalty)
            train, test = losses()
        if not (math.isfinite(train) and math.isfinite(test)):
            net.weights, net.biases = before
            stopped = epoch - 1
            break
        edit(epoch)
        train, test = losses()
        history["train"].append(train)
        history["test"].append(test)

    def accuracy(x, part):
        if classes is None:
            return None
        outputs = net.forward(x)[-1]
        predicted = outputs.argmax(axis=1) if many else (outputs[:, 0] >= 0.5).astype(int)
        return int((predicted == np.array(targets)[part]).sum()) / len(part)

    return {
        "name": name,
        "settings": settings,
        "classes": classes,
        "split": {"train": len(train_order), "test": len(test_order)},
        "losses": history,
        "weights": [w.tolist() for w in net.weights],
        "biases": None if net.biases is None else [b.tolist() for b in net.biases],
        "accuracy": {"train": accuracy(x_train, train_order), "test": accuracy(x_test, test_order)},
        "stopped": stopped,
    }


def sensitivity(name, settings, case):
    # The largest relative change of any loss when every first weight moves one ulp up: how far numpy's
    # own rounding moves the run. Comparing with the TypeScript to 1e-12 means something only where it
    # is far below that. Some runs turn chaotic past some epoch, and are cut before it: TensorFlow
    # Playground's defaults from about the 30th (a batch's update here is the sum over its 10 rows, ten
    # times TensorFlow Playground's mean; at η 0.003 they keep to 2e-14 for 200 epochs).
    nudged = run(name, settings, nudge=True)
    largest = math.inf if nudged["stopped"] != case["stopped"] else max(
        abs(a - b) / abs(a) for part in ("train", "test") for a, b in zip(case["losses"][part], nudged["losses"][part]))
    assert largest < 1e-13, f"{name}: one ulp moves a loss by {largest:.1e}: train fewer epochs"
    return largest


def clusters_csv(seed=3, per=20):
    # A learner's CSV: three clusters of `per` points, labels "a", "b", "c", the lines in a shuffled order
    # (so the classes' first-seen order is not the alphabet's), each number with three decimals.
    np.random.seed(seed)
    lines = []
    for label, (cx, cy) in [("a", (-2.0, 1.0)), ("b", (2.0, 1.5)), ("c", (0.0, -2.0))]:
        for _ in range(per):
            x, y = cx + 3 * np.random.random() - 1.5, cy + 3 * np.random.random() - 1.5
            lines.append(f"{x:.3f},{y:.3f},{label}\n")
    return "x,y,label\n" + "".join(lines[i] for i in np.random.permutation(len(lines)))


def fixtures():
    cases = [
        # (25 epochs: from about the 30th on, this run is chaotic, see sensitivity())
        ("TensorFlow Playground's defaults: circle, tanh [4, 2], η 0.03, batches of 10, half to train",
         {"epochs": 25}),
        ("the defaults at η 0.003, TensorFlow Playground's step at 0.03 (the mean of a batch, not its sum)",
         {"learningRate": 0.003, "epochs": 200}),
        ("xor on x1, x2 and x1x2, no hidden layer: logistic regression", {
            "data": "xor", "seed": 0, "features": ["x1", "x2", "x1x2"], "hidden": [], "epochs": 100}),
        ("gauss, noise 30, 30% to train, squared error", {
            "data": "gauss", "seed": 7, "noise": 30, "ratio": 30, "loss": "squared", "epochs": 60}),
        ("spiral on all seven features, relu [8, 8, 4], L2 0.001, batches of 1, η 0.003", {
            "data": "spiral", "seed": 2 ** 32 - 1, "features": list(FEATURES), "hidden": [8, 8, 4],
            "activation": "relu", "regularization": "l2", "regularizationRate": 0.001, "batchSize": 1,
            "learningRate": 0.003, "epochs": 30}),
        ("circle, sigmoid, L1 0.01, batches of 30, no bias", {
            "activation": "sigmoid", "regularization": "l1", "regularizationRate": 0.01, "batchSize": 30,
            "bias": False, "epochs": 100}),
        ("regression: plane, 1,200 points, linear output, hidden [3]", {
            "problem": "regression", "data": "plane", "hidden": [3], "epochs": 40}),
        ("regression: multigauss, noise 20, tanh [6, 4], η 0.01", {
            "problem": "regression", "data": "multigauss", "noise": 20, "hidden": [6, 4], "learningRate": 0.01,
            "seed": 7, "epochs": 40}),
        ("spiral at η 10: cross-entropy's loss is Infinity at once, the run stops", {
            "data": "spiral", "learningRate": 10, "epochs": 10}),
        ("weights set by hand at epochs 0 and 5", {
            "seed": 7, "learningRate": 0.01, "epochs": 30, "edits": [
                {"epoch": 0, "layer": 0, "from": 0, "to": 1, "value": 0.5},
                {"epoch": 5, "layer": 1, "from": 2, "to": 0, "value": -1.25}]}),
        ("a learner's CSV of three classes: softmax, one-hot targets, cross-entropy", {
            "data": "csv", "csv": clusters_csv(), "seed": 0, "learningRate": 0.1, "epochs": 100}),
    ]
    return {"generator": "test/reference/playground.py",
            "cases": [with_sensitivity(name, settings) for name, settings in cases]}


def with_sensitivity(name, settings):
    case = run(name, settings)
    return dict(case, sensitivity=sensitivity(name, settings, case))


if __name__ == "__main__":
    main(__doc__, fixtures, "playground.json", lambda **_: {}, [], "no bench")
