/**
 * CoordConv layer workloads (BENCHMARKS.md):
 * - `painter-coordconv` / `painter-deconv`: the reference training steps of the Not-so-Clevr
 *   painters (batch 32, softmax cross-entropy over 4096 pixels; Adam 5e-3 / 1e-2).
 * - `coordconv-overhead`: a training step of a small conv net whose first layer is CoordConv2D,
 *   over the same net with Conv2D (both measured in this run; `ratio` is the figure to watch,
 *   target <= 1.10).
 */
import { tf } from '@coordconv/backend';
import { coordConv2d } from '@coordconv/core';
import { coordConvPainter, deconvPainter } from '@coordconv/not-so-clevr';

import { round4, timeSteps } from '../timing.js';
import type { BenchContext, Benchmark, BenchLine } from '../types.js';

/** A full training step (forward, backward, Adam update) that reads the loss back. */
function trainStep(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  x: tf.Tensor,
  y: tf.Tensor,
): () => void {
  return () => {
    const cost = optimizer.minimize(
      () =>
        tf.losses.softmaxCrossEntropy(
          y,
          model.apply(x, { training: true }) as tf.Tensor,
        ) as tf.Scalar,
      true,
    );
    cost?.dataSync();
    cost?.dispose();
  };
}

async function measure(
  ctx: BenchContext,
  workload: string,
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  x: tf.Tensor,
  y: tf.Tensor,
  extra: Record<string, number | string> = {},
): Promise<BenchLine> {
  const batch = x.shape[0];
  try {
    const t = await timeSteps(trainStep(model, optimizer, x, y), ctx.seconds);
    ctx.log(`${workload}: ${t.stepMs.toFixed(1)} ms/step, ${t.steps} steps`);
    return {
      workload,
      backend: ctx.backend,
      samples_per_s: round4((batch * 1000) / t.stepMs),
      step_ms: round4(t.stepMs),
      params: model.countParams(),
      ...extra,
    };
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}

/** 32 random centres (integer (i, j) in [0, 64)) and their one-hot pixel targets. */
function painterBatch(): { x: tf.Tensor; y: tf.Tensor } {
  return tf.tidy(() => {
    const ij = tf.randomUniform([32, 2], 0, 64, 'int32', 5);
    const [row, col] = tf.split(ij, 2, 1);
    const pixel = tf.cast(tf.add(tf.mul(row, tf.scalar(64, 'int32')), col), 'int32').reshape([32]);
    return {
      x: tf.cast(ij, 'float32'),
      y: tf.cast(tf.oneHot(pixel as tf.Tensor1D, 4096), 'float32'),
    };
  });
}

/**
 * The overhead net: [32, 64, 64, 3] -> first conv 3x3x32 ('same', ReLU) -> 3x3 stride-2 convs 32,
 * 64, 64 (ReLU) -> global average pool -> dense 10. Only the first layer differs.
 */
function overheadNet(coord: boolean): tf.LayersModel {
  const input = tf.input({ shape: [64, 64, 3] });
  const firstArgs = {
    filters: 32,
    kernelSize: 3,
    padding: 'same' as const,
    activation: 'relu' as const,
  };
  let h = (coord ? coordConv2d(firstArgs) : tf.layers.conv2d(firstArgs)).apply(
    input,
  ) as tf.SymbolicTensor;
  for (const filters of [32, 64, 64]) {
    h = tf.layers
      .conv2d({ filters, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' })
      .apply(h) as tf.SymbolicTensor;
  }
  h = tf.layers.globalAveragePooling2d({}).apply(h) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 10 }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

export const benchmarks: Benchmark[] = [
  {
    name: 'painter-coordconv',
    groups: ['coordconv', 'reference', 'not-so-clevr'],
    async run(ctx) {
      const { x, y } = painterBatch();
      try {
        return [
          await measure(ctx, 'painter-coordconv', coordConvPainter(), tf.train.adam(5e-3), x, y, {
            batch: 32,
          }),
        ];
      } finally {
        tf.dispose([x, y]);
      }
    },
  },
  {
    name: 'painter-deconv',
    groups: ['coordconv', 'reference', 'not-so-clevr'],
    async run(ctx) {
      const { x, y } = painterBatch();
      try {
        const model = deconvPainter({ widthMultiplier: 2, filterSize: 3 });
        return [
          await measure(ctx, 'painter-deconv', model, tf.train.adam(1e-2), x, y, { batch: 32 }),
        ];
      } finally {
        tf.dispose([x, y]);
      }
    },
  },
  {
    name: 'coordconv-overhead',
    groups: ['coordconv'],
    async run(ctx) {
      const x = tf.randomNormal([32, 64, 64, 3], 0, 1, 'float32', 6);
      const y = tf.tidy(() =>
        tf.cast(tf.oneHot(tf.randomUniform([32], 0, 10, 'int32', 7) as tf.Tensor1D, 10), 'float32'),
      );
      try {
        // Interleave two rounds of each so drift in machine load hits both alike.
        const times: Record<'conv' | 'coord', number[]> = { conv: [], coord: [] };
        for (let round = 0; round < 2; round++) {
          for (const kind of ['conv', 'coord'] as const) {
            const line = await measure(
              ctx,
              `coordconv-overhead-${kind}`,
              overheadNet(kind === 'coord'),
              tf.train.adam(1e-3),
              x,
              y,
            );
            times[kind].push(line.step_ms as number);
          }
        }
        const conv = Math.min(...times.conv);
        const coord = Math.min(...times.coord);
        return [
          {
            workload: 'coordconv-overhead',
            backend: ctx.backend,
            conv2d_step_ms: round4(conv),
            coordconv2d_step_ms: round4(coord),
            ratio: round4(coord / conv),
            model:
              '[32,64,64,3] -> (Coord)Conv2D 3x3x32 -> 3x conv s2 (32,64,64) -> GAP -> dense 10, Adam',
          },
        ];
      } finally {
        tf.dispose([x, y]);
      }
    },
  },
];
