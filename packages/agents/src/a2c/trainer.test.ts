import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, loadCheckpoint, tf } from '@coordconv/backend';
import { readJsonl } from '@coordconv/common';
import { SyncVectorEnv } from '@coordconv/gym';
import { PacmanEnv } from '@coordconv/pacman';
import { runTraining } from '../run/training-run.js';
import { CORRIDOR_LAYOUT } from '../test-envs.js';
import { resolveA2CConfig } from './config.js';
import { A2CTrainer } from './trainer.js';

beforeAll(async () => {
  await initBackend();
});

const config = resolveA2CConfig({ numEnvs: 8, rewardScale: 0.01 });

function corridorTrainer(seed: number, totalFrames: number): A2CTrainer {
  const env = new SyncVectorEnv(
    Array.from({ length: 8 }, () => () => new PacmanEnv({ layout: CORRIDOR_LAYOUT, maxSteps: 20 })),
    { autoresetMode: 'same-step' },
  );
  return new A2CTrainer({ config, env, seed, totalFrames });
}

const tmp = () => mkdtempSync(join(tmpdir(), 'a2c-'));
const weightsOf = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));

describe('A2C on a Pac-Man corridor', () => {
  it(
    'learns to reach the food (mean return rises from the random level)',
    { timeout: 180_000 },
    async () => {
      // Random play: the food 7 steps east is rarely reached within 20 steps (return about -20).
      const trainer = corridorTrainer(1, 2800);
      const returns: number[] = [];
      const out = tmp();
      const result = await runTraining({
        outDir: out,
        config,
        trainer,
        totalFrames: 2800,
        logEvery: 10,
        progress: false,
        stop: { stopped: false },
        onMetrics: (m) => returns.push(m.meanReturn as number),
      });
      expect(result.frames).toBe(2800);
      expect(returns[0]).toBeLessThan(100);
      expect(returns.at(-1)).toBeGreaterThan(400);
      // The run shell's outputs.
      const lines = readJsonl(join(out, 'metrics.jsonl'));
      expect(lines).toHaveLength(returns.length);
      for (const key of [
        'frames',
        'episodes',
        'fps',
        'meanReturn',
        'minReturn',
        'maxReturn',
        'policyLoss',
        'valueLoss',
        'entropy',
      ]) {
        expect(lines.at(-1)).toHaveProperty(key);
      }
      expect(existsSync(join(out, 'config.json'))).toBe(true);
      expect(existsSync(join(out, 'checkpoint', 'manifest.json'))).toBe(true);
      await trainer.close();
    },
  );

  it('keeps the tensor count flat across updates', async () => {
    const trainer = corridorTrainer(2, 1000);
    await trainer.iterate();
    const before = tf.memory().numTensors;
    for (let k = 0; k < 4; k++) await trainer.iterate();
    expect(tf.memory().numTensors).toBe(before);
    await trainer.close();
  });

  it('resumes from a checkpoint with the same counters, weights, optimizer state and RNG', async () => {
    const out = tmp();
    const first = corridorTrainer(3, 200);
    await runTraining({
      outDir: out,
      config,
      trainer: first,
      totalFrames: 200,
      logEvery: 2,
      progress: false,
      stop: { stopped: false },
    });
    const savedWeights = weightsOf(first.model);
    const savedOptimizer = (await first.learner.optimizer.getWeights()).map((w) =>
      Array.from(w.tensor.dataSync()),
    );
    const savedCounters = {
      frames: first.frames,
      updates: first.updates,
      episodes: first.episodes,
    };
    await first.close();

    // A fresh trainer (other seed, so other initial weights) picks the run up.
    const second = corridorTrainer(99, 280);
    const checkpoint = await loadCheckpoint(join(out, 'checkpoint'));
    expect(checkpoint.manifest.counters).toMatchObject({ frames: 200, updates: 5 });
    await second.restore(checkpoint);
    expect({ frames: second.frames, updates: second.updates, episodes: second.episodes }).toEqual(
      savedCounters,
    );
    expect(weightsOf(second.model)).toEqual(savedWeights);
    const restored = (await second.learner.optimizer.getWeights()).map((w) =>
      Array.from(w.tensor.dataSync()),
    );
    expect(restored).toEqual(savedOptimizer);
    expect(second.checkpointContents().rng).toEqual(checkpoint.manifest.rng);
    await second.close();

    // runTraining --resume continues the counters and appends to metrics.jsonl.
    const third = corridorTrainer(99, 280);
    const before = readJsonl(join(out, 'metrics.jsonl')).length;
    const result = await runTraining({
      outDir: out,
      config,
      trainer: third,
      totalFrames: 280,
      logEvery: 2,
      resume: true,
      progress: false,
      stop: { stopped: false },
    });
    expect(result.updates).toBe(7);
    const lines = readJsonl<{ frames: number }>(join(out, 'metrics.jsonl'));
    expect(lines.length).toBe(before + 1);
    expect(lines.at(-1)!.frames).toBe(280);
    await third.close();
  });
});
