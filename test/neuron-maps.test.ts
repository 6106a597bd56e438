// layerOutputs (each layer's outputs for one input) and neuronMaps (a heat map per neuron): what
// the maps hold, against the network's own forward pass, and the errors for bad arguments.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { layerOutputs, Network, neuronMaps, sigmoid } from "../src";
import { assertThrows } from "./helpers/assert";

test("layerOutputs gives every layer's outputs, the last the network's prediction", () => {
  const net = new Network({ layers: [3, 4, 2], seed: 1, activation: "tanh", bias: true });
  net.train([[0, 1, 1]], [[1, 0]], 3);
  const [hidden, out] = layerOutputs(net, [0, 1, 1]);
  assert.is(hidden.length, 4);
  assert.equal(out, net.predict([0, 1, 1]));
  // the hidden layer by hand: tanh(x · W₁ + b₁)
  const [W1] = net.weights;
  const b1 = net.biases?.[0] ?? [];
  hidden.forEach((h, j) => {
    assert.ok(Math.abs(h - Math.tanh(W1[1][j] + W1[2][j] + b1[j])) < 1e-15, `neuron ${j}`);
  });
});

test("layerOutputs of a sigmoid network with no bias at [0, 0, 0] is σ(0) in the hidden layer", () => {
  const net = new Network({ layers: [3, 4, 1], seed: 1 });
  const [hidden, [out]] = layerOutputs(net, [0, 0, 0]);
  assert.equal(hidden, [0.5, 0.5, 0.5, 0.5]);
  assert.is(out, sigmoid(0.5 * net.weights[1].reduce((s, [w]) => s + w, 0)));
});

test("layerOutputs names a bad network or input", () => {
  const net = new Network({ layers: [2, 3, 1] });
  assertThrows(
    () => layerOutputs({} as Network, [0, 0]),
    TypeError,
    /layerOutputs\(network, input\): network must be a Network/,
  );
  assertThrows(() => layerOutputs(net, [0]), RangeError, /input must have 2 values/);
  assertThrows(() => layerOutputs(net, [0, Number.NaN]), RangeError, /input\[1\] must be a finite number/);
});

test("neuronMaps draws a heat map per neuron, a row per layer, each layer on its own scale", () => {
  const net = new Network({ layers: [2, 3, 2, 1], seed: 2, activation: "relu", bias: true });
  const points = {
    x: [
      [0, 0],
      [1, 1],
    ],
    label: [0, 1],
  };
  const figure = neuronMaps({ outputs: (a, b) => layerOutputs(net, [a, b]), points, resolution: 5 });
  const maps = figure.data.filter((t) => t.type === "heatmap");
  assert.is(maps.length, 3 + 2 + 1);
  assert.equal(
    maps.map((t) => t.name),
    ["layer 1, neuron 1", "layer 1, neuron 2", "layer 1, neuron 3", "layer 2, neuron 1", "layer 2, neuron 2", "output"],
  );
  // each map is the neuron's output at each grid point; z[i][k] at (x[k], y[i])
  const second = maps[4];
  const [x, y, z] = [second.x as number[], second.y as number[], second.z as number[][]];
  assert.is(z[2][3], layerOutputs(net, [x[3], y[2]])[1][1]);
  // a layer's maps share one scale: its lowest and highest output over the plane
  const layer1 = maps.slice(0, 3).flatMap((t) => (t.z as number[][]).flat());
  for (const t of maps.slice(0, 3)) {
    assert.is(t.zmin, Math.min(...layer1));
    assert.ok(t.xaxis !== maps[0].xaxis || t === maps[0], "each map on its own axes");
  }
  // the rows sit on the output's map, by target
  const rows = figure.data.filter((t) => t.type === "scatter");
  assert.equal(
    rows.map((t) => [t.xaxis, t.x]),
    [
      ["x7", [0]],
      ["x7", [1]],
    ],
  );
  assert.is(maps[5].xaxis, "x7");
});

test("neuronMaps names what is wrong with its arguments", () => {
  assertThrows(() => neuronMaps({ outputs: 3 as never }), TypeError, /neuronMaps\(\): outputs must be a function/);
  assertThrows(() => neuronMaps({ outputs: () => [[1]], resolution: 1 }), RangeError, /neuronMaps\(\): resolution/);
  assertThrows(() => neuronMaps({ outputs: () => [] }), TypeError, /outputs\(x1, x2\) must give every layer's outputs/);
  assertThrows(
    () => neuronMaps({ outputs: (a) => [[a > 0 ? Number.NaN : 0]] }),
    RangeError,
    /\[0\]\[0\] must be a finite number, got NaN/,
  );
});

test("neuronMaps: any layer sizes give one map per neuron, each value in its layer's range", () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }), (sizes) => {
      const outputs = (a: number, b: number) =>
        sizes.map((n, l) => Array.from({ length: n }, (_, j) => a * (j + 1) - b * l));
      const figure = neuronMaps({ outputs, resolution: 3 });
      const maps = figure.data.filter((t) => t.type === "heatmap");
      assert.is(
        maps.length,
        sizes.reduce((s, n) => s + n, 0),
      );
      for (const t of maps) {
        for (const v of (t.z as number[][]).flat()) assert.ok(v >= (t.zmin as number) && v <= (t.zmax as number));
      }
    }),
    { numRuns: 30 },
  );
});

test.run();
