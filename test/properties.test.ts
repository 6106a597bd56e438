// Random and hostile values at every public entry: each call returns its result, or throws a
// TypeError or RangeError whose message names the argument it could not use, having changed
// nothing (the weights are as they were) and never hanging (sizes and iterations are bounded here,
// so a valid call is quick; a hostile size or count must be refused, not tried).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import * as util from "node:util";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { explore, Network, Perceptron } from "../src";
import { LIMITS } from "../src/checks/limits";
import { DATA_SETS } from "../src/explorer/explorer";
import { PlaygroundRun } from "../src/playground/run";
import { LINK_KEYS, playgroundFromHash } from "../src/playground/settings";

const RUNS = { numRuns: 150, seed: 17, errorWithCause: true, includeErrorInReport: true };

/** `value`, printed by fast-check as `text` (it would walk every index of a huge array). */
function printed<T extends object>(value: T, text: string): T {
  return Object.assign(value, { [fc.toStringMethod]: () => text });
}

/**
 * Whether options hold no layers of length 2³² − 1: the model reads each index of such an array
 * (Array.prototype.map, for minutes), so the test of it runs apart, with a time limit.
 */
function notHuge({ value }: { value: unknown }): boolean {
  const layers =
    typeof value === "object" && value !== null && !util.types.isProxy(value)
      ? (value as { layers?: unknown }).layers
      : undefined;
  return !(Array.isArray(layers) && !util.types.isProxy(layers) && layers.length > 1e6);
}

/** A getter that throws, on an object or an array index. */
function throwingGetter(key: string): object {
  return Object.defineProperty({}, key, {
    enumerable: true,
    get: () => {
      throw new Error("a hostile getter");
    },
  });
}

/** A Proxy whose every trap throws (but for symbols: fast-check looks for its clone method). */
function throwingProxy(target: object): object {
  printed(target, "a throwing Proxy");
  const fail = (_: object, key?: string | symbol) => {
    if (typeof key === "symbol") return Reflect.get(target, key);
    throw new Error("a hostile Proxy");
  };
  return new Proxy(target, { get: fail, has: fail, ownKeys: fail, getOwnPropertyDescriptor: fail });
}

/** A Proxy of an array that answers a different number each time an index is read. */
function shiftingArray(length: number): number[] {
  let n = 0;
  return new Proxy(new Array(length).fill(0), {
    get: (target, key) =>
      typeof key === "string" && /^\d+$/.test(key) ? (n++ % 2 === 0 ? 0.5 : Number.NaN) : Reflect.get(target, key),
  });
}

/** Numbers that break checks: not finite, not integers, negative zero, huge. */
const oddNumber = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  -1,
  0.5,
  1e308,
  -1e308,
  2 ** 32,
  2 ** 53,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
);

/** A value of any kind, most of them wrong wherever they go. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  oddNumber,
  fc.double(),
  fc.integer({ min: -5, max: 5 }),
  fc.string({ maxLength: 8 }),
  fc.constantFrom("toString", "__proto__", "constructor", "hasOwnProperty", "valueOf", "1", "", "NaN"),
  fc.constantFrom(undefined, null, true, false, 10n, Symbol("hostile"), () => 1),
  fc.constant(0).map(() => throwingGetter("0")),
  fc.constant(0).map(() => throwingProxy({})),
  fc.constant(0).map(() => throwingProxy([1, 2, 3])),
  fc.constant(0).map(() => shiftingArray(3)),
  fc.constant(0).map(() => JSON.parse('{"__proto__": {"seed": 2}, "constructor": 1}')),
  fc.constant(0).map(() => Object.create(null)),
  fc.constant(0).map(() => Object.assign(new Array(4), { 1: 1, 3: 0 })),
  fc.constant(0).map(() => printed(new Array(2 ** 32 - 1), "new Array(2 ** 32 - 1)")),
  fc.constant(0).map(() => printed({ length: 2 ** 32 - 1 }, "{ length: 2 ** 32 - 1 }")),
  fc.constant(0).map(() => Float64Array.of(0, 1, Number.NaN)),
  fc.constant(0).map(() => new Int8Array(3)),
  fc.constant(0).map(() => new DataView(new ArrayBuffer(8))),
  fc.constant(0).map(() => new Date(0)),
  fc.array(fc.oneof(fc.double(), fc.integer({ min: -2, max: 2 })), { maxLength: 4 }),
  fc.array(fc.array(fc.oneof(oddNumber, fc.integer({ min: 0, max: 1 })), { maxLength: 4 }), { maxLength: 4 }),
);

/** The seed's rows, or the same rows with one value made hostile. */
const rows = fc.oneof(
  fc.constant(0).map(() => DATA_SETS.seed.inputs.map((row) => [...row])),
  fc.tuple(fc.nat(3), fc.nat(2), hostile).map(([r, j, value]) => {
    const x: unknown[][] = DATA_SETS.seed.inputs.map((row) => [...row]);
    x[r][j] = value;
    return x;
  }),
  fc.tuple(fc.nat(3), hostile).map(([r, value]) => {
    const x: unknown[] = DATA_SETS.seed.inputs.map((row) => [...row]);
    x[r] = value;
    return x;
  }),
  hostile,
);
const targets = fc.oneof(
  fc.constant(0).map(() => [0, 1, 1, 0]),
  fc.tuple(fc.nat(3), hostile).map(([r, value]) => {
    const y: unknown[] = [0, 1, 1, 0];
    y[r] = value;
    return y;
  }),
  hostile,
);
/** Iterations: a few, or a wrong value (never a valid huge count: that would only be slow). */
const iterations = fc.oneof(
  fc.integer({ min: 0, max: 20 }),
  hostile.filter((v) => !(Number.isInteger(v) && (v as number) > 20)),
);

/**
 * Options with one key (known or not) set to a hostile value, the others absent or valid, and the
 * name an error must give: `options` itself, `options.key` (or `options).key`), or an unknown option.
 */
function options(valid: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<{ names: RegExp; value: unknown }> {
  const keys = [...Object.keys(valid), "unknownKey", "__proto__"];
  return fc.oneof(
    hostile.map((value) => ({ names: /options/, value })),
    fc.tuple(fc.constantFrom(...keys), hostile, fc.record(valid, { requiredKeys: [] })).map(([bad, value, rest]) => {
      const o: Record<string, unknown> = { ...rest };
      Object.defineProperty(o, bad, { value, enumerable: true, configurable: true, writable: true });
      const names = Object.hasOwn(valid, bad) ? new RegExp(`options\\)?\\.${bad}\\b`) : /unknown option/;
      return { names, value: o };
    }),
  );
}

/** What a failed call may throw: a TypeError or RangeError whose message names `names` (one of them). */
function assertNamed(error: unknown, names: RegExp, what: string): void {
  assert.ok(error instanceof TypeError || error instanceof RangeError, `${what}: threw ${String(error)}`);
  assert.match((error as Error).message, names, `${what}: ${(error as Error).message}`);
}

/** Calls `call`; if it throws, the error names the argument and `state()` is as before. */
function check<T>(call: () => T, names: RegExp, state: () => unknown, what: string): T | undefined {
  const before = state();
  try {
    return call();
  } catch (error) {
    assertNamed(error, names, what);
    assert.equal(state(), before, `${what}: nothing changed`);
    return undefined;
  }
}

const small = fc.integer({ min: 1, max: 6 });
const seed = fc.integer({ min: 0, max: LIMITS.seed.max });
/** A fresh Perceptron or Network with the seed's three inputs. */
const model = fc.boolean().map((network) => (network ? new Network({ layers: [3, 2, 1] }) : new Perceptron()));

test("new Perceptron(options) and new Network(options): a model, or an error naming the option", () => {
  fc.assert(
    fc.property(options({ inputs: small, seed }), ({ names, value }) => {
      const p = check(
        () => new Perceptron(value as never),
        names,
        () => 0,
        "new Perceptron",
      );
      if (p) assert.is(p.weights.length, p.inputs);
    }),
    RUNS,
  );
  const layers = fc.array(small, { minLength: 2, maxLength: 4 });
  const oneBad = fc.tuple(layers, fc.nat(3), hostile).map(([sizes, i, v]) => {
    const a: unknown[] = [...sizes];
    a[i % a.length] = v;
    return { names: /options\.layers/, value: { layers: a } };
  });
  // the kinds a network may be (the refused combinations have their own tests: network-options.test.ts)
  const kind = {
    bias: fc.boolean(),
    activation: fc.constantFrom("sigmoid", "tanh", "relu", "linear"),
    output: fc.constantFrom("sigmoid", "linear"),
    loss: fc.constant("squared"),
  };
  fc.assert(
    fc.property(fc.oneof(options({ layers, seed, ...kind }), oneBad).filter(notHuge), ({ names, value }) => {
      const net = check(
        () => new Network(value as never),
        names,
        () => 0,
        "new Network",
      );
      if (net) assert.is(net.weights.length, net.layers.length - 1);
    }),
    RUNS,
  );
});

test("new Network({ layers }) with an array of length 2³² − 1 throws at once (run apart, with a time limit)", () => {
  const network = JSON.stringify(join(__dirname, "..", "src", "model", "network.ts"));
  const code =
    `const { Network } = require(${network});\n` +
    "try { new Network({ layers: new Array(2 ** 32 - 1) }); console.log('no error'); }\n" +
    "catch (e) { console.log(e.constructor.name + ': ' + e.message); }";
  const child = spawnSync(process.execPath, ["--import", "tsx", "-e", code], { encoding: "utf8", timeout: 5_000 });
  assert.is(child.signal, null, "it answered within 5 s (the check read 2³² − 1 indices, for minutes)");
  assert.match(child.stdout, /^(Type|Range)Error: new Network\(\): options\.layers\[0\] must be an integer/);
});

test("train(inputs, outputs, iterations, options): steps, or an error naming the argument, the weights as they were", () => {
  const trainOptions = options({
    learningRate: fc.double({ min: 0.01, max: 10, noNaN: true }),
    every: small,
    history: fc.boolean(),
    onStep: fc.constant(() => {}),
    batchSize: small,
    l1: fc.double({ min: 0, max: 0.1, noNaN: true }),
    l2: fc.double({ min: 0, max: 0.1, noNaN: true }),
  });
  const none = fc.constant({ names: /options/, value: undefined });
  fc.assert(
    fc.property(model, rows, targets, iterations, fc.oneof(none, trainOptions), (m, x, y, n, { value }) => {
      const steps = check(
        () => m.train(x as never, y as never, n as never, value as never),
        /inputs|outputs|iterations|options/,
        () => m.weights,
        "train",
      );
      if (steps) assert.ok(Array.isArray(steps));
    }),
    RUNS,
  );
});

/** A value as JSON text, or a text that is not JSON where JSON.stringify cannot say it. */
function textOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "{";
  }
}

test("Network.fromJSON(saved): a network, or an error naming Network.fromJSON and the field", () => {
  const saved = new Network({ layers: [2, 2, 1], bias: true }).toJSON();
  const fields = Object.keys(saved);
  const oneBad = fc.tuple(fc.constantFrom(...fields), hostile).map(([field, value]) => ({ ...saved, [field]: value }));
  fc.assert(
    fc.property(fc.oneof(hostile, oneBad, hostile.map(textOf)), (value) => {
      const net = check(
        () => Network.fromJSON(value as never),
        /Network\.fromJSON\(\)/,
        () => 0,
        "Network.fromJSON",
      );
      if (net) assert.equal(Network.fromJSON(net.toJSON()).toJSON(), net.toJSON());
    }),
    RUNS,
  );
});

test("predict(input) and the weights setters: an answer or an error naming the argument, the weights as they were", () => {
  fc.assert(
    fc.property(model, rows, hostile, (m, input, weights) => {
      const answer = check(
        () => m.predict(input as never),
        /input/,
        () => m.weights,
        "predict",
      );
      if (answer !== undefined) {
        const all = [answer].flat(2) as number[];
        assert.ok(
          all.every((p) => p >= 0 && p <= 1),
          `predictions in [0, 1]: ${all}`,
        );
      }
      const where = m instanceof Network ? /network\.weights/ : /perceptron\.weights/;
      check(
        () => Object.assign(m, { weights }),
        where,
        () => m.weights,
        "weights",
      );
    }),
    RUNS,
  );
});

test("explore(options): an explorer sent to the display, or an error naming the option, nothing sent", () => {
  // valid settings for the seed's data (the others have other targets); a few iterations: the 150
  // flowers at 60,000 take a second, and the limits themselves are tested in explore.test.ts
  const settings = {
    data: fc.constant("seed"),
    hidden: fc.integer({ min: 0, max: 8 }),
    seed,
    learningRate: fc.double({ min: 0.01, max: 10, noNaN: true }),
    iterations: fc.integer({ min: 0, max: 50 }),
    targets: fc.constant([0, 1, 1, 0]),
  };
  fc.assert(
    fc.property(options(settings), ({ names, value }) => {
      const sent: unknown[] = [];
      const display = (bundle: unknown) => void sent.push(bundle);
      // a plain object gets a display that keeps what is sent; anything else goes as it is
      const plain = !util.types.isProxy(value) && Object.prototype.toString.call(value) === "[object Object]";
      const given = plain ? Object.assign(value as object, { display }) : value;
      const ok = check(
        () => {
          explore(given as never);
          return true;
        },
        names,
        () => sent.length,
        "explore",
      );
      assert.is(sent.length, ok ? 1 : 0);
    }),
    RUNS,
  );
  // a large count must be refused before anything is trained
  for (const count of [60001, 1e6, 2 ** 53, Number.MAX_VALUE]) {
    check(
      () => explore({ data: "iris", hidden: 8, iterations: count, display: () => {} }),
      /iterations/,
      () => 0,
      "explore",
    );
  }
});

test("playgroundFromHash(hash): any string gives settings a run accepts, and names what it could not read", () => {
  const value = fc.oneof(
    fc.string({ maxLength: 12 }),
    hostile.map((v) => {
      try {
        return String(v);
      } catch {
        return "";
      }
    }),
    fc.constantFrom("0", "1", "8", "9", "50", "90", "0.03", "1e1", "1e-5", "4294967296", "-0", "0x10", "4,2", "x1,x2"),
  );
  const names = [...LINK_KEYS];
  const hash = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 4 })), value), { maxLength: 6 })
      .map((pairs) => `#${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")}`),
  );
  fc.assert(
    fc.property(hash, (h) => {
      const { settings, problems } = playgroundFromHash(h);
      assert.ok(
        problems.every((p: string) => typeof p === "string" && p.length > 0),
        problems.join(),
      );
      if (settings.data !== "csv") {
        const run = new PlaygroundRun({ ...settings, epochs: 0 });
        assert.ok(Number.isFinite(run.losses.train[0]), "a run starts");
      }
    }),
    { ...RUNS, numRuns: 150 },
  );
  for (const v of [undefined, null, 1, Symbol("s"), {}, throwingProxy({})]) {
    check(
      () => playgroundFromHash(v as never),
      /hash/,
      () => 0,
      `playgroundFromHash(${typeof v})`,
    );
  }
});

test.run();
