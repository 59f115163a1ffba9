/**
 * The learn loop shared by the GAN and the VAE: it calls the model's `step` until the step budget,
 * the time budget or Ctrl-C, averages the scalar metrics it returns over `logEvery` steps (read
 * once per log line, never per step), appends them to the JSONL metrics, draws progress, and
 * calls the sample and checkpoint hooks on schedule and at the end.
 */
import { tf } from '@coordconv/backend';
import { Progress, type MetricsWriter } from '@coordconv/common';

export interface TrainingHooks {
  /** One iteration (1-based `step`). Returns scalar metrics owned by the loop (it disposes them). */
  step(step: number): Record<string, tf.Scalar>;
  /** Writes a sample grid for `step`. */
  sample(step: number): Promise<void>;
  /** Saves a checkpoint after `step`. */
  checkpoint(step: number): Promise<void>;
}

export interface LoopOptions {
  /** Steps already done (a resumed run). */
  startStep: number;
  /** Total steps to reach. */
  steps: number;
  logEvery: number;
  sampleEvery: number;
  checkpointEvery: number;
  /** Stop (with a checkpoint) after this many minutes of training. */
  maxMinutes?: number;
  /** Polled between steps, e.g. `onInterrupt()`. */
  stop?: { readonly stopped: boolean };
  metrics: MetricsWriter;
  /** Images consumed per step (for the log). */
  imagesPerStep: number;
  /** Progress label; no progress line when undefined. */
  label?: string;
}

export type StopReason = 'steps' | 'time' | 'interrupt';

export interface LoopResult {
  step: number;
  stoppedBy: StopReason;
  seconds: number;
  /** Last logged metric means. */
  last: Record<string, number>;
}

/** A training run produced a non-finite loss: the message names the metric and step. */
export class DivergedError extends Error {
  override name = 'DivergedError';
}

export async function runTrainingLoop(hooks: TrainingHooks, o: LoopOptions): Promise<LoopResult> {
  const progress =
    o.label !== undefined
      ? new Progress({ total: o.steps, start: o.startStep, unit: 'steps', label: o.label })
      : undefined;
  const t0 = performance.now();
  const pending = new Map<string, tf.Scalar[]>();
  let last: Record<string, number> = {};
  let step = o.startStep;
  let stoppedBy: StopReason = 'steps';

  const flush = async () => {
    if (pending.size === 0) return;
    const names = [...pending.keys()];
    const means = tf.tidy(() =>
      tf.stack(names.map((k) => tf.mean(tf.stack(pending.get(k) as tf.Scalar[])))),
    );
    const values = await means.data();
    means.dispose();
    for (const list of pending.values()) tf.dispose(list);
    pending.clear();
    last = Object.fromEntries(names.map((k, i) => [k, values[i]]));
    const seconds = (performance.now() - t0) / 1000;
    o.metrics.write({
      step,
      images: step * o.imagesPerStep,
      seconds: Number(seconds.toFixed(2)),
      ...last,
    });
    progress?.update(step, last);
    const bad = names.find((k) => !Number.isFinite(last[k]));
    if (bad) throw new DivergedError(`training diverged: ${bad} is ${last[bad]} at step ${step}`);
  };

  while (step < o.steps) {
    if (o.stop?.stopped) {
      stoppedBy = 'interrupt';
      break;
    }
    if (o.maxMinutes !== undefined && performance.now() - t0 >= o.maxMinutes * 60_000) {
      stoppedBy = 'time';
      break;
    }
    step++;
    for (const [k, v] of Object.entries(hooks.step(step))) {
      const list = pending.get(k) ?? [];
      list.push(v);
      pending.set(k, list);
    }
    if (step % o.logEvery === 0) await flush();
    if (step % o.sampleEvery === 0) await hooks.sample(step);
    if (step % o.checkpointEvery === 0) await hooks.checkpoint(step);
    // Let signal handlers run between steps.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await flush();
  if (step > o.startStep) {
    if (step % o.sampleEvery !== 0) await hooks.sample(step);
    if (step % o.checkpointEvery !== 0) await hooks.checkpoint(step);
  }
  progress?.finish(last);
  return { step, stoppedBy, seconds: (performance.now() - t0) / 1000, last };
}
