/**
 * A GAN training run on Sort-of-CLEVR scenes drawn on the fly: builds (or resumes) G and D, runs
 * the shared loop with one D step then `gStepsPerD` G steps per iteration, writes sample grids
 * from a fixed z, JSONL metrics and checkpoints into the run directory (see run-dir.ts).
 */
import { tf } from '@coordconv/backend';
import { sceneConfig, type SceneConfig } from '../dataset/scene-config.js';
import { generateScenes } from '../dataset/scene.js';
import { buildDiscriminator } from '../models/discriminator.js';
import { buildGenerator } from '../models/generators.js';
import { decodeLatents, sampleLatents } from '../training/latents.js';
import type { LoopResult } from '../training/loop.js';
import {
  fixedRunLatents,
  freshStreams,
  loadRunCheckpoint,
  openRunDir,
  runTraining,
  saveRunCheckpoint,
  startRunDir,
  writeSampleGrid,
  type RunStreams,
  type TrainRunOptions,
} from '../training/run-setup.js';
import { resolveGanConfig, type GanConfig } from './gan-config.js';
import { GanUpdater } from './gan-losses.js';

export interface GanRunOptions extends TrainRunOptions {
  /** Total iterations (one D step + gStepsPerD G steps each). */
  steps: number;
}

export interface GanRunResult extends LoopResult {
  outDir: string;
  config: GanConfig;
}

/** The scene config a GAN trains on: the preset at the GAN's image size, pixels in [-1, 1]. */
export function ganSceneConfig(cfg: GanConfig): SceneConfig {
  return sceneConfig(cfg.preset, { imageSize: cfg.imageSize, valueRange: 'tanh' });
}

interface GanState extends RunStreams {
  config: GanConfig;
  generator: tf.LayersModel;
  discriminator: tf.LayersModel;
  updater: GanUpdater;
}

function freshState(config: GanConfig): GanState {
  const { modelRng, streams } = freshStreams(config.seed);
  const generator = buildGenerator(config, modelRng);
  const discriminator = buildDiscriminator(config, modelRng);
  return {
    config,
    generator,
    discriminator,
    updater: new GanUpdater(generator, discriminator, config),
    ...streams,
  };
}

async function resumedState(dir: string): Promise<GanState> {
  const { ckpt, streams } = await loadRunCheckpoint(dir, 'gan');
  const config = resolveGanConfig(ckpt.manifest.config as Partial<GanConfig>);
  const { generator, discriminator } = ckpt.models;
  if (!generator || !discriminator)
    throw new Error(`checkpoint in ${dir} lacks the generator or discriminator model`);
  const updater = new GanUpdater(generator, discriminator, config);
  await ckpt.restoreOptimizer('generator', updater.optimizerG, updater.variables.generator);
  await ckpt.restoreOptimizer('discriminator', updater.optimizerD, updater.variables.discriminator);
  return { config, generator, discriminator, updater, ...streams };
}

/** The fixed latent batch of a run's sample grids (derived from the seed, so it survives resume). */
export function fixedLatents(config: GanConfig, count: number): Float32Array {
  return fixedRunLatents(config.seed, count, config.zDim, 'uniform');
}

/** Trains a GAN; `config` is ignored when resuming (the checkpoint's config is used). */
export async function trainGan(
  overrides: Partial<GanConfig>,
  options: GanRunOptions,
): Promise<GanRunResult> {
  const paths = openRunDir(options);
  const state = options.resume
    ? await resumedState(options.outDir)
    : freshState(resolveGanConfig(overrides));
  const { config, generator, discriminator, updater } = state;
  const scene = ganSceneConfig(config);
  await startRunDir(paths, options.resume, { kind: 'gan', config, scene });
  const sampleCount = options.sampleCount ?? 100;
  const fixedZ = fixedLatents(config, sampleCount);
  const batch = config.batchSize;

  const noise = () =>
    tf.tensor2d(sampleLatents(state.noiseRng, batch, config.zDim, 'uniform'), [batch, config.zDim]);

  return runTraining(
    options,
    paths,
    {
      config,
      startStep: state.step,
      label: `gan ${config.arch} coordconv=${config.coordconv}`,
      owned: [updater, generator, discriminator],
    },
    {
      step: () => {
        const data = generateScenes(state.dataRng, scene, batch);
        const real = tf.tensor4d(data.images, data.shape);
        const z = noise();
        const d = updater.discriminatorStep(real, z);
        tf.dispose([real, z]);
        const gLosses: tf.Scalar[] = [];
        for (let k = 0; k < config.gStepsPerD; k++) {
          const zg = noise();
          gLosses.push(updater.generatorStep(zg));
          zg.dispose();
        }
        const gLoss = tf.tidy(() => tf.mean(tf.stack(gLosses)) as tf.Scalar);
        tf.dispose(gLosses);
        return { d_loss: d.loss, g_loss: gLoss, d_real: d.realScore, d_fake: d.fakeScore };
      },
      sample: async (step) => {
        const decoded = await decodeLatents(generator, fixedZ, sampleCount, config.zDim);
        await writeSampleGrid(paths, step, decoded, scene.valueRange);
      },
      checkpoint: (step) =>
        saveRunCheckpoint(paths, step, {
          kind: 'gan',
          models: { generator, discriminator },
          optimizers: { generator: updater.optimizerG, discriminator: updater.optimizerD },
          config,
          streams: state,
        }),
    },
  );
}
