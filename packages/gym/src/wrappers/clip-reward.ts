import type { Env } from '../env.js';
import { GymError } from '../errors.js';
import { RewardWrapper } from './wrapper.js';

/** Clips rewards to `[minReward, maxReward]` (gymnasium ClipReward); either bound may be omitted. */
export class ClipReward<Obs, Act> extends RewardWrapper<Obs, Act> {
  readonly minReward: number;
  readonly maxReward: number;

  constructor(env: Env<Obs, Act>, minReward?: number, maxReward?: number) {
    super(env);
    if (minReward === undefined && maxReward === undefined) {
      throw new GymError('ClipReward needs minReward or maxReward (or both), got neither');
    }
    this.minReward = minReward ?? -Infinity;
    this.maxReward = maxReward ?? Infinity;
    if (!(this.minReward <= this.maxReward)) {
      throw new GymError(
        `ClipReward minReward must be <= maxReward, got ${minReward} > ${maxReward}`,
      );
    }
  }

  reward(reward: number): number {
    return Math.min(this.maxReward, Math.max(this.minReward, reward));
  }
}
