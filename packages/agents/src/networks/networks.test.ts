import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '@coordconv/backend';
import { Rng } from '@coordconv/common';
import { ConfigError } from '../core/config-check.js';
import { buildActorCritic } from './actor-critic.js';
import { resolveNetworkConfig } from './config.js';
import { orthogonalMatrix } from './orthogonal.js';
import { chooseTorso } from './torso.js';

beforeAll(async () => {
  await initBackend();
});

const plain = { torso: 'auto', coordConv: false } as const;

describe('chooseTorso', () => {
  it('picks mlp for 1-D, nature for uint8 images, grid for float planes', () => {
    expect(chooseTorso({ shape: [4], dtype: 'float32' }, plain)).toBe('mlp');
    expect(chooseTorso({ shape: [56, 56, 3], dtype: 'uint8' }, plain)).toBe('nature');
    expect(chooseTorso({ shape: [7, 7, 6], dtype: 'float32' }, plain)).toBe('grid');
  });

  it('rejects what cannot work, naming the field', () => {
    expect(() =>
      chooseTorso({ shape: [4], dtype: 'float32' }, { torso: 'auto', coordConv: true }),
    ).toThrow(/network.coordConv needs a conv torso/);
    expect(() =>
      chooseTorso({ shape: [7, 7, 6], dtype: 'float32' }, { torso: 'mlp', coordConv: false }),
    ).toThrow(ConfigError);
    expect(() => chooseTorso({ shape: [20, 20, 3], dtype: 'uint8' }, plain)).toThrow(
      /at least 36x36, got \[20, 20, 3\]/,
    );
    expect(() => resolveNetworkConfig({ torso: 'resnet' })).toThrow(
      /network.torso must be one of auto, mlp, grid, grid-small, nature, got "resnet"/,
    );
    expect(() => resolveNetworkConfig({ coordconv: true })).toThrow(
      /network.coordconv is not a known field/,
    );
  });
});

describe('buildActorCritic', () => {
  it('builds the grid torso (3x3 conv 32, 3x3 conv 64, dense 256) with logits and value heads', () => {
    const { model, torso } = buildActorCritic(
      { observation: { shape: [7, 7, 6], dtype: 'float32' }, numActions: 5, network: plain },
      new Rng(1),
    );
    expect(torso).toBe('grid');
    const shapes = model.getWeights().map((w) => w.shape);
    expect(shapes).toEqual([
      [3, 3, 6, 32],
      [32],
      [3, 3, 32, 64],
      [64],
      [7 * 7 * 64, 256],
      [256],
      [256, 5],
      [5],
      [256, 1],
      [1],
    ]);
    const [logits, value] = model.predict(tf.zeros([2, 7, 7, 6])) as tf.Tensor[];
    expect(logits!.shape).toEqual([2, 5]);
    expect(value!.shape).toEqual([2, 1]);
    tf.dispose([logits!, value!]);
    model.dispose();
  });

  it('coordConv replaces the first conv by CoordConv2D (2 more input channels)', () => {
    const { model } = buildActorCritic(
      {
        observation: { shape: [7, 7, 6], dtype: 'float32' },
        numActions: 5,
        network: { torso: 'grid', coordConv: true },
      },
      new Rng(1),
    );
    const first = model.layers.find((l) => l.name === 'torso_conv1')!;
    expect(first.getClassName()).toBe('CoordConv2D');
    expect(first.getWeights()[0]!.shape).toEqual([3, 3, 8, 32]);
    model.dispose();
  });

  it('builds the Nature CNN for pixels and scales inputs by 1/255', () => {
    const { model, torso } = buildActorCritic(
      { observation: { shape: [56, 56, 3], dtype: 'uint8' }, numActions: 5, network: plain },
      new Rng(1),
    );
    expect(torso).toBe('nature');
    const convs = model.layers
      .filter((l) => l.getClassName() === 'Conv2D')
      .map((l) => l.getWeights()[0]!.shape);
    expect(convs).toEqual([
      [8, 8, 3, 32],
      [4, 4, 32, 64],
      [3, 3, 64, 64],
    ]);
    expect(model.layers.find((l) => l.getClassName() === 'Rescaling')).toBeDefined();
    model.dispose();
  });

  it('is reproducible for a seed and starts near-uniform (policy gain 0.01)', () => {
    const spec = { observation: { shape: [4], dtype: 'float32' }, numActions: 3, network: plain };
    const a = buildActorCritic(spec, new Rng(7)).model;
    const b = buildActorCritic(spec, new Rng(7)).model;
    const wa = a.getWeights().map((w) => Array.from(w.dataSync()));
    expect(b.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(wa);
    const logits = (a.predict(tf.ones([1, 4])) as tf.Tensor[])[0]!;
    for (const l of logits.dataSync()) expect(Math.abs(l)).toBeLessThan(0.1);
    logits.dispose();
    a.dispose();
    b.dispose();
  });
});

describe('orthogonalMatrix', () => {
  it('has orthonormal columns (tall) or rows (wide), times the gain', () => {
    for (const [rows, cols] of [
      [6, 3],
      [3, 6],
    ] as const) {
      const m = orthogonalMatrix(rows, cols, 2, new Rng(3));
      const tall = rows >= cols;
      const k = tall ? cols : rows;
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          let dot = 0;
          const n = tall ? rows : cols;
          for (let r = 0; r < n; r++) {
            const x = tall ? m[r * cols + i]! : m[i * cols + r]!;
            const y = tall ? m[r * cols + j]! : m[j * cols + r]!;
            dot += x * y;
          }
          expect(dot).toBeCloseTo(i === j ? 4 : 0, 4);
        }
      }
    }
  });
});
