/**
 * The reproduction: trains the planned runs one after another, and after each run rewrites
 * DIR/results.json and DIR/RESULTS.md (so an interrupted reproduction keeps what is done), then
 * draws the figures of each (task, split) once both of its models are trained.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { activeBackend, tf } from '@coordconv/backend';
import { Progress, Rng, writeFileAtomic, writeJsonAtomic, writePng } from '@coordconv/common';
import { getTask, makeSplit, selectionHoldout, train } from '@coordconv/not-so-clevr';
import type { ModelKind, Split, SplitName, TaskName } from '@coordconv/not-so-clevr';

import { panelGrid, splitsFigure } from './figures.js';
import { planRuns } from './plan.js';
import type { RunSpec } from './plan.js';
import { comparisonRows, pickExamples } from './predictions.js';
import { renderReport } from './report.js';
import type { RunRecord } from './results.js';

export interface ReproduceOptions {
  out: string;
  tasks: readonly TaskName[];
  splits: readonly SplitName[];
  models: readonly ModelKind[];
  seed: number;
  epochs?: number;
  budgetS?: number;
  /** Test examples per figure. Default 4. */
  figureExamples?: number;
  /** The command line, for RESULTS.md. */
  command: string;
  /** Polled between steps: true stops the current run and skips the rest (Ctrl-C). */
  shouldStop?: () => boolean;
  /** Progress lines on stderr. Default true. */
  progress?: boolean;
}

export const RESULTS_JSON = 'results.json';
export const RESULTS_MD = 'RESULTS.md';
export const SPLITS_PNG = 'splits.png';

/** A distinct, reproducible training seed per run. */
function runSeed(seed: number, spec: RunSpec): number {
  return new Rng(`${seed}/${spec.task}/${spec.split}/${spec.kind}`).int(2 ** 31);
}

async function trainRun(
  spec: RunSpec,
  split: Split,
  options: ReproduceOptions,
): Promise<{ record: RunRecord; model: tf.LayersModel }> {
  const task = getTask(spec.task);
  const label = `${spec.task}/${spec.split}/${task.modelName(spec.kind)}`;
  const bar =
    options.progress === false
      ? undefined
      : new Progress({ label, unit: 'train-s', total: spec.budgetS ?? 0 });
  let lastLoss: number | undefined;
  const seed = runSeed(options.seed, spec);
  const result = await train({
    task: spec.task,
    kind: spec.kind,
    split,
    model: spec.model,
    learningRate: spec.learningRate,
    batchSize: spec.batchSize,
    epochs: spec.epochs,
    budgetS: spec.budgetS,
    seed,
    restarts: spec.restarts,
    restartSteps: spec.restartSteps,
    restartValidation: spec.selectOnHoldout ? selectionHoldout(split, options.seed) : undefined,
    // Test metrics only at the end: evaluating the painters costs about a third of an epoch.
    evalEvery: 0,
    shouldStop: options.shouldStop,
    onStep: (s) =>
      bar?.update(Math.floor(s.trainSeconds), {
        epoch: s.epoch,
        step: `${s.step}/${s.stepsPerEpoch}`,
        ...(lastLoss === undefined ? {} : { loss: lastLoss }),
      }),
    onEpoch: (r) => {
      lastLoss = r.meanLoss;
    },
  });
  bar?.finish({
    [`train_${task.metricName}`]: result.train[task.metricName],
    [`test_${task.metricName}`]: result.test[task.metricName],
  });
  const record: RunRecord = {
    task: spec.task,
    split: spec.split,
    model: spec.kind,
    modelName: task.modelName(spec.kind),
    params: result.params,
    epochs: result.epochs,
    seconds: Number(result.trainSeconds.toFixed(2)),
    trainMetric: result.train[task.metricName],
    testMetric: result.test[task.metricName],
    metricName: task.metricName,
    trainMetrics: result.train,
    testMetrics: result.test,
    budgetS: spec.budgetS ?? null,
    epochCap: spec.epochs ?? null,
    learningRate: spec.learningRate,
    batchSize: spec.batchSize,
    stoppedBy: result.stoppedBy,
    seed,
  };
  return { record, model: result.model };
}

/** Runs the reproduction; returns the records written to results.json. */
export async function reproduce(options: ReproduceOptions): Promise<RunRecord[]> {
  mkdirSync(options.out, { recursive: true });
  const splits = new Map(options.splits.map((s) => [s, makeSplit(s, options.seed)]));
  const figures: string[] = [];
  await writePng(join(options.out, SPLITS_PNG), splitsFigure([...splits.values()]));
  figures.push(SPLITS_PNG);

  const records: RunRecord[] = [];
  let interrupted = false;
  const save = async () => {
    await writeJsonAtomic(join(options.out, RESULTS_JSON), records);
    const report = renderReport(records, {
      command: options.command,
      backend: activeBackend()?.name ?? tf.getBackend(),
      date: new Date().toISOString(),
      seed: options.seed,
      figures,
      interrupted,
    });
    await writeFileAtomic(join(options.out, RESULTS_MD), report);
  };

  const runs = planRuns(options);
  for (const task of options.tasks) {
    for (const splitName of options.splits) {
      const split = splits.get(splitName)!;
      const trained: tf.LayersModel[] = [];
      try {
        for (const spec of runs.filter((r) => r.task === task && r.split === splitName)) {
          if (options.shouldStop?.()) break;
          const { record, model } = await trainRun(spec, split, options);
          trained.push(model);
          records.push(record);
          if (record.stoppedBy === 'interrupted') interrupted = true;
          await save();
        }
        if (trained.length > 0) {
          const name = `${task}-${splitName}.png`;
          const rows = comparisonRows(
            task,
            trained,
            pickExamples(split.test, options.figureExamples ?? 4),
          );
          await writePng(join(options.out, name), panelGrid(rows));
          figures.push(name);
          await save();
        }
      } finally {
        for (const m of trained) m.dispose();
      }
      if (options.shouldStop?.()) {
        interrupted = true;
        await save();
        return records;
      }
    }
  }
  await save();
  return records;
}
