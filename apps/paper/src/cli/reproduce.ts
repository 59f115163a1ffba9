/**
 * `npx nx run paper:reproduce -- --out DIR`: trains the Not-so-Clevr runs (3 tasks x 2 splits x
 * CoordConv and baseline) and writes DIR/results.json, DIR/RESULTS.md and PNG figures.
 */
import { initBackend } from '@coordconv/backend';
import { onInterrupt, runCli } from '@coordconv/common';

import { reproduce } from '../reproduce.js';
import { reproduceCli } from './definition.js';

await runCli(reproduceCli, async (opts) => {
  await initBackend();
  const stop = onInterrupt('finishing this step, then writing results so far; Ctrl-C again aborts');
  try {
    await reproduce({
      out: opts.out,
      tasks: opts.tasks,
      splits: opts.splits,
      models: opts.models,
      seed: opts.seed,
      epochs: opts.epochs,
      budgetS: opts.budgetS,
      figureExamples: opts.figureExamples,
      command: ['nx run paper:reproduce --', ...process.argv.slice(2)].join(' '),
      shouldStop: () => stop.stopped,
    });
    process.stderr.write(`wrote ${opts.out}/results.json, RESULTS.md and figures\n`);
  } finally {
    stop.dispose();
  }
});
