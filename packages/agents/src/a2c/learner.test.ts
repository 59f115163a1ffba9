import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '@coordconv/backend';
import { Rng } from '@coordconv/common';
import { clipByGlobalNorm } from '../core/clip-grads.js';
import { buildActorCritic } from '../networks/actor-critic.js';
import { A2CActor } from './actor.js';
import { resolveA2CConfig } from './config.js';
import { A2CLearner, normalizeAdvantages, type A2CBatch } from './learner.js';

beforeAll(async () => {
  await initBackend();
});

function tinyModel(seed = 1) {
  return buildActorCritic(
    {
      observation: { shape: [3, 4, 2], dtype: 'float32' },
      numActions: 3,
      network: { torso: 'grid', coordConv: false },
    },
    new Rng(seed),
  ).model;
}

function batch(size: number, rng: Rng): A2CBatch {
  const obs = rng.fillUniform(new Float32Array(size * 24));
  return {
    size,
    obs,
    actions: Int32Array.from({ length: size }, () => rng.int(3)),
    returns: Float32Array.from({ length: size }, () => rng.normal()),
    advantages: Float32Array.from({ length: size }, () => rng.normal()),
    mask: new Float32Array(size).fill(1),
  };
}

describe('A2CLearner', () => {
  it('uses RMSProp as documented: w -= lr g / sqrt((1 - decay) g^2 + eps) on the first step', () => {
    // tfjs RMSProp from zero state (PyTorch's init) with epsilon inside the root (TF1's rule).
    const w = tf.variable(tf.scalar(1));
    const opt = tf.train.rmsprop(0.1, 0.99, 0, 1e-5);
    opt.minimize(() => tf.mul(w, 2) as tf.Scalar, false, [w]);
    expect(w.dataSync()[0]).toBeCloseTo(1 - (0.1 * 2) / Math.sqrt(0.01 * 4 + 1e-5), 5);
    opt.dispose();
    w.dispose();
  });

  it('clips the global gradient norm', () => {
    tf.tidy(() => {
      const { grads, norm } = clipByGlobalNorm(
        { a: tf.tensor1d([3, 0]), b: tf.tensor1d([4]) },
        0.5,
      );
      expect(norm.dataSync()[0]).toBeCloseTo(5, 5);
      expect(Array.from(grads.a!.dataSync())).toEqual([expect.closeTo(0.3, 5), 0]);
      expect(grads.b!.dataSync()[0]).toBeCloseTo(0.4, 5);
      const small = clipByGlobalNorm({ a: tf.tensor1d([0.1]) }, 0.5);
      expect(small.grads.a!.dataSync()[0]).toBeCloseTo(0.1, 6);
    });
  });

  it('takes steps without leaking tensors and reports the loss terms', () => {
    const model = tinyModel();
    const learner = new A2CLearner(model, [3, 4, 2], resolveA2CConfig({}));
    const rng = new Rng(5);
    const b = batch(10, rng);
    learner.step(b);
    const before = tf.memory().numTensors;
    const w0 = Array.from(model.getWeights()[0]!.dataSync());
    let m = learner.step(b);
    for (let k = 0; k < 3; k++) m = learner.step(batch(10, rng));
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(model.getWeights()[0]!.dataSync())).not.toEqual(w0);
    for (const key of ['loss', 'policyLoss', 'valueLoss', 'entropy', 'gradNorm'] as const)
      expect(Number.isFinite(m[key])).toBe(true);
    expect(m.entropy).toBeGreaterThan(0);
    expect(m.entropy).toBeLessThanOrEqual(Math.log(3) + 1e-6);
    learner.optimizer.dispose();
    model.dispose();
  });

  it('moves probability toward actions with positive advantage', async () => {
    const model = tinyModel(2);
    const learner = new A2CLearner(model, [3, 4, 2], resolveA2CConfig({ vfCoef: 0, entCoef: 0 }));
    const actor = new A2CActor(model, [3, 4, 2], 3, new Rng(1));
    const obs = new Rng(9).fillUniform(new Float32Array(24));
    const probOf1 = () =>
      tf.tidy(
        () =>
          tf
            .softmax((model.predict(tf.tensor(obs, [1, 3, 4, 2])) as tf.Tensor[])[0]!)
            .dataSync()[1] as number,
      );
    const p0 = probOf1();
    for (let k = 0; k < 5; k++) {
      learner.step({
        size: 1,
        obs,
        actions: Int32Array.of(1),
        returns: Float32Array.of(0),
        advantages: Float32Array.of(1),
        mask: Float32Array.of(1),
      });
    }
    expect(probOf1()).toBeGreaterThan(p0 + 0.05);
    expect((await actor.greedyActions(obs, 1))[0]).toBe(1);
    learner.optimizer.dispose();
    model.dispose();
  });

  it('decays the learning rate linearly when asked', () => {
    const model = tinyModel();
    const linear = new A2CLearner(model, [3, 4, 2], resolveA2CConfig({ lrSchedule: 'linear' }));
    linear.setProgressRemaining(0.25);
    expect(linear.learningRate).toBeCloseTo(7e-4 * 0.25, 10);
    const constant = new A2CLearner(model, [3, 4, 2], resolveA2CConfig({}));
    constant.setProgressRemaining(0.25);
    expect(constant.learningRate).toBe(7e-4);
    model.dispose();
  });

  it('normalizes advantages over real transitions only', () => {
    const out = normalizeAdvantages(Float32Array.of(1, 3, 100), Float32Array.of(1, 1, 0));
    expect(out[0]).toBeCloseTo(-1, 4);
    expect(out[1]).toBeCloseTo(1, 4);
  });
});

describe('resolveA2CConfig', () => {
  it('fills defaults from baselines/SB3 and names bad fields', () => {
    const c = resolveA2CConfig({});
    expect(c).toMatchObject({
      numEnvs: 16,
      nSteps: 5,
      gamma: 0.99,
      learningRate: 7e-4,
      rmsDecay: 0.99,
      rmsEpsilon: 1e-5,
      entCoef: 0.01,
      vfCoef: 0.5,
      maxGradNorm: 0.5,
    });
    expect(() => resolveA2CConfig({ nSteps: 0 })).toThrow(
      /a2c.nSteps must be an integer >= 1 and <= 10000, got 0/,
    );
    expect(() => resolveA2CConfig({ learningRate: -1 })).toThrow(
      /a2c.learningRate must be a number > 0/,
    );
    expect(() => resolveA2CConfig({ lrSchedule: 'cosine' })).toThrow(
      /a2c.lrSchedule must be one of constant, linear, got "cosine"/,
    );
    expect(() => resolveA2CConfig({ nsteps: 5 })).toThrow(
      /a2c.nsteps is not a known field; known fields: numEnvs, nSteps/,
    );
    expect(() => resolveA2CConfig({ network: { coordConv: 'yes' } })).toThrow(
      /a2c.network.coordConv must be true or false/,
    );
  });
});
