export { sigmoid, sigmoidDerivative } from "./activation";
export type { DisplaySink, Figure, LiveChart, LiveChartOptions, MimeBundle, Trace } from "./charts";
export {
  COLORS,
  chartBundle,
  chartHtml,
  escapeHtml,
  liveChart,
  plot,
  plotlyScript,
  scriptJson,
  titleOf,
  withDefaults,
} from "./charts";
export type { PerceptronOptions, TrainingStep, TrainOptions } from "./perceptron";
export { MAX_INPUTS, Perceptron } from "./perceptron";
export { MAX_SEED, randomWeights, seededRandom } from "./random";
