/**
 * `npx nx run agent:train [-- options]`: trains an agent (A2C by default, Ape-X with --algo
 * apex) on the bundled Pac-Man or any ZeroMQ-served env, writing config.json, metrics.jsonl,
 * checkpoint/ and curve.png into the run directory. With no options at all it trains A2C on
 * the default layout for a few minutes and shows the score rising above the random policy's.
 */
import { initBackend } from '@coordconv/backend';
import { runCli } from '@coordconv/common';
import { APEX_OPTIONS } from '../apex/options.js';
import { trainA2C, type TrainA2CValues } from '../a2c/train-a2c.js';
import { envFactoryFromCli } from '../env-spec.js';
import { TRAIN_CLI } from '../train-cli.js';

await runCli(TRAIN_CLI, async (o) => {
  // Every option is checked before any work: the env ones here (the rest by runCli).
  if (!o.resume) envFactoryFromCli(o);
  const info = await initBackend({ backend: o.backend });
  process.stderr.write(`backend: ${info.name}\n`);
  if (o.algo === 'a2c') {
    const result = await trainA2C(o as TrainA2CValues);
    process.stdout.write(result.summary.join('\n') + '\n');
    return;
  }
  // Ape-X: flags shared with A2C fall back to Ape-X's own defaults.
  const { trainApex } = await import('../apex/train-apex.js');
  const shared = ['nSteps', 'gamma', 'lr', 'maxGradNorm', 'rewardScale', 'rewardClip'] as const;
  const filled: Record<string, unknown> = { ...o };
  for (const k of shared) filled[k] ??= APEX_OPTIONS[k].default;
  await trainApex({
    ...(filled as unknown as Parameters<typeof trainApex>[0]),
    coordConv: o.coordconv,
    frames: o.steps ?? 1_000_000,
    resume: o.resume !== undefined,
    out: o.resume ?? o.out ?? `runs/apex-${o.layout}-${Date.now()}`,
    progress: !o.quiet,
    logEvery: o.logEvery ?? 100,
  });
});
