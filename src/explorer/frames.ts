// Training between frames: the explorer's runs, a slice of about SLICE_MS at a time, so that the
// page never waits on training longer than that, at any setting. The first slice runs in the task
// of the change that asked for it (a small run is drawn at once, as the control moves); the rest,
// one a frame, in requestAnimationFrame's callbacks, and a run trained so is drawn in the frame
// after its last slice. A new change drops the run in progress.
import { type Result, type Settings, type Training, training } from "./explorer";

/** The training a frame may do, in milliseconds: half a frame at 60 Hz, the rest left for drawing. */
export const SLICE_MS = 8;

/** Whether a run has trained in this page yet. */
let warm = false;

/** The explorer's trainer: `schedule` after each change; `training` until the last run is drawn. */
export interface Trainer {
  schedule(): void;
  readonly training: boolean;
}

/**
 * A trainer for the settings `settings()` gives when a run starts. A run starts at most once a frame:
 * a change in a frame that has started one waits for the next frame's callbacks, with the latest
 * settings (however many changes came, one run waits, and it trains on the last).
 *
 * @param progress - called after each slice of an unfinished run: iterations done, and in all
 * @param done - called with a finished run's result
 */
export function trainInFrames(
  settings: () => Settings,
  progress: (done: number, total: number) => void,
  done: (result: Result) => void,
): Trainer {
  let job: Training | undefined;
  let pending = false;
  /** A run trained over several frames, drawn at the next (drawing takes a frame's time too). */
  let ready: Result | undefined;
  /** A run started since the last frame began; the training done since then, in ms. */
  let startedThisFrame = false;
  let spent = 0;
  let frameAsked = false;

  /** At the next frame's callbacks: a new share of training, and a change may start a run at once. */
  const askFrame = () => {
    if (frameAsked) return;
    frameAsked = true;
    requestAnimationFrame(() => {
      frameAsked = false;
      startedThisFrame = false;
      spent = 0;
      pump();
    });
  };
  /** Starts the waiting run if there is one, and trains for what is left of the frame's share. */
  const pump = () => {
    const fresh = pending;
    if (pending) {
      pending = false;
      startedThisFrame = true;
      job = training(settings());
      ready = undefined;
    }
    if (ready !== undefined) {
      const result = ready;
      ready = undefined;
      return done(result);
    }
    if (job === undefined) return;
    askFrame();
    if (!warm) {
      // the page's first iteration compiles the kernel: once, outside the slice's time, so that the
      // first run (the mount's) is timed at the kernel's pace, and a small one is drawn at once
      warm = true;
      job.advance(1);
    }
    const started = performance.now();
    const result = trainFor(job, SLICE_MS - spent);
    spent += performance.now() - started;
    if (result === undefined) return progress(job.done, job.iterations);
    job = undefined;
    // a run done in the task that started it is drawn there; a longer one, in a frame of its own
    if (fresh) done(result);
    else ready = result;
  };
  return {
    schedule() {
      pending = true;
      if (startedThisFrame) askFrame();
      else pump();
    },
    get training() {
      return pending || job !== undefined || ready !== undefined;
    },
  };
}

/**
 * Trains `job` for about `ms` milliseconds, in slices sized by the pace of the last (performance.now
 * may tick in steps of 0.1 ms: a slice too quick to time grows fourfold); its result once done.
 */
export function trainFor(job: Training, ms: number, now = () => performance.now()): Result | undefined {
  const start = now();
  let count = 16;
  for (;;) {
    const before = now();
    const result = job.advance(count);
    if (result !== undefined) return result;
    const after = now();
    const left = ms - (after - start);
    if (left <= 0) return undefined;
    const took = after - before;
    count = took < 0.5 ? count * 4 : Math.max(1, Math.min(count * 4, Math.floor((count * left) / took)));
  }
}
