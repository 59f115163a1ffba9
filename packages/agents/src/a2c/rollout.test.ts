import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '@coordconv/backend';
import { Rng } from '@coordconv/common';
import { SyncVectorEnv } from '@coordconv/gym';
import { buildActorCritic } from '../networks/actor-critic.js';
import { CounterEnv } from '../test-envs.js';
import { A2CActor } from './actor.js';
import { RolloutBuffer, RolloutCollector } from './rollout.js';

beforeAll(async () => {
  await initBackend();
});

// Env 0 terminates after 3 steps, env 1 is truncated after 2. Observations are [steps/10, id],
// so env 1's final observation is always [0.2, 1].
function setup(mode: 'next-step' | 'same-step') {
  const env = new SyncVectorEnv(
    [
      () => new CounterEnv({ id: 0, terminateAfter: 3 }),
      () => new CounterEnv({ id: 1, truncateAfter: 2 }),
    ],
    { autoresetMode: mode },
  );
  const { model } = buildActorCritic(
    {
      observation: { shape: [2], dtype: 'float32' },
      numActions: 2,
      network: { torso: 'mlp', coordConv: false },
    },
    new Rng(1),
  );
  // A non-constant value head, so V(final obs) differs from V(reset obs).
  const actor = new A2CActor(model, [2], 2, new Rng(2));
  return {
    env,
    model,
    actor,
    collector: new RolloutCollector(env, actor, 2),
    buf: new RolloutBuffer(6, 2, 2, 'float32'),
  };
}

const col = (a: ArrayLike<number>, i: number) =>
  Array.from({ length: 6 }, (_, t) => a[t * 2 + i] as number);

describe('RolloutCollector', () => {
  it('next-step autoreset: masks reset steps and bootstraps truncation from the next observation', async () => {
    const { collector, buf, actor, model } = setup('next-step');
    await collector.reset(0);
    const episodes = await collector.collect(buf);
    expect(col(buf.mask, 0)).toEqual([1, 1, 1, 0, 1, 1]);
    expect(col(buf.mask, 1)).toEqual([1, 1, 0, 1, 1, 0]);
    expect(col(buf.terminated, 0)).toEqual([0, 0, 1, 0, 0, 0]);
    expect(col(buf.truncated, 1)).toEqual([0, 1, 0, 0, 1, 0]);
    // V(final obs [0.2, 1]) is where env 1 was truncated (t = 1 and t = 4).
    const vFinal = (await actor.values(Float32Array.from([0.2, 1]), 1))[0] as number;
    expect(buf.finalValues[1 * 2 + 1]).toBeCloseTo(vFinal, 5);
    expect(buf.finalValues[4 * 2 + 1]).toBeCloseTo(vFinal, 5);
    // The stored observation of a reset step is that final observation.
    expect(Array.from(buf.obs.subarray((2 * 2 + 1) * 2, (2 * 2 + 1) * 2 + 2))).toEqual([
      expect.closeTo(0.2, 6),
      1,
    ]);
    expect(episodes.map((e) => e.length).sort()).toEqual([2, 2, 3]);
    model.dispose();
  });

  it('same-step autoreset: no masked steps, V(info.final_obs) at truncations', async () => {
    const { collector, buf, actor, model } = setup('same-step');
    await collector.reset(0);
    await collector.collect(buf);
    expect(Array.from(buf.mask)).toEqual(new Array(12).fill(1));
    expect(col(buf.truncated, 1)).toEqual([0, 1, 0, 1, 0, 1]);
    const vFinal = (await actor.values(Float32Array.from([0.2, 1]), 1))[0] as number;
    for (const t of [1, 3, 5]) expect(buf.finalValues[t * 2 + 1]).toBeCloseTo(vFinal, 5);
    // After the truncation at t = 5 the env was reset: s_T is [0, 1], not the final observation.
    const vReset = (await actor.values(Float32Array.from([0, 1]), 1))[0] as number;
    expect(buf.lastValues[1]).toBeCloseTo(vReset, 5);
    expect(vReset).not.toBeCloseTo(vFinal, 3);
    model.dispose();
  });

  it('keeps the tensor count flat across rollouts', async () => {
    const { collector, buf, model } = setup('next-step');
    await collector.reset(0);
    await collector.collect(buf);
    const before = tf.memory().numTensors;
    for (let k = 0; k < 3; k++) await collector.collect(buf);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
