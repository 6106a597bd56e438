// The code panel's program: a playground run written out as a short TypeScript program, with a
// comment on each step, that a learner pastes into a notebook cell (tslab) or runs with Node
// (`npx tsx program.ts`). It makes the calls run.ts makes, with the module's public API, so it
// prints the numbers the page shows: runReport's lines, whose format is written once, here.

import { checkCsv } from "../data/csv";
import { csvPoints, type PlaygroundRun, SAMPLES } from "./run";
import type { Edit, FeatureName, PlaygroundSettings } from "./settings";

/**
 * Each feature as the program computes it from a point's x1 and x2: FEATURES' functions, written
 * out (Node's Math.sin gives the same bits as the module's sin).
 */
const EXPRESSIONS: Record<FeatureName, string> = {
  x1: "x1",
  x2: "x2",
  x1sq: "x1 * x1",
  x2sq: "x2 * x2",
  x1x2: "x1 * x2",
  sinx1: "Math.sin(x1)",
  sinx2: "Math.sin(x2)",
};

/** The values a run ends with, each as text: a run's numbers, or the program's expressions. */
interface Report {
  epoch: string;
  train: string;
  test: string;
  weights: string;
  biases: string;
}

/** The lines a run ends with, the page's and the program's: their one format. */
function reportLines({ epoch, train, test, weights, biases }: Report): string[] {
  return [`epoch ${epoch}: training loss ${train}, test loss ${test}`, `weights: ${weights}`, `biases: ${biases}`];
}

/**
 * What a run ends with, as its program prints it: the last epoch trained and its losses, then the
 * weights and the biases as JSON (every number to the last digit).
 */
export function runReport(run: PlaygroundRun): string {
  const { epoch, losses, network } = run;
  return reportLines({
    epoch: String(epoch),
    train: String(losses.train[losses.train.length - 1]),
    test: String(losses.test[losses.test.length - 1]),
    weights: JSON.stringify(network.weights),
    biases: JSON.stringify(network.biases),
  }).join("\n");
}

/**
 * `text` as a template literal that evaluates to exactly `text`: its backslashes, backticks and
 * `${` escaped (nothing in it can end the literal or run), and the characters an editor would not
 * show or would change (carriage returns, other control characters, line separators, lone
 * surrogates) written as escapes; line feeds and tabs stay as they are, so that it reads as the text.
 */
export function templateLiteral(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const code = text.charCodeAt(i);
    if (c === "\\" || c === "`" || (c === "$" && text[i + 1] === "{")) out += `\\${c}`;
    else if (c === "\r") out += "\\r";
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      out += c + text[++i];
    } else if (
      (code < 0x20 && c !== "\n" && c !== "\t") ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x2028 ||
      code === 0x2029 ||
      (code >= 0xd800 && code <= 0xdfff)
    ) {
      out += `\\u${code.toString(16).padStart(4, "0")}`;
    } else out += c;
  }
  return `\`${out}\``;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** "a", "a and b", "a, b and c". */
function and(items: string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * A number as a program writes it: String() gives the shortest text that reads back as the same
 * number (and −0 keeps its sign).
 */
const literal = (n: number) => (Object.is(n, -0) ? "-0" : String(n));

/** A comment, its words wrapped into lines of at most 100 characters. */
function comment(text: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && 3 + line.length + 1 + word.length > 100) {
      lines.push(`// ${line}`);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(`// ${line}`);
  return lines;
}

/** `head` and `tail` on a line, or `tail` on the next, indented, when that would be too long. */
function fit(head: string, tail: string): string[] {
  return head.length + 1 + tail.length <= 100 ? [`${head} ${tail}`] : [head, `  ${tail}`];
}

/**
 * The code panel's program for `settings` trained `epochs` epochs: TypeScript that reproduces the
 * run with the module's public API (the data, the split, the features, the targets, the network,
 * an epoch at a time with the same options, the weights set by hand at their epochs, stopping when
 * a loss is not finite) and prints runReport's lines. Leaves out what only the page uses (speed,
 * showTest, discretize). A CSV that cannot be read throws CsvProblems, as the run does.
 */
export function playgroundCode(settings: PlaygroundSettings, epochs: number): string {
  const s = settings;
  const csv = s.data === "csv" ? csvPoints(s.csv, s.problem) : null;
  const classes = csv ? csv.classes : s.problem === "classification" ? ["0", "1"] : null;
  const many = classes !== null && classes.length > 2;
  const edits = [...s.edits].filter((e) => e.epoch <= epochs).sort((a, b) => a.epoch - b.epoch);
  const imports = ["Network", csv ? "readCsv" : "playgroundData", "trainTestSplit"];
  const out: string[] = [
    "// This playground run as a program: paste it into a notebook cell (tslab), or save it as",
    "// program.ts and run `npx tsx program.ts`. It prints the numbers the page shows.",
    `import { ${imports.join(", ")} } from "perceptron-notebooks";`,
    "",
  ];

  // the data, and the split
  const testFraction = literal((100 - s.ratio) / 100);
  const split = (rows: string, targets: string) =>
    `const split = trainTestSplit(${rows}, ${targets}, { testFraction: ${testFraction}, seed: ${s.seed} });`;
  const splitComment = comment(
    `The split, by the seed's permutation of the points: the first ${100 - s.ratio}% to test on, the rest ` +
      `(${s.ratio}%) to train on.`,
  );
  if (csv) {
    // whether readCsv finds numbers in the label column (csvPoints names their classes too)
    const numbers = checkCsv(s.csv).data?.classes === null;
    out.push(
      ...comment("The data: your CSV, its first line the columns' names, then two numbers and a label a line."),
      `const csv = readCsv(${templateLiteral(s.csv)});`,
    );
    let targets = "csv.targets";
    if (classes !== null && numbers && !classes.every((c, k) => c === String(k))) {
      // the labels are numbers, but not 0, 1, …: each becomes its index among them, lowest first
      out.push(
        ...comment(
          `The classes: the ${classes.length} label numbers, from lowest to highest; a point's target is its ` +
            "label's index among them.",
        ),
        "const classes = [...new Set(csv.targets)].sort((a, b) => a - b);",
        "const labels = csv.targets.map((label) => classes.indexOf(label));",
      );
      targets = "labels";
    } else if (classes !== null && !numbers) {
      out.push(
        ...comment(
          `The classes: the ${classes.length} labels, in the order they first come; readCsv makes each ` +
            "point's target its label's index.",
        ),
      );
    }
    out.push("", ...splitComment, split("csv.rows", targets));
  } else {
    const samples = SAMPLES[s.problem];
    const noise = literal(s.noise / 100);
    out.push(
      ...comment(
        `The data: TensorFlow Playground's ${JSON.stringify(s.data)} data set, ${samples} points, noise ${s.noise}% ` +
          `(${noise} as a fraction), drawn from seed ${s.seed}.`,
      ),
      `const data = playgroundData(${JSON.stringify(s.data)}, { samples: ${samples}, noise: ${noise}, seed: ${s.seed} });`,
      "",
      ...splitComment,
      split("data.rows", "data.targets"),
    );
  }

  // the features; the point's coordinates named only where used (no unused names for a strict tsconfig)
  const expressions = s.features.map((f) => EXPRESSIONS[f]);
  const uses = (x: string) => expressions.some((e) => new RegExp(`\\b${x}\\b`).test(e));
  const pattern = uses("x2") ? (uses("x1") ? "[x1, x2]" : "[, x2]") : "[x1]";
  out.push(
    "",
    ...comment(
      `The features: what the network is given for a point (x1, x2), ${s.features.length === 1 ? "its one input" : `its ${s.features.length} inputs`}.`,
    ),
    ...fit(`const features = (${pattern}: number[]) =>`, `[${expressions.join(", ")}];`),
    "const trainRows = split.train.rows.map(features);",
    "const testRows = split.test.rows.map(features);",
    "",
  );

  // the targets, as run.ts's trainingTargets makes them
  if (many) {
    const k = (classes as string[]).length;
    out.push(
      ...comment(
        `The targets: with ${k} classes, a row of ${k} numbers a point, 1 for its class and 0 for the others ` +
          "(one-hot).",
      ),
      `const oneHot = (c: unknown) => Array.from({ length: ${k} }, (_, k) => (k === c ? 1 : 0));`,
      "const trainTargets = split.train.targets.map(oneHot);",
      "const testTargets = split.test.targets.map(oneHot);",
    );
  } else {
    out.push(
      ...comment(
        classes === null ? "The targets: the value to fit at each point." : "The targets: each point's class, 0 or 1.",
      ),
      "const trainTargets = split.train.targets as number[];",
      "const testTargets = split.test.targets as number[];",
    );
  }

  // the network, with playgroundNetwork's options
  const output = classes === null ? "linear" : many ? "softmax" : "sigmoid";
  const loss = classes === null ? "squared" : many ? "crossEntropy" : s.loss;
  const outputs = many ? (classes as string[]).length : 1;
  const hidden =
    s.hidden.length === 0
      ? "no hidden layer"
      : `${s.hidden.length === 1 ? "a hidden layer" : "hidden layers"} of ${and(s.hidden.map(String))} ${s.activation} neurons`;
  const outputWords =
    output === "softmax"
      ? `a softmax output of ${outputs} neurons (each class's probability)`
      : output === "sigmoid"
        ? "a sigmoid output (the probability of class 1)"
        : "a linear output (the value)";
  out.push(
    "",
    ...comment(
      `The network: ${s.features.length} inputs, ${hidden}, and ${outputWords}, trained on ` +
        `${loss === "squared" ? "squared error" : "cross-entropy"}; its first weights drawn from seed ${s.seed}` +
        `${s.bias ? ", its biases starting at 0" : ", with no biases"}.`,
    ),
    "let net = new Network({",
    `  layers: [${[s.features.length, ...s.hidden, outputs].join(", ")}],`,
    `  seed: ${s.seed},`,
    `  bias: ${s.bias},`,
    `  activation: ${JSON.stringify(s.activation)},`,
    `  output: "${output}",`,
    `  loss: ${JSON.stringify(loss)},`,
    "});",
    "",
  );

  // train()'s options, as PlaygroundRun.trainOptions
  const options = [`learningRate: ${literal(s.learningRate)}`, `batchSize: ${s.batchSize}`];
  let penalty = "";
  if (s.regularization !== "none" && s.regularizationRate > 0) {
    const rate = literal(s.regularizationRate);
    options.push(`${s.regularization}: ${rate}`);
    penalty =
      s.regularization === "l1"
        ? ` Each change also takes learning rate × ${rate} × sign(w) off every weight (L1).`
        : ` Each change also takes learning rate × ${rate} × w off every weight (L2, weight decay).`;
  }
  out.push(
    ...comment(
      `How it learns: the weights change once ${s.batchSize === 1 ? "for each training point" : `for each batch of ${s.batchSize} training points`}, ` +
        "by the learning rate times the SUM of the batch's changes (the seed's rule, not their mean)." +
        penalty,
    ),
    `const options = { ${options.join(", ")} };`,
    "",
  );

  // the weights set by hand
  if (edits.length > 0) {
    out.push(
      ...comment(
        "The weights you set by hand: at the end of epoch `epoch` (0: before training), before its losses are " +
          "measured, weights[layer][from][to] becomes `value`.",
      ),
      "const edits = [",
      ...edits.map(
        ({ epoch, layer, from, to, value }: Edit) =>
          `  { epoch: ${epoch}, layer: ${layer}, from: ${from}, to: ${to}, value: ${literal(value)} },`,
      ),
      "];",
      "function setByHand(epoch: number) {",
      "  const weights = net.weights;",
      "  for (const e of edits) if (e.epoch === epoch) weights[e.layer][e.from][e.to] = e.value;",
      "  net.weights = weights;",
      "}",
      "setByHand(0);",
      "",
    );
  }

  // the epochs, as PlaygroundRun.step
  const slot = (expression: string) => `\${${expression}}`;
  const report = reportLines({
    epoch: slot("epoch"),
    train: slot("train"),
    test: slot("test"),
    weights: slot("JSON.stringify(net.weights)"),
    biases: slot("JSON.stringify(net.biases)"),
  });
  out.push(
    ...comment(
      `Train ${epochs} epoch${epochs === 1 ? "" : "s"}, each one pass over the training points, measuring both losses ` +
        "after each. If a loss becomes NaN or Infinity, the learning rate is too high: stop, and keep the network " +
        "of the epoch before.",
    ),
    "const losses = () => [net.loss(trainRows, trainTargets), net.loss(testRows, testTargets)];",
    "let epoch = 0;",
    "let [train, test] = losses();",
    `for (let next = 1; next <= ${epochs}; next++) {`,
    "  const before = net.toJSON(); // the network now, to go back to",
    "  net.train(trainRows, trainTargets, 1, options); // one epoch",
    "  const after = losses();",
    "  if (!after.every((loss) => Number.isFinite(loss))) {",
    "    net = Network.fromJSON(before); // back to the epoch before's network",
    "    break;",
    "  }",
    "  epoch = next;",
    ...(edits.length > 0 ? ["  setByHand(epoch);", "  [train, test] = losses();"] : ["  [train, test] = after;"]),
    "}",
    "",
    ...comment("What the page shows: the last epoch's losses, and the weights and biases to the last digit."),
    ...report.map((line) => `console.log(\`${line}\`);`),
  );
  return `${out.join("\n")}\n`;
}
