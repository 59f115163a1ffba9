import { describe, expect, it } from 'vitest';
import type { StepResult } from '../env.js';
import { CorridorEnv } from '../test-envs.js';
import { ClipReward } from './clip-reward.js';

describe('ClipReward', () => {
  it('clips rewards into [min, max]', () => {
    const env = new ClipReward(new CorridorEnv(3), -0.05, 0.5);
    env.reset({ seed: 0 }); // starts at cell 0 or 1
    const rewards: number[] = [];
    for (;;) {
      const [, r, term] = env.step(1) as StepResult<Float32Array>;
      rewards.push(r);
      if (term) break;
    }
    expect(rewards.at(-1)).toBe(0.5); // 1 clipped
    for (const r of rewards.slice(0, -1)) expect(r).toBe(-0.05); // -0.1 clipped
  });

  it('one bound is enough; none or crossed bounds are errors', () => {
    expect(new ClipReward(new CorridorEnv(), undefined, 0).reward(3)).toBe(0);
    expect(new ClipReward(new CorridorEnv(), 0).reward(-3)).toBe(0);
    expect(() => new ClipReward(new CorridorEnv())).toThrow(/needs minReward or maxReward/);
    expect(() => new ClipReward(new CorridorEnv(), 1, 0)).toThrow(
      'ClipReward minReward must be <= maxReward, got 1 > 0',
    );
  });
});
