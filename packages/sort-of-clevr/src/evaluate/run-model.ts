/**
 * The image model of a finished (or running) run: the GAN's generator or the VAE's decoder, loaded
 * from the run's checkpoint, with what a consumer needs to sample it (latent size, prior, output
 * range). Used by `evaluate` and by the interpolation CLI.
 */
import { loadCheckpoint, tf } from '@coordconv/backend';
import type { SceneConfig } from '../dataset/scene-config.js';
import type { LatentPrior } from '../training/latents.js';
import { readRunInfo, runPaths, type RunInfo } from '../training/run-dir.js';

export interface RunModel {
  info: RunInfo;
  /** z [n, zDim] -> images [n, size, size, 3] in `scene.valueRange`. */
  model: tf.LayersModel;
  /** For a VAE: sigmoid turns the decoder's logits into pixel means. */
  transform?: (y: tf.Tensor) => tf.Tensor;
  zDim: number;
  prior: LatentPrior;
  scene: SceneConfig;
  /** Training steps behind the checkpoint. */
  step: number;
  /** A description, e.g. `gan dcgan coordconv=both @2000`. */
  label: string;
  /** A panel label of at most 16 characters, e.g. `DCGAN+CC`, `DCGAN+CC(G)`, `VAE`. */
  shortLabel: string;
  dispose(): void;
}

const PLACEMENT_SUFFIX: Record<string, string> = {
  none: '',
  both: '+CC',
  g: '+CC(G)',
  d: '+CC(D)',
  encoder: '+CC(E)',
  decoder: '+CC(D)',
};

function shortLabel(info: RunInfo): string {
  if (info.kind === 'vae') return `VAE${PLACEMENT_SUFFIX[info.config.coordconv]}`;
  if (info.config.arch === 'paper-coordconv')
    return info.config.coordconv === 'both' ? 'CC-G+CC(D)' : 'CC-G';
  return `DCGAN${PLACEMENT_SUFFIX[info.config.coordconv]}`;
}

/** Loads the generator (GAN) or decoder (VAE) of the run in `dir`. */
export async function loadRunModel(dir: string): Promise<RunModel> {
  const info = readRunInfo(dir);
  const ckpt = await loadCheckpoint(runPaths(dir).checkpoint);
  const want = info.kind === 'gan' ? 'generator' : 'decoder';
  const model = ckpt.models[want];
  for (const [name, m] of Object.entries(ckpt.models)) if (name !== want) m.dispose();
  if (!model)
    throw new Error(
      `checkpoint of ${dir} has no ${want} model (it has ${Object.keys(ckpt.models).join(', ')})`,
    );
  const step = ckpt.manifest.counters.step ?? 0;
  const label =
    info.kind === 'gan'
      ? `gan ${info.config.arch} coordconv=${info.config.coordconv} @${step}`
      : `vae coordconv=${info.config.coordconv} @${step}`;
  return {
    info,
    model,
    shortLabel: shortLabel(info),
    transform: info.kind === 'vae' ? tf.sigmoid : undefined,
    zDim: info.config.zDim,
    prior: info.kind === 'gan' ? 'uniform' : 'normal',
    scene: info.scene,
    step,
    label,
    dispose: () => model.dispose(),
  };
}
