/** One row of results.json: a finished (or interrupted) run. */
import type { Metrics, ModelKind, SplitName, TaskName } from '@coordconv/not-so-clevr';

export interface RunRecord {
  task: TaskName;
  split: SplitName;
  /** 'coordconv' or 'baseline'. */
  model: ModelKind;
  /** Architecture name, e.g. 'CoordConvPainter'. */
  modelName: string;
  params: number;
  /** Epochs trained (fractional when the budget ended mid-epoch). */
  epochs: number;
  /** Seconds of training steps (evaluation excluded). */
  seconds: number;
  /** Headline metric on the train and test sets. */
  trainMetric: number;
  testMetric: number;
  metricName: string;
  /** Every metric of the task on each set. */
  trainMetrics: Metrics;
  testMetrics: Metrics;
  /** The run's budget: seconds of training (null: epochs only) and epoch cap. */
  budgetS: number | null;
  epochCap: number | null;
  learningRate: number;
  batchSize: number;
  stoppedBy: string;
  seed: number;
}
