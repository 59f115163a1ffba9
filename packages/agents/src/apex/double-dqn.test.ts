import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '@coordconv/backend';
import { doubleDqnTargets, gatherActions, huber, weightedHuberLoss } from './double-dqn.js';

beforeAll(async () => {
  await initBackend({ log: () => {} });
});

describe('double DQN', () => {
  it('targets: online argmax, target value, n-step discount (hand computation)', () => {
    const qNextOnline = [
      [1, 5, 2],
      [0, -1, 3],
      [4, 4, 0], // tie: the first maximum
    ];
    const qNextTarget = [
      [10, 20, 30],
      [7, 8, 9],
      [-1, -2, -3],
    ];
    const returns = [1, 2, 3];
    const discounts = [0.99 ** 3, 0, 0.5];
    const got = tf.tidy(() =>
      doubleDqnTargets(
        tf.tensor2d(qNextOnline),
        tf.tensor2d(qNextTarget),
        tf.tensor1d(returns),
        tf.tensor1d(discounts),
      ).arraySync(),
    );
    // Row 0: online picks action 1, target values it 20 (not the target's own max 30).
    expect(got[0]).toBeCloseTo(1 + 0.99 ** 3 * 20, 4);
    // Row 1: terminal, no bootstrap.
    expect(got[1]).toBeCloseTo(2, 6);
    expect(got[2]).toBeCloseTo(3 + 0.5 * -1, 6);
  });

  it('gathers Q(s, a) and weights the Huber loss', () => {
    const taken = tf.tidy(() =>
      gatherActions(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor1d([1, 0], 'int32')).arraySync(),
    );
    const loss = tf.tidy(() =>
      weightedHuberLoss(tf.tensor1d([0.5, -3]), tf.tensor1d([1, 0.5])).arraySync(),
    );
    const h = tf.tidy(() => huber(tf.tensor1d([-2, 0.2, 1])).arraySync() as number[]);
    expect(taken).toEqual([2, 3]);
    // (0.125 * 1 + 2.5 * 0.5) / 2
    expect(loss).toBeCloseTo((0.125 + 1.25) / 2, 6);
    expect(h[0]).toBeCloseTo(1.5, 6);
    expect(h[1]).toBeCloseTo(0.02, 6);
    expect(h[2]).toBeCloseTo(0.5, 6);
  });
});
