import { describe, expect, it } from 'vitest';

import { DEFAULT_BUDGETS, planRuns } from './plan.js';

describe('planRuns', () => {
  it('plans 12 runs by default, CoordConv before its baseline, equal budgets per task', () => {
    const runs = planRuns({
      tasks: ['classification', 'regression', 'rendering'],
      splits: ['uniform', 'quadrant'],
      models: ['coordconv', 'baseline'],
    });
    expect(runs.length).toBe(12);
    expect(runs.slice(0, 2).map((r) => r.kind)).toEqual(['coordconv', 'baseline']);
    for (let k = 0; k < 12; k += 2) {
      expect(runs[k + 1].budgetS).toBeGreaterThanOrEqual(runs[k].budgetS!);
      expect(runs[k + 1].epochs).toBeGreaterThanOrEqual(runs[k].epochs!);
    }
    // The time caps bound a slow machine's total training at 60 minutes.
    const total = runs.reduce((s, r) => s + (r.budgetS ?? 0), 0);
    expect(total).toBeLessThanOrEqual(60 * 60);
    const regression = runs.find((r) => r.task === 'regression' && r.kind === 'coordconv')!;
    expect(regression).toMatchObject({ restarts: 8, restartSteps: 40, selectOnHoldout: true });
    expect(runs[0].budgetS).toBe(DEFAULT_BUDGETS.classification.budgetS);
  });

  it('filters by task, split and model, and applies overrides', () => {
    const runs = planRuns({
      tasks: ['rendering'],
      splits: ['quadrant'],
      models: ['coordconv'],
      budgetS: 5,
    });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      task: 'rendering',
      split: 'quadrant',
      kind: 'coordconv',
      budgetS: 5,
    });
    const epochsOnly = planRuns({
      tasks: ['regression'],
      splits: ['uniform'],
      models: ['baseline'],
      epochs: 3,
    });
    expect(epochsOnly[0].epochs).toBe(3);
    expect(epochsOnly[0].budgetS).toBeUndefined();
  });
});
