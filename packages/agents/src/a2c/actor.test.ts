import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '@coordconv/backend';
import { Rng } from '@coordconv/common';
import { buildActorCritic } from '../networks/actor-critic.js';
import { A2CActor } from './actor.js';

beforeAll(async () => {
  await initBackend();
});

/** An MLP actor-critic whose policy is [1/6, 2/6, 3/6] and whose value is 0.5 everywhere. */
function fixedPolicyModel() {
  const { model } = buildActorCritic(
    {
      observation: { shape: [2], dtype: 'float32' },
      numActions: 3,
      network: { torso: 'mlp', coordConv: false },
    },
    new Rng(1),
  );
  const set = (name: string, bias: number[]) => {
    const layer = model.getLayer(name);
    const [kernel] = layer.getWeights();
    const values = [tf.zerosLike(kernel!), tf.tensor1d(bias)];
    layer.setWeights(values);
    tf.dispose(values);
  };
  set('policy_logits', [0, Math.log(2), Math.log(3)]);
  set('value', [0.5]);
  return model;
}

describe('A2CActor', () => {
  it('samples actions with the policy probabilities, reproducibly for a seed', async () => {
    const model = fixedPolicyModel();
    const n = 500;
    const obs = new Float32Array(n * 2);
    const actor = new A2CActor(model, [2], 3, new Rng(42), n);
    const counts = [0, 0, 0];
    let first: Int32Array | undefined;
    for (let k = 0; k < 6; k++) {
      const { actions, values } = await actor.act(obs, n);
      first ??= actions;
      for (const a of actions) counts[a]!++;
      expect(values[0]).toBeCloseTo(0.5, 5);
    }
    // 3000 draws: standard error of each frequency < 0.01.
    expect(counts[0]! / 3000).toBeCloseTo(1 / 6, 1);
    expect(counts[1]! / 3000).toBeCloseTo(2 / 6, 1);
    expect(counts[2]! / 3000).toBeCloseTo(3 / 6, 1);
    const again = await new A2CActor(model, [2], 3, new Rng(42), n).act(obs, n);
    expect(Array.from(again.actions)).toEqual(Array.from(first!));
    expect(Array.from(await actor.greedyActions(obs, 3))).toEqual([2, 2, 2]);
    model.dispose();
  });

  it('keeps the tensor count flat', async () => {
    const model = fixedPolicyModel();
    const actor = new A2CActor(model, [2], 3, new Rng(1));
    const obs = new Float32Array(8);
    await actor.act(obs, 4);
    const before = tf.memory().numTensors;
    for (let k = 0; k < 5; k++) {
      await actor.act(obs, 4);
      await actor.values(obs, 4);
      await actor.greedyActions(obs, 4);
    }
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
