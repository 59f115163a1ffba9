/**
 * Agent roles as small interfaces, after Acme (acme/core.py): an `Actor` picks actions, a
 * `Learner` turns experience into new parameters, and a `Trainer` wires them to environments
 * for the shared training-run shell (run/training-run.ts). A2C and Ape-X implement the same
 * roles, so the CLI, checkpoints and metrics work for both.
 */
import type { CheckpointContents, LoadedCheckpoint } from '@coordconv/backend';

/** Actions for a batch of observations. */
export interface Actor {
  /** Sampled (exploring) actions for `count` observations laid out `[count, ...obsShape]`. */
  selectActions(obs: ArrayLike<number>, count: number): Promise<Int32Array>;
  /** The greedy (most probable / highest-valued) actions, for evaluation. */
  greedyActions(obs: ArrayLike<number>, count: number): Promise<Int32Array>;
}

/** One learning step from a batch of experience; returns its scalar metrics. */
export interface Learner<Batch, Metrics extends Record<string, number>> {
  step(batch: Batch): Metrics;
}

/** Something whose state goes into (and comes back from) a checkpoint. */
export interface Saveable {
  /** Models, optimizers, counters and RNG state to save. */
  checkpointContents(): CheckpointContents;
  /** Restores what `checkpointContents` saved. */
  restore(checkpoint: LoadedCheckpoint): Promise<void>;
}

/** One finished episode. */
export interface EpisodeRecord {
  /** Undiscounted return (the Pac-Man score change over the episode). */
  return: number;
  /** Length in agent steps. */
  length: number;
  /** True on a win, false on a loss, undefined when the env does not say (info.win). */
  win?: boolean;
}

/** What one `Trainer.iterate()` did. */
export interface IterationReport {
  /** Environment frames consumed by this iteration (all envs). */
  frames: number;
  /** Episodes that finished during it. */
  episodes: EpisodeRecord[];
  /** Scalar training metrics (losses, entropy, learning rate, ...). */
  metrics: Record<string, number>;
}

/**
 * An algorithm ready to train: the training-run shell calls `iterate()` until the frame budget
 * is spent or the user stops it, saving checkpoints in between.
 */
export interface Trainer extends Saveable {
  /** Algorithm name, e.g. 'a2c'. */
  readonly algo: string;
  /** Frames consumed so far (restored from a checkpoint on resume). */
  readonly frames: number;
  /** Learner updates so far. */
  readonly updates: number;
  /** Total frames of the run (for learning-rate schedules). */
  totalFrames: number;
  iterate(): Promise<IterationReport>;
  /** Releases environments, workers and tensors. */
  close(): Promise<void>;
}
