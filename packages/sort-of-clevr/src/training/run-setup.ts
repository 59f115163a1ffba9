/**
 * The run plumbing the GAN and VAE trainers share: refusing to overwrite a run, restoring the
 * data/noise streams and step from a checkpoint, starting the run directory, sample grids,
 * checkpoints and the loop schedule. Model building, update steps and decoding stay with each
 * trainer.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { loadCheckpoint, saveCheckpoint, tf, type LoadedCheckpoint } from '@coordconv/backend';
import { MetricsWriter, Rng, writeJsonAtomic, type RngState } from '@coordconv/common';
import type { SceneConfig, ValueRange } from '../dataset/scene-config.js';
import { generateScenes } from '../dataset/scene.js';
import { writeImageGrid } from '../dataset/grid.js';
import { sampleLatents, type LatentPrior } from './latents.js';
import { runTrainingLoop, type LoopOptions, type LoopResult, type TrainingHooks } from './loop.js';
import { readRunInfo, runPaths } from './run-dir.js';

export type RunKind = 'gan' | 'vae';
export type RunPaths = ReturnType<typeof runPaths>;

/** Options of a training run (GanRunOptions, VaeRunOptions). */
export interface TrainRunOptions {
  /** Run directory (created; an existing run there is continued only with `resume`). */
  outDir: string;
  /** Total steps to reach. */
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

/** Where a run's random streams and step counter stand (saved in and restored from checkpoints). */
export interface RunStreams {
  dataRng: Rng;
  noiseRng: Rng;
  step: number;
}

/** The paths of `options.outDir`; throws when it already holds a run and `resume` is not set. */
export function openRunDir(options: TrainRunOptions): RunPaths {
  const paths = runPaths(options.outDir);
  if (!options.resume && existsSync(paths.checkpoint)) {
    throw new Error(
      `${options.outDir} already holds a run; pass resume to continue it or choose another output directory`,
    );
  }
  return paths;
}

/** The model stream and the data/noise streams of a new run with `seed`, at step 0. */
export function freshStreams(seed: number): { modelRng: Rng; streams: RunStreams } {
  const [modelRng, dataRng, noiseRng] = new Rng(seed).splitN(3);
  return { modelRng, streams: { dataRng, noiseRng, step: 0 } };
}

/** Loads the checkpoint of the `kind` run in `dir` and the streams it was saved with. */
export async function loadRunCheckpoint(
  dir: string,
  kind: RunKind,
): Promise<{ ckpt: LoadedCheckpoint; streams: RunStreams }> {
  const info = readRunInfo(dir);
  if (info.kind !== kind)
    throw new Error(`cannot resume ${dir} as a ${kind.toUpperCase()}: it is a ${info.kind} run`);
  const ckpt = await loadCheckpoint(runPaths(dir).checkpoint);
  const rng = ckpt.manifest.rng as Record<string, RngState>;
  return {
    ckpt,
    streams: {
      dataRng: Rng.fromState(rng.data),
      noiseRng: Rng.fromState(rng.noise),
      step: ckpt.manifest.counters.step ?? 0,
    },
  };
}

/**
 * Creates the samples folder; a new run also gets `run.json` and a grid of 64 training scenes
 * (drawn from their own seed, so they do not move the data stream).
 */
export async function startRunDir(
  paths: RunPaths,
  resume: boolean | undefined,
  info: { kind: RunKind; config: { seed: number }; scene: SceneConfig },
): Promise<void> {
  await mkdir(paths.samples, { recursive: true });
  if (resume) return;
  const { config, scene } = info;
  await writeJsonAtomic(paths.info, info);
  const examples = generateScenes(new Rng(`${config.seed}:examples`), scene, 64);
  await writeImageGrid(paths.data, examples.images, examples.shape, {
    cols: 8,
    valueRange: scene.valueRange,
  });
}

/** The fixed latent batch of a run's sample grids (derived from the seed, so it survives resume). */
export function fixedRunLatents(
  seed: number,
  count: number,
  zDim: number,
  prior: LatentPrior,
): Float32Array {
  return sampleLatents(new Rng(`${seed}:fixed-z`), count, zDim, prior);
}

/** Writes the sample grid of `step` (a square-ish grid of all decoded samples). */
export async function writeSampleGrid(
  paths: RunPaths,
  step: number,
  decoded: { images: Float32Array; shape: [number, number, number, number] },
  valueRange: ValueRange,
): Promise<void> {
  await writeImageGrid(paths.sample(step), decoded.images, decoded.shape, {
    cols: Math.ceil(Math.sqrt(decoded.shape[0])),
    valueRange,
  });
}

/** Saves models, optimizers, config, counters and streams of the `kind` run after `step`. */
export async function saveRunCheckpoint(
  paths: RunPaths,
  step: number,
  run: {
    kind: RunKind;
    models: Record<string, tf.LayersModel>;
    optimizers: Record<string, tf.Optimizer>;
    config: { batchSize: number };
    streams: RunStreams;
  },
): Promise<void> {
  const { kind, models, optimizers, config, streams } = run;
  await saveCheckpoint(paths.checkpoint, {
    models,
    optimizers,
    config,
    counters: { step, images: step * config.batchSize },
    rng: { data: streams.dataRng.getState(), noise: streams.noiseRng.getState() },
    extra: { kind },
  });
}

/** The loop schedule of a run: the options' budgets with the trainers' default intervals. */
function runLoopOptions(
  options: TrainRunOptions,
  paths: RunPaths,
  run: { startStep: number; imagesPerStep: number; label: string },
): LoopOptions {
  return {
    startStep: run.startStep,
    steps: options.steps,
    logEvery: options.logEvery ?? 25,
    sampleEvery: options.sampleEvery ?? 500,
    checkpointEvery: options.checkpointEvery ?? 500,
    maxMinutes: options.maxMinutes,
    stop: options.stop,
    metrics: new MetricsWriter(paths.metrics),
    imagesPerStep: run.imagesPerStep,
    label: options.progress ? run.label : undefined,
  };
}

/**
 * Runs the training loop from `startStep` on the run's schedule (one batch of
 * `config.batchSize` images per step) and returns its result with the run directory and config.
 * Disposes `owned` (updater and models, in that order) however the loop ends.
 */
export async function runTraining<C extends { batchSize: number }>(
  options: TrainRunOptions,
  paths: RunPaths,
  run: { config: C; startStep: number; label: string; owned: { dispose(): unknown }[] },
  hooks: TrainingHooks,
): Promise<LoopResult & { outDir: string; config: C }> {
  const { config, startStep, label, owned } = run;
  try {
    return {
      outDir: options.outDir,
      config,
      ...(await runTrainingLoop(
        hooks,
        runLoopOptions(options, paths, { startStep, imagesPerStep: config.batchSize, label }),
      )),
    };
  } finally {
    for (const o of owned) o.dispose();
  }
}
