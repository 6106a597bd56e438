// The notebooks' exercises that have a number (or a word, or yes or no) for an answer: what each
// answer is, and the right one, for check() (check.ts). Each is what the module computes, which is
// numpy's (test/answers.test.ts recomputes 1.1 to 7.5; test/e2e/answers-iris.test.ts runs notebook
// 8's code for 8.1 to 8.6; test/e2e/answers-chapter.test.ts recomputes 9.1 to 11.5). The reasons are in each notebook's Answers.
/** What an exercise can expect: a number, a list of numbers, a word, or yes (true) / no (false). */
export type Expected = number | readonly number[] | string | boolean;

/** An exercise's answer: what it is, the right one, and how close a number must be (check.ts's default if none). */
export interface Answer {
  what: string;
  expected: Expected;
  tolerance?: number;
}

/** The answers, by exercise: notebook, then the exercise's number. */
export const ANSWERS: Readonly<Record<string, Answer>> = Object.freeze({
  "1.1": { what: "the first weight drawn with seed 2", expected: -0.12801019571599248 },
  "1.2": { what: "whether the first three weights stay the same with inputs = 5", expected: true },
  "1.3": { what: "the smallest and the largest count in a bin, 100 draws with seed 1", expected: [1, 10] },
  "1.4": { what: "the input whose connection is widest with inputs = 5", expected: 3 },
  "2.1": { what: "the slope at x = −40", expected: 4.24835425529159e-18 },
  "2.2": { what: "sigmoidDerivative(sigmoid(2))", expected: 0.10499358540350662 },
  "2.3": { what: "the positive x where the slope is 0.125", expected: 1.7627471740390859 },
  "3.1": { what: "the first iteration at η = 10 whose error is above the one before", expected: 3 },
  "3.2": { what: "the input whose weight grows with outputs = [0, 1, 0, 1]", expected: 2 },
  "3.4": { what: "the mean squared error where exclusive or stops", expected: 0.25 },
  "4.1": { what: "how many predictions are within 0.1 of 0.5 after 10 iterations", expected: 2 },
  "4.2": { what: "the prediction for [0.5, 0, 0]", expected: 0.9921276605875065 },
  "4.3": { what: "the first weight after training on [1, 0, 0, 1]", expected: -9.672710269697555 },
  "4.4": { what: "how many examples, in the new order, before every unseen input but [0, 0, 0] is right", expected: 2 },
  "4.5": { what: "whether [0, 1, 0]'s answer is surer after 60,000 iterations", expected: false },
  "5.1": { what: "the network's answer for [0, 0, 0]", expected: 0.5 },
  "5.2": { what: "the answer for [1, 0, 0] after 100 iterations", expected: 0.990255764378245 },
  "5.3": { what: "whether the first input still has the largest weight from seed 2", expected: true },
  "6.1": { what: "where NOR's line crosses the x₂ axis", expected: 0.4730214645978106 },
  "6.2": { what: "the gate with a row wrong after 20 iterations", expected: "NOR" },
  "6.3": { what: "the rows right for AND, OR, NAND and NOR without the bias", expected: [0, 3, 0, 3] },
  "6.4": { what: "whether one neuron learns exclusive or with x₁x₂ as an input", expected: true },
  "7.1": { what: "the seed, of 1, 2 and 3, with which two hidden neurons learn", expected: 3 },
  "7.2": { what: "the error after 60,000 iterations with one hidden neuron", expected: 0.21767572628775383 },
  "7.4": { what: "the hidden neuron whose line moves furthest when third = 0", expected: 1 },
  "7.5": { what: "the answer for [1, 1, 0] once it is a training example", expected: 0.003602368044235443 },
  "8.1": { what: "the training and test flowers right with 4 hidden neurons", expected: [98, 49] },
  "8.2": { what: "the test flowers right with seeds 2 and 3", expected: [49, 44] },
  "8.3": { what: "the training (of 30) and test (of 120) flowers right", expected: [28, 107] },
  "8.4": { what: "the training and test flowers right in centimetres (η = 0.01)", expected: [96, 48] },
  "8.5": { what: "the training and test flowers right at η = 1", expected: [94, 42] },
  "8.6": { what: "the training and test flowers right from the sepals alone", expected: [78, 39] },
  "9.1": { what: "the error after 1,000 iterations at η = 3", expected: 0.00022095310632472251, tolerance: 1e-6 },
  "9.2": { what: "the largest of 40, 60, 80 and 90 that ends below 0.01", expected: 80 },
  "9.3": {
    what: "the sequel's error after 3,000 iterations, cross-entropy at η = 0.1",
    expected: 0.03649788011637141,
    tolerance: 1e-4,
  },
  "9.4": { what: "cross-entropy's delta over squared error's, at z = −10", expected: 22028.465840206645 },
  "9.5": { what: "the first iteration at η = 100 whose error is below 0.25", expected: 11026 },
  "10.1": { what: "the spiral points the tanh network puts right with hidden = 4", expected: 137 },
  "10.2": {
    what: "the mean size of the first layer's change, 6 tanh layers",
    expected: 0.07513414027271585,
    tolerance: 1e-4,
  },
  "10.3": { what: "whether the hidden neurons stay identical from zero with a bias", expected: true },
  "10.4": { what: "the rows the ReLU network without a bias answers with 0.5", expected: 3 },
  "10.5": { what: "the spiral points the sigmoid network puts right at spiralRate = 0.0025", expected: 127 },
  "11.1": {
    what: "the 32-neuron network's test error with noise = 0",
    expected: 0.013885925880126796,
    tolerance: 1e-4,
  },
  "11.2": {
    what: "the 32-neuron network's training and test errors with L2 0.1",
    expected: [0.14287556061864223, 0.14299780859389735],
    tolerance: 1e-4,
  },
  "11.3": {
    what: "the 32-neuron network's training and test errors with 400 points at η = 0.0125",
    expected: [0.14588189236455704, 0.18504038961138092],
    tolerance: 1e-4,
  },
  "11.4": { what: "the 32-neuron network's test error with L2 0.03", expected: 0.1329419688292277, tolerance: 1e-4 },
  "11.5": {
    what: "the training error after 500 passes, a row at a time, at batchRate = 0.05",
    expected: 0.12293206441273456,
    tolerance: 1e-4,
  },
});
