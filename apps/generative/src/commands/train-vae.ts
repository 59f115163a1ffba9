/** `nx run generative:train-vae`: trains a convolutional VAE (plain or CoordConv) on Sort-of-CLEVR scenes. */
import { defineCli, type CliValues } from '@coordconv/common';
import {
  LIKELIHOODS,
  SCENE_PRESETS,
  trainVae,
  VAE_COORDCONV,
  type VaeConfig,
} from '@coordconv/sort-of-clevr';
import { runOptionSpecs, trainAndReport } from './run-options.js';

export const trainVaeCli = defineCli({
  name: 'nx run generative:train-vae --',
  description:
    'Trains a convolutional VAE on Sort-of-CLEVR scenes generated on the fly (pixels in [0, 1]); logs the ELBO (nats per image), writes sample grids from a fixed z ~ N(0, I), checkpoints and scene metrics.',
  options: {
    coordconv: {
      type: 'enum',
      choices: VAE_COORDCONV,
      default: 'both',
      help: 'CoordConv in the encoder, the decoder, both or none',
    },
    preset: {
      type: 'enum',
      choices: SCENE_PRESETS,
      default: 'paper',
      help: 'scenes: paper (2 objects, black) or original (6 objects, white)',
    },
    imageSize: { type: 'enum', choices: ['32', '64'], default: '32', help: 'image side in pixels' },
    zDim: { type: 'int', default: 16, min: 1, max: 4096, help: 'latent size, prior N(0, I)' },
    width: { type: 'int', default: 16, min: 1, max: 1024, help: 'base channels' },
    kernelSize: { type: 'int', default: 4, min: 2, max: 7, help: 'kernel of the stride-2 convs' },
    likelihood: {
      type: 'enum',
      choices: LIKELIHOODS,
      default: 'bernoulli',
      help: 'p(x|z): bernoulli, or gaussian with fixed std',
    },
    gaussianStd: { type: 'float', default: 0.1, min: 1e-4, help: 'std of the gaussian likelihood' },
    klWeight: {
      type: 'float',
      default: 1,
      min: 0,
      help: 'weight of the KL term in the loss (the logged ELBO uses 1)',
    },
    batch: { type: 'int', default: 32, min: 1, max: 4096, help: 'batch size' },
    lr: { type: 'float', default: 1e-3, min: 1e-7, max: 1, help: 'Adam learning rate' },
    ...runOptionSpecs('vae'),
  },
  epilog: [
    'Examples:',
    '  npx nx run generative:train-vae -- --out runs/vae-cc',
    '  npx nx run generative:train-vae -- --coordconv none --likelihood gaussian --out runs/vae-plain',
  ].join('\n'),
});

export type TrainVaeOptions = CliValues<typeof trainVaeCli.options>;

export function vaeConfigFrom(o: TrainVaeOptions): Partial<VaeConfig> {
  return {
    coordconv: o.coordconv,
    preset: o.preset,
    imageSize: Number(o.imageSize) as 32 | 64,
    zDim: o.zDim,
    width: o.width,
    kernelSize: o.kernelSize,
    likelihood: o.likelihood,
    gaussianStd: o.gaussianStd,
    klWeight: o.klWeight,
    batchSize: o.batch,
    lr: o.lr,
    seed: o.seed,
  };
}

export async function trainVaeMain(o: TrainVaeOptions): Promise<void> {
  await trainAndReport(o, `runs/vae-${o.coordconv}-s${o.seed}`, (run) =>
    trainVae(vaeConfigFrom(o), run),
  );
}
