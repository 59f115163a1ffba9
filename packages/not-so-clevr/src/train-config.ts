/** Configuration and records of `train` (train.ts). */
import type { tf } from '@coordconv/backend';

import type { Split } from './splits.js';
import type { Metrics, ModelKind, ModelOptions, TaskName } from './tasks.js';

export interface TrainConfig {
  task: TaskName;
  kind: ModelKind;
  split: Split;
  /** Architecture options (width multiplier, filter size, l2, regressor variant). */
  model?: ModelOptions;
  learningRate: number;
  batchSize: number;
  /** Stop after this many epochs. At least one of `epochs` and `budgetS` is required. */
  epochs?: number;
  /** Stop once training steps (evaluation excluded) have taken this many seconds. */
  budgetS?: number;
  /** Seed of the weight init (tfjs global seed is not used) and batch order. */
  seed: number;
  /** Evaluate on the test set every this many epochs (0: only at the end). Default 1. */
  evalEvery?: number;
  /** Also evaluate on the test set every this many steps (for time-to-accuracy). Default: off. */
  evalEverySteps?: number;
  /**
   * Initializations to try (default 1), narrowed by successive halving: each round, every
   * surviving candidate trains `restartSteps` more steps and the half with the lowest training
   * loss survives, until one is left (its steps count as training; all of them count against the
   * budget). The max-pooled CoordConv regressor needs it: from some inits the maximum never
   * lands on the input pixel and training stalls at the mean prediction.
   */
  restarts?: number;
  /** Steps per candidate per round when `restarts` > 1. Default 50. */
  restartSteps?: number;
  /**
   * Training examples held out while candidates are compared, which are then ranked by the
   * task's headline metric on them instead of by training loss (`selectionHoldout` builds one
   * per split). The survivor then trains on the whole training set.
   */
  restartValidation?: Int32Array;
  /** Stop as soon as a test evaluation reaches this headline value (e.g. 1 = 100% accuracy). */
  stopAt?: number;
  /** Batch size for evaluation. Default 64. */
  evalBatchSize?: number;
  /** Called after every step (cheap: no data is read back). */
  onStep?(info: StepInfo): void;
  /** Called after every epoch with its record. */
  onEpoch?(record: EpochRecord): void;
  /** Polled between steps; true stops training (e.g. Ctrl-C). */
  shouldStop?(): boolean;
}

export interface StepInfo {
  epoch: number;
  step: number;
  stepsPerEpoch: number;
  trainSeconds: number;
}

export interface EpochRecord {
  /** Epochs done at this record (fractional for mid-epoch evaluations). */
  epoch: number;
  /** Optimizer steps so far. */
  step: number;
  /** Training seconds so far (evaluation excluded). */
  trainSeconds: number;
  /** Mean training loss since the previous record. */
  meanLoss: number;
  /** Test metrics when evaluated at this epoch. */
  test?: Metrics;
}

export type StopReason = 'epochs' | 'budget' | 'target' | 'interrupted';

export interface TrainResult {
  model: tf.LayersModel;
  params: number;
  /** Epochs of training done (fractional when stopped mid-epoch). */
  epochs: number;
  /** Seconds spent in training steps. */
  trainSeconds: number;
  /** Wall seconds including evaluation. */
  wallSeconds: number;
  train: Metrics;
  test: Metrics;
  history: EpochRecord[];
  stoppedBy: StopReason;
  /** Training seconds at the first test evaluation that reached `stopAt`. */
  reachedTargetAt?: number;
}

export function validateTrainConfig(config: TrainConfig): void {
  const { epochs, budgetS, learningRate, batchSize } = config;
  if (epochs === undefined && budgetS === undefined) {
    throw new RangeError('train: give epochs, budgetS or both (got neither)');
  }
  if (epochs !== undefined && !(Number.isInteger(epochs) && epochs > 0)) {
    throw new RangeError(`train: epochs must be a positive integer, got ${epochs}`);
  }
  if (budgetS !== undefined && !(budgetS > 0))
    throw new RangeError(`train: budgetS must be > 0, got ${budgetS}`);
  if (!(learningRate > 0))
    throw new RangeError(`train: learningRate must be > 0, got ${learningRate}`);
  for (const [field, v] of [
    ['restarts', config.restarts],
    ['restartSteps', config.restartSteps],
  ] as const) {
    if (v !== undefined && !(Number.isInteger(v) && v >= 1)) {
      throw new RangeError(`train: ${field} must be a positive integer, got ${v}`);
    }
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`train: batchSize must be a positive integer, got ${batchSize}`);
  }
}
