/**
 * The vector-env contract (gymnasium.vector.VectorEnv): `numEnvs` copies of one env stepped in
 * lock-step, with batched observations, rewards and flags. Methods return `MaybePromise` like
 * `Env`: `SyncVectorEnv` over synchronous envs answers synchronously, `AsyncVectorEnv` with
 * promises; generic callers `await`.
 */
import type { AutoresetMode, EnvMetadata, Info, RenderFrame } from '../env.js';
import type { MaybePromise } from '../maybe-promise.js';
import type { Space } from '../spaces/space.js';
import type { Batch } from './batch.js';

/** Arguments of a vector `reset()`. */
export interface VectorResetArgs {
  /**
   * One number: sub-env `i` is seeded with `seed + i` (as gymnasium). An array: one seed per
   * sub-env (`undefined` entries keep that env's stream). Omitted: no env is reseeded.
   */
  seed?: number | readonly (number | undefined)[];
  /** Passed to every sub-env's `reset`. */
  options?: Record<string, unknown>;
}

/** `[observations, infos]`; `observations` has shape `[numEnvs, ...obsShape]`. */
export type VectorResetResult<BObs = Batch> = [obs: BObs, infos: Info[]];

/**
 * `[observations, rewards, terminated, truncated, infos]`: `rewards` is a Float32Array and the
 * flags Uint8Arrays (0/1) of length `numEnvs`; `infos[i]` is sub-env `i`'s info.
 */
export type VectorStepResult<BObs = Batch> = [
  obs: BObs,
  rewards: Float32Array,
  terminated: Uint8Array,
  truncated: Uint8Array,
  infos: Info[],
];

export interface VectorEnv<BObs = Batch, BAct = unknown> {
  readonly numEnvs: number;
  /** The space of one sub-env's observation. */
  readonly singleObservationSpace: Space<unknown>;
  /** The space of one sub-env's action. */
  readonly singleActionSpace: Space<unknown>;
  /** Batched observation space (`batchSpace(singleObservationSpace, numEnvs)`). */
  readonly observationSpace: Space<unknown>;
  /** Batched action space; `actionSpace.sample()` is a valid argument of `step`. */
  readonly actionSpace: Space<unknown>;
  /** Sub-env metadata plus `autoresetMode`. */
  readonly metadata: EnvMetadata;
  reset(args?: VectorResetArgs): MaybePromise<VectorResetResult<BObs>>;
  /**
   * Steps every sub-env. With `autoresetMode: 'next-step'` (the default, as gymnasium), a sub-env
   * that ended on the previous step is reset instead: its row holds the reset observation, with
   * reward 0, both flags false and the reset info.
   */
  step(actions: BAct): MaybePromise<VectorStepResult<BObs>>;
  /** Every sub-env's frame. */
  render(): MaybePromise<RenderFrame[]>;
  /** Closes every sub-env (and worker); calling it again is a no-op. */
  close(): MaybePromise<void>;
}

/** Options shared by SyncVectorEnv and AsyncVectorEnv. */
export interface VectorEnvOptions {
  /** `'next-step'` (default, gymnasium's default) or `'same-step'` (reset in the ending step, with `info.final_obs` / `info.final_info`). */
  autoresetMode?: Exclude<AutoresetMode, 'disabled'>;
  /**
   * Return a fresh copy of the observation batch from every call (default true, as gymnasium).
   * With false, the same buffer is overwritten in place by the next call: faster, but copy what
   * you keep.
   */
  copy?: boolean;
}

/** Seeds per sub-env from a vector `reset` seed argument. */
export function seedsFor(seed: VectorResetArgs['seed'], n: number): (number | undefined)[] {
  if (seed === undefined) return new Array<number | undefined>(n).fill(undefined);
  if (typeof seed === 'number') return Array.from({ length: n }, (_, i) => seed + i);
  if (seed.length !== n) {
    throw new RangeError(
      `vector reset seed array must have numEnvs=${n} entries, got ${seed.length}`,
    );
  }
  return [...seed];
}
