/**
 * The environment of a run, as a gym `EnvFactory` (module + export + JSON args): serializable,
 * so it goes into config.json, into AsyncVectorEnv workers and to remote actors unchanged.
 *
 *   --env pacman        the bundled Pac-Man (--layout NAME|FILE, --obs grid|rgb, ...)
 *   --env cartpole      gymnasium's CartPole-v1 port (a quick sanity check)
 *   --env tcp://H:P     any env served over ZeroMQ (`nx run pacman:serve`, `python3 -m coordconv_gym serve`)
 */
import { existsSync, readFileSync } from 'node:fs';
import { CliError } from '@coordconv/common';
import {
  AsyncVectorEnv,
  SyncVectorEnv,
  makeEnvFromFactory,
  type Env,
  type EnvFactory,
  type VectorEnv,
} from '@coordconv/gym';
import { LAYOUT_NAMES, isLayoutName, parseLayout } from '@coordconv/pacman';

export const ENV_OPTIONS = {
  env: {
    type: 'string',
    default: 'pacman',
    help: 'pacman, cartpole, or tcp://HOST:PORT for a ZeroMQ-served env (RemoteEnv)',
  },
  layout: {
    type: 'string',
    default: 'smallClassic',
    help: `Pac-Man layout: ${LAYOUT_NAMES.join(', ')}, or a .lay file`,
  },
  obs: {
    type: 'enum',
    choices: ['grid', 'rgb'],
    default: 'grid',
    help: 'Pac-Man observation: grid planes [H, W, 6] or rgb pixels',
  },
  cellSize: {
    type: 'int',
    default: 8,
    min: 1,
    max: 32,
    help: 'pixels per board cell of rgb observations',
  },
  ghosts: {
    type: 'enum',
    choices: ['random', 'directional'],
    default: 'random',
    help: 'Pac-Man ghost policy',
  },
  maxSteps: {
    type: 'int',
    default: 500,
    min: 1,
    help: 'episode steps before truncation (Pac-Man, CartPole)',
  },
  timeoutMs: { type: 'int', default: 30_000, min: 1, help: 'reply timeout of a tcp:// env, in ms' },
} as const;

export interface EnvCliValues {
  env: string;
  layout: string;
  obs: 'grid' | 'rgb';
  cellSize: number;
  ghosts: 'random' | 'directional';
  maxSteps: number;
  timeoutMs: number;
}

/** What a run's env is, for names and reward defaults. */
export type EnvKind = 'pacman' | 'cartpole' | 'remote';

export function envKind(env: string): EnvKind {
  if (env === 'pacman' || env === 'cartpole') return env;
  if (/^tcp:\/\/[^\s:]+:\d+$/.test(env)) return 'remote';
  throw new CliError(
    `--env: expected pacman, cartpole or tcp://HOST:PORT, got ${JSON.stringify(env)}`,
  );
}

/** A bundled layout name, or the text of a layout file (checked here, so errors name --layout). */
export function resolveLayoutOption(layout: string): string {
  if (isLayoutName(layout)) return layout;
  if (!existsSync(layout)) {
    throw new CliError(
      `--layout: ${JSON.stringify(layout)} is neither a bundled layout (${LAYOUT_NAMES.join(', ')}) nor a file`,
    );
  }
  const text = readFileSync(layout, 'utf8');
  try {
    parseLayout(text);
  } catch (err) {
    throw new CliError(`--layout ${layout}: ${(err as Error).message}`);
  }
  return text;
}

/** The factory of the env the options describe; validates them (errors name the option). */
export function envFactoryFromCli(v: EnvCliValues): EnvFactory {
  switch (envKind(v.env)) {
    case 'cartpole':
      return {
        module: '@coordconv/gym',
        exportName: 'makeCartPole',
        args: [{ maxEpisodeSteps: v.maxSteps }],
      };
    case 'remote':
      return {
        module: '@coordconv/gym',
        exportName: 'makeRemoteEnv',
        args: [{ endpoint: v.env, timeoutMs: v.timeoutMs }],
      };
    case 'pacman':
      return {
        module: '@coordconv/pacman',
        exportName: 'PacmanEnv',
        args: [
          {
            layout: resolveLayoutOption(v.layout),
            obs: v.obs,
            cellSize: v.cellSize,
            ghosts: v.ghosts,
            maxSteps: v.maxSteps,
          },
        ],
      };
  }
}

/** A short name for run directories: the layout name, 'custom', 'cartpole' or 'remote'. */
export function envLabel(factory: EnvFactory): string {
  if (factory.exportName === 'PacmanEnv') {
    const layout = (factory.args?.[0] as { layout?: string } | undefined)?.layout ?? 'pacman';
    return isLayoutName(layout) ? layout : 'custom';
  }
  if (factory.exportName === 'makeCartPole') return 'cartpole';
  return 'remote';
}

/** True for the bundled Pac-Man (its +-500 rewards want scaling). */
export function isPacman(factory: EnvFactory): boolean {
  return factory.exportName === 'PacmanEnv';
}

/** The same factory with extra constructor options merged in (Pac-Man: e.g. a render mode). */
export function withEnvOptions(factory: EnvFactory, extra: Record<string, unknown>): EnvFactory {
  const [first, ...rest] = factory.args ?? [];
  return { ...factory, args: [{ ...(first as object), ...extra }, ...rest] };
}

export interface VectorEnvChoice {
  numEnvs: number;
  /** Worker threads stepping the envs (0: step them in this thread). */
  workers: number;
  seed?: number;
}

/**
 * `numEnvs` copies of the env, stepped in `workers` worker threads (AsyncVectorEnv, envs split
 * evenly) or in this thread (SyncVectorEnv). Same-step autoreset: no wasted reset steps, the
 * final observation in info.final_obs (as stable-baselines3's VecEnv).
 */
export async function makeVectorEnv(
  factory: EnvFactory,
  choice: VectorEnvChoice,
): Promise<VectorEnv> {
  // No Pac-Man `reuseObs`: with same-step autoreset the reset would overwrite info.final_obs.
  const factories = Array.from({ length: choice.numEnvs }, () => factory);
  if (choice.workers > 0) {
    const envsPerWorker = Math.ceil(choice.numEnvs / choice.workers);
    return AsyncVectorEnv.create(factories, { autoresetMode: 'same-step', envsPerWorker });
  }
  const envs = await Promise.all(factories.map((f) => makeEnvFromFactory(f)));
  return new SyncVectorEnv(
    envs.map((e) => () => e),
    { autoresetMode: 'same-step' },
  );
}

/** One env in this thread (eval, play). */
export function makeEnv(factory: EnvFactory): Promise<Env> {
  return makeEnvFromFactory(factory);
}
