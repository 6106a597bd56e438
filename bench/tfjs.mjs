// The same training in TensorFlow.js, for the bench: the seed's rule (full batch, output = σ(X·w),
// w += Xᵀ·((y − output) ⊙ output(1 − output))) and the sequel's backpropagation, layer by layer, on the
// same data from the same starting weights, on two of its backends that ship whole inside their npm
// packages: the CPU backend (@tensorflow/tfjs-backend-cpu, plain JavaScript) and the WebAssembly one
// (@tensorflow/tfjs-backend-wasm, its .wasm files read from node_modules, nothing downloaded).
// TensorFlow.js computes in float32 (it has no float64), so its weights agree with the module's
// (and numpy's) to float32's precision, not to the last digit. Each iteration runs in tf.tidy, which
// frees its tensors; the weights are tf.variables, assigned in place.
// usage: node bench/tfjs.mjs   (after npm run compile: TF.js against this module at the bench's sizes)
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { data, largestDifference, ms, ours, sequel, startingWeights } from "./data.mjs";

const require = createRequire(import.meta.url);
export const BACKENDS = ["cpu", "wasm"];
/** Float32 agreement: each weight within 1e-3 of the module's, relative (absolute below 1). */
export const AGREE = 1e-3;

let loaded;
/**
 * TensorFlow.js with both backends ready, and what its WebAssembly backend runs: SIMD or not,
 * threads or not, which .wasm file, and that nothing was fetched to get it.
 */
export async function loadTf() {
  if (loaded) return loaded;
  const tf = require("@tensorflow/tfjs-core");
  tf.enableProdMode(); // no debug checks, and no note that tfjs-node (a native library) would be faster
  const cpu = require("@tensorflow/tfjs-backend-cpu");
  const wasm = require("@tensorflow/tfjs-backend-wasm");
  // the package's own dist/ folder, where its three .wasm files are (plain, SIMD, threaded SIMD)
  const folder = `${dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"))}/`;
  wasm.setWasmPaths(folder);
  const fetched = [];
  const fetch = globalThis.fetch;
  globalThis.fetch = (url, ...rest) => {
    fetched.push(String(url));
    return fetch(url, ...rest);
  };
  try {
    if (!(await tf.setBackend("wasm"))) throw new Error("TensorFlow.js's wasm backend did not start");
  } finally {
    globalThis.fetch = fetch;
  }
  if (fetched.length > 0)
    throw new Error(`the wasm backend fetched ${fetched.join(", ")}: it should read node_modules`);
  const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
  const threads = await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT");
  const file =
    simd && threads
      ? "tfjs-backend-wasm-threaded-simd.wasm"
      : simd
        ? "tfjs-backend-wasm-simd.wasm"
        : "tfjs-backend-wasm.wasm";
  loaded = {
    tf,
    version: tf.version_core,
    versions: { core: tf.version_core, cpu: cpu.version_cpu, wasm: wasm.version_wasm },
    wasm: {
      simd,
      threads: threads ? wasm.getThreadsCount() : 1,
      file: join(folder, file),
      // tfjs-backend-wasm turns its threads off in Node (tfjs issue 3830): its workers need blob: URLs
      about: `${simd ? "SIMD" : "no SIMD"}, ${threads ? `${wasm.getThreadsCount()} threads` : "one thread (TF.js runs no wasm threads in Node)"}, ${file} read from node_modules`,
    },
  };
  return loaded;
}

/**
 * TensorFlow.js's training, ready to run on one backend: the rows and targets as float32 tensors,
 * made once (as numpy's arrays are made before its timing starts). `run(n)` trains `n` iterations
 * from the starting weights and returns the seconds it took (up to the trained weights read back)
 * and those weights, flat, layer by layer, row by row (as the module's `weights.flat(2)`).
 *
 * @param backend - "cpu" or "wasm"
 * @param x - the rows, packed row by row (any array-like of numbers; stored as float32)
 * @param y - the targets, one per row per output neuron
 * @param weights - the starting weights, [layer][input][neuron]
 */
export async function tfTrainer(backend, { x, y, weights }) {
  const { tf } = await loadTf();
  if (!(await tf.setBackend(backend))) throw new Error(`TensorFlow.js's ${backend} backend did not start`);
  const layers = [weights[0].length, ...weights.map((layer) => layer[0].length)];
  const rows = y.length / layers[layers.length - 1];
  const X = tf.tensor2d(x instanceof Float32Array ? x : Float32Array.from(x), [rows, layers[0]]);
  const Y = tf.tensor2d(Float32Array.from(y), [rows, layers[layers.length - 1]]);
  const one = tf.scalar(1);
  const before = tf.memory().numTensors;
  const run = (n) => {
    const w = weights.map((layer) => {
      const start = tf.tensor2d(layer, undefined, "float32");
      const variable = tf.variable(start);
      start.dispose();
      return variable;
    });
    const start = performance.now();
    for (let iteration = 0; iteration < n; iteration++) {
      tf.tidy(() => {
        // forward: o[l + 1] = σ(o[l] · W[l]), with o[0] the rows
        const o = [X];
        for (const layer of w) o.push(tf.sigmoid(tf.matMul(o[o.length - 1], layer)));
        // the last layer's delta, (y − o) ⊙ o(1 − o), then each earlier one's: (δ · Wᵀ) ⊙ o(1 − o)
        const last = o[o.length - 1];
        const deltas = [tf.mul(tf.sub(Y, last), tf.mul(last, tf.sub(one, last)))];
        for (let l = w.length - 1; l > 0; l--) {
          const error = tf.matMul(deltas[0], w[l], false, true);
          deltas.unshift(tf.mul(error, tf.mul(o[l], tf.sub(one, o[l]))));
        }
        // every layer from the weights before this iteration's update: W[l] += o[l]ᵀ · δ[l] (η = 1)
        const adjustments = w.map((_, l) => tf.matMul(o[l], deltas[l], true, false));
        w.forEach((layer, l) => {
          layer.assign(tf.add(layer, adjustments[l]));
        });
      });
    }
    const trained = w.flatMap((layer) => Array.from(layer.dataSync())); // waits for the last iteration
    const seconds = (performance.now() - start) / 1000;
    for (const layer of w) layer.dispose();
    const leaked = tf.memory().numTensors - before;
    if (leaked !== 0) throw new Error(`TensorFlow.js (${backend}) kept ${leaked} tensors after training`);
    return { seconds, weights: trained };
  };
  const dispose = () => {
    for (const tensor of [X, Y, one]) tensor.dispose();
  };
  return { run, dispose };
}

/**
 * Seconds per run of TensorFlow.js's training on one backend, each from the same starting weights,
 * after one warm-up run of `warmUp` iterations; and the weights the last run ended with.
 */
export async function timeTf(backend, { x, y, weights, iterations, repeats, warmUp = iterations }) {
  const trainer = await tfTrainer(backend, { x, y, weights });
  try {
    trainer.run(warmUp);
    const seconds = [];
    let trained = [];
    for (let r = 0; r < repeats; r++) {
      const result = trainer.run(iterations);
      seconds.push(result.seconds);
      trained = result.weights;
    }
    return { seconds, weights: trained };
  } finally {
    trainer.dispose();
  }
}

/** The starting weights, data and flat targets of one of the bench's sizes, as TF.js takes them. */
export function problem(module, { rows, cols, layers }) {
  const { x, y } = layers ? sequel() : data(module.seededRandom, rows, cols);
  return { x: x.flat(), y: y.flat(), weights: startingWeights(module, cols, layers) };
}

// Run directly: TF.js on both backends against the module at the bench's sizes.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const module = ours();
  const { version, wasm } = await loadTf();
  console.log(`TensorFlow.js ${version}; wasm backend: ${wasm.about}`);
  const sizes = [
    { rows: 4, cols: 3, iterations: 10000, repeats: 3 },
    { rows: 1000, cols: 16, iterations: 1000, repeats: 3 },
    { rows: 100000, cols: 32, iterations: 20, repeats: 3 },
    { rows: 7, cols: 3, layers: [3, 4, 1], iterations: 60000, repeats: 1, warmUp: 1000 },
  ];
  for (const size of sizes) {
    const { x, y, weights } = problem(module, size);
    const rows = size.layers ? sequel() : data(module.seededRandom, size.rows, size.cols);
    const model = size.layers
      ? new module.Network({ layers: size.layers, seed: 1 })
      : new module.Perceptron({ inputs: size.cols, seed: 1 });
    model.train(rows.x, rows.y, size.iterations);
    const mine = model.weights.flat(2);
    for (const backend of BACKENDS) {
      const result = await timeTf(backend, { x, y, weights, ...size });
      const difference = largestDifference(result.weights, mine);
      console.log(
        `${size.rows} x ${size.layers?.join("-") ?? size.cols} x ${size.iterations}  TF.js ${backend}: ${ms(result.seconds)} ` +
          `(${result.seconds.length} runs); weights ${difference <= AGREE ? "agree" : "DIFFER"}: largest difference ${difference.toExponential(1)}`,
      );
    }
  }
}
