/** Options, the training call and end-of-run reporting shared by train-gan and train-vae. */
import { initBackend } from '@coordconv/backend';
import { onInterrupt, type CliValues } from '@coordconv/common';
import { evaluateRun, type LoopResult, type VaeRunOptions } from '@coordconv/sort-of-clevr';
import { formatEvaluation } from './format.js';

/** Steps of the default run: about 15 minutes on an idle 2-core CPU (wasm backend). */
export const DEFAULT_STEPS = { gan: 1500, vae: 3000 } as const;

export function runOptionSpecs(kind: 'gan' | 'vae') {
  return {
    steps: {
      type: 'int',
      default: DEFAULT_STEPS[kind],
      min: 1,
      help: 'total training steps (a resumed run trains up to this count)',
    },
    out: { type: 'string', help: `run directory (default runs/${kind}-...)` },
    seed: {
      type: 'int',
      default: 0,
      min: 0,
      max: 2 ** 32 - 1,
      help: 'seed of weights, data, noise and sample z',
    },
    resume: {
      type: 'string',
      help: 'continue the run in DIR from its checkpoint with its saved config (model flags are ignored)',
    },
    maxMinutes: {
      type: 'float',
      min: 0.01,
      help: 'stop (with a checkpoint) after this many minutes',
    },
    logEvery: { type: 'int', default: 25, min: 1, help: 'steps per metrics line' },
    sampleEvery: {
      type: 'int',
      default: 250,
      min: 1,
      help: 'steps per sample grid (samples/step-N.png, fixed z)',
    },
    checkpointEvery: { type: 'int', default: 250, min: 1, help: 'steps per checkpoint' },
    evalSamples: {
      type: 'int',
      default: 1000,
      min: 0,
      help: 'samples scored by the scene parser at the end (0: skip)',
    },
  } as const;
}

/** The run options both trainers take (GanRunOptions has the same fields as VaeRunOptions). */
type TrainerRunOptions = VaeRunOptions;

/** The values of the options `runOptionSpecs` declares. */
export type RunOptionValues = CliValues<ReturnType<typeof runOptionSpecs>>;

/**
 * Runs `train` in the --resume directory (else --out, else `defaultOutDir`) with the run options,
 * Ctrl-C stopping after the current step with a checkpoint, then reports the run (`finishRun`).
 */
export async function trainAndReport(
  o: RunOptionValues,
  defaultOutDir: string,
  train: (options: TrainerRunOptions) => Promise<LoopResult & { outDir: string }>,
): Promise<void> {
  const outDir = o.resume ?? o.out ?? defaultOutDir;
  await initBackend();
  const stop = onInterrupt(
    'stopping after this step and saving a checkpoint; press Ctrl-C again to abort',
  );
  try {
    const result = await train({
      outDir,
      steps: o.steps,
      resume: o.resume !== undefined,
      logEvery: o.logEvery,
      sampleEvery: o.sampleEvery,
      checkpointEvery: o.checkpointEvery,
      maxMinutes: o.maxMinutes,
      stop,
      progress: true,
    });
    await finishRun(result, o.evalSamples);
  } finally {
    stop.dispose();
  }
}

/** Prints the run summary, scores the samples, and prints the JSON summary line last. */
export async function finishRun(
  result: LoopResult & { outDir: string },
  evalSamples: number,
): Promise<void> {
  const { outDir, step, stoppedBy, seconds, last } = result;
  process.stderr.write(`run ${outDir}: ${step} steps, ${seconds.toFixed(0)} s (${stoppedBy})\n`);
  const summary: Record<string, unknown> = {
    run: outDir,
    steps: step,
    seconds: Number(seconds.toFixed(1)),
    stoppedBy,
    ...last,
  };
  if (evalSamples > 0 && step > 0) {
    const report = await evaluateRun(outDir, { samples: evalSamples });
    process.stdout.write(formatEvaluation(report) + '\n');
    summary.validRate = report.samples.validRate;
    summary.centreJsd = report.samples.centreJsd;
    summary.centreCoverage = report.samples.centreCoverage;
  }
  process.stdout.write(JSON.stringify(summary) + '\n');
}
