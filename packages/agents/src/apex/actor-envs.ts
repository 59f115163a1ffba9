/**
 * What an actor builds from the learner's `ActorSpec`: its environments (from the gym
 * `EnvFactory` in the spec, checked against the spec's spaces) and its Q network. Rebuilt only
 * when a learner sends a different spec.
 */
import type { tf } from '@coordconv/backend';
import type { Rng } from '@coordconv/common';
import { Box, Discrete, makeEnvFromFactory, type Env } from '@coordconv/gym';
import { buildDuelingQ } from '../networks/dueling-q.js';
import type { ActorSpec } from './protocol.js';

/** Env modules an actor imports without being told to trust the learner further. */
export function defaultEnvModuleAllowed(module: string): boolean {
  return module.startsWith('@coordconv/');
}

export interface ActorParts {
  key: string;
  spec: ActorSpec;
  envs: Env[];
  model: tf.LayersModel;
}

/** Identifies specs that need the same envs and network. */
export function partsKey(spec: ActorSpec): string {
  return JSON.stringify([
    spec.env,
    spec.obsShape,
    spec.obsDtype,
    spec.numActions,
    spec.network,
    spec.envsPerActor,
  ]);
}

export async function buildActorParts(
  spec: ActorSpec,
  rng: Rng,
  allowModule: (module: string) => boolean,
): Promise<ActorParts> {
  if (!allowModule(spec.env.module)) {
    throw new Error(
      `apex actor: the learner asks for env module ${JSON.stringify(spec.env.module)}, which this actor does not import by default; start the actor with --trust-env-module if you trust the learner`,
    );
  }
  const envs: Env[] = [];
  try {
    for (let i = 0; i < spec.envsPerActor; i++) {
      const env = await makeEnvFromFactory(spec.env);
      envs.push(env);
      checkEnvMatchesSpec(env, spec);
    }
  } catch (err) {
    await Promise.all(envs.map((e) => e.close()));
    throw err;
  }
  const { model } = buildDuelingQ(
    {
      observation: { shape: spec.obsShape, dtype: spec.obsDtype },
      numActions: spec.numActions,
      network: spec.network,
    },
    rng,
  );
  return { key: partsKey(spec), spec, envs, model };
}

function checkEnvMatchesSpec(env: Env, spec: ActorSpec): void {
  const obs = env.observationSpace;
  const act = env.actionSpace;
  const same =
    obs instanceof Box &&
    obs.dtype === spec.obsDtype &&
    obs.shape.length === spec.obsShape.length &&
    obs.shape.every((d, i) => d === spec.obsShape[i]) &&
    act instanceof Discrete &&
    act.start === 0 &&
    act.n === spec.numActions;
  if (!same) {
    throw new Error(
      `apex actor: the env built from ${JSON.stringify(spec.env)} has spaces ${String(obs)} / ${String(act)}, but the learner expects Box ${spec.obsDtype} [${spec.obsShape.join(', ')}] / Discrete(${spec.numActions})`,
    );
  }
}

export async function disposeActorParts(parts: ActorParts | undefined): Promise<void> {
  if (!parts) return;
  parts.model.dispose();
  await Promise.all(parts.envs.map((e) => e.close()));
}
