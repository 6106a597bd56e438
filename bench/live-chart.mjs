// What a live chart costs training: times training with and without one, as the training-loop
// notebook does (a point every 10 iterations), and prints the ratio of the fastest runs.
// A target, not a test: the chart should slow training by less than 20%.
// usage: node bench/live-chart.mjs (after npm run compile)
import { createRequire } from "node:module";

const { liveChart, Perceptron, seededRandom } = createRequire(import.meta.url)("..");

const random = seededRandom(3);
const x = Array.from({ length: 1000 }, () => Array.from({ length: 16 }, random));
const y = x.map((row) => (row[0] > 0.5 ? 1 : 0));
const iterations = 8000; // about a quarter of a second: the chart redraws during training
let draws = 0;

function time(watch) {
  const p = new Perceptron({ inputs: 16 });
  const start = performance.now();
  if (!watch) {
    p.train(x, y, iterations);
  } else {
    const traces = [{ name: "error" }, ...Array.from({ length: 16 }, (_, j) => ({ name: `weight ${j + 1}` }))];
    const live = liveChart({ data: traces }, { display: () => draws++ });
    // as the training-loop notebook does: a point every 10 iterations
    p.train(x, y, iterations, { every: 10, onStep: (s) => live.push(s.iteration, [s.meanSquaredError, ...s.weights]) });
    live.flush();
  }
  return performance.now() - start;
}

const plain = [];
const watched = [];
for (let i = 0; i < 6; i++) {
  watched.push(time(true));
  plain.push(time(false));
}
const fastest = (runs) => Math.min(...runs.slice(1)); // the first run of each warms up
const ratio = fastest(watched) / fastest(plain);
console.log(
  `Live chart: training 1,000 x 16 x ${iterations.toLocaleString("en")} took ${fastest(plain).toFixed(1)} ms, ` +
    `${fastest(watched).toFixed(1)} ms with a live chart (${draws} draws): **${ratio.toFixed(2)}x** (target < 1.2x)`,
);
