/**
 * `dcgan` and `dcgan-coordconv` (BENCHMARKS.md "Reference training workloads"): one full GAN
 * iteration at batch 32 on 64x64x3 Sort-of-CLEVR scenes: one D step (real + fake) then one G
 * step, sigmoid cross-entropy, Adam 2e-4 beta1 0.5. G: z(256) -> dense 4x4x512 + BN + ReLU ->
 * 4x4 stride-2 transposed convs 256, 128, 64 (BN + ReLU) -> 3 (tanh); D: 4x4 stride-2 convs 64,
 * 128, 256, 512 (BN from the 2nd, LeakyReLU 0.2) -> dense 1. `dcgan-coordconv` adds AddCoords
 * before every transposed conv of G and before the first conv of D. The real batch and z are
 * fixed so the figure is the model's step alone (drawing 32 scenes costs ~20 ms on top).
 */
import { tf } from '@coordconv/backend';
import { Rng } from '@coordconv/common';
import {
  buildDiscriminator,
  buildGenerator,
  ganSceneConfig,
  GanUpdater,
  generateScenes,
  resolveGanConfig,
  trainableParams,
  type CoordConvPlacement,
} from '@coordconv/sort-of-clevr';
import type { Benchmark, BenchLine } from '../types.js';
import { round4, timeSteps } from '../timing.js';

const BATCH = 32;

async function ganStep(
  name: string,
  coordconv: CoordConvPlacement,
  ctx: { seconds: number; backend: string },
): Promise<BenchLine> {
  const cfg = resolveGanConfig({
    arch: 'dcgan',
    coordconv,
    imageSize: 64,
    width: 64,
    kernelSize: 4,
    zDim: 256,
    batchSize: BATCH,
    gStepsPerD: 1,
    lrG: 2e-4,
    lrD: 2e-4,
    beta1: 0.5,
  });
  const rng = new Rng(0);
  const g = buildGenerator(cfg, rng);
  const d = buildDiscriminator(cfg, rng);
  const updater = new GanUpdater(g, d, cfg);
  const data = generateScenes(rng, ganSceneConfig(cfg), BATCH);
  const real = tf.tensor4d(data.images, data.shape);
  const z = tf.tensor2d(rng.fillUniform(new Float32Array(BATCH * cfg.zDim), -1, 1), [
    BATCH,
    cfg.zDim,
  ]);
  try {
    const t = await timeSteps(async () => {
      const r = updater.discriminatorStep(real, z);
      const gLoss = updater.generatorStep(z);
      await gLoss.data();
      tf.dispose([r.loss, r.realScore, r.fakeScore, gLoss]);
    }, ctx.seconds);
    return {
      workload: name,
      backend: ctx.backend,
      samples_per_s: round4((BATCH * t.steps) / t.seconds),
      step_ms: round4(t.stepMs),
      steps: t.steps,
      g_params: trainableParams(g),
      d_params: trainableParams(d),
    };
  } finally {
    tf.dispose([real, z]);
    updater.dispose();
    g.dispose();
    d.dispose();
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'dcgan',
    groups: ['reference', 'gan', 'sort-of-clevr'],
    run: async (ctx) => [await ganStep('dcgan', 'none', ctx)],
  },
  {
    name: 'dcgan-coordconv',
    groups: ['reference', 'gan', 'sort-of-clevr'],
    run: async (ctx) => [await ganStep('dcgan-coordconv', 'both', ctx)],
  },
];
