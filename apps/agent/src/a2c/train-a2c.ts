/**
 * The `--algo a2c` branch of `agent:train`: vector env (worker threads), A2CTrainer, the shared
 * run shell (config.json, metrics.jsonl, checkpoint/, progress, Ctrl-C, --resume), then
 * curve.png and a summary against the random policy.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  A2CTrainer,
  resolveA2CConfig,
  runPaths,
  runTraining,
  type A2CConfig,
} from '@coordconv/agents';
import { CliError } from '@coordconv/common';
import type { EnvFactory } from '@coordconv/gym';
import { writeRunCurve } from '../curve.js';
import {
  envFactoryFromCli,
  envLabel,
  isPacman,
  makeEnv,
  makeVectorEnv,
  type EnvCliValues,
} from '../env-spec.js';
import { evaluate, policyFn, type EvalSummary } from '../episodes.js';
import { defaultRunDir, type RunCliValues } from '../run-options.js';
import { a2cConfigFromCli, type A2CCliValues } from './options.js';

/** What config.json of an A2C run holds. */
export interface A2CRunConfig {
  algo: 'a2c';
  env: EnvFactory;
  seed: number;
  frames: number;
  a2c: A2CConfig;
}

/** Frames of a run without --steps: enough on the bundled layouts to see the score rise (README). */
export const DEFAULT_FRAMES = 200_000;

export interface TrainA2CValues extends EnvCliValues, A2CCliValues, RunCliValues {
  /** Label of the progress line (default 'a2c'). */
  label?: string;
}

export interface TrainA2CResult {
  dir: string;
  frames: number;
  stopped: boolean;
  meanReturn: number;
  random?: EvalSummary;
  /** What to tell the user: the result, where the outputs are, what to run next. */
  summary: string[];
}

/** Reads a run's config.json (for --resume, eval and play). */
export function readRunConfig(dir: string): { algo: string } & Record<string, unknown> {
  const path = runPaths(dir).config;
  if (!existsSync(path))
    throw new CliError(`${dir} is not a run directory: ${path} does not exist`);
  const config = JSON.parse(readFileSync(path, 'utf8')) as { algo?: unknown };
  if (typeof config.algo !== 'string') throw new CliError(`${path} has no "algo" field`);
  return config as { algo: string } & Record<string, unknown>;
}

function planRun(v: TrainA2CValues): { dir: string; run: A2CRunConfig; resume: boolean } {
  if (v.resume) {
    const saved = readRunConfig(v.resume);
    if (saved.algo !== 'a2c')
      throw new CliError(
        `--resume: ${v.resume} is an ${saved.algo} run; pass --algo ${saved.algo}`,
      );
    if (!existsSync(runPaths(v.resume).checkpoint))
      throw new CliError(`--resume: ${v.resume} has no checkpoint/ to continue from`);
    const run = saved as unknown as A2CRunConfig;
    return {
      dir: v.resume,
      resume: true,
      run: { ...run, a2c: resolveA2CConfig(run.a2c), frames: v.steps ?? run.frames },
    };
  }
  const env = envFactoryFromCli(v);
  const run: A2CRunConfig = {
    algo: 'a2c',
    env,
    seed: v.seed,
    frames: v.steps ?? DEFAULT_FRAMES,
    a2c: a2cConfigFromCli(v, isPacman(env)),
  };
  const dir = v.out ?? defaultRunDir('a2c', envLabel(env), v.coordconv);
  if (existsSync(runPaths(dir).checkpoint)) {
    throw new CliError(
      `--out ${dir} already holds a run (checkpoint/); pass --resume ${dir} to continue it, or choose another --out`,
    );
  }
  return { dir, run, resume: false };
}

/** Mean return of the uniformly random policy on the run's env (local envs only). */
export async function randomBaseline(
  env: EnvFactory,
  episodes: number,
  seed: number,
): Promise<EvalSummary | undefined> {
  if (env.exportName === 'makeRemoteEnv') return undefined;
  const single = await makeEnv(env);
  try {
    return await evaluate(single, policyFn('random', undefined, single, seed), episodes, { seed });
  } finally {
    await single.close();
  }
}

export async function trainA2C(v: TrainA2CValues): Promise<TrainA2CResult> {
  const { dir, run, resume } = planRun(v);
  const vecEnv = await makeVectorEnv(run.env, {
    numEnvs: run.a2c.numEnvs,
    workers: Math.min(v.workers, run.a2c.numEnvs),
  });
  let trainer: A2CTrainer;
  try {
    trainer = new A2CTrainer({
      config: run.a2c,
      env: vecEnv,
      seed: run.seed,
      totalFrames: run.frames,
    });
  } catch (err) {
    await vecEnv.close();
    throw err;
  }
  const label = envLabel(run.env);
  const shape = (vecEnv.singleObservationSpace.shape ?? []).join('x');
  process.stderr.write(
    `a2c${run.a2c.network.coordConv ? ' + CoordConv' : ''}: ${label}, obs ${shape} (${trainer.torso} torso), ` +
      `${run.a2c.numEnvs} envs in ${v.workers > 0 ? `${Math.min(v.workers, run.a2c.numEnvs)} worker thread(s)` : 'the main thread'}, ` +
      `${run.frames} frames${resume ? ` (resuming ${dir})` : ''}; outputs in ${dir}\n`,
  );
  let result;
  try {
    result = await runTraining({
      outDir: dir,
      config: run,
      trainer,
      totalFrames: run.frames,
      logEvery: v.logEvery ?? 50,
      checkpointEvery: v.checkpointEvery,
      resume,
      progress: !v.quiet,
      label: v.label ?? 'a2c',
    });
  } finally {
    await trainer.close();
  }
  const random = await randomBaseline(run.env, 100, run.seed + 1_000_000);
  const curve = await writeRunCurve(
    dir,
    `A2C${run.a2c.network.coordConv ? ' + CoordConv' : ''} on ${label}`,
    random?.meanReturn,
  );
  const meanReturn = typeof result.last?.meanReturn === 'number' ? result.last.meanReturn : NaN;
  const summary = [
    `a2c: ${result.frames} frames, ${result.updates} updates, ${result.episodes} episodes${result.stopped ? ' (stopped early; continue with --resume ' + dir + ')' : ''}`,
    `mean return of the last 100 episodes: ${meanReturn.toFixed(1)}${random ? ` (random policy: ${random.meanReturn.toFixed(1)})` : ''}`,
    `outputs in ${dir}/: config.json, metrics.jsonl, checkpoint/${curve ? ', curve.png' : ''}`,
    `next: npx nx run agent:eval -- --run ${dir}   |   npx nx run agent:play -- --run ${dir} --out ${dir}/episode.gif`,
  ];
  return { dir, frames: result.frames, stopped: result.stopped, meanReturn, random, summary };
}
