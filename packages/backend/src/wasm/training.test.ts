import { describe, expect, it } from 'vitest';
import { initBackend, tf } from '../index.js';

await initBackend({ backend: 'wasm', log: () => {} });

/** Trains `model` on a fixed batch with Adam; returns the losses. */
function train(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  steps: number,
  loss: (y: tf.Tensor, p: tf.Tensor) => tf.Scalar,
) {
  const opt = tf.train.adam(0.01);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const losses: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < steps; i++) {
    const l = opt.minimize(
      () => loss(y, model.apply(x, { training: true }) as tf.Tensor),
      true,
      vars,
    )!;
    losses.push(l.dataSync()[0]);
    l.dispose();
    // Tensors (engine) and buffers (wasm heap): the custom kernels must free their intermediates.
    counts.push(tf.memory().numTensors * 1e6 + tf.engine().backend.numDataIds());
  }
  opt.dispose();
  return { losses, counts };
}

describe('training on wasm', () => {
  it('a conv net (strided, depthwise, separable, pooling, batch-norm) learns', () => {
    const init = (seed: number) => tf.initializers.heNormal({ seed });
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [12, 12, 3],
          filters: 8,
          kernelSize: 3,
          strides: 2,
          padding: 'same',
          kernelInitializer: init(1),
        }),
        tf.layers.batchNormalization(),
        tf.layers.reLU(),
        tf.layers.depthwiseConv2d({
          kernelSize: 3,
          depthMultiplier: 2,
          padding: 'same',
          depthwiseInitializer: init(2),
        }),
        tf.layers.separableConv2d({
          filters: 8,
          kernelSize: 3,
          padding: 'valid',
          activation: 'relu',
          depthwiseInitializer: init(3),
          pointwiseInitializer: init(4),
        }),
        tf.layers.maxPooling2d({ poolSize: 2, strides: 1, padding: 'same' }),
        tf.layers.globalAveragePooling2d({}),
        tf.layers.dense({ units: 4, kernelInitializer: init(5) }),
      ],
    });
    const x = tf.randomNormal([8, 12, 12, 3], 0, 1, 'float32', 11);
    const labels = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], 'int32'), 4);
    const { losses, counts } = train(
      model,
      x,
      labels,
      25,
      (y, p) => tf.losses.softmaxCrossEntropy(y, p) as tf.Scalar,
    );
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses.at(-1)!).toBeLessThan(losses[0] * 0.5);
    expect(new Set(counts.slice(2)).size).toBe(1);
    tf.dispose([x, labels]);
    model.dispose();
  });

  it('a transposed-conv painter (coordinates -> image) learns', () => {
    const init = (seed: number) => tf.initializers.glorotUniform({ seed });
    const model = tf.sequential({
      layers: [
        tf.layers.conv2dTranspose({
          inputShape: [1, 1, 2],
          filters: 8,
          kernelSize: 3,
          strides: 2,
          padding: 'same',
          activation: 'relu',
          kernelInitializer: init(1),
        }),
        tf.layers.conv2dTranspose({
          filters: 8,
          kernelSize: 3,
          strides: 2,
          padding: 'same',
          activation: 'relu',
          kernelInitializer: init(2),
        }),
        tf.layers.conv2dTranspose({
          filters: 1,
          kernelSize: 4,
          strides: 2,
          padding: 'same',
          kernelInitializer: init(3),
        }),
        tf.layers.flatten(),
      ],
    });
    // Targets: one hot pixel of an 8x8 canvas at the (row, col) given as input.
    const cells = [
      [1, 2],
      [5, 6],
      [3, 3],
      [6, 1],
    ];
    const x = tf.tensor4d(
      cells.flatMap(([r, c]) => [r / 7, c / 7]),
      [4, 1, 1, 2],
    );
    const y = tf.oneHot(
      tf.tensor1d(
        cells.map(([r, c]) => r * 8 + c),
        'int32',
      ),
      64,
    );
    const { losses, counts } = train(
      model,
      x,
      y,
      40,
      (t, p) => tf.losses.softmaxCrossEntropy(t, p) as tf.Scalar,
    );
    expect(losses.at(-1)!).toBeLessThan(losses[0] * 0.7);
    expect(new Set(counts.slice(2)).size).toBe(1);
    tf.dispose([x, y]);
    model.dispose();
  });
});
