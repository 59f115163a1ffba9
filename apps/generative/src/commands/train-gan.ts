/**
 * `nx run generative:train-gan`: trains a GAN on Sort-of-CLEVR scenes (plain DCGAN, DCGAN with
 * CoordConv, or the authors' CoordConv generator), then scores its samples with the scene parser.
 */
import { CliError, defineCli, type CliValues } from '@coordconv/common';
import {
  COORDCONV_PLACEMENTS,
  GAN_ARCHS,
  SCENE_PRESETS,
  trainGan,
  type GanConfig,
} from '@coordconv/sort-of-clevr';
import { runOptionSpecs, trainAndReport } from './run-options.js';

export const trainGanCli = defineCli({
  name: 'nx run generative:train-gan --',
  description:
    'Trains a GAN on Sort-of-CLEVR scenes generated on the fly and writes sample grids, JSONL metrics, checkpoints and scene metrics into the run directory. Defaults fit a ~15-minute CPU budget: DCGAN with CoordConv in G and D at 32x32, width 16.',
  options: {
    arch: {
      type: 'enum',
      choices: GAN_ARCHS,
      default: 'dcgan',
      help: 'generator: dcgan (dense + transposed convs) or paper-coordconv (the authors: tiled z + coordinates, 1x1 convs)',
    },
    coordconv: {
      type: 'enum',
      choices: COORDCONV_PLACEMENTS,
      default: 'both',
      help: 'CoordConv in the generator (g), discriminator (d), both or none',
    },
    preset: {
      type: 'enum',
      choices: SCENE_PRESETS,
      default: 'paper',
      help: 'scenes: paper (2 objects, black) or original (Santoro et al.: 6 objects, white)',
    },
    imageSize: { type: 'enum', choices: ['32', '64'], default: '32', help: 'image side in pixels' },
    zDim: { type: 'int', default: 256, min: 1, max: 4096, help: 'latent size, z ~ U(-1, 1)' },
    width: { type: 'int', default: 16, min: 1, max: 1024, help: 'base channels (64 = DCGAN-64)' },
    kernelSize: {
      type: 'int',
      default: 4,
      min: 2,
      max: 7,
      help: 'kernel of the stride-2 convs (5 = the authors)',
    },
    gSteps: {
      type: 'enum',
      choices: ['1', '2'],
      default: '1',
      help: 'generator steps per discriminator step (2 = the authors)',
    },
    batch: { type: 'int', default: 32, min: 1, max: 4096, help: 'batch size' },
    lrG: { type: 'float', default: 2e-4, min: 1e-7, max: 1, help: 'generator Adam learning rate' },
    lrD: {
      type: 'float',
      default: 2e-4,
      min: 1e-7,
      max: 1,
      help: 'discriminator Adam learning rate',
    },
    beta1: { type: 'float', default: 0.5, min: 0, max: 0.9999, help: 'Adam beta1 (DCGAN: 0.5)' },
    ...runOptionSpecs('gan'),
  },
  epilog: [
    'Examples:',
    '  npx nx run generative:train-gan -- --out runs/gan-cc                     # DCGAN + CoordConv, ~15 min',
    '  npx nx run generative:train-gan -- --coordconv none --out runs/gan-plain  # the plain baseline, same seed',
    '  npx nx run generative:train-gan -- --resume runs/gan-cc --steps 3000      # continue a run',
    "  npx nx run generative:train-gan -- --config apps/generative/configs/paper-gan.json   # the authors' settings",
  ].join('\n'),
});

export type TrainGanOptions = CliValues<typeof trainGanCli.options>;

export function ganConfigFrom(o: TrainGanOptions): Partial<GanConfig> {
  return {
    arch: o.arch,
    coordconv: o.coordconv,
    preset: o.preset,
    imageSize: Number(o.imageSize) as 32 | 64,
    zDim: o.zDim,
    width: o.width,
    kernelSize: o.kernelSize,
    gStepsPerD: Number(o.gSteps) as 1 | 2,
    batchSize: o.batch,
    lrG: o.lrG,
    lrD: o.lrD,
    beta1: o.beta1,
    seed: o.seed,
  };
}

export async function trainGanMain(o: TrainGanOptions): Promise<void> {
  if (o.arch === 'paper-coordconv' && (o.coordconv === 'none' || o.coordconv === 'd')) {
    throw new CliError(
      `--coordconv ${o.coordconv}: --arch paper-coordconv always has CoordConv in G (a tiled z carries no position); use g or both`,
    );
  }
  await trainAndReport(o, `runs/gan-${o.arch}-${o.coordconv}-s${o.seed}`, (run) =>
    trainGan(ganConfigFrom(o), run),
  );
}
