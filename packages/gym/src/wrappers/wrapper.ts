import type { Rng } from '@coordconv/common';
import type { Env, EnvMetadata, RenderFrame, ResetArgs, ResetResult, StepResult } from '../env.js';
import type { MaybePromise } from '../maybe-promise.js';
import { thenMaybe } from '../maybe-promise.js';
import type { Space } from '../spaces/space.js';

/**
 * Wraps an env and forwards everything to it (gymnasium.Wrapper). Subclasses override what they
 * change; a wrapper that changes a space assigns `observationSpace` / `actionSpace` in its
 * constructor. Wrapping a synchronous env keeps it synchronous (see `thenMaybe`).
 *
 * `Obs`/`Act` are what the wrapper exposes; `InnerObs`/`InnerAct` what the wrapped env uses.
 */
export class Wrapper<Obs = unknown, Act = unknown, InnerObs = Obs, InnerAct = Act> implements Env<
  Obs,
  Act
> {
  readonly env: Env<InnerObs, InnerAct>;
  private ownObservationSpace: Space<Obs> | undefined;
  private ownActionSpace: Space<Act> | undefined;
  private ownMetadata: EnvMetadata | undefined;

  constructor(env: Env<InnerObs, InnerAct>) {
    this.env = env;
  }

  get observationSpace(): Space<Obs> {
    return this.ownObservationSpace ?? (this.env.observationSpace as unknown as Space<Obs>);
  }
  set observationSpace(space: Space<Obs>) {
    this.ownObservationSpace = space;
  }

  get actionSpace(): Space<Act> {
    return this.ownActionSpace ?? (this.env.actionSpace as unknown as Space<Act>);
  }
  set actionSpace(space: Space<Act>) {
    this.ownActionSpace = space;
  }

  get metadata(): EnvMetadata {
    return this.ownMetadata ?? this.env.metadata;
  }
  set metadata(metadata: EnvMetadata) {
    this.ownMetadata = metadata;
  }

  get renderMode(): string | undefined {
    return this.env.renderMode;
  }

  get rng(): Rng | undefined {
    return this.env.rng;
  }

  /** The innermost env (gymnasium `env.unwrapped`). */
  get unwrapped(): Env<unknown, unknown> {
    let e: Env<unknown, unknown> = this.env as Env<unknown, unknown>;
    while (e instanceof Wrapper) e = e.env as Env<unknown, unknown>;
    return e;
  }

  reset(args?: ResetArgs): MaybePromise<ResetResult<Obs>> {
    return this.env.reset(args) as unknown as MaybePromise<ResetResult<Obs>>;
  }

  step(action: Act): MaybePromise<StepResult<Obs>> {
    return this.env.step(action as unknown as InnerAct) as unknown as MaybePromise<StepResult<Obs>>;
  }

  render(): MaybePromise<RenderFrame> {
    return this.env.render();
  }

  close(): MaybePromise<void> {
    return this.env.close();
  }

  toString(): string {
    return `<${this.constructor.name}${String(this.env)}>`;
  }
}

/** Transforms observations through `observation()` (gymnasium.ObservationWrapper). */
export abstract class ObservationWrapper<Obs, Act, InnerObs> extends Wrapper<
  Obs,
  Act,
  InnerObs,
  Act
> {
  abstract observation(obs: InnerObs): Obs;

  override reset(args?: ResetArgs): MaybePromise<ResetResult<Obs>> {
    return thenMaybe(this.env.reset(args), ([obs, info]): ResetResult<Obs> => [
      this.observation(obs),
      info,
    ]);
  }

  override step(action: Act): MaybePromise<StepResult<Obs>> {
    return thenMaybe(this.env.step(action), ([obs, r, term, trunc, info]): StepResult<Obs> => [
      this.observation(obs),
      r,
      term,
      trunc,
      info,
    ]);
  }
}

/** Transforms rewards through `reward()` (gymnasium.RewardWrapper). */
export abstract class RewardWrapper<Obs, Act> extends Wrapper<Obs, Act> {
  abstract reward(reward: number): number;

  override step(action: Act): MaybePromise<StepResult<Obs>> {
    return thenMaybe(this.env.step(action), ([obs, r, term, trunc, info]): StepResult<Obs> => [
      obs,
      this.reward(r),
      term,
      trunc,
      info,
    ]);
  }
}

/** Transforms actions through `action()` before the wrapped env sees them (gymnasium.ActionWrapper). */
export abstract class ActionWrapper<Obs, Act, InnerAct> extends Wrapper<Obs, Act, Obs, InnerAct> {
  abstract action(action: Act): InnerAct;

  override step(action: Act): MaybePromise<StepResult<Obs>> {
    return this.env.step(this.action(action));
  }
}
