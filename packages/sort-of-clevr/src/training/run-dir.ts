/**
 * The layout of a training run directory, shared by the trainers and the CLIs:
 *   run.json          what was trained: kind (gan | vae), model config and scene config
 *   metrics.jsonl     one line per log interval
 *   samples/step-NNNNNN.png   sample grids from a fixed latent batch
 *   data.png          a grid of training scenes
 *   checkpoint/       @coordconv/backend checkpoint (models, optimizers, counters, RNG state)
 *   eval/             what `evaluate` writes (metrics.json, coverage.png, samples.png)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SceneConfig } from '../dataset/scene-config.js';
import type { GanConfig } from '../gan/gan-config.js';
import type { VaeConfig } from '../vae/vae-config.js';

export type RunInfo =
  | { kind: 'gan'; config: GanConfig; scene: SceneConfig }
  | { kind: 'vae'; config: VaeConfig; scene: SceneConfig };

export const runPaths = (dir: string) => ({
  info: join(dir, 'run.json'),
  metrics: join(dir, 'metrics.jsonl'),
  samples: join(dir, 'samples'),
  sample: (step: number) => join(dir, 'samples', `step-${String(step).padStart(6, '0')}.png`),
  data: join(dir, 'data.png'),
  checkpoint: join(dir, 'checkpoint'),
  eval: join(dir, 'eval'),
});

/** Reads `run.json` of a run directory; errors say what is missing. */
export function readRunInfo(dir: string): RunInfo {
  const path = runPaths(dir).info;
  if (!existsSync(path))
    throw new Error(
      `${dir} is not a training run: ${path} not found (train one with generative:train-gan or train-vae)`,
    );
  const info = JSON.parse(readFileSync(path, 'utf8')) as { kind?: unknown };
  if (info.kind !== 'gan' && info.kind !== 'vae')
    throw new Error(`${path}: kind must be gan or vae, got ${JSON.stringify(info.kind)}`);
  return info as RunInfo;
}
