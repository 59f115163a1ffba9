/**
 * The `--algo apex` branch of `agent:train`: replay + learner here, actors as local threads
 * (`--actors N`) and/or remote `agent:actor` processes (`--listen tcp://0.0.0.0:5600`), with
 * the shared run shell (OUT/config.json, metrics.jsonl, checkpoint/, progress line, Ctrl-C,
 * --resume).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApexTrainer, resolveApexConfig, runTraining, runPaths } from '@coordconv/agents';
import { CliError } from '@coordconv/common';
import type { EnvFactory } from '@coordconv/gym';
import { envFactoryFromCli, isPacman, type EnvCliValues } from '../env-spec.js';
import { loadOrCreateCurveKeys } from './curve-keys.js';
import { apexConfigFromCli, type ApexCliValues } from './options.js';

export interface TrainApexValues extends EnvCliValues, ApexCliValues {
  out: string;
  frames: number;
  seed: number;
  resume: boolean;
  listen?: string;
  curve: boolean;
  logEvery: number;
  checkpointEvery: number;
  progress: boolean;
  /** tfjs backend of the local actor threads ('auto': their own choice). */
  backend: string;
}

/**
 * The env spec actors build; the MLP torso on Pac-Man sees the grid as one vector
 * (`makeFlattenedEnv` of @coordconv/agents wraps the Pac-Man factory).
 */
export function apexEnvFactory(v: EnvCliValues & { torso: string }): EnvFactory {
  const env = envFactoryFromCli(v);
  if (v.torso === 'mlp' && isPacman(env)) {
    return { module: '@coordconv/agents', exportName: 'makeFlattenedEnv', args: [env] };
  }
  return env;
}

export async function trainApex(v: TrainApexValues): Promise<void> {
  const paths = runPaths(v.out);
  if (!v.resume && existsSync(paths.checkpoint)) {
    throw new CliError(
      `--out ${v.out} already holds a run (checkpoint/); continue it with --resume ${v.out}, or choose another --out`,
    );
  }
  let config = apexConfigFromCli(v);
  let env = v.resume && existsSync(paths.config) ? undefined : apexEnvFactory(v);
  if (env === undefined) {
    // Resuming: the architecture and env must match the checkpoint, so config.json wins.
    const saved = JSON.parse(readFileSync(paths.config, 'utf8')) as {
      apex?: object;
      env?: EnvFactory;
      algo?: string;
    };
    if (saved.algo !== 'apex')
      throw new CliError(`--resume: ${paths.config} is an ${String(saved.algo)} run, not apex`);
    config = resolveApexConfig({ ...saved.apex, numActors: v.actors });
    env = saved.env ?? apexEnvFactory(v);
  }
  const curve = v.curve ? await loadOrCreateCurveKeys(v.out) : undefined;
  const trainer = await ApexTrainer.create({
    config,
    env,
    seed: v.seed,
    totalFrames: v.frames,
    listen: v.listen,
    allowRemote: v.listen !== undefined, // an explicit --listen may be non-loopback
    curve,
    actorBackend: v.backend === 'auto' ? undefined : v.backend,
  });
  try {
    await trainer.start();
    const endpoint = trainer.endpoint ?? '';
    process.stderr.write(
      `apex: learner at ${endpoint}; ${config.numActors} local actor thread(s)` +
        (v.listen
          ? `; add actors: npx nx run agent:actor -- --connect ${endpoint.replace('0.0.0.0', 'HOST')}` +
            (curve ? ` --server-key '${curve.publicKey}'` : '')
          : '') +
        '\n',
    );
    const result = await runTraining({
      outDir: v.out,
      config: { algo: 'apex', env, seed: v.seed, frames: v.frames, apex: config },
      trainer,
      totalFrames: v.frames,
      logEvery: v.logEvery,
      checkpointEvery: v.checkpointEvery,
      resume: v.resume,
      progress: v.progress,
      label: 'apex',
    });
    process.stderr.write(
      `apex: ${result.frames} frames, ${result.updates} updates, ${result.episodes} episodes` +
        `${result.stopped ? ' (stopped)' : ''}; checkpoint in ${join(v.out, 'checkpoint')}\n`,
    );
  } finally {
    await trainer.close();
  }
}
