/**
 * The environment contract, mirroring gymnasium 1.x (gymnasium/core.py).
 *
 * Every method returns a `MaybePromise`: a local env (Pac-Man, CartPole) implements them
 * synchronously and stays allocation- and microtask-free when called directly, while a
 * `RemoteEnv` over ZeroMQ or an env living in a worker thread returns promises. Code that takes
 * any `Env` simply `await`s each call, which is correct for both. See README "Sync or async".
 */
import type { Image8, Rng } from '@coordconv/common';
import type { MaybePromise } from './maybe-promise.js';
import type { Space } from './spaces/space.js';

/** Free-form auxiliary diagnostics, as gymnasium's `info` dict. */
export type Info = Record<string, unknown>;

/** How a vector env resets a finished sub-env (gymnasium.vector.AutoresetMode). */
export type AutoresetMode = 'next-step' | 'same-step' | 'disabled';

/** Static facts about an env (gymnasium `metadata`). */
export interface EnvMetadata {
  /** Render modes the env supports, e.g. `['rgb_array', 'ansi']`. */
  renderModes: readonly string[];
  /** Frames per second a viewer should play rendered frames at. */
  renderFps?: number;
  /** For vector envs: how finished sub-envs are reset. */
  autoresetMode?: AutoresetMode;
  [key: string]: unknown;
}

/** Arguments of `reset()`. */
export interface ResetArgs {
  /** Reseeds the env's generator; omit to continue the current stream. */
  seed?: number;
  /** Env-specific reset options (gymnasium `options`). */
  options?: Record<string, unknown>;
}

/** `[observation, info]` */
export type ResetResult<Obs> = [obs: Obs, info: Info];

/** `[observation, reward, terminated, truncated, info]` */
export type StepResult<Obs> = [
  obs: Obs,
  reward: number,
  terminated: boolean,
  truncated: boolean,
  info: Info,
];

/** What `render()` returns: an image (`rgb_array`), text (`ansi`) or nothing. */
export type RenderFrame = Image8 | string | undefined;

/** An environment: the agent-facing contract of gymnasium.Env. */
export interface Env<Obs = unknown, Act = unknown> {
  readonly observationSpace: Space<Obs>;
  readonly actionSpace: Space<Act>;
  readonly metadata: EnvMetadata;
  /** The render mode chosen at construction, if any. */
  readonly renderMode?: string;
  /** The env's generator (gymnasium `np_random`); reseeded by `reset({ seed })`. */
  readonly rng?: Rng;
  /**
   * Starts a new episode. With `seed`, reseeds the env so that the same seed and the same
   * actions give the same trajectory.
   */
  reset(args?: ResetArgs): MaybePromise<ResetResult<Obs>>;
  /** Advances one step; throws `ResetNeeded` before the first reset (where enforced). */
  step(action: Act): MaybePromise<StepResult<Obs>>;
  /** A frame in `renderMode`. */
  render(): MaybePromise<RenderFrame>;
  /** Releases resources; calling it again is a no-op. */
  close(): MaybePromise<void>;
}

/** An env whose methods are all synchronous (a local game env). */
export interface SyncEnv<Obs = unknown, Act = unknown> extends Env<Obs, Act> {
  reset(args?: ResetArgs): ResetResult<Obs>;
  step(action: Act): StepResult<Obs>;
  render(): RenderFrame;
  close(): void;
}

/** The observation type of an env. */
export type EnvObs<E> = E extends Env<infer O, unknown> ? O : never;
/** The action type of an env. */
export type EnvAct<E> = E extends Env<unknown, infer A> ? A : never;
