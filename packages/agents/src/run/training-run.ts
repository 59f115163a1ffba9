/**
 * The training-run shell every algorithm shares (A2C now, Ape-X later): an output directory with
 * config.json, metrics.jsonl (one line per log window) and checkpoint/ (atomic, every
 * `checkpointEvery` updates, at the end and on Ctrl-C), a progress line on stderr, and resume.
 *
 *   outDir/config.json      the run's full config
 *   outDir/metrics.jsonl    {frames, updates, episodes, seconds, fps, meanReturn, minReturn, ...}
 *   outDir/checkpoint/      @coordconv/backend checkpoint: model, optimizer, counters, RNG state
 */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { loadCheckpoint, saveCheckpoint } from '@coordconv/backend';
import {
  MetricsWriter,
  readJsonl,
  Progress,
  onInterrupt,
  writeJsonAtomic,
  type MetricsRecord,
} from '@coordconv/common';
import type { Trainer } from '../core/roles.js';
import { EpisodeWindow } from './episode-window.js';

export interface RunPaths {
  dir: string;
  config: string;
  metrics: string;
  checkpoint: string;
  curve: string;
}

export function runPaths(dir: string): RunPaths {
  return {
    dir,
    config: join(dir, 'config.json'),
    metrics: join(dir, 'metrics.jsonl'),
    checkpoint: join(dir, 'checkpoint'),
    curve: join(dir, 'curve.png'),
  };
}

export interface TrainingRunOptions {
  outDir: string;
  /** The run's full config: written to config.json and into each checkpoint's manifest. */
  config: unknown;
  trainer: Trainer;
  /** Stop once this many frames are done. */
  totalFrames: number;
  /** Updates per metrics line (default 100, SB3's log_interval). */
  logEvery?: number;
  /** Updates between checkpoints (default 1000); one is also written at the end and on stop. */
  checkpointEvery?: number;
  /** Continue from outDir/checkpoint: counters, weights, optimizer, RNG and recent episodes. */
  resume?: boolean;
  /** Draw the progress line on stderr (default true). */
  progress?: boolean;
  /** Label of the progress line (default the algorithm name). */
  label?: string;
  /** Polled between updates; default: Ctrl-C / SIGTERM via `onInterrupt()`. */
  stop?: { readonly stopped: boolean };
  /** Called with each metrics line after it is written. */
  onMetrics?: (record: MetricsRecord) => void;
}

export interface TrainingRunResult {
  paths: RunPaths;
  frames: number;
  updates: number;
  episodes: number;
  /** True when stopped early (Ctrl-C or `stop`). */
  stopped: boolean;
  /** The last metrics line. */
  last: MetricsRecord | undefined;
}

/** Runs `trainer` until `totalFrames` or a stop request, then saves a final checkpoint. */
export async function runTraining(options: TrainingRunOptions): Promise<TrainingRunResult> {
  const { trainer, totalFrames } = options;
  const logEvery = options.logEvery ?? 100;
  const checkpointEvery = options.checkpointEvery ?? 1000;
  const paths = runPaths(options.outDir);
  let window = new EpisodeWindow(100);
  let seconds = 0;
  let episodes = 0;
  if (options.resume) {
    if (!existsSync(paths.checkpoint))
      throw new Error(`cannot resume: no checkpoint at ${paths.checkpoint}`);
    const checkpoint = await loadCheckpoint(paths.checkpoint);
    await trainer.restore(checkpoint);
    window = EpisodeWindow.fromJSON(checkpoint.manifest.extra.episodes);
    seconds = checkpoint.manifest.counters.seconds ?? 0;
    episodes = checkpoint.manifest.counters.episodes ?? 0;
  }
  trainer.totalFrames = totalFrames;
  await writeJsonAtomic(paths.config, options.config);
  const metrics = new MetricsWriter(paths.metrics, { truncate: !options.resume });
  const ownStop = options.stop
    ? undefined
    : onInterrupt('saving a checkpoint after this update; press Ctrl-C again to abort');
  const stop = options.stop ?? (ownStop as { readonly stopped: boolean });
  const progress =
    options.progress === false
      ? undefined
      : new Progress({
          total: totalFrames,
          unit: 'frames',
          label: options.label ?? trainer.algo,
          start: trainer.frames,
        });

  const t0 = performance.now();
  const elapsed = () => seconds + (performance.now() - t0) / 1000;
  let windowStart = performance.now();
  let windowFrames = 0;
  let windowUpdates = 0;
  let sums: Record<string, number> = {};
  let last: MetricsRecord | undefined;

  const save = async () => {
    const contents = trainer.checkpointContents();
    await saveCheckpoint(paths.checkpoint, {
      ...contents,
      config: options.config,
      counters: { ...contents.counters, episodes, seconds: elapsed() },
      extra: { ...contents.extra, episodes: window.toJSON() },
    });
  };

  const log = () => {
    const now = performance.now();
    const s = window.summarize();
    const record: MetricsRecord = {
      frames: trainer.frames,
      updates: trainer.updates,
      episodes,
      seconds: round(elapsed()),
      fps: round(windowFrames / Math.max((now - windowStart) / 1000, 1e-9)),
      ...roundAll(s),
    };
    for (const [k, v] of Object.entries(sums)) record[k] = round(v / Math.max(windowUpdates, 1));
    metrics.write(record);
    options.onMetrics?.(record);
    last = record;
    windowStart = now;
    windowFrames = 0;
    windowUpdates = 0;
    sums = {};
  };

  try {
    let sinceCheckpoint = 0;
    while (trainer.frames < totalFrames && !stop.stopped) {
      // A turn of the event loop: with synchronous envs and backends an update never waits on
      // I/O, and Node delivers signals (Ctrl-C) only between macrotasks.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const report = await trainer.iterate();
      window.add(report.episodes);
      episodes += report.episodes.length;
      windowFrames += report.frames;
      windowUpdates += 1;
      for (const [k, v] of Object.entries(report.metrics)) sums[k] = (sums[k] ?? 0) + v;
      progress?.update(trainer.frames, {
        // Mean return of the last 100 episodes ('-' until one has finished).
        ret100: window.count > 0 ? window.meanReturn : '-',
        ...shortLosses(report.metrics),
      });
      if (windowUpdates >= logEvery) log();
      if (++sinceCheckpoint >= checkpointEvery) {
        await save();
        sinceCheckpoint = 0;
      }
    }
    if (windowUpdates > 0) log();
    // Resumed with nothing left to train: the latest figures are the metrics file's last line.
    if (last === undefined && options.resume) last = readJsonl<MetricsRecord>(paths.metrics).at(-1);
    await save();
    progress?.finish();
  } finally {
    ownStop?.dispose();
  }
  return {
    paths,
    frames: trainer.frames,
    updates: trainer.updates,
    episodes,
    stopped: stop.stopped,
    last,
  };
}

function round(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : x;
}

function roundAll(o: object): Record<string, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v as number)]));
}

/** The losses worth a glance on the progress line. */
function shortLosses(m: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  if (m.policyLoss !== undefined) out.pl = m.policyLoss;
  if (m.valueLoss !== undefined) out.vl = m.valueLoss;
  if (m.entropy !== undefined) out.ent = m.entropy;
  return out;
}
