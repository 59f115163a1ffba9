/**
 * A VAE training run on Sort-of-CLEVR scenes drawn on the fly (pixels in [0, 1]): builds (or
 * resumes) encoder and decoder, runs the shared loop, reports the ELBO, writes sample grids
 * decoded from a fixed z ~ N(0, I), JSONL metrics and checkpoints (layout: run-dir.ts).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { loadCheckpoint, saveCheckpoint, tf } from '@coordconv/backend';
import { MetricsWriter, Rng, writeJsonAtomic, type RngState } from '@coordconv/common';
import { sceneConfig, type SceneConfig } from '../dataset/scene-config.js';
import { generateScenes } from '../dataset/scene.js';
import { writeImageGrid } from '../dataset/grid.js';
import { buildDecoder, buildEncoder } from '../models/vae-networks.js';
import { decodeLatents, sampleLatents } from '../training/latents.js';
import { runTrainingLoop, type LoopResult } from '../training/loop.js';
import { readRunInfo, runPaths } from '../training/run-dir.js';
import { resolveVaeConfig, type VaeConfig } from './vae-config.js';
import { VaeUpdater } from './vae-losses.js';

export interface VaeRunOptions {
  outDir: string;
  steps: number;
  resume?: boolean;
  logEvery?: number;
  sampleEvery?: number;
  checkpointEvery?: number;
  maxMinutes?: number;
  sampleCount?: number;
  stop?: { readonly stopped: boolean };
  progress?: boolean;
}

export interface VaeRunResult extends LoopResult {
  outDir: string;
  config: VaeConfig;
}

/** The scene config a VAE trains on: the preset at the VAE's image size, pixels in [0, 1]. */
export function vaeSceneConfig(cfg: VaeConfig): SceneConfig {
  return sceneConfig(cfg.preset, { imageSize: cfg.imageSize, valueRange: 'unit' });
}

interface VaeState {
  config: VaeConfig;
  encoder: tf.LayersModel;
  decoder: tf.LayersModel;
  updater: VaeUpdater;
  dataRng: Rng;
  noiseRng: Rng;
  step: number;
}

function freshState(config: VaeConfig): VaeState {
  const [modelRng, dataRng, noiseRng] = new Rng(config.seed).splitN(3);
  const encoder = buildEncoder(config, modelRng);
  const decoder = buildDecoder(config, modelRng);
  return {
    config,
    encoder,
    decoder,
    updater: new VaeUpdater(encoder, decoder, config),
    dataRng,
    noiseRng,
    step: 0,
  };
}

async function resumedState(dir: string): Promise<VaeState> {
  const info = readRunInfo(dir);
  if (info.kind !== 'vae')
    throw new Error(`cannot resume ${dir} as a VAE: it is a ${info.kind} run`);
  const ckpt = await loadCheckpoint(runPaths(dir).checkpoint);
  const config = resolveVaeConfig(ckpt.manifest.config as Partial<VaeConfig>);
  const { encoder, decoder } = ckpt.models;
  if (!encoder || !decoder)
    throw new Error(`checkpoint in ${dir} lacks the encoder or decoder model`);
  const updater = new VaeUpdater(encoder, decoder, config);
  await ckpt.restoreOptimizer('vae', updater.optimizer, updater.variables);
  const rng = ckpt.manifest.rng as Record<string, RngState>;
  return {
    config,
    encoder,
    decoder,
    updater,
    dataRng: Rng.fromState(rng.data),
    noiseRng: Rng.fromState(rng.noise),
    step: ckpt.manifest.counters.step ?? 0,
  };
}

/** Trains a VAE; `overrides` are ignored when resuming (the checkpoint's config is used). */
export async function trainVae(
  overrides: Partial<VaeConfig>,
  options: VaeRunOptions,
): Promise<VaeRunResult> {
  const dir = options.outDir;
  const paths = runPaths(dir);
  if (!options.resume && existsSync(paths.checkpoint)) {
    throw new Error(
      `${dir} already holds a run; pass resume to continue it or choose another output directory`,
    );
  }
  const state = options.resume ? await resumedState(dir) : freshState(resolveVaeConfig(overrides));
  const { config, encoder, decoder, updater } = state;
  const scene = vaeSceneConfig(config);
  await mkdir(paths.samples, { recursive: true });
  if (!options.resume) {
    await writeJsonAtomic(paths.info, { kind: 'vae', config, scene });
    const examples = generateScenes(new Rng(`${config.seed}:examples`), scene, 64);
    await writeImageGrid(paths.data, examples.images, examples.shape, {
      cols: 8,
      valueRange: 'unit',
    });
  }
  const sampleCount = options.sampleCount ?? 100;
  const fixedZ = sampleLatents(
    new Rng(`${config.seed}:fixed-z`),
    sampleCount,
    config.zDim,
    'normal',
  );
  const metrics = new MetricsWriter(paths.metrics);
  const batch = config.batchSize;

  try {
    return {
      outDir: dir,
      config,
      ...(await runTrainingLoop(
        {
          step: () => {
            const data = generateScenes(state.dataRng, scene, batch);
            const x = tf.tensor4d(data.images, data.shape);
            const eps = tf.tensor2d(sampleLatents(state.noiseRng, batch, config.zDim, 'normal'), [
              batch,
              config.zDim,
            ]);
            const r = updater.step(x, eps);
            tf.dispose([x, eps]);
            return { loss: r.loss, elbo: r.elbo, reconstruction: r.reconstruction, kl: r.kl };
          },
          sample: async (step) => {
            const { images, shape } = await decodeLatents(
              decoder,
              fixedZ,
              sampleCount,
              config.zDim,
              50,
              tf.sigmoid,
            );
            await writeImageGrid(paths.sample(step), images, shape, {
              cols: Math.ceil(Math.sqrt(sampleCount)),
              valueRange: 'unit',
            });
          },
          checkpoint: async (step) => {
            await saveCheckpoint(paths.checkpoint, {
              models: { encoder, decoder },
              optimizers: { vae: updater.optimizer },
              config,
              counters: { step, images: step * batch },
              rng: { data: state.dataRng.getState(), noise: state.noiseRng.getState() },
              extra: { kind: 'vae' },
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
          label: options.progress
            ? `vae coordconv=${config.coordconv} ${config.likelihood}`
            : undefined,
        },
      )),
    };
  } finally {
    updater.dispose();
    encoder.dispose();
    decoder.dispose();
  }
}
