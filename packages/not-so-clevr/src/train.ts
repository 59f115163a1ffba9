/**
 * The training loop shared by all tasks: Adam, shuffled mini-batches from a seeded `Rng`, a
 * budget in epochs and/or seconds, periodic test evaluation, and early stop once the test
 * headline metric reaches a target (for time-to-accuracy). Tensors stay flat across steps.
 */
import { tf } from '@coordconv/backend';
import { Rng } from '@coordconv/common';

import type { Split } from './splits.js';
import { getTask } from './tasks.js';
import type { Metrics, ModelKind, ModelOptions, Task, TaskName } from './tasks.js';

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

function validate(config: TrainConfig): void {
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
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`train: batchSize must be a positive integer, got ${batchSize}`);
  }
}

/** Mean of each metric over `indices`, evaluated in batches. */
export function evaluate(
  task: Task,
  model: tf.LayersModel,
  indices: Int32Array,
  batchSize = 64,
): Metrics {
  const sums = new Map<string, number>();
  for (let start = 0; start < indices.length; start += batchSize) {
    const batch = indices.subarray(start, start + batchSize);
    const parts = task.metricSums(model, batch);
    for (const [name, t] of Object.entries(parts)) {
      sums.set(name, (sums.get(name) ?? 0) + t.dataSync()[0]);
      t.dispose();
    }
  }
  return Object.fromEntries([...sums].map(([name, s]) => [name, s / indices.length]));
}

function reached(task: Task, value: number, target: number): boolean {
  return task.higherIsBetter ? value >= target : value <= target;
}

/** Builds the task's model and trains it on `split.train`; evaluates on train and test. */
export async function train(config: TrainConfig): Promise<TrainResult> {
  validate(config);
  const task = getTask(config.task);
  const rng = new Rng(config.seed);
  // Weight init: tfjs initializers draw from Math.random-seeded streams unless a seed is given;
  // seeding through tf's global would be shared state, so derive the init from our Rng instead.
  const model = withSeededInit(rng.split().seed(), () =>
    task.buildModel(config.kind, config.model),
  );
  const optimizer = tf.train.adam(config.learningRate);
  const train = config.split.train;
  const stepsPerEpoch = Math.ceil(train.length / config.batchSize);
  const evalEvery = config.evalEvery ?? 1;
  const history: EpochRecord[] = [];
  const t0 = performance.now();
  let trainSeconds = 0;
  let stoppedBy: StopReason = 'epochs';
  let reachedTargetAt: number | undefined;
  let epochsDone = 0;
  const maxEpochs = config.epochs ?? Number.POSITIVE_INFINITY;
  const budget = config.budgetS ?? Number.POSITIVE_INFINITY;

  let globalStep = 0;
  let lossSum = tf.scalar(0);
  let lossSteps = 0;
  /**
   * Closes a record (reading the loss sum back once), evaluates on the test set when asked, and
   * returns whether that evaluation reached `stopAt`.
   */
  const record = (epoch: number, withTest: boolean): boolean => {
    const rec: EpochRecord = {
      epoch: Number(epoch.toFixed(3)),
      step: globalStep,
      trainSeconds,
      meanLoss: lossSum.dataSync()[0] / Math.max(lossSteps, 1),
    };
    lossSum.dispose();
    lossSum = tf.scalar(0);
    lossSteps = 0;
    if (withTest) rec.test = evaluate(task, model, config.split.test, config.evalBatchSize);
    history.push(rec);
    config.onEpoch?.(rec);
    if (
      config.stopAt !== undefined &&
      rec.test &&
      reached(task, rec.test[task.metricName], config.stopAt)
    ) {
      reachedTargetAt = trainSeconds;
      stoppedBy = 'target';
      return true;
    }
    return false;
  };

  training: for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    const order = rng.shuffle(Int32Array.from(train));
    for (let step = 0; step < stepsPerEpoch; step++) {
      if (config.shouldStop?.()) {
        stoppedBy = 'interrupted';
        break training;
      }
      const batch = order.subarray(step * config.batchSize, (step + 1) * config.batchSize);
      const s0 = performance.now();
      const cost = optimizer.minimize(() => task.loss(model, batch), true) as tf.Scalar;
      const next = tf.add(lossSum, cost) as tf.Scalar;
      tf.dispose([lossSum, cost]);
      lossSum = next;
      lossSteps++;
      globalStep++;
      trainSeconds += (performance.now() - s0) / 1000;
      epochsDone = epoch - 1 + (step + 1) / stepsPerEpoch;
      config.onStep?.({ epoch, step: step + 1, stepsPerEpoch, trainSeconds });
      if (trainSeconds >= budget) {
        stoppedBy = 'budget';
        break training;
      }
      const stepEval =
        config.evalEverySteps !== undefined && globalStep % config.evalEverySteps === 0;
      if (stepEval && step + 1 < stepsPerEpoch) {
        if (record(epochsDone, true)) break training;
      }
    }
    const epochEval =
      (evalEvery > 0 && epoch % evalEvery === 0) ||
      (config.evalEverySteps !== undefined && globalStep % config.evalEverySteps === 0);
    if (record(epoch, epochEval)) break;
  }
  if (lossSteps > 0) record(epochsDone, false); // the partial epoch cut by budget or Ctrl-C
  lossSum.dispose();
  optimizer.dispose();
  const result: TrainResult = {
    model,
    params: model.countParams(),
    epochs: Number(epochsDone.toFixed(3)),
    trainSeconds,
    wallSeconds: 0,
    train: evaluate(task, model, config.split.train, config.evalBatchSize),
    test: evaluate(task, model, config.split.test, config.evalBatchSize),
    history,
    stoppedBy,
  };
  if (reachedTargetAt !== undefined) result.reachedTargetAt = reachedTargetAt;
  result.wallSeconds = (performance.now() - t0) / 1000;
  return result;
}

/**
 * Runs `build` with Math.random replaced by a seeded stream, so tfjs initializers (which fall
 * back to Math.random-based seeds) give the same weights for the same seed.
 */
export function withSeededInit<T>(seed: number, build: () => T): T {
  const rng = new Rng(seed);
  const original = Math.random;
  Math.random = () => rng.random();
  try {
    return build();
  } finally {
    Math.random = original;
  }
}
