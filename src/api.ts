// What a notebook or a user calls, wherever it runs: index.ts in Node (the tslab kernel), browser.ts
// in a page. Internals (the fast kernel, the chart markup, the checks) are imported by path where
// needed.
export { sigmoid, sigmoidDerivative } from "./activation";
export type { Figure, MimeBundle, Trace } from "./charts";
export type { DiagramOptions } from "./diagram";
export { diagram } from "./diagram";
export type { DisplaySink, LiveChart, LiveChartOptions, PlotOptions } from "./display";
export { Display, liveChart, plot } from "./display";
export type { ExploreOptions } from "./explore";
export { explore } from "./explore";
export type { Settings } from "./explorer";
export type { ConfusionMatrix, DecisionBoundary, ErrorSurface, Run } from "./figures";
export { confusionMatrix, decisionBoundary, errorCurves, errorSurface } from "./figures";
export type { NetworkOptions, NetworkStep } from "./network";
export { Network } from "./network";
export type { PerceptronOptions, TrainingStep, TrainOptions } from "./perceptron";
export { Perceptron } from "./perceptron";
export { MAX_SEED, randomWeights, seededRandom } from "./random";
