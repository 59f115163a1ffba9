/**
 * A VAE training run on Sort-of-CLEVR scenes drawn on the fly (pixels in [0, 1]): builds (or
 * resumes) encoder and decoder, runs the shared loop, reports the ELBO, writes sample grids
 * decoded from a fixed z ~ N(0, I), JSONL metrics and checkpoints (layout: run-dir.ts).
 */
import { tf } from '@coordconv/backend';
import { sceneConfig, type SceneConfig } from '../dataset/scene-config.js';
import { generateScenes } from '../dataset/scene.js';
import { buildDecoder, buildEncoder } from '../models/vae-networks.js';
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
import { resolveVaeConfig, type VaeConfig } from './vae-config.js';
import { VaeUpdater } from './vae-losses.js';

export type VaeRunOptions = TrainRunOptions;

export interface VaeRunResult extends LoopResult {
  outDir: string;
  config: VaeConfig;
}

/** The scene config a VAE trains on: the preset at the VAE's image size, pixels in [0, 1]. */
export function vaeSceneConfig(cfg: VaeConfig): SceneConfig {
  return sceneConfig(cfg.preset, { imageSize: cfg.imageSize, valueRange: 'unit' });
}

interface VaeState extends RunStreams {
  config: VaeConfig;
  encoder: tf.LayersModel;
  decoder: tf.LayersModel;
  updater: VaeUpdater;
}

function freshState(config: VaeConfig): VaeState {
  const { modelRng, streams } = freshStreams(config.seed);
  const encoder = buildEncoder(config, modelRng);
  const decoder = buildDecoder(config, modelRng);
  return {
    config,
    encoder,
    decoder,
    updater: new VaeUpdater(encoder, decoder, config),
    ...streams,
  };
}

async function resumedState(dir: string): Promise<VaeState> {
  const { ckpt, streams } = await loadRunCheckpoint(dir, 'vae');
  const config = resolveVaeConfig(ckpt.manifest.config as Partial<VaeConfig>);
  const { encoder, decoder } = ckpt.models;
  if (!encoder || !decoder)
    throw new Error(`checkpoint in ${dir} lacks the encoder or decoder model`);
  const updater = new VaeUpdater(encoder, decoder, config);
  await ckpt.restoreOptimizer('vae', updater.optimizer, updater.variables);
  return { config, encoder, decoder, updater, ...streams };
}

/** Trains a VAE; `overrides` are ignored when resuming (the checkpoint's config is used). */
export async function trainVae(
  overrides: Partial<VaeConfig>,
  options: VaeRunOptions,
): Promise<VaeRunResult> {
  const paths = openRunDir(options);
  const state = options.resume
    ? await resumedState(options.outDir)
    : freshState(resolveVaeConfig(overrides));
  const { config, encoder, decoder, updater } = state;
  const scene = vaeSceneConfig(config);
  await startRunDir(paths, options.resume, { kind: 'vae', config, scene });
  const sampleCount = options.sampleCount ?? 100;
  const fixedZ = fixedRunLatents(config.seed, sampleCount, config.zDim, 'normal');
  const batch = config.batchSize;

  return runTraining(
    options,
    paths,
    {
      config,
      startStep: state.step,
      label: `vae coordconv=${config.coordconv} ${config.likelihood}`,
      owned: [updater, encoder, decoder],
    },
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
        const decoded = await decodeLatents(
          decoder,
          fixedZ,
          sampleCount,
          config.zDim,
          50,
          tf.sigmoid,
        );
        await writeSampleGrid(paths, step, decoded, scene.valueRange);
      },
      checkpoint: (step) =>
        saveRunCheckpoint(paths, step, {
          kind: 'vae',
          models: { encoder, decoder },
          optimizers: { vae: updater.optimizer },
          config,
          streams: state,
        }),
    },
  );
}
