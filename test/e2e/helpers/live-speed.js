// Times training with and without a live chart, in a process of its own so that what other
// tests left on the heap does not weigh on one side. Prints { plain, watched } in ms, per run.
// usage: node test/e2e/helpers/live-speed.js
const { liveChart, Perceptron, seededRandom } = require("../../..");

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
console.log(JSON.stringify({ plain: plain.slice(1), watched: watched.slice(1), draws }));
