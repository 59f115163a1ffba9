import type { EnvMetadata, Info } from '../env.js';
import { GymError } from '../errors.js';
import type { Space } from '../spaces/space.js';
import type { SubStep } from './autoreset.js';
import { batchSpace, cloneBatch, writeBatch } from './batch.js';
import type { Batch } from './batch.js';
import type { VectorEnvOptions, VectorStepResult } from './vector-env.js';

/** The spaces and metadata every vector env derives from its sub-envs. */
export interface VectorSpaces {
  singleObservationSpace: Space<unknown>;
  singleActionSpace: Space<unknown>;
  observationSpace: Space<unknown>;
  actionSpace: Space<unknown>;
  metadata: EnvMetadata;
}

/**
 * Checks that every sub-env has the same spaces (as gymnasium requires) and derives the batched
 * ones. `spaces[i]` are sub-env `i`'s observation and action spaces.
 */
export function vectorSpaces(
  spaces: readonly { observationSpace: Space<unknown>; actionSpace: Space<unknown> }[],
  metadata: EnvMetadata,
  options: VectorEnvOptions,
): VectorSpaces {
  if (spaces.length === 0) throw new GymError('a vector env needs at least one env, got 0');
  const first = spaces[0]!;
  spaces.forEach((s, i) => {
    if (!s.observationSpace.equals(first.observationSpace)) {
      throw new GymError(
        `vector env sub-envs must share one observation space: env 0 has ${first.observationSpace}, env ${i} has ${s.observationSpace}`,
      );
    }
    if (!s.actionSpace.equals(first.actionSpace)) {
      throw new GymError(
        `vector env sub-envs must share one action space: env 0 has ${first.actionSpace}, env ${i} has ${s.actionSpace}`,
      );
    }
  });
  const n = spaces.length;
  return {
    singleObservationSpace: first.observationSpace,
    singleActionSpace: first.actionSpace,
    observationSpace: batchSpace(first.observationSpace, n),
    actionSpace: batchSpace(first.actionSpace, n),
    metadata: { ...metadata, autoresetMode: options.autoresetMode ?? 'next-step' },
  };
}

/** Assembles a vector step result from per-env parts; `obs` rows are written unless `written`. */
export function assembleStep(
  space: Space<unknown>,
  batch: Batch,
  parts: readonly SubStep[],
  copy: boolean,
  written = false,
): VectorStepResult {
  const n = parts.length;
  const rewards = new Float32Array(n);
  const terminated = new Uint8Array(n);
  const truncated = new Uint8Array(n);
  const infos: Info[] = new Array<Info>(n);
  for (let i = 0; i < n; i++) {
    const p = parts[i]!;
    if (!written) writeBatch(space, batch, i, p.obs);
    rewards[i] = p.reward;
    terminated[i] = p.terminated ? 1 : 0;
    truncated[i] = p.truncated ? 1 : 0;
    infos[i] = p.info;
  }
  return [copy ? cloneBatch(batch) : batch, rewards, terminated, truncated, infos];
}
