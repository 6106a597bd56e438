// The explorer's live charts as SVG text: what each holds, what it says to a screen reader, and
// that text from outside (axis names, row names) arrives escaped, never as markup.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type BoundaryInput, describeBoundary } from "../src/charts/boundary";
import { describeErrorCurve, type Run } from "../src/charts/error-curve";
import { type DiagramOptions, describeNetwork } from "../src/charts/network-diagram";
import { NEGATIVE, POSITIVE } from "../src/charts/palette";
import { describePredictions, type PredictionsInput } from "../src/charts/predictions";
import { boundarySvg, outputColour } from "../src/charts/svg/boundary";
import { svgText } from "../src/charts/svg/dom";
import { errorCurveSvg } from "../src/charts/svg/error-curve";
import { networkSvg } from "../src/charts/svg/network";
import { predictionsSvg } from "../src/charts/svg/predictions";
import { defaults, run } from "../src/explorer/explorer";

// each chart as the SVG text it is (the page shows the same elements), from its description
const errorCurveText = (steps: Run["steps"]) => svgText(errorCurveSvg(describeErrorCurve([{ name: "run", steps }])));
const predictionsText = (input: PredictionsInput) => svgText(predictionsSvg(describePredictions(input)));
/** The boundary over a 2 × 2 grid, its picture a stand-in (outputPicture needs a page). */
const boundaryText = (input: Omit<BoundaryInput, "grid">, picture = "data:image/png;base64,AAAA") =>
  svgText(
    boundarySvg(
      describeBoundary({
        grid: {
          x: [0, 1],
          y: [0, 1],
          z: [
            [0, 1],
            [1, 0],
          ],
        },
        ...input,
      }),
      () => picture,
    ),
  );
const diagramText = (weights: number[] | number[][][], options?: DiagramOptions) =>
  svgText(networkSvg(describeNetwork(weights, options)));

/** The attribute `name` of every `tag` element in `svg`, in order. */
const attributes = (svg: string, tag: string, name: string) =>
  Array.from(svg.matchAll(new RegExp(`<${tag}\\b[^>]*\\s${name}="([^"]*)"`, "g")), (m) => m[1]);
const label = (svg: string) => attributes(svg, "svg", "aria-label")[0];

test("the error curve: a point per recorded step, on powers of ten, and its first and last error said", () => {
  const result = run(defaults("seed"));
  const svg = errorCurveText(result.steps);
  const [path] = attributes(svg, "path", "d");
  assert.is(path.match(/[ML]/g)?.length, result.steps.length);
  assert.ok(svg.includes('role="img"'));
  const [first, last] = [result.steps[0], result.steps[result.steps.length - 1]];
  assert.is(
    label(svg),
    `The mean squared error per iteration on a log scale: ${first.meanSquaredError.toPrecision(3)} at iteration 0, ` +
      `${last.meanSquaredError.toPrecision(3)} at iteration 10000`,
  );
  // 0.31 down to 6.5e-5: a grid line and a label from 10⁻⁵ to 10⁰
  const powers = Array.from(svg.matchAll(/10<tspan[^>]*>([^<]*)<\/tspan>/g), (m) => m[1]);
  assert.equal(powers, ["−5", "−4", "−3", "−2", "−1", "0"]);
  // the curve falls: each point's y (down the page) at or below the one before it, within a pixel
  const ys = Array.from(path.matchAll(/[ML][\d.]+,([\d.]+)/g), (m) => Number(m[1]));
  assert.ok(
    ys.every((y, i) => i === 0 || y >= ys[i - 1] - 0.1),
    "the error falls",
  );
});

test("an error curve with nothing above 0 to draw says so, and one over many powers of ten labels at most 9", () => {
  assert.match(label(errorCurveText([{ iteration: 0, meanSquaredError: 0 }])), /no error above 0/);
  const steps = Array.from({ length: 31 }, (_, i) => ({ iteration: i, meanSquaredError: 10 ** -i }));
  const powers = errorCurveText(steps).match(/<tspan/g)?.length ?? 0;
  assert.ok(powers >= 4 && powers <= 9, `${powers} labelled powers`);
});

test("the predictions: a bar per row as high as its prediction, a mark at its target, each said", () => {
  const svg = predictionsText({
    names: ["[0, 1]", "[1, 0]"],
    predictions: [0.25, 0.75],
    targets: [0, 1],
    xTitle: "input",
  });
  assert.equal(attributes(svg, "rect", "data-prediction").map(Number), [0.25, 0.75]);
  const heights = attributes(svg, "rect", "height").slice(0, 2).map(Number);
  assert.ok(Math.abs(heights[1] / heights[0] - 3) < 0.05, `bars in proportion: ${heights}`);
  assert.is(
    label(svg),
    "Predictions against the targets: [0, 1] predicted 0.250, target 0; [1, 0] predicted 0.750, target 1",
  );
  const many = predictionsText({
    names: Array.from({ length: 150 }, (_, r) => `${r + 1}`),
    predictions: Array.from({ length: 150 }, (_, r) => (r < 100 ? 0.2 : 0.9)),
    targets: Array.from({ length: 150 }, (_, r) => (r < 99 ? 0 : 1)),
    xTitle: "row",
  });
  assert.is(label(many), "Predictions against the targets for 150 rows: 149 on the right side of 0.5");
  assert.is(attributes(many, "rect", "data-prediction").length, 150);
});

test("the network: a connection per weight, its width and colour from the weight, its value on it", () => {
  const { network } = run(defaults("sequel"));
  const svg = diagramText(network.weights, { title: "The weights" });
  const weights = network.weights.flat(2);
  assert.is(attributes(svg, "line", "stroke-width").length, weights.length);
  assert.equal(
    attributes(svg, "line", "stroke"),
    weights.map((w) => (w >= 0 ? POSITIVE : NEGATIVE)),
  );
  const shown = Array.from(svg.matchAll(/<\/title>(-?\d+\.\d\d)<\/text>/g), (m) => m[1]);
  assert.equal(
    shown,
    weights.map((w) => w.toFixed(2)),
  );
  assert.ok(label(svg).startsWith(`The weights: x₁ → h₁: weight ${weights[0].toFixed(2)}; `), label(svg));
  assert.is(svg.match(/<circle/g)?.length, 3 + 4 + 1, "a node per input, hidden neuron and output");
});

test("the plane: the output as colour, vermillion at 0, white at 0.5, blue at 1; the rows as circles and squares", () => {
  assert.equal(outputColour(0.5), [255, 255, 255]);
  const blend = (hex: string) =>
    [1, 3, 5].map((i) => Math.round(255 + 0.75 * (Number.parseInt(hex.slice(i, i + 2), 16) - 255)));
  assert.equal(outputColour(0), blend(NEGATIVE));
  assert.equal(outputColour(1), blend(POSITIVE));
  const svg = boundaryText({
    range: [
      [-0.5, 1.5],
      [-0.5, 1.5],
    ],
    // a target 1 first: still a square, as the label says
    points: {
      x: [
        [1, 1, 1],
        [0, 0, 1],
      ],
      label: [1, 0],
    },
    xTitle: "x₁",
    yTitle: "x₂",
    title: "The output",
  });
  assert.is(svg.match(/<circle/g)?.length, 1, "target 0: a circle");
  assert.is((svg.match(/<g class="boundary-points"[^>]*>(.*?)<\/g>/)?.[1].match(/<rect/g) ?? []).length, 1);
  assert.equal(attributes(svg, "image", "href"), ["data:image/png;base64,AAAA"]);
  assert.match(label(svg), /2 rows: 1 with target 0 \(circles\), 1 with target 1 \(squares\)$/);
});

test("text from outside arrives escaped: axis names, row names and titles are never markup", () => {
  const hostile = '<img src=x onerror="alert(1)">';
  const svgs = [
    boundaryText(
      {
        range: [
          [0, 1],
          [0, 1],
        ],
        points: { x: [[0, 0]], label: [hostile] },
        xTitle: hostile,
        yTitle: hostile,
        title: hostile,
      },
      '"><script>alert(1)</script>',
    ),
    svgText(
      errorCurveSvg(
        describeErrorCurve(
          [hostile, "b"].map((name) => ({ name, steps: [{ iteration: 0, meanSquaredError: 0.5 }] })),
          hostile,
        ),
      ),
    ),
    predictionsText({ names: [hostile], predictions: [0.5], targets: [1], xTitle: hostile }),
    diagramText([0.5, -0.5], { title: hostile, inputs: [hostile, "b"] }),
  ];
  for (const svg of svgs) {
    assert.not.match(svg, /<img|<script/);
    assert.match(svg, /&#60;img src=x onerror=&#34;alert\(1\)&#34;&#62;/);
  }
});

test.run();
