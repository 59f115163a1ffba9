import { describe, expect, it } from 'vitest';
import type { Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import { EnvBase } from '../env-base.js';
import { Box } from '../spaces/box.js';
import { Discrete } from '../spaces/discrete.js';
import { CorridorEnv } from '../test-envs.js';
import { FrameStack } from './frame-stack.js';

/** Observation [t, 10 + t] of shape [1, 2] (H=1, W=1... treated as [.., C=2]); t = steps taken. */
class Counter extends EnvBase<Uint8Array, number> {
  readonly metadata = { renderModes: [] };
  readonly actionSpace = new Discrete(1);
  readonly observationSpace = new Box(0, 200, [1, 2], 'uint8');
  private t = 0;
  private readonly buf = new Uint8Array(2);
  private obs(): Uint8Array {
    // Reuses one buffer on purpose: FrameStack must copy.
    this.buf.set([this.t, 10 + this.t]);
    return this.buf;
  }
  reset(_args?: ResetArgs): ResetResult<Uint8Array> {
    this.t = 0;
    return [this.obs(), {}];
  }
  step(): StepResult<Uint8Array> {
    this.t++;
    return [this.obs(), 0, false, false, {}];
  }
}

describe('FrameStack', () => {
  it('stacks along a new first axis, padding with the reset observation', () => {
    const env = new FrameStack(new Counter(), 3);
    expect(env.observationSpace.shape).toEqual([3, 1, 2]);
    const [o0] = env.reset() as ResetResult<Uint8Array>;
    expect(Array.from(o0)).toEqual([0, 10, 0, 10, 0, 10]);
    env.step(0);
    const [o2] = env.step(0) as StepResult<Uint8Array>;
    expect(Array.from(o2)).toEqual([0, 10, 1, 11, 2, 12]);
    expect(o2).toBeInstanceOf(Uint8Array);
    expect(env.observationSpace.contains(o2)).toBe(true);
    expect(o0).not.toBe(o2); // fresh arrays
  });

  it('zero padding and channels-last stacking', () => {
    const env = new FrameStack(new Counter(), 2, { padding: 'zero', axis: 'last' });
    expect(env.observationSpace.shape).toEqual([1, 4]);
    const [o0] = env.reset() as ResetResult<Uint8Array>;
    expect(Array.from(o0)).toEqual([0, 0, 0, 10]);
    const [o1] = env.step(0) as StepResult<Uint8Array>;
    expect(Array.from(o1)).toEqual([0, 10, 1, 11]);
  });

  it('needs a Box observation space and a positive stack size', () => {
    const discreteObs = {
      ...new CorridorEnv(),
      observationSpace: new Discrete(3),
    } as unknown as Env<Uint8Array, number>;
    expect(() => new FrameStack(discreteObs, 2)).toThrow(
      'FrameStack needs a Box observation space, got Discrete(3)',
    );
    expect(() => new FrameStack(new Counter(), 0)).toThrow(
      /stackSize must be an integer >= 1, got 0/,
    );
  });
});
