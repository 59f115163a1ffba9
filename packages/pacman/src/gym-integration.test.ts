import { AsyncVectorEnv, SyncVectorEnv, checkEnv, type Batch } from '@coordconv/gym';
import { describe, expect, it } from 'vitest';
import { PacmanEnv } from './env.js';

describe('PacmanEnv with @coordconv/gym', () => {
  for (const [label, options] of [
    ['grid', { layout: 'mediumClassic' }],
    [
      'rgb + rgb_array',
      { layout: 'smallClassic', obs: 'rgb', cellSize: 3, renderMode: 'rgb_array' },
    ],
    [
      'ansi, directional, reused buffer',
      { layout: 'smallGrid', renderMode: 'ansi', ghosts: 'directional', reuseObs: true },
    ],
  ] as const) {
    it(`passes checkEnv (${label}) without warnings`, async () => {
      const { warnings } = await checkEnv(new PacmanEnv(options));
      expect(warnings).toEqual([]);
    });
  }

  it('runs in SyncVectorEnv with next-step autoreset', async () => {
    // On smallGrid the ghost needs at least 7 moves to reach a Pac-Man who stays put, so with
    // maxSteps 3 every episode ends by truncation at step 3.
    const venv = new SyncVectorEnv<Batch, Int32Array>(
      [0, 1, 2].map(() => () => new PacmanEnv({ layout: 'smallGrid', maxSteps: 3 })),
    );
    const [obs] = await venv.reset({ seed: 5 });
    expect((obs as Float32Array).length).toBe(3 * 7 * 7 * 6);
    const stop = Int32Array.of(4, 4, 4);
    let truncatedAt = -1;
    for (let t = 0; t < 4; t++) {
      const [, rewards, terminated, truncated] = await venv.step(stop);
      expect(Array.from(terminated)).toEqual([0, 0, 0]);
      if (truncated.every(Boolean)) truncatedAt = t;
      if (t === 3) expect(Array.from(rewards)).toEqual([0, 0, 0]); // the autoreset step
    }
    expect(truncatedAt).toBe(2);
    await venv.close();
  });

  it('runs in AsyncVectorEnv workers built from an EnvFactory', async () => {
    const factory = {
      module: '@coordconv/pacman',
      exportName: 'PacmanEnv',
      args: [{ layout: 'smallClassic', reuseObs: true }],
    };
    const venv = await AsyncVectorEnv.create<Batch, Int32Array>([factory, factory]);
    try {
      const [obs] = await venv.reset({ seed: 1 });
      const first = Array.from(obs as Float32Array);
      const [obs2, rewards] = await venv.step(Int32Array.of(3, 2));
      expect((obs2 as Float32Array).length).toBe(2 * 7 * 20 * 6);
      expect(Array.from(rewards).every((r) => Number.isFinite(r))).toBe(true);
      // Same seeds as a local env: the first observation matches sub-env 0's.
      const local = new PacmanEnv({ layout: 'smallClassic' });
      expect(first.slice(0, 7 * 20 * 6)).toEqual(Array.from(local.reset({ seed: 1 })[0]));
    } finally {
      await venv.close();
    }
  });
});
