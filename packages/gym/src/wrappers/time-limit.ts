import type { Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import { GymError } from '../errors.js';
import type { MaybePromise } from '../maybe-promise.js';
import { thenMaybe } from '../maybe-promise.js';
import { Wrapper } from './wrapper.js';

/**
 * Truncates episodes after `maxEpisodeSteps` steps (gymnasium.wrappers.TimeLimit): the step that
 * reaches the limit returns `truncated = true` (possibly together with `terminated`).
 */
export class TimeLimit<Obs, Act> extends Wrapper<Obs, Act> {
  readonly maxEpisodeSteps: number;
  /** Steps taken since the last reset. */
  elapsedSteps = 0;

  constructor(env: Env<Obs, Act>, maxEpisodeSteps: number) {
    super(env);
    if (!Number.isInteger(maxEpisodeSteps) || maxEpisodeSteps < 1) {
      throw new GymError(
        `TimeLimit maxEpisodeSteps must be an integer >= 1, got ${maxEpisodeSteps}`,
      );
    }
    this.maxEpisodeSteps = maxEpisodeSteps;
  }

  override reset(args?: ResetArgs): MaybePromise<ResetResult<Obs>> {
    this.elapsedSteps = 0;
    return this.env.reset(args);
  }

  override step(action: Act): MaybePromise<StepResult<Obs>> {
    return thenMaybe(this.env.step(action), ([obs, r, term, trunc, info]): StepResult<Obs> => {
      this.elapsedSteps += 1;
      return [obs, r, term, trunc || this.elapsedSteps >= this.maxEpisodeSteps, info];
    });
  }
}
