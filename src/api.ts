// What a notebook or a user calls, wherever it runs: index.ts in Node (the tslab kernel), browser.ts
// in a page, each adding the calls that draw (plot, liveChart, explore, Display), bound to where it
// runs (notebook/outputs.ts). Internals (the kernel, the chart markup, the checks) are imported by
// path where needed.

export type { BarChart, BarPanel, BarSeries, BarSlider, ThresholdBars } from "./charts/bars";
export { barChart, thresholdBars } from "./charts/bars";
export type { InputCube } from "./charts/cube";
export { inputCube } from "./charts/cube";
export type { DiagramOptions } from "./charts/diagram";
export { diagram } from "./charts/diagram";
export type { ConfusionMatrix, DecisionBoundary, ErrorSurface, Run } from "./charts/figures";
export { confusionMatrix, decisionBoundary, errorCurves, errorSurface } from "./charts/figures";
export type { HeatGrid } from "./charts/grid";
export { heatGrid } from "./charts/grid";
export type { AxisInput } from "./charts/inputs";
export type { LineChart, LineSeries, Shade } from "./charts/lines";
export { lineChart } from "./charts/lines";
export type { NeuronMaps } from "./charts/neuron-maps";
export { neuronMaps } from "./charts/neuron-maps";
export type { Figure, MimeBundle, Trace } from "./charts/plotly";
export type { Ringed, ScatterChart, ScatterGroup } from "./charts/scatter";
export { scatterChart } from "./charts/scatter";
export type { CsvData } from "./data/csv";
export { readCsv } from "./data/csv";
export type { PlaygroundData, Points } from "./data/playground";
export { playgroundData } from "./data/playground";
export type { Split, Standardized } from "./data/prepare";
export { permutation, standardize, standardizeWith, trainTestSplit } from "./data/prepare";
export type { Settings } from "./explorer/explorer";
export { sigmoid, sigmoidDerivative } from "./model/activation";
export { layerOutputs } from "./model/layers";
export type { NetworkOptions, NetworkStep } from "./model/network";
export { Network } from "./model/network";
export type { NetworkKind, SavedNetwork } from "./model/network-options";
export type { PerceptronOptions, TrainingStep, TrainOptions } from "./model/perceptron";
export { Perceptron } from "./model/perceptron";
export { MAX_SEED, randomWeights, seededRandom } from "./model/random";
export type { Answer, Expected } from "./notebook/answers";
export { ANSWERS } from "./notebook/answers";
export { check } from "./notebook/check";
export type {
  DisplaySink,
  Environment,
  LiveChart,
  LiveChartOptions,
  PageScripts,
  PlotOptions,
} from "./notebook/display";
export type { ExploreOptions } from "./notebook/explore";
export type { Outputs } from "./notebook/outputs";
