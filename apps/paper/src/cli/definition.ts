/**
 * The command line of `nx run paper:reproduce`: options, defaults and help text.
 */
import { defineCli } from '@coordconv/common';
import { MODEL_KINDS, SPLIT_NAMES, TASK_NAMES } from '@coordconv/not-so-clevr';

import { DEFAULT_BUDGETS } from '../plan.js';

/** 'classification 2, regression 5, rendering 4': the plan's default per task, for --help. */
function perTask(field: 'epochs' | 'budgetS'): string {
  return TASK_NAMES.map((t) => `${t} ${DEFAULT_BUDGETS[t][field]}`).join(', ');
}

export const reproduceCli = defineCli({
  name: 'nx run paper:reproduce --',
  description:
    'Reproduces the Not-so-Clevr experiments of the CoordConv paper (Liu et al. 2018): ' +
    'classification, regression and rendering on the uniform and quadrant splits, each with the ' +
    'CoordConv model and a conventional baseline. Writes results.json, RESULTS.md and PNG figures.',
  options: {
    out: { type: 'string', required: true, help: 'output directory (created if missing)' },
    tasks: { type: 'list', choices: TASK_NAMES, default: TASK_NAMES, help: 'tasks to run' },
    splits: { type: 'list', choices: SPLIT_NAMES, default: SPLIT_NAMES, help: 'splits to run' },
    models: { type: 'list', choices: MODEL_KINDS, default: MODEL_KINDS, help: 'models to train' },
    seed: {
      type: 'int',
      default: 0,
      min: 0,
      help: 'seed of the uniform split, weight init and batch order',
    },
    epochs: {
      type: 'int',
      min: 1,
      help: `epoch cap of every run (default per task: ${perTask('epochs')}); given alone, no time cap`,
    },
    budgetS: {
      type: 'float',
      min: 0.1,
      help: `cap on training seconds per run (default per task: ${perTask('budgetS')})`,
    },
    figureExamples: {
      type: 'int',
      default: 4,
      min: 1,
      max: 16,
      help: 'test examples per figure',
    },
  },
  epilog: [
    'Examples:',
    '  npx nx run paper:reproduce -- --out /tmp/p',
    '  npx nx run paper:reproduce -- --out /tmp/p --models coordconv',
    '  npx nx run paper:reproduce -- --out /tmp/q --tasks classification --splits quadrant --epochs 2',
  ].join('\n'),
});
