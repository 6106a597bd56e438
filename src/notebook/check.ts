// An exercise's check: the reader writes an answer in the exercise's cell, and check() says whether
// it is right, or what was expected. Numbers are right within a tolerance (a reader works with a
// few digits); lists of numbers item by item; words and yes-or-no answers as they are (words
// without case or surrounding spaces). A placeholder (undefined, null, NaN) asks for an answer.

import { ANSWERS, type Expected } from "./answers";

/** How close a number must be: within this part of the expected value's size (or of 1, below 1). */
const CHECK_TOLERANCE = 1e-3;

const isPlaceholder = (answer: unknown) =>
  answer === undefined || answer === null || (typeof answer === "number" && Number.isNaN(answer));

/** A value as a reader wrote it, for a message. */
function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(shown).join(", ")}]`;
  if (typeof value === "boolean") return value ? "yes (true)" : "no (false)";
  return String(value);
}

const near = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b));

/** Whether `answer` is `expected` (numbers within `tolerance`). */
function matches(answer: unknown, expected: Expected, tolerance: number): boolean {
  if (typeof expected === "number") return typeof answer === "number" && near(answer, expected, tolerance);
  if (typeof expected === "string") {
    return typeof answer === "string" && answer.trim().toLowerCase() === expected.trim().toLowerCase();
  }
  if (typeof expected === "boolean") return answer === expected;
  return (
    Array.isArray(answer) &&
    answer.length === expected.length &&
    expected.every((e, i) => typeof answer[i] === "number" && near(answer[i], e, tolerance))
  );
}

/**
 * The message check() prints: "✓ Right: …", "✗ Not yet: …" with what was expected, or a request
 * for an answer when `answer` is still a placeholder.
 *
 * @param answer - the reader's answer
 * @param expected - the right one
 * @param what - what the answer is, as the exercise says it ("the x where the slope is 0.125")
 * @param tolerance - for numbers: how close, as a part of the expected value (of 1 below 1)
 */
export function checked(answer: unknown, expected: Expected, what: string, tolerance = CHECK_TOLERANCE): string {
  const valid =
    (typeof expected === "number" && Number.isFinite(expected)) ||
    typeof expected === "string" ||
    typeof expected === "boolean" ||
    (Array.isArray(expected) && expected.every((e) => typeof e === "number" && Number.isFinite(e)));
  if (!valid)
    throw new TypeError(
      `check(): expected must be a finite number, a list of them, a word or true/false, got ${shown(expected)}`,
    );
  if (typeof what !== "string" || what.trim() === "")
    throw new TypeError('check(): say what the answer is, e.g. "the x where the slope is 0.125" (answers.ts)');
  if (!(typeof tolerance === "number" && tolerance >= 0 && Number.isFinite(tolerance))) {
    throw new RangeError(`check(): tolerance must be a finite number ≥ 0, got ${shown(tolerance)}`);
  }
  if (isPlaceholder(answer)) return `✎ ${what}: write your answer in place of ${shown(answer)}, then run the cell.`;
  if (matches(answer, expected, tolerance)) return `✓ Right: ${what}, ${shown(expected)}.`;
  const about = typeof expected === "number" || Array.isArray(expected) ? ` (to within ${tolerance} of its size)` : "";
  return `✗ Not yet: ${what} is expected to be ${shown(expected)}${about}; you have ${shown(answer)}.`;
}

/**
 * Prints whether the answer to an exercise of the notebooks is right, or what was expected
 * (checked()); the right answers are in answers.ts, so a notebook's cell does not show them.
 *
 * @param exercise - the notebook and the exercise's number, e.g. "2.3"
 * @param answer - the reader's answer (undefined until there is one)
 * @example
 * check("2.3", 1.76); // prints ✓ Right: the positive x where the slope is 0.125, 1.7627471740390859.
 */
export function check(exercise: string, answer: unknown): void {
  const entry = typeof exercise === "string" && Object.hasOwn(ANSWERS, exercise) ? ANSWERS[exercise] : undefined;
  if (entry === undefined) {
    throw new RangeError(
      `check(): no exercise ${shown(exercise)}; the exercises with an answer to check are ${Object.keys(ANSWERS).join(", ")}`,
    );
  }
  console.log(checked(answer, entry.expected, `${exercise}, ${entry.what}`, entry.tolerance));
}
