// The explorer's trainer between frames, with a hand-cranked requestAnimationFrame: a run starts
// at most once a frame, with the latest settings; a long run trains a slice a frame and is drawn in
// a frame of its own; a change drops the run in progress; the result is run()'s.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { defaults, type Result, run, type Settings } from "../src/explorer/explorer";
import { trainInFrames } from "../src/explorer/frames";

/** Frame callbacks waiting, run by `frame()`. */
const waiting: FrameRequestCallback[] = [];
globalThis.requestAnimationFrame = (callback) => waiting.push(callback);
const frame = () => {
  for (const callback of waiting.splice(0)) callback(performance.now());
};

run(defaults("seed")); // compiled and warm: a first call may take longer than a slice

function trainer(first: Settings) {
  let settings = first;
  const drawn: Result[] = [];
  const progress: number[] = [];
  const t = trainInFrames(
    () => settings,
    (done) => progress.push(done),
    (result) => drawn.push(result),
  );
  return {
    t,
    drawn,
    progress,
    set(s: Settings) {
      settings = s;
      t.schedule();
    },
  };
}

test("a small run is drawn in the task that asked for it; a burst waits for the next frame and trains the last", () => {
  const seed = defaults("seed");
  const e = trainer({ ...seed, iterations: 100 });
  e.t.schedule();
  assert.is(e.drawn.length, 1, "drawn at once");
  assert.is(e.t.training, false);
  for (let n = 200; n <= 1000; n += 100) e.set({ ...seed, iterations: n });
  assert.is(e.drawn.length, 1, "the burst waits for the next frame");
  assert.is(e.t.training, true);
  // a frame trains a slice of about 8 ms: on a busy machine the 1,000 iterations may take two
  for (let frames = 0; e.t.training && frames < 100; frames++) frame();
  assert.is(e.drawn.length, 2, "one run for the burst");
  assert.is(e.drawn[1].meanSquaredError, run({ ...seed, iterations: 1000 }).meanSquaredError, "the last value's");
  frame();
  frame();
  assert.is(e.drawn.length, 2, "nothing stale follows");
  waiting.length = 0;
});

test("a long run trains a slice a frame, shows its progress, and is drawn in a frame after its last slice", () => {
  const settings = { ...defaults("iris"), hidden: 8, iterations: 3000 };
  const e = trainer(settings);
  e.t.schedule();
  let frames = 0;
  while (e.drawn.length === 0 && frames < 10000) {
    frame();
    frames++;
  }
  assert.ok(frames > 2, `${frames} frames`);
  assert.ok(e.progress.length > 1, "progress after each slice");
  assert.ok(
    e.progress.every((p, i) => i === 0 || p > e.progress[i - 1]),
    "progress only goes up",
  );
  const whole = run(settings);
  assert.equal(e.drawn[0].steps, whole.steps, "the run's records are run()'s");
  assert.equal(e.drawn[0].predictions, whole.predictions);
  waiting.length = 0;
});

test("a change in the middle of a long run drops it: only the new run is drawn", () => {
  const settings = { ...defaults("iris"), hidden: 8, iterations: 3000 };
  const e = trainer(settings);
  e.t.schedule();
  frame();
  frame();
  assert.is(e.drawn.length, 0);
  const changed = { ...settings, iterations: 500 };
  e.set(changed);
  for (let i = 0; i < 1000 && e.t.training; i++) frame();
  assert.is(e.drawn.length, 1, "the new run only");
  assert.is(e.drawn[0].meanSquaredError, run(changed).meanSquaredError);
  assert.is(e.t.training, false);
  waiting.length = 0;
});

test.run();
