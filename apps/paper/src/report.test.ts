import { describe, expect, it } from 'vitest';

import { renderReport } from './report.js';
import type { RunRecord } from './results.js';

const base = {
  params: 7553,
  epochs: 2.5,
  seconds: 42,
  budgetS: 150,
  epochCap: 50,
  learningRate: 0.005,
  batchSize: 16,
  stoppedBy: 'budget',
  seed: 1,
};

describe('renderReport', () => {
  it('puts every run next to the paper figure, with its budget', () => {
    const records: RunRecord[] = [
      {
        ...base,
        task: 'classification',
        split: 'quadrant',
        model: 'coordconv',
        modelName: 'CoordConvPainter',
        trainMetric: 1,
        testMetric: 0.995,
        metricName: 'accuracy',
        trainMetrics: { accuracy: 1 },
        testMetrics: { accuracy: 0.995 },
      },
      {
        ...base,
        task: 'regression',
        split: 'uniform',
        model: 'baseline',
        modelName: 'ConvRegressor',
        params: 72850,
        trainMetric: 1.5,
        testMetric: 3.25,
        metricName: 'meanPixelError',
        trainMetrics: { meanPixelError: 1.5, exactFraction: 0.4 },
        testMetrics: { meanPixelError: 3.25, exactFraction: 0.125 },
      },
    ];
    const md = renderReport(records, {
      command: 'nx run paper:reproduce -- --out /tmp/x',
      backend: 'wasm',
      date: '2025-01-01',
      seed: 1,
      figures: ['splits.png'],
      interrupted: true,
    });
    expect(md).toContain('arXiv:1807.03247');
    expect(md).toContain(
      '| classification | quadrant | CoordConvPainter | 7,553 | 150 s, <= 50 ep | 2.5 | 42 | 100.0% | 99.5% | 100% test accuracy |',
    );
    expect(md).toContain('| 3.25 px (12.5% exact) | poor (replication: 47.7% exact) |');
    expect(md).toContain('**Interrupted**');
    expect(md).toContain('[splits.png](splits.png)');
  });
});
