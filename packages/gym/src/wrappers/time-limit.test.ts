import { describe, expect, it } from 'vitest';
import type { StepResult } from '../env.js';
import { CorridorEnv } from '../test-envs.js';
import { TimeLimit } from './time-limit.js';

describe('TimeLimit', () => {
  it('truncates on the step that reaches the limit and restarts the count on reset', () => {
    const env = new TimeLimit(new CorridorEnv(50), 3);
    env.reset({ seed: 0 });
    const flags = [0, 0, 0].map(() => (env.step(0) as StepResult<Float32Array>)[3]);
    expect(flags).toEqual([false, false, true]);
    expect(env.elapsedSteps).toBe(3);
    env.reset();
    expect(env.elapsedSteps).toBe(0);
    expect((env.step(0) as StepResult<Float32Array>)[3]).toBe(false);
  });

  it('keeps terminated from the env (both flags may be true)', () => {
    const inner = new CorridorEnv(2); // start at 0, one step right terminates
    const env = new TimeLimit(inner, 1);
    env.reset({ seed: 0 });
    const [, , terminated, truncated] = env.step(1) as StepResult<Float32Array>;
    expect([terminated, truncated]).toEqual([true, true]);
  });

  it('rejects a bad limit', () => {
    expect(() => new TimeLimit(new CorridorEnv(), 0)).toThrow(
      'TimeLimit maxEpisodeSteps must be an integer >= 1, got 0',
    );
  });
});
