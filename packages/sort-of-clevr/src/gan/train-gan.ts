/**
 * A GAN training run on Sort-of-CLEVR scenes drawn on the fly: builds (or resumes) G and D, runs
 * the shared loop with one D step then `gStepsPerD` G steps per iteration, writes sample grids
 * from a fixed z, JSONL metrics and checkpoints into the run directory (see run-dir.ts).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { loadCheckpoint, saveCheckpoint, tf } from '@coordconv/backend';
import { MetricsWriter, Rng, writeJsonAtomic, type RngState } from '@coordconv/common';
import { sceneConfig, type SceneConfig } from '../dataset/scene-config.js';
import { generateScenes } from '../dataset/scene.js';
import { writeImageGrid } from '../dataset/grid.js';
import { buildDiscriminator } from '../models/discriminator.js';
import { buildGenerator } from '../models/generators.js';
import { decodeLatents, sampleLatents } from '../training/latents.js';
import { runTrainingLoop, type LoopResult } from '../training/loop.js';
import { readRunInfo, runPaths } from '../training/run-dir.js';
import { resolveGanConfig, type GanConfig } from './gan-config.js';
import { GanUpdater } from './gan-losses.js';

export interface GanRunOptions {
  /** Run directory (created; an existing run there is continued only with `resume`). */
  outDir: string;
  /** Total iterations (one D step + gStepsPerD G steps each). */
  steps: number;
  /** Continue the run in `outDir` from its checkpoint (its saved config wins). */
  resume?: boolean;
  logEvery?: number;
  sampleEvery?: number;
  checkpointEvery?: number;
  /** Stop after this many minutes (with a checkpoint). */
  maxMinutes?: number;
  /** Samples in each grid (the authors drew 10x10). */
  sampleCount?: number;
  stop?: { readonly stopped: boolean };
  /** Progress line on stderr. */
  progress?: boolean;
}

export interface GanRunResult extends LoopResult {
  outDir: string;
  config: GanConfig;
}

/** The scene config a GAN trains on: the preset at the GAN's image size, pixels in [-1, 1]. */
export function ganSceneConfig(cfg: GanConfig): SceneConfig {
  return sceneConfig(cfg.preset, { imageSize: cfg.imageSize, valueRange: 'tanh' });
}

interface GanState {
  config: GanConfig;
  generator: tf.LayersModel;
  discriminator: tf.LayersModel;
  updater: GanUpdater;
  dataRng: Rng;
  noiseRng: Rng;
  step: number;
}

async function freshState(config: GanConfig): Promise<GanState> {
  const root = new Rng(config.seed);
  const [modelRng, dataRng, noiseRng] = root.splitN(3);
  const generator = buildGenerator(config, modelRng);
  const discriminator = buildDiscriminator(config, modelRng);
  return {
    config,
    generator,
    discriminator,
    updater: new GanUpdater(generator, discriminator, config),
    dataRng,
    noiseRng,
    step: 0,
  };
}

async function resumedState(dir: string): Promise<GanState> {
  const info = readRunInfo(dir);
  if (info.kind !== 'gan')
    throw new Error(`cannot resume ${dir} as a GAN: it is a ${info.kind} run`);
  const ckpt = await loadCheckpoint(runPaths(dir).checkpoint);
  const config = resolveGanConfig(ckpt.manifest.config as Partial<GanConfig>);
  const { generator, discriminator } = ckpt.models;
  if (!generator || !discriminator)
    throw new Error(`checkpoint in ${dir} lacks the generator or discriminator model`);
  const updater = new GanUpdater(generator, discriminator, config);
  await ckpt.restoreOptimizer('generator', updater.optimizerG, updater.variables.generator);
  await ckpt.restoreOptimizer('discriminator', updater.optimizerD, updater.variables.discriminator);
  const rng = ckpt.manifest.rng as Record<string, RngState>;
  return {
    config,
    generator,
    discriminator,
    updater,
    dataRng: Rng.fromState(rng.data),
    noiseRng: Rng.fromState(rng.noise),
    step: ckpt.manifest.counters.step ?? 0,
  };
}

/** The fixed latent batch of a run's sample grids (derived from the seed, so it survives resume). */
export function fixedLatents(config: GanConfig, count: number): Float32Array {
  return sampleLatents(new Rng(`${config.seed}:fixed-z`), count, config.zDim, 'uniform');
}

/** Trains a GAN; `config` is ignored when resuming (the checkpoint's config is used). */
export async function trainGan(
  overrides: Partial<GanConfig>,
  options: GanRunOptions,
): Promise<GanRunResult> {
  const dir = options.outDir;
  const paths = runPaths(dir);
  if (!options.resume && existsSync(paths.checkpoint)) {
    throw new Error(
      `${dir} already holds a run; pass resume to continue it or choose another output directory`,
    );
  }
  const state = options.resume
    ? await resumedState(dir)
    : await freshState(resolveGanConfig(overrides));
  const { config, generator, discriminator, updater } = state;
  const scene = ganSceneConfig(config);
  await mkdir(paths.samples, { recursive: true });
  if (!options.resume) {
    await writeJsonAtomic(paths.info, { kind: 'gan', config, scene });
    const examples = generateScenes(new Rng(`${config.seed}:examples`), scene, 64);
    await writeImageGrid(paths.data, examples.images, examples.shape, { cols: 8 });
  }
  const sampleCount = options.sampleCount ?? 100;
  const fixedZ = fixedLatents(config, sampleCount);
  const metrics = new MetricsWriter(paths.metrics);
  const batch = config.batchSize;

  const noise = () =>
    tf.tensor2d(sampleLatents(state.noiseRng, batch, config.zDim, 'uniform'), [batch, config.zDim]);

  try {
    return {
      outDir: dir,
      config,
      ...(await runTrainingLoop(
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
            const { images, shape } = await decodeLatents(
              generator,
              fixedZ,
              sampleCount,
              config.zDim,
            );
            await writeImageGrid(paths.sample(step), images, shape, {
              cols: Math.ceil(Math.sqrt(sampleCount)),
            });
          },
          checkpoint: async (step) => {
            await saveCheckpoint(paths.checkpoint, {
              models: { generator, discriminator },
              optimizers: { generator: updater.optimizerG, discriminator: updater.optimizerD },
              config,
              counters: { step, images: step * batch },
              rng: { data: state.dataRng.getState(), noise: state.noiseRng.getState() },
              extra: { kind: 'gan' },
            });
          },
        },
        {
          startStep: state.step,
          steps: options.steps,
          logEvery: options.logEvery ?? 25,
          sampleEvery: options.sampleEvery ?? 500,
          checkpointEvery: options.checkpointEvery ?? 500,
          maxMinutes: options.maxMinutes,
          stop: options.stop,
          metrics,
          imagesPerStep: batch,
          label: options.progress ? `gan ${config.arch} coordconv=${config.coordconv}` : undefined,
        },
      )),
    };
  } finally {
    updater.dispose();
    generator.dispose();
    discriminator.dispose();
  }
}
