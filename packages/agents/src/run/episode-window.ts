/**
 * Episode statistics for logging: the last 100 returns (the smoothed learning curve, SB3's
 * `rollout/ep_rew_mean`) and the episodes of the current log window.
 */
import { RollingMean } from '@coordconv/common';
import type { EpisodeRecord } from '../core/roles.js';

export interface EpisodeSummary {
  /** Mean / min / max return of the last `size` episodes (NaN before the first episode). */
  meanReturn: number;
  minReturn: number;
  maxReturn: number;
  /** Mean length of the last `size` episodes. */
  meanLength: number;
  /** Fraction of wins among the last `size` episodes that reported win/loss (NaN if none). */
  winRate: number;
  /** Episodes finished in this log window. */
  windowEpisodes: number;
}

export class EpisodeWindow {
  private readonly returns: RollingMean;
  private readonly lengths: RollingMean;
  private readonly wins: RollingMean;
  private windowCount = 0;

  constructor(readonly size = 100) {
    this.returns = new RollingMean(size);
    this.lengths = new RollingMean(size);
    this.wins = new RollingMean(size);
  }

  add(episodes: readonly EpisodeRecord[]): void {
    for (const e of episodes) {
      this.returns.push(e.return);
      this.lengths.push(e.length);
      if (e.win !== undefined) this.wins.push(e.win ? 1 : 0);
      this.windowCount++;
    }
  }

  get count(): number {
    return this.returns.count;
  }

  /** Mean return of the last `size` episodes, without closing the log window. */
  get meanReturn(): number {
    return this.returns.mean();
  }

  /** The summary, and a new log window starts. */
  summarize(): EpisodeSummary {
    const s: EpisodeSummary = {
      meanReturn: this.returns.mean(),
      minReturn: this.returns.min(),
      maxReturn: this.returns.max(),
      meanLength: this.lengths.mean(),
      winRate: this.wins.mean(),
      windowEpisodes: this.windowCount,
    };
    this.windowCount = 0;
    return s;
  }

  /** For checkpoints: the recent episodes, so a resumed run's curve continues smoothly. */
  toJSON(): { returns: number[]; lengths: number[]; wins: number[] } {
    return {
      returns: this.returns.toArray(),
      lengths: this.lengths.toArray(),
      wins: this.wins.toArray(),
    };
  }

  static fromJSON(value: unknown, size = 100): EpisodeWindow {
    const w = new EpisodeWindow(size);
    const v = value as { returns?: unknown; lengths?: unknown; wins?: unknown } | undefined;
    const nums = (x: unknown): number[] =>
      Array.isArray(x) ? x.filter((n): n is number => typeof n === 'number') : [];
    for (const r of nums(v?.returns)) w.returns.push(r);
    for (const l of nums(v?.lengths)) w.lengths.push(l);
    for (const b of nums(v?.wins)) w.wins.push(b);
    return w;
  }
}
