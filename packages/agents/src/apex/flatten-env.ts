/**
 * Flat observations for the MLP torso: `makeFlattenedEnv(factory)` builds the env of a gym
 * `EnvFactory` and presents its Box observation as 1-D (same values, same order: envs already
 * hand out flat row-major arrays). Usable as an Ape-X actor env spec itself:
 *   {module: '@coordconv/agents', exportName: 'makeFlattenedEnv', args: [innerFactory]}
 */
import {
  Box,
  makeEnvFromFactory,
  ObservationWrapper,
  type Env,
  type EnvFactory,
} from '@coordconv/gym';

export class FlattenObservation<Obs> extends ObservationWrapper<Obs, unknown, Obs> {
  constructor(env: Env<Obs, unknown>) {
    super(env);
    const box = env.observationSpace;
    if (!(box instanceof Box)) {
      throw new TypeError(`FlattenObservation needs a Box observation space, got ${String(box)}`);
    }
    this.observationSpace = new Box(box.low, box.high, [box.size], box.dtype) as never;
  }

  observation(obs: Obs): Obs {
    return obs;
  }
}

export async function makeFlattenedEnv(inner: EnvFactory): Promise<Env> {
  return new FlattenObservation(await makeEnvFromFactory(inner)) as unknown as Env;
}
