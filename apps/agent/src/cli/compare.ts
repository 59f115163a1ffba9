/**
 * `npx nx run agent:compare -- --steps N --seeds 3`: plain vs CoordConv A2C on the same layout,
 * the paper's RL experiment (Liu et al. 2018 report CoordConv helping A2C on most Atari games,
 * Ms. Pac-Man notably) at Pac-Man scale. Trains both variants for each seed, then writes
 * compare.png (mean curve across seeds, band min..max) and compare.json. Rerun with the same
 * --out to continue an interrupted comparison.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '@coordconv/backend';
import { defineCli, readJsonl, runCli, writeJsonAtomic } from '@coordconv/common';
import { runPaths } from '@coordconv/agents';
import { A2C_OPTIONS } from '../a2c/options.js';
import { trainA2C, type TrainA2CValues } from '../a2c/train-a2c.js';
import { ENV_OPTIONS, envFactoryFromCli, envLabel, type EnvCliValues } from '../env-spec.js';
import { RUN_OPTIONS, defaultRunDir } from '../run-options.js';
import { aggregateCurves, type Curve } from '../compare-curves.js';
import { writeLineChart } from '../plot/line-chart.js';

const { steps, backend, logEvery, quiet, torso } = RUN_OPTIONS;

const cli = defineCli({
  name: 'nx run agent:compare --',
  description:
    'Trains A2C with and without CoordConv on the same environment for several seeds and compares the learning curves.',
  options: {
    steps,
    seeds: { type: 'int', default: 3, min: 1, max: 100, help: 'seeds per variant (0, 1, ...)' },
    out: { type: 'string', help: 'output directory (default runs/compare-<layout>-<time>)' },
    backend,
    logEvery,
    quiet,
    torso,
    ...ENV_OPTIONS,
    ...A2C_OPTIONS,
  },
  epilog: 'Example: npx nx run agent:compare -- --steps 300000 --seeds 3',
});

interface MetricsLine {
  frames: number;
  meanReturn: number | string;
}

await runCli(cli, async (o) => {
  await initBackend({ backend: o.backend });
  const label = envLabel(envFactoryFromCli(o as EnvCliValues));
  const dir = o.out ?? defaultRunDir('compare', label, false);
  const variants = [
    { name: 'plain', coordconv: false },
    { name: 'coordconv', coordconv: true },
  ];
  const runs: { variant: string; seed: number; dir: string; meanReturn: number; curve: Curve }[] =
    [];
  let randomReturn: number | undefined;
  for (let seed = 0; seed < o.seeds; seed++) {
    for (const v of variants) {
      const runDir = join(dir, `${v.name}-seed${seed}`);
      // Rerunning with the same --out continues: a run with a checkpoint resumes from it (and
      // returns at once when it already has its frames), so a crash or Ctrl-C loses at most
      // the updates since its last checkpoint.
      const resuming = existsSync(runPaths(runDir).checkpoint);
      const result = await trainA2C({
        ...(o as unknown as TrainA2CValues),
        algo: 'a2c',
        coordconv: v.coordconv,
        seed,
        out: resuming ? undefined : runDir,
        resume: resuming ? runDir : undefined,
        label: `${v.name} s${seed}`,
      });
      if (result.stopped) {
        process.stderr.write(
          `compare: stopped during ${v.name} seed ${seed}; run the same command with --out ${dir} to continue\n`,
        );
        return;
      }
      randomReturn ??= result.random?.meanReturn;
      const lines = readJsonl<MetricsLine>(runPaths(runDir).metrics);
      runs.push({
        variant: v.name,
        seed,
        dir: runDir,
        meanReturn: result.meanReturn,
        curve: {
          frames: lines.map((l) => l.frames),
          values: lines.map((l) => (typeof l.meanReturn === 'number' ? l.meanReturn : NaN)),
        },
      });
      process.stderr.write(
        `compare: ${v.name} seed ${seed}: mean return ${result.meanReturn.toFixed(1)}\n`,
      );
    }
  }
  const summary = variants.map((v) => {
    const mine = runs.filter((r) => r.variant === v.name);
    const finals = mine.map((r) => r.meanReturn);
    const mean = finals.reduce((a, b) => a + b, 0) / finals.length;
    const std = Math.sqrt(finals.reduce((a, b) => a + (b - mean) ** 2, 0) / finals.length);
    const agg = aggregateCurves(mine.map((r) => r.curve));
    return { variant: v.name, finals, mean, std, curve: agg };
  });
  await writeLineChart(join(dir, 'compare.png'), {
    title: `A2C on ${label}: plain vs CoordConv (${o.seeds} seed${o.seeds > 1 ? 's' : ''}, band: min..max)`,
    xLabel: 'frames',
    yLabel: 'mean return (last 100 episodes)',
    series: summary.map((s) => ({
      label: s.variant,
      x: s.curve.frames,
      y: s.curve.mean,
      low: s.curve.min,
      high: s.curve.max,
    })),
    reference:
      randomReturn === undefined
        ? []
        : [{ label: `random policy (${randomReturn.toFixed(1)})`, y: randomReturn }],
  });
  const json = {
    env: label,
    frames: o.steps ?? null,
    seeds: o.seeds,
    randomReturn: randomReturn ?? null,
    variants: summary.map((s) => ({
      variant: s.variant,
      finalMeanReturn: s.mean,
      finalStdAcrossSeeds: s.std,
      perSeed: s.finals,
      curve: s.curve,
    })),
    runs: runs.map((r) => ({
      variant: r.variant,
      seed: r.seed,
      dir: r.dir,
      meanReturn: r.meanReturn,
    })),
  };
  await writeJsonAtomic(join(dir, 'compare.json'), json);
  for (const s of summary)
    process.stdout.write(
      `${s.variant}: final mean return ${s.mean.toFixed(1)} +- ${s.std.toFixed(1)} over ${o.seeds} seed(s)\n`,
    );
  process.stdout.write(
    `outputs in ${dir}/: compare.png, compare.json, one run directory per variant and seed\n`,
  );
});
