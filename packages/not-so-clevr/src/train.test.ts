import { initBackend, tf } from '@coordconv/backend';
import { beforeAll, describe, expect, it } from 'vitest';

import { exampleIndex } from './dataset.js';
import type { Split } from './splits.js';
import { train } from './train.js';
import type { TrainConfig } from './train-config.js';

beforeAll(async () => {
  await initBackend();
});

/** A tiny split: 8 train and 4 test examples from one corner of the grid. */
const tiny: Split = {
  name: 'uniform',
  train: Int32Array.from([0, 1, 2, 3, 56, 57, 58, 59]),
  test: Int32Array.from([
    exampleIndex(6, 4),
    exampleIndex(6, 5),
    exampleIndex(7, 4),
    exampleIndex(7, 5),
  ]),
};

function base(task: TrainConfig['task'], kind: TrainConfig['kind']): TrainConfig {
  return { task, kind, split: tiny, learningRate: 0.01, batchSize: 4, epochs: 2, seed: 3 };
}

describe('train', () => {
  it.each([
    ['classification', 'coordconv', 'accuracy'],
    ['classification', 'baseline', 'accuracy'],
    ['regression', 'coordconv', 'meanPixelError'],
    ['regression', 'baseline', 'meanPixelError'],
    ['rendering', 'coordconv', 'iou'],
    ['rendering', 'baseline', 'iou'],
  ] as const)('%s / %s: trains end to end and reports %s', async (task, kind, metric) => {
    const counts: number[] = [];
    const result = await train({
      ...base(task, kind),
      model: { widthMultiplier: 1 },
      onStep: () => counts.push(tf.memory().numTensors),
    });
    expect(result.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(result.history.every((h) => Number.isFinite(h.meanLoss))).toBe(true);
    expect(result.test[metric]).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(result.train[metric])).toBe(true);
    expect(result.epochs).toBe(2);
    expect(result.stoppedBy).toBe('epochs');
    // No tensor leaks across steps (the first step creates Adam's slots).
    expect(new Set(counts.slice(1)).size).toBe(1);
    result.model.dispose();
  });

  it('the CoordConv painter loss falls on a fixed batch', async () => {
    const result = await train({
      ...base('classification', 'coordconv'),
      learningRate: 0.005,
      batchSize: 8,
      epochs: 6,
      evalEvery: 0,
    });
    const losses = result.history.map((h) => h.meanLoss);
    expect(losses[0]).toBeGreaterThan(losses[5] + 0.5);
    result.model.dispose();
  });

  it('is reproducible: same seed, same weights', async () => {
    const weights = async (seed: number) => {
      const r = await train({ ...base('regression', 'coordconv'), epochs: 1, seed, evalEvery: 0 });
      const w = r.model.getWeights().map((t) => Array.from(t.dataSync()));
      r.model.dispose();
      return w.flat();
    };
    const a = await weights(5);
    expect(await weights(5)).toEqual(a);
    expect(await weights(6)).not.toEqual(a);
  });

  it('keeps the best of several initializations and stops at budget, target or interrupt', async () => {
    const restarted = await train({
      ...base('regression', 'coordconv'),
      restarts: 3,
      restartSteps: 1,
      epochs: 3,
    });
    // Rounds of 3 then 2 candidates: the survivor has 2 steps (its first epoch here), then
    // trains to the end of epoch 3.
    expect(restarted.history.map((h) => h.step)).toEqual([4, 6]);
    expect(restarted.epochs).toBe(3);
    restarted.model.dispose();

    // Ranked on held-out training examples: candidates train on the other 6 (2 steps per round
    // at batch 4), the survivor on all 8.
    const validated = await train({
      ...base('regression', 'coordconv'),
      restarts: 2,
      restartSteps: 2,
      restartValidation: tiny.train.subarray(0, 2),
      epochs: 3,
    });
    expect(validated.history.map((h) => h.step)).toEqual([4, 6]);
    validated.model.dispose();

    const budgeted = await train({
      ...base('regression', 'coordconv'),
      epochs: undefined,
      budgetS: 1e-6,
    });
    expect(budgeted.stoppedBy).toBe('budget');
    expect(budgeted.history.at(-1)!.step).toBe(1);
    budgeted.model.dispose();

    // The budget also bounds the choice among initializations: 8 candidates of 1000 steps
    // each would take minutes; a spent budget ends the selection after one step.
    const budgetedRestarts = await train({
      ...base('regression', 'coordconv'),
      epochs: undefined,
      budgetS: 1e-6,
      restarts: 8,
      restartSteps: 1000,
    });
    expect(budgetedRestarts.stoppedBy).toBe('budget');
    expect(budgetedRestarts.history).toHaveLength(0);
    expect(budgetedRestarts.epochs).toBe(0.5); // one step of batch 4 over 8 examples
    budgetedRestarts.model.dispose();

    const target = await train({ ...base('regression', 'coordconv'), epochs: 5, stopAt: 1e9 });
    expect(target.stoppedBy).toBe('target');
    expect(target.reachedTargetAt).toBeGreaterThan(0);
    expect(target.history).toHaveLength(1);
    target.model.dispose();

    let polls = 0;
    const stopped = await train({
      ...base('regression', 'coordconv'),
      shouldStop: () => ++polls > 1,
    });
    expect(stopped.stoppedBy).toBe('interrupted');
    expect(stopped.history.at(-1)!.step).toBe(1);
    stopped.model.dispose();
  });

  it('names bad settings', async () => {
    await expect(train({ ...base('regression', 'coordconv'), epochs: undefined })).rejects.toThrow(
      /epochs, budgetS or both/,
    );
    await expect(train({ ...base('regression', 'coordconv'), batchSize: 0 })).rejects.toThrow(
      /batchSize must be a positive integer, got 0/,
    );
    await expect(train({ ...base('regression', 'coordconv'), restarts: 1.5 })).rejects.toThrow(
      /restarts must be a positive integer/,
    );
  });
});
