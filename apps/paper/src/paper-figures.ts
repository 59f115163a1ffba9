/**
 * What the paper reports for each run of the table (Liu et al. 2018, "An Intriguing Failing of
 * Convolutional Neural Networks and the CoordConv Solution", arXiv:1807.03247, §4 and Fig. 3),
 * plus the independent replication recorded in /work/shared/REFERENCES.md.
 */
import type { ModelKind, SplitName, TaskName } from '@coordconv/not-so-clevr';

type Key = `${TaskName}/${SplitName}/${ModelKind}`;

export const PAPER_REPORTED: Record<Key, string> = {
  'classification/uniform/coordconv': '100% test accuracy',
  'classification/quadrant/coordconv': '100% test accuracy',
  'classification/uniform/baseline': 'never above 86% test (replication: 85.8%)',
  'classification/quadrant/baseline': '~0% test (replication: 0%)',
  'regression/uniform/coordconv': 'perfect (replication: 100% exact)',
  'regression/quadrant/coordconv': 'perfect (replication: 100% exact)',
  'regression/uniform/baseline': 'poor (replication: 47.7% exact)',
  'regression/quadrant/baseline': 'poor (replication: 7.1% exact)',
  'rendering/uniform/coordconv': 'perfect (IoU 1.0)',
  'rendering/quadrant/coordconv': 'perfect (IoU 1.0)',
  'rendering/uniform/baseline': 'test IoU <= 0.83 (up to 1M params, 90 min)',
  'rendering/quadrant/baseline': 'test IoU <= 0.36 (up to 1M params, 90 min)',
};

export function paperReported(task: TaskName, split: SplitName, kind: ModelKind): string {
  return PAPER_REPORTED[`${task}/${split}/${kind}`];
}
