import type { Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import { GymError } from '../errors.js';
import type { MaybePromise } from '../maybe-promise.js';
import { thenMaybe } from '../maybe-promise.js';
import { Wrapper } from './wrapper.js';

/** What `info.episode` holds at the end of an episode. */
export interface EpisodeStatistics {
  /** Undiscounted return. */
  r: number;
  /** Length in steps. */
  l: number;
  /** Wall-clock duration in seconds (rounded to microseconds). */
  t: number;
}

/**
 * Adds `info.episode = {r, l, t}` on the step that ends an episode (terminated or truncated) and
 * keeps the last `bufferLength` returns, lengths and durations (gymnasium
 * RecordEpisodeStatistics).
 */
export class RecordEpisodeStatistics<Obs, Act> extends Wrapper<Obs, Act> {
  readonly statsKey: string;
  readonly bufferLength: number;
  readonly returnQueue: number[] = [];
  readonly lengthQueue: number[] = [];
  readonly timeQueue: number[] = [];
  /** Episodes finished since construction. */
  episodeCount = 0;
  private episodeReturn = 0;
  private episodeLength = 0;
  private episodeStart = performance.now();

  constructor(env: Env<Obs, Act>, options: { bufferLength?: number; statsKey?: string } = {}) {
    super(env);
    this.bufferLength = options.bufferLength ?? 100;
    this.statsKey = options.statsKey ?? 'episode';
  }

  override reset(args?: ResetArgs): MaybePromise<ResetResult<Obs>> {
    return thenMaybe(this.env.reset(args), (result) => {
      this.episodeReturn = 0;
      this.episodeLength = 0;
      this.episodeStart = performance.now();
      return result;
    });
  }

  override step(action: Act): MaybePromise<StepResult<Obs>> {
    return thenMaybe(this.env.step(action), (result): StepResult<Obs> => {
      const [obs, reward, terminated, truncated, info] = result;
      this.episodeReturn += reward;
      this.episodeLength += 1;
      if (!terminated && !truncated) return result;
      if (this.statsKey in info) {
        throw new GymError(
          `RecordEpisodeStatistics: info already has the key ${JSON.stringify(this.statsKey)}; pass another statsKey`,
        );
      }
      const t = Math.round((performance.now() - this.episodeStart) * 1000) / 1e6;
      const stats: EpisodeStatistics = { r: this.episodeReturn, l: this.episodeLength, t };
      push(this.returnQueue, stats.r, this.bufferLength);
      push(this.lengthQueue, stats.l, this.bufferLength);
      push(this.timeQueue, stats.t, this.bufferLength);
      this.episodeCount += 1;
      return [obs, reward, terminated, truncated, { ...info, [this.statsKey]: stats }];
    });
  }
}

function push(queue: number[], value: number, cap: number): void {
  queue.push(value);
  if (queue.length > cap) queue.shift();
}
