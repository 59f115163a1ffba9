import type { AutoresetMode, Env, Info } from '../env.js';
import type { MaybePromise } from '../maybe-promise.js';
import { thenMaybe } from '../maybe-promise.js';

/** One sub-env's part of a vector step. */
export interface SubStep {
  obs: unknown;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: Info;
}

/**
 * One sub-env of a vector env with gymnasium's autoreset rule. SyncVectorEnv and the
 * AsyncVectorEnv worker both drive their envs through this class, so the two give identical
 * results for the same seeds and actions.
 */
export class AutoresetSlot {
  /** The env ended on the previous step and will be reset by the next `step`. */
  private needsReset = false;

  constructor(
    readonly env: Env,
    readonly mode: Exclude<AutoresetMode, 'disabled'>,
  ) {}

  reset(
    seed: number | undefined,
    options: Record<string, unknown> | undefined,
  ): MaybePromise<[unknown, Info]> {
    this.needsReset = false;
    const args = options === undefined ? { seed } : { seed, options };
    return thenMaybe(this.env.reset(args), ([obs, info]): [unknown, Info] => [obs, info]);
  }

  step(action: unknown): MaybePromise<SubStep> {
    if (this.needsReset) {
      // next-step autoreset: this step only resets the env.
      this.needsReset = false;
      return thenMaybe(this.env.reset(), ([obs, info]) => ({
        obs,
        reward: 0,
        terminated: false,
        truncated: false,
        info,
      }));
    }
    return thenMaybe(
      this.env.step(action),
      ([obs, reward, terminated, truncated, info]): MaybePromise<SubStep> => {
        const done = terminated || truncated;
        if (!done) return { obs, reward, terminated, truncated, info };
        if (this.mode === 'next-step') {
          this.needsReset = true;
          return { obs, reward, terminated, truncated, info };
        }
        // same-step: reset now; the final observation and info travel in the reset info.
        return thenMaybe(this.env.reset(), ([resetObs, resetInfo]) => ({
          obs: resetObs,
          reward,
          terminated,
          truncated,
          info: { ...resetInfo, final_obs: obs, final_info: info },
        }));
      },
    );
  }
}
