/** RESULTS.md: the reproduction table next to what the paper reports. */
import { getTask } from '@coordconv/not-so-clevr';

import { paperReported } from './paper-figures.js';
import type { RunRecord } from './results.js';

export interface ReportMeta {
  command: string;
  backend: string;
  date: string;
  seed: number;
  figures: string[];
  interrupted: boolean;
}

function formatMetric(r: RunRecord, value: number, metrics: Record<string, number>): string {
  if (r.metricName === 'accuracy') return `${(value * 100).toFixed(1)}%`;
  if (r.metricName === 'iou') return `IoU ${value.toFixed(3)}`;
  const exact = metrics.exactFraction;
  return `${value.toFixed(2)} px (${((exact ?? 0) * 100).toFixed(1)}% exact)`;
}

function budget(r: RunRecord): string {
  const parts: string[] = [];
  if (r.budgetS !== null) parts.push(`${r.budgetS} s`);
  if (r.epochCap !== null) parts.push(`<= ${r.epochCap} ep`);
  return parts.join(', ');
}

export function renderReport(records: readonly RunRecord[], meta: ReportMeta): string {
  const lines: string[] = [
    '# Not-so-Clevr: CoordConv vs conventional baselines',
    '',
    'Reproduction of the supervised coordinate tasks of Liu et al., *An Intriguing Failing of',
    'Convolutional Neural Networks and the CoordConv Solution*, NeurIPS 2018',
    '([arXiv:1807.03247](https://arxiv.org/abs/1807.03247)), §4 and Fig. 3. The "paper reports"',
    'column quotes the paper, and an independent replication where the paper gives no number',
    '(see /work/shared/REFERENCES.md).',
    '',
    `- Command: \`${meta.command}\``,
    `- Backend: ${meta.backend}; seed ${meta.seed}; ${meta.date}`,
    '- Budget: training seconds (evaluation excluded) and epoch cap of each run; both models of a',
    '  task get the same budget. The paper trained its baselines for hours on GPUs.',
  ];
  if (meta.interrupted)
    lines.push('- **Interrupted**: the table holds the runs finished before Ctrl-C.');
  lines.push(
    '',
    '| Task | Split | Model | Params | Budget | Epochs | Train s | Train | Test | Paper reports |',
    '| --- | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | --- |',
  );
  for (const r of records) {
    lines.push(
      `| ${r.task} | ${r.split} | ${r.modelName} | ${r.params.toLocaleString('en-US')} | ${budget(r)} | ` +
        `${r.epochs.toFixed(1)} | ${r.seconds.toFixed(0)} | ${formatMetric(r, r.trainMetric, r.trainMetrics)} | ` +
        `${formatMetric(r, r.testMetric, r.testMetrics)} | ${paperReported(r.task, r.split, r.model)} |`,
    );
  }
  const tasks = [...new Set(records.map((r) => r.task))];
  lines.push('', '## Metrics', '');
  for (const t of tasks) {
    const task = getTask(t);
    if (t === 'classification') {
      lines.push(
        `- classification (${task.metricName}): share of examples whose argmax pixel is the centre.`,
      );
    } else if (t === 'regression') {
      lines.push(
        '- regression (mean pixel error): mean Euclidean distance in pixels between predicted and true',
        '  centre; "exact" = both coordinates right after rounding.',
      );
    } else {
      lines.push(
        '- rendering (IoU): painted pixels (sigmoid > 0.5) vs the 9x9 square, mean over examples.',
      );
    }
  }
  lines.push(
    '',
    '## Splits',
    '',
    '- uniform: 768 random test centres / 2368 train (the official split sizes).',
    '- quadrant: test = both coordinates in 33..59 (729 test / 2407 train), never seen in training.',
  );
  if (meta.figures.length > 0) {
    lines.push('', '## Figures', '');
    for (const f of meta.figures) lines.push(`- [${f}](${f})`);
  }
  lines.push('');
  return lines.join('\n');
}
