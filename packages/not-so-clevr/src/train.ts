/**
 * The training loop shared by all tasks: Adam, shuffled mini-batches from a seeded `Rng`, a
 * budget in epochs and/or seconds, optional best-of-N initialization, periodic test evaluation,
 * and early stop once the test headline metric reaches a target (for time-to-accuracy).
 * Tensors stay flat across steps: losses are summed on the device and read once per record.
 */
import { tf } from '@coordconv/backend';
import { Rng } from '@coordconv/common';

import { getTask } from './tasks.js';
import type { Metrics, Task } from './tasks.js';
import { validateTrainConfig } from './train-config.js';
import type { EpochRecord, StopReason, TrainConfig, TrainResult } from './train-config.js';

/** Mean of each metric over `indices`, evaluated in batches. */
export function evaluate(
  task: Task,
  model: tf.LayersModel,
  indices: Int32Array,
  batchSize = 64,
): Metrics {
  const sums = new Map<string, number>();
  for (let start = 0; start < indices.length; start += batchSize) {
    const parts = task.metricSums(model, indices.subarray(start, start + batchSize));
    for (const [name, t] of Object.entries(parts)) {
      sums.set(name, (sums.get(name) ?? 0) + t.dataSync()[0]);
      t.dispose();
    }
  }
  return Object.fromEntries([...sums].map(([name, s]) => [name, s / indices.length]));
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

/** A model with its optimizer, stepping through shuffled epochs of the training set. */
class Learner {
  readonly optimizer: tf.Optimizer;
  private order = new Int32Array(0);
  private cursor = 0;
  /** Loss summed on the device since the last `takeMeanLoss`. */
  private lossSum: tf.Scalar = tf.scalar(0);
  private lossSteps = 0;
  steps = 0;

  constructor(
    readonly model: tf.LayersModel,
    learningRate: number,
    private readonly task: Task,
    private train: Int32Array,
    private readonly batchSize: number,
    private readonly rng: Rng,
  ) {
    this.optimizer = tf.train.adam(learningRate);
  }

  get stepsPerEpoch(): number {
    return Math.ceil(this.train.length / this.batchSize);
  }

  /** Trains on `indices` from the next epoch on (the current epoch's order is dropped). */
  setTrainingSet(indices: Int32Array): void {
    this.train = indices;
    this.order = new Int32Array(0);
    this.cursor = 0;
  }

  /** One optimizer step on the next mini-batch (reshuffling at each epoch start). */
  step(): void {
    if (this.cursor >= this.order.length) {
      this.order = this.rng.shuffle(Int32Array.from(this.train));
      this.cursor = 0;
    }
    const batch = this.order.subarray(this.cursor, this.cursor + this.batchSize);
    this.cursor += this.batchSize;
    const cost = this.optimizer.minimize(
      () => this.task.loss(this.model, batch),
      true,
    ) as tf.Scalar;
    const next = tf.add(this.lossSum, cost) as tf.Scalar;
    tf.dispose([this.lossSum, cost]);
    this.lossSum = next;
    this.lossSteps++;
    this.steps++;
  }

  /** Mean loss since the last call (one read from the device). */
  takeMeanLoss(): number {
    const mean = this.lossSum.dataSync()[0] / Math.max(this.lossSteps, 1);
    this.lossSum.dispose();
    this.lossSum = tf.scalar(0);
    this.lossSteps = 0;
    return mean;
  }

  dispose(disposeModel: boolean): void {
    this.lossSum.dispose();
    this.optimizer.dispose();
    if (disposeModel) this.model.dispose();
  }
}

/** Builds the task's model and trains it on `split.train`; evaluates on train and test. */
export async function train(config: TrainConfig): Promise<TrainResult> {
  validateTrainConfig(config);
  const task = getTask(config.task);
  const rng = new Rng(config.seed);
  const t0 = performance.now();
  const maxEpochs = config.epochs ?? Number.POSITIVE_INFINITY;
  const budget = config.budgetS ?? Number.POSITIVE_INFINITY;
  const evalEvery = config.evalEvery ?? 1;
  const history: EpochRecord[] = [];
  let trainSeconds = 0;
  let stoppedBy: StopReason = 'epochs';
  let reachedTargetAt: number | undefined;

  const newLearner = () =>
    new Learner(
      withSeededInit(rng.split().seed(), () => task.buildModel(config.kind, config.model)),
      config.learningRate,
      task,
      config.split.train,
      config.batchSize,
      rng.split(),
    );
  const timedStep = (learner: Learner) => {
    const s0 = performance.now();
    learner.step();
    trainSeconds += (performance.now() - s0) / 1000;
  };

  // Best of N initializations by successive halving: every round, each surviving candidate
  // trains `restartSteps` more steps and the better half survives, until one is left. "Better":
  // the headline metric on `restartValidation` (held out of the candidates' training) when
  // given, else the training loss over the second half of the round.
  let learner: Learner;
  const restarts = config.restarts ?? 1;
  if (restarts > 1) {
    const steps = config.restartSteps ?? 50;
    const validation = config.restartValidation;
    const held = new Set(validation ?? []);
    const selectionTrain = validation
      ? config.split.train.filter((k) => !held.has(k))
      : config.split.train;
    const sign = task.higherIsBetter ? -1 : 1;
    let alive = Array.from({ length: restarts }, () => {
      const l = newLearner();
      l.setTrainingSet(selectionTrain);
      return l;
    });
    // The budget and Ctrl-C apply here too: once either runs out, the round ends early and
    // the best candidate scored so far (or the first, if none finished) goes on.
    const outOfTime = () => trainSeconds >= budget || (config.shouldStop?.() ?? false);
    while (alive.length > 1) {
      const scored: { candidate: Learner; score: number }[] = [];
      for (const candidate of alive) {
        if (outOfTime()) break;
        for (let s = 0; s < steps && !outOfTime(); s++) {
          if (s === Math.floor(steps / 2)) candidate.takeMeanLoss();
          timedStep(candidate);
        }
        const loss = candidate.takeMeanLoss();
        const score = validation
          ? sign *
            evaluate(task, candidate.model, validation, config.evalBatchSize)[task.metricName]
          : loss;
        scored.push({ candidate, score });
      }
      if (scored.length === 0) scored.push({ candidate: alive[0], score: 0 });
      scored.sort((a, b) => a.score - b.score);
      const keep = outOfTime() ? 1 : Math.ceil(scored.length / 2);
      const survivors = scored.slice(0, keep).map((x) => x.candidate);
      for (const candidate of alive) if (!survivors.includes(candidate)) candidate.dispose(true);
      alive = survivors;
    }
    learner = alive[0];
    learner.setTrainingSet(config.split.train);
  } else {
    learner = newLearner();
  }

  const stepsPerEpoch = learner.stepsPerEpoch;
  const epochsDone = () => learner.steps / stepsPerEpoch;
  /** Closes a record; evaluates when asked; returns whether that evaluation reached `stopAt`. */
  const record = (withTest: boolean): boolean => {
    const rec: EpochRecord = {
      epoch: Number(epochsDone().toFixed(3)),
      step: learner.steps,
      trainSeconds,
      meanLoss: learner.takeMeanLoss(),
    };
    if (withTest) rec.test = evaluate(task, learner.model, config.split.test, config.evalBatchSize);
    history.push(rec);
    config.onEpoch?.(rec);
    const hit =
      config.stopAt !== undefined &&
      rec.test !== undefined &&
      reached(task, rec.test[task.metricName], config.stopAt);
    if (hit) {
      reachedTargetAt = trainSeconds;
      stoppedBy = 'target';
    }
    return hit;
  };

  let pending = false; // steps since the last record
  while (epochsDone() < maxEpochs) {
    if (config.shouldStop?.()) {
      stoppedBy = 'interrupted';
      break;
    }
    if (trainSeconds >= budget) {
      stoppedBy = 'budget'; // spent choosing among initializations
      break;
    }
    timedStep(learner);
    pending = true;
    const epoch = Math.ceil(epochsDone());
    config.onStep?.({
      epoch,
      step: learner.steps - (epoch - 1) * stepsPerEpoch,
      stepsPerEpoch,
      trainSeconds,
    });
    if (trainSeconds >= budget) {
      stoppedBy = 'budget';
      break;
    }
    const epochEnd = learner.steps % stepsPerEpoch === 0;
    const stepEval =
      config.evalEverySteps !== undefined && learner.steps % config.evalEverySteps === 0;
    const epochEval =
      epochEnd && evalEvery > 0 && (learner.steps / stepsPerEpoch) % evalEvery === 0;
    if (epochEnd || stepEval) {
      pending = false;
      if (record(stepEval || epochEval)) break;
    }
  }
  if (pending) record(false); // the partial epoch cut by budget or Ctrl-C
  learner.dispose(false);
  const model = learner.model;
  const result: TrainResult = {
    model,
    params: model.countParams(),
    epochs: Number(epochsDone().toFixed(3)),
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

function reached(task: Task, value: number, target: number): boolean {
  return task.higherIsBetter ? value >= target : value <= target;
}
