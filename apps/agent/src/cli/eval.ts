/**
 * `npx nx run agent:eval -- --run DIR [--episodes N]`: plays N episodes with a trained policy and
 * prints each score, then one JSON summary line {episodes, meanReturn, stdReturn, winRate}.
 * `--policy random` with --layout/--env (no --run) gives the random-policy baseline.
 */
import { initBackend } from '@coordconv/backend';
import { CliError, defineCli, runCli } from '@coordconv/common';
import type { EnvFactory } from '@coordconv/gym';
import { ENV_OPTIONS, envFactoryFromCli, makeEnv, type EnvCliValues } from '../env-spec.js';
import { evaluate, policyFn } from '../episodes.js';
import { loadRunPolicy } from '../run-policy.js';

const cli = defineCli({
  name: 'nx run agent:eval --',
  description:
    'Evaluates a trained run (or the random policy) on its environment: one line per episode, then a JSON summary line.',
  options: {
    run: {
      type: 'string',
      help: 'run directory from agent:train (its env and checkpoint are used)',
    },
    episodes: { type: 'int', default: 100, min: 1, help: 'episodes to play' },
    policy: {
      type: 'enum',
      choices: ['sample', 'greedy', 'random'],
      help: 'sample: the trained stochastic policy (default with --run); greedy: its most likely action (Ape-X runs: always greedy); random: uniform (default without --run)',
    },
    seed: {
      type: 'int',
      default: 12345,
      min: 0,
      help: 'seed of the first episode (episode k uses seed + k)',
    },
    backend: {
      type: 'enum',
      choices: ['auto', 'tensorflow', 'wasm', 'cpu'],
      default: 'auto',
      help: 'tfjs backend',
    },
    ...ENV_OPTIONS,
  },
  epilog:
    'Examples:\n  npx nx run agent:eval -- --run runs/a2c-smallClassic-... --episodes 200\n  npx nx run agent:eval -- --policy random --layout smallClassic',
});

await runCli(cli, async (o) => {
  let policy = o.policy ?? (o.run ? 'sample' : 'random');
  if (policy !== 'random' && !o.run)
    throw new CliError(`--policy ${policy} needs --run DIR (a trained run)`);
  await initBackend({ backend: o.backend });
  let factory: EnvFactory;
  let actor;
  if (o.run) {
    const loaded = await loadRunPolicy(o.run, o.seed);
    factory = loaded.env;
    actor = loaded.actor;
    // A Q network has no distribution to sample: Ape-X runs always act by argmax Q.
    if (loaded.algo === 'apex' && policy === 'sample') policy = 'greedy';
  } else {
    factory = envFactoryFromCli(o as EnvCliValues);
  }
  const env = await makeEnv(factory);
  try {
    const summary = await evaluate(env, policyFn(policy, actor, env, o.seed), o.episodes, {
      seed: o.seed,
      onEpisode: (r, k) => {
        const outcome = r.win === undefined ? '' : r.win ? ' win' : ' loss';
        process.stdout.write(
          `episode ${k + 1}: return ${r.return} (${r.length} steps${outcome})\n`,
        );
      },
    });
    process.stdout.write(JSON.stringify({ ...summary, policy, run: o.run ?? null }) + '\n');
  } finally {
    await env.close();
  }
});
