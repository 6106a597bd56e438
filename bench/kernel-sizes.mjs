// Times our training at the bench's four sizes (as bench/bench.mjs does: data as arrays of rows,
// a fresh model per run, the median after a warm-up). usage: node bench/kernel-sizes.mjs
import { data, median, ours, sequel } from "./data.mjs";

const module = ours();
const { Network, Perceptron, seededRandom } = module;
const SIZES = [
  { rows: 4, cols: 3, iterations: 10000, repeats: 30 },
  { rows: 1000, cols: 16, iterations: 1000, repeats: 10 },
  { rows: 100000, cols: 32, iterations: 20, repeats: 7 },
  { rows: 7, cols: 3, layers: [3, 4, 1], iterations: 60000, repeats: 10 },
];
for (const { rows, cols, iterations, repeats, layers } of SIZES) {
  const { x, y } = layers ? sequel() : data(seededRandom, rows, cols);
  const seconds = [];
  for (let r = -1; r < repeats; r++) {
    const model = layers ? new Network({ layers, seed: 1 }) : new Perceptron({ inputs: cols, seed: 1 });
    const start = performance.now();
    model.train(x, y, iterations);
    if (r >= 0) seconds.push(performance.now() - start);
  }
  const name = `${rows} x ${layers ? layers.join("-") : cols} x ${iterations}`;
  console.log(
    `${name.padEnd(24)} ${median(seconds).toFixed(3).padStart(9)} ms  (min ${Math.min(...seconds).toFixed(3)})`,
  );
}
