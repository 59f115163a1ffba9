import { describe, expect, it } from 'vitest';
import type { Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import { Box } from '../spaces/box.js';
import { CorridorEnv } from '../test-envs.js';
import { ActionWrapper, ObservationWrapper, RewardWrapper, Wrapper } from './wrapper.js';

class Scale extends ObservationWrapper<Float32Array, number, Float32Array> {
  constructor(env: Env<Float32Array, number>) {
    super(env);
    this.observationSpace = new Box(0, 1, [1]);
  }
  observation(obs: Float32Array): Float32Array {
    return obs.map((v) => v / 4);
  }
}
class Double extends RewardWrapper<Float32Array, number> {
  reward(r: number): number {
    return 2 * r;
  }
}
class Flip extends ActionWrapper<Float32Array, number, number> {
  action(a: number): number {
    return 1 - a;
  }
}

/** A minimal async env: CorridorEnv answering through promises, like a RemoteEnv. */
class AsyncCorridor extends Wrapper<Float32Array, number> {
  override reset(args?: ResetArgs): Promise<ResetResult<Float32Array>> {
    return Promise.resolve(this.env.reset(args));
  }
  override step(a: number): Promise<StepResult<Float32Array>> {
    return Promise.resolve(this.env.step(a));
  }
}

describe('Wrapper', () => {
  it('forwards spaces, metadata, rng, render and close, and finds the unwrapped env', () => {
    const inner = new CorridorEnv(5, { renderMode: 'ansi' });
    const env = new Wrapper(new Wrapper(inner));
    expect(env.observationSpace).toBe(inner.observationSpace);
    expect(env.actionSpace).toBe(inner.actionSpace);
    expect(env.metadata).toBe(inner.metadata);
    expect(env.renderMode).toBe('ansi');
    expect(env.unwrapped).toBe(inner);
    env.reset({ seed: 1 });
    expect(env.rng).toBe(inner.rng);
    expect(env.render()).toBe(inner.render());
    expect(String(env)).toBe('<Wrapper<Wrapper<CorridorEnv>>>');
  });

  it('observation, reward and action hooks each change one thing', () => {
    const plain = new CorridorEnv();
    const [o0] = plain.reset({ seed: 2 });
    const [, r0] = plain.step(0);
    const env = new Flip(new Double(new Scale(new CorridorEnv())));
    const [o1] = env.reset({ seed: 2 }) as ResetResult<Float32Array>;
    expect(o1[0]).toBe(o0[0]! / 4);
    const [o2, r1] = env.step(1) as StepResult<Float32Array>; // flipped to 0, like plain.step(0)
    expect(o2[0]).toBe(plain.pos / 4);
    expect(r1).toBe(2 * r0);
    expect(env.observationSpace.contains(o2)).toBe(true);
  });

  it('a wrapped synchronous env stays synchronous; a wrapped async env returns promises', async () => {
    const sync = new Double(new CorridorEnv());
    expect(Array.isArray(sync.reset({ seed: 0 }))).toBe(true);
    const asyncEnv = new Double(new AsyncCorridor(new CorridorEnv()));
    const p = asyncEnv.reset({ seed: 0 });
    expect(p).toBeInstanceOf(Promise);
    await p;
    const s = asyncEnv.step(1);
    expect(s).toBeInstanceOf(Promise);
    const [, r] = await s;
    expect([2, -0.2]).toContain(r);
  });
});
