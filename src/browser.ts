// The module for the browser: what a page needs to train and draw, bundled by scripts/bundle.mjs
// into dist/browser.js as the global `PerceptronNotebooks`. No Node built-ins reach it.
export { sigmoid, sigmoidDerivative } from "./activation";
export { diagram } from "./diagram";
export { DATA_SETS, defaults, report, run } from "./explorer";
export { mountExplorer, rateOf } from "./explorer-ui";
export { decisionBoundary, errorCurves, errorSurface } from "./figures";
export { Network } from "./network";
export { Perceptron } from "./perceptron";
export { hashOf, mountPlayground, settingsFromHash } from "./playground";
export { randomWeights, seededRandom } from "./random";
