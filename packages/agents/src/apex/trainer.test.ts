import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@coordconv/backend';
import { readJsonl } from '@coordconv/common';
import { runTraining } from '../run/training-run.js';
import { resolveApexConfig } from './config.js';
import { loadApexPolicy } from './policy.js';
import { ApexTrainer } from './trainer.js';

const dirs: string[] = [];
beforeAll(async () => {
  await initBackend({ log: () => {} });
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** CartPole with the 64-64 MLP torso: the tiniest real env and net, so the test is fast. */
const cartPole = { module: '@coordconv/gym', exportName: 'makeCartPole' };
const tiny = {
  numActors: 2,
  batchSize: 16,
  learningStarts: 100,
  replayCapacity: 2000,
  sendEvery: 10,
  paramsEvery: 20,
  publishEvery: 10,
  targetUpdateEvery: 50,
  learningRate: 1e-3,
};

describe('Ape-X local mode', () => {
  it('trains with 2 actor threads over ZeroMQ for a few hundred updates; the run loads as a greedy policy', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'apex-local-'));
    dirs.push(outDir);
    const config = resolveApexConfig(tiny);
    const trainer = await ApexTrainer.create({
      config,
      env: cartPole,
      seed: 7,
      totalFrames: 1e9,
      log: () => {},
    });
    const stop = { stopped: false };
    const result = await runTraining({
      outDir,
      config: { algo: 'apex', apex: config },
      trainer,
      totalFrames: 1e9,
      logEvery: 50,
      progress: false,
      stop,
      onMetrics: () => {
        if (trainer.updates >= 200) stop.stopped = true;
      },
    });
    const stats = trainer.serverStats!;
    await trainer.close();
    expect(result.updates).toBeGreaterThanOrEqual(200);
    expect(stats.hellos).toBeGreaterThanOrEqual(2); // both actor threads joined
    expect(stats.acceptedTransitions).toBeGreaterThan(tiny.learningStarts);
    expect(stats.rejectedBatches).toBe(0);
    expect(result.frames).toBeGreaterThan(0);
    expect(result.episodes).toBeGreaterThan(0);
    const lines = readJsonl(join(outDir, 'metrics.jsonl')) as Record<string, number>[];
    const last = lines.at(-1)!;
    expect(Number.isFinite(last.loss)).toBe(true);
    expect(last.replaySize).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(outDir, 'config.json'), 'utf8')).algo).toBe('apex');

    // eval/play: the greedy policy loads from the run directory.
    const policy = await loadApexPolicy(outDir);
    const actions = await policy.greedyActions(new Float32Array(8), 2);
    expect(actions.length).toBe(2);
    expect(actions.every((a) => a === 0 || a === 1)).toBe(true);
    policy.model.dispose();
  });
});
