/**
 * A trained run's policy and env, for agent:eval and agent:play: config.json says the algorithm
 * and the env factory, the checkpoint holds the network.
 */
import { loadA2CPolicy, loadApexPolicy, type Actor } from '@coordconv/agents';
import { CliError } from '@coordconv/common';
import type { EnvFactory } from '@coordconv/gym';
import { readRunConfig } from './a2c/train-a2c.js';

export interface RunPolicy {
  algo: string;
  env: EnvFactory;
  actor: Actor;
}

export async function loadRunPolicy(dir: string, seed: number): Promise<RunPolicy> {
  const config = readRunConfig(dir);
  const env = config.env as EnvFactory | undefined;
  if (!env || typeof env.module !== 'string')
    throw new CliError(`--run: ${dir}/config.json has no env factory`);
  switch (config.algo) {
    case 'a2c':
      return { algo: 'a2c', env, actor: await loadA2CPolicy(dir, { seed }) };
    case 'apex':
      return { algo: 'apex', env, actor: await loadApexPolicy(dir, { seed }) };
    default:
      throw new CliError(
        `--run: ${dir} is a run of unknown algorithm ${JSON.stringify(config.algo)}`,
      );
  }
}
