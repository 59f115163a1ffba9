import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '@coordconv/backend';
import { Rng } from '@coordconv/common';
import { buildDuelingQ, qValues } from '../networks/dueling-q.js';
import { actorEpsilon, resolveApexConfig } from './config.js';
import { CenteredRMSProp } from './centered-rmsprop.js';
import { ApexLearner, type ApexBatch } from './learner.js';

beforeAll(async () => {
  await initBackend({ log: () => {} });
});

function nets(seed: number) {
  const rng = new Rng(seed);
  const spec = {
    observation: { shape: [4], dtype: 'float32' },
    numActions: 3,
    network: { torso: 'mlp' as const, coordConv: false },
  };
  return {
    online: buildDuelingQ(spec, rng.split()).model,
    target: buildDuelingQ(spec, rng.split()).model,
  };
}

function batch(rng: Rng, size: number): ApexBatch {
  const obs = rng.fillUniform(new Float32Array(size * 4), -1, 1);
  const nextObs = rng.fillUniform(new Float32Array(size * 4), -1, 1);
  return {
    size,
    obs,
    nextObs,
    actions: Int32Array.from({ length: size }, () => rng.int(3)),
    returns: rng.fillUniform(new Float32Array(size), -1, 1),
    discounts: Float32Array.from({ length: size }, (_, j) => (j % 4 === 0 ? 0 : 0.99 ** 3)),
    weights: rng.fillUniform(new Float32Array(size), 0.2, 1),
  };
}

describe('ApexLearner', () => {
  it('reports |TD| of the double-DQN n-step target before the update, and lowers the loss', () => {
    const { online, target } = nets(1);
    const config = resolveApexConfig({
      batchSize: 16,
      learningRate: 1e-2,
      targetUpdateEvery: 1000,
    });
    const learner = new ApexLearner(online, target, [4], config);
    const b = batch(new Rng(2), 16);
    // By hand: Q arrays read back, then the target computed in plain JS.
    const [q, qnOnline, qnTarget] = tf.tidy(() => [
      qValues(online, tf.tensor2d(b.obs as Float32Array, [16, 4])).arraySync(),
      qValues(online, tf.tensor2d(b.nextObs as Float32Array, [16, 4])).arraySync(),
      qValues(target, tf.tensor2d(b.nextObs as Float32Array, [16, 4])).arraySync(),
    ]);
    const first = learner.step(b);
    for (let j = 0; j < 16; j++) {
      const row = qnOnline[j]!;
      const best = row.indexOf(Math.max(...row));
      const g = b.returns[j]! + b.discounts[j]! * qnTarget[j]![best]!;
      expect(learner.lastTdAbs[j]).toBeCloseTo(Math.abs(g - q[j]![b.actions[j]!]!), 4);
    }
    const tensors = tf.memory().numTensors;
    let last = first;
    for (let k = 0; k < 30; k++) last = learner.step(b);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(last.loss).toBeLessThan(first.loss);
    expect(first.gradNorm).toBeGreaterThan(0);
    learner.dispose();
  });

  it('syncs the target network every targetUpdateEvery steps; centred RMSProp works too', () => {
    const { online, target } = nets(3);
    const config = resolveApexConfig({
      batchSize: 8,
      targetUpdateEvery: 2,
      optimizer: 'rmsprop',
      learningRate: 1e-3,
    });
    const learner = new ApexLearner(online, target, [4], config);
    const same = () => {
      const d = online
        .getWeights()
        .map((w, k) =>
          tf.tidy(() => tf.max(tf.abs(tf.sub(w, target.getWeights()[k]!))).arraySync()),
        );
      console.log(d.join(' '));
      return d.every((x) => x === 0);
    };
    expect(same()).toBe(true); // synced at construction
    const b = batch(new Rng(4), 8);
    learner.step(b);
    expect(same()).toBe(false);
    learner.step(b);
    expect(same()).toBe(true);
    expect(learner.stepCount).toBe(2);
    learner.dispose();
  });
});

describe('CenteredRMSProp', () => {
  it('follows w -= lr g / sqrt(ms - mg^2 + eps), finite for constant gradients', () => {
    const w = tf.variable(tf.tensor1d([1, -2]));
    const opt = new CenteredRMSProp(0.1, 0.9, 1e-7);
    let ms = [0, 0];
    let mg = [0, 0];
    let ref = [1, -2];
    const grads = [
      [0.5, 1e-6],
      [0.5, 1e-6],
      [-1, 3],
    ];
    for (const g of grads) {
      opt.applyGradients({ [w.name]: tf.tensor1d(g) });
      ms = ms.map((m, i) => 0.9 * m + 0.1 * g[i]! ** 2);
      mg = mg.map((m, i) => 0.9 * m + 0.1 * g[i]!);
      ref = ref.map((x, i) => x - (0.1 * g[i]!) / Math.sqrt(ms[i]! - mg[i]! ** 2 + 1e-7));
    }
    const got = w.arraySync() as number[];
    expect(got[0]).toBeCloseTo(ref[0]!, 3);
    expect(got[1]).toBeCloseTo(ref[1]!, 3);
    expect(opt.getClassName()).toBe('RMSProp');
    opt.dispose();
    w.dispose();
  });
});

describe('config', () => {
  it('epsilon schedule eps_i = 0.4^(1 + 7 i / (N - 1))', () => {
    expect(actorEpsilon(0, 1)).toBe(0.4);
    expect(actorEpsilon(0, 8)).toBeCloseTo(0.4, 12);
    expect(actorEpsilon(7, 8)).toBeCloseTo(0.4 ** 8, 12);
    expect(actorEpsilon(1, 3)).toBeCloseTo(0.4 ** 4.5, 12);
    expect(() => actorEpsilon(3, 3)).toThrow(/\[0, 2\]/);
  });

  it('validates fields by name', () => {
    expect(resolveApexConfig().batchSize).toBe(64);
    expect(() => resolveApexConfig({ nSteps: 0 })).toThrow(/apex.nSteps must be an integer >= 1/);
    expect(() => resolveApexConfig({ optimizer: 'sgd' })).toThrow(
      /apex.optimizer must be one of adam, rmsprop/,
    );
    expect(() => resolveApexConfig({ learningStart: 5 })).toThrow(
      /apex.learningStart is not a known field/,
    );
    expect(() => resolveApexConfig({ replayCapacity: 100, learningStarts: 200 })).toThrow(
      /must not exceed/,
    );
  });
});
