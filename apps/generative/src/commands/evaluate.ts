/** `nx run generative:evaluate`: scene metrics of a GAN or VAE run (JSON summary line last). */
import { existsSync } from 'node:fs';
import { initBackend } from '@coordconv/backend';
import { CliError, defineCli, type CliValues } from '@coordconv/common';
import { evaluateRun } from '@coordconv/sort-of-clevr';
import { formatEvaluation } from './format.js';

export const evaluateCli = defineCli({
  name: 'nx run generative:evaluate --',
  description:
    "Scores a run's samples with the scene parser: valid-scene rate, object centres against the data's (Jensen-Shannon divergence, coverage), colour and shape balance; writes eval/metrics.json, eval/coverage.png (data | samples) and eval/samples.png. The last stdout line is a JSON summary.",
  options: {
    run: { type: 'string', required: true, help: 'run directory (from train-gan or train-vae)' },
    samples: {
      type: 'int',
      default: 1000,
      min: 1,
      max: 100_000,
      help: 'samples and data scenes to score',
    },
    seed: { type: 'int', default: 0, min: 0, help: 'seed of the sampled latents and data scenes' },
    gridCells: {
      type: 'int',
      default: 8,
      min: 1,
      max: 64,
      help: 'cells per axis of the centre histogram',
    },
    out: { type: 'string', help: 'directory for figures and metrics.json (default RUN/eval)' },
  },
  epilog: 'Example:\n  npx nx run generative:evaluate -- --run runs/gan-dcgan-both-s0',
});

export type EvaluateOptions = CliValues<typeof evaluateCli.options>;

export async function evaluateMain(o: EvaluateOptions): Promise<void> {
  if (!existsSync(o.run)) throw new CliError(`--run: ${o.run} does not exist`);
  await initBackend();
  const r = await evaluateRun(o.run, {
    samples: o.samples,
    seed: o.seed,
    gridCells: o.gridCells,
    outDir: o.out,
  });
  process.stdout.write(formatEvaluation(r) + '\n');
  const m = r.samples;
  const summary = {
    run: r.run,
    kind: r.kind,
    step: r.step,
    samples: m.images,
    validRate: m.validRate,
    meanObjects: m.meanObjects,
    centreJsd: m.centreJsd,
    centreJsdByColor: m.centreJsdByColor,
    centreCoverage: m.centreCoverage,
    colorBalance: m.colorBalance,
    shapeBalance: m.shapeBalance,
    dataValidRate: r.data.validRate,
    dataCentreJsd: r.data.centreJsd,
  };
  process.stdout.write(JSON.stringify(summary) + '\n');
}
