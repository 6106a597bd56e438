"""The numpy original of the sequel, "How to build a multi-layered neural network in Python":
layers of sigmoid neurons trained by backpropagation, and the numbers the TypeScript Network is
tested against.

NeuronLayer and NeuralNetwork follow the sequel's code line by line, generalised from its two
layers to any number of them, with an optional learning rate and a record of the error. With
layers [3, 4, 1], seed 1 and 60,000 iterations on its data it prints what the article prints:
0.0078876... for [1, 1, 0]. With layers [3, 1] it is the seed's perceptron (perceptron.py).

    /usr/bin/python3 test/reference/network.py fixtures           # print the fixtures
    /usr/bin/python3 test/reference/network.py fixtures --write   # write test/fixtures/network.json
    /usr/bin/python3 test/reference/network.py bench --layers 3 4 1 --iterations 60000
"""

import numpy as np

from cli import about_numpy, bench_data, main, timed

from perceptron import TRIPLES


class NeuronLayer():
    def __init__(self, number_of_neurons, number_of_inputs_per_neuron):
        # Each neuron's weights in a column: 2 * random - 1, row by row from numpy's stream.
        self.synaptic_weights = 2 * np.random.random((number_of_inputs_per_neuron, number_of_neurons)) - 1


class NeuralNetwork():
    def __init__(self, layers, seed=1):
        # Seed once; then draw each layer's weights in order from the same stream.
        np.random.seed(seed)
        self.layers = [NeuronLayer(neurons, inputs) for inputs, neurons in zip(layers, layers[1:])]

    def __sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def __sigmoid_derivative(self, x):
        # The slope, given the sigmoid's output x.
        return x * (1 - x)

    def train(self, training_set_inputs, training_set_outputs, number_of_training_iterations,
              learning_rate=1.0, every=0):
        history = []
        for iteration in range(number_of_training_iterations):
            # Pass the training set through the network: each layer's output.
            outputs = self.think(training_set_inputs)
            # The last layer's error and delta.
            error = training_set_outputs - outputs[-1]
            if every > 0 and iteration % every == 0:
                history.append((iteration, np.mean(error ** 2)))
            deltas = [error * self.__sigmoid_derivative(outputs[-1])]
            # Each earlier layer's error: how much it added to the next layer's, through the weights.
            for layer, output in zip(reversed(self.layers[1:]), reversed(outputs[:-1])):
                layer_error = deltas[0].dot(layer.synaptic_weights.T)
                deltas.insert(0, layer_error * self.__sigmoid_derivative(output))
            # How much to adjust each layer's weights, all from the weights before this iteration.
            layer_inputs = [training_set_inputs] + outputs[:-1]
            adjustments = [x.T.dot(delta) for x, delta in zip(layer_inputs, deltas)]
            for layer, adjustment in zip(self.layers, adjustments):
                layer.synaptic_weights += learning_rate * adjustment
        if every > 0:
            error = training_set_outputs - self.think(training_set_inputs)[-1]
            history.append((number_of_training_iterations, np.mean(error ** 2)))
        return history

    def think(self, inputs):
        # Every layer's output, in order; the last is the network's.
        outputs = []
        for layer in self.layers:
            inputs = self.__sigmoid(np.dot(inputs, layer.synaptic_weights))
            outputs.append(inputs)
        return outputs


# ---------------------------------------------------------------------------
# The data the fixtures are made from.

# The sequel's: the output is the exclusive or of the first two inputs.
SEQUEL_INPUTS = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [0, 1, 0], [1, 0, 0], [1, 1, 1], [0, 0, 0]]
SEQUEL_OUTPUTS = [[0], [1], [1], [1], [1], [0], [0]]
# The seed's.
SEED_INPUTS = [[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]]
SEED_OUTPUTS = [[0], [1], [1], [0]]
# Two inputs and a bias, three outputs: AND, OR and XOR of the first two.
GATES_INPUTS = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]
GATES_OUTPUTS = [[0, 0, 0], [0, 1, 1], [0, 1, 1], [1, 1, 0]]
# Four real inputs, two outputs, targets inside (0, 1).
REAL_INPUTS = [
    [0.5, -1.25, 2.0, 0.3],
    [-0.7, 0.45, -1.1, 1.6],
    [1.8, 0.9, 0.05, -0.4],
    [-1.35, -0.2, 0.75, -1.9],
    [0.15, 2.2, -0.6, 0.85],
]
REAL_OUTPUTS = [[1, 0.2], [0, 0.9], [1, 0.5], [0, 0.1], [0.5, 1]]
REAL_PREDICT = [[0.0, 0.0, 0.0, 0.0], [1.0, -1.0, 0.5, 0.25], [-2.0, 1.5, -0.5, 1.0]]


def case(name, seed, layers, inputs, outputs, iterations, learning_rate, predict):
    every = max(1, iterations // 10)
    network = NeuralNetwork(layers, seed)
    initial = [layer.synaptic_weights.tolist() for layer in network.layers]
    history = network.train(np.array(inputs, dtype=float), np.array(outputs, dtype=float), iterations,
                            learning_rate, every)
    return {
        "name": name,
        "seed": seed,
        "layers": layers,
        "inputs": inputs,
        "outputs": outputs,
        "iterations": iterations,
        "learningRate": learning_rate,
        "every": every,
        "initialWeights": initial,
        "weights": [layer.synaptic_weights.tolist() for layer in network.layers],
        "history": {"iterations": [i for i, _ in history], "meanSquaredError": [float(e) for _, e in history]},
        "predict": {"inputs": predict, "outputs": network.think(np.array(predict, dtype=float))[-1].tolist()},
    }


def fixtures():
    cases = [
        case("the sequel: 3-4-1, seed 1, 60000 iterations", 1, [3, 4, 1], SEQUEL_INPUTS, SEQUEL_OUTPUTS,
             60000, 1.0, [[1, 1, 0]] + TRIPLES),
        case("the seed's perceptron as a network: 3-1, seed 1, 10000 iterations", 1, [3, 1], SEED_INPUTS,
             SEED_OUTPUTS, 10000, 1.0, TRIPLES),
    ]
    for seed in [0, 4294967295, 7]:
        cases.append(case(f"the sequel's data, 3-4-1, seed {seed}, 2000 iterations", seed, [3, 4, 1],
                          SEQUEL_INPUTS, SEQUEL_OUTPUTS, 2000, 1.0, TRIPLES))
    cases += [
        case("two hidden layers: 3-5-3-1, seed 2, 3000 iterations, learning rate 0.5", 2, [3, 5, 3, 1],
             SEQUEL_INPUTS, SEQUEL_OUTPUTS, 3000, 0.5, TRIPLES),
        case("three outputs: AND, OR, XOR, 3-4-3, seed 3, 5000 iterations", 3, [3, 4, 3], GATES_INPUTS,
             GATES_OUTPUTS, 5000, 1.0, GATES_INPUTS),
        case("one layer, three outputs: 3-3, seed 4294967295, 500 iterations, learning rate 2", 4294967295,
             [3, 3], GATES_INPUTS, GATES_OUTPUTS, 500, 2.0, GATES_INPUTS),
        case("real inputs, two outputs: 4-6-2, seed 0, 1000 iterations, learning rate 0.1", 0, [4, 6, 2],
             REAL_INPUTS, REAL_OUTPUTS, 1000, 0.1, REAL_PREDICT),
        case("the sequel's data, no training", 5, [3, 4, 1], SEQUEL_INPUTS, SEQUEL_OUTPUTS, 0, 1.0, TRIPLES),
    ]
    return {"generator": "test/reference/network.py", "cases": cases}


def bench(layers, rows, iterations, repeats, data_seed):
    X, y = bench_data(layers, rows, data_seed, SEQUEL_INPUTS, SEQUEL_OUTPUTS)
    seconds, network = timed(lambda: NeuralNetwork(layers, 1), lambda n: n.train(X, y, iterations), repeats)
    return {"seconds": seconds, "weights": [layer.synaptic_weights.tolist() for layer in network.layers],
            **about_numpy()}


if __name__ == "__main__":
    main(__doc__, fixtures, "network.json", bench, [
        ("--layers", {"type": int, "nargs": "+", "default": [3, 4, 1]}),
        ("--rows", {"type": int, "default": 7}),
        ("--iterations", {"type": int, "default": 60000}),
        ("--repeats", {"type": int, "default": 3}),
        ("--data-seed", {"type": int, "default": 7}),
    ], "time train(); print one JSON line")
