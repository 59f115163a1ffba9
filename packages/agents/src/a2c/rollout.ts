/**
 * Rollout collection for A2C (OpenAI baselines' `Runner`, SB3 `collect_rollouts`): nSteps steps
 * of a vector env with actions from the current policy, stored as `[T, N]` typed arrays.
 *
 * Episode ends under both gymnasium autoreset modes:
 * - `next-step` (gymnasium's default): the step that ends an episode returns its final
 *   observation; the next step only resets that env (reward 0, action ignored). That reset step
 *   is no transition, so its `mask` is 0; and V(final observation), needed to bootstrap a
 *   truncated episode, is simply the value computed for the next step's observation.
 * - `same-step`: the env resets at once and the final observation arrives in
 *   `info.final_obs`; its value is computed in one extra batched forward pass, only on steps
 *   where some episode was truncated.
 */
import type { VectorEnv, Info } from '@coordconv/gym';
import type { EpisodeRecord } from '../core/roles.js';
import type { A2CActor } from './actor.js';

export type ObsArray = Float32Array | Uint8Array;

export class RolloutBuffer {
  readonly obs: ObsArray;
  readonly actions: Int32Array;
  readonly rewards: Float32Array;
  readonly values: Float32Array;
  readonly terminated: Uint8Array;
  readonly truncated: Uint8Array;
  readonly finalValues: Float32Array;
  readonly mask: Float32Array;
  readonly lastValues: Float32Array;

  constructor(
    readonly numSteps: number,
    readonly numEnvs: number,
    readonly obsSize: number,
    obsKind: 'float32' | 'uint8',
  ) {
    const n = numSteps * numEnvs;
    this.obs = obsKind === 'uint8' ? new Uint8Array(n * obsSize) : new Float32Array(n * obsSize);
    this.actions = new Int32Array(n);
    this.rewards = new Float32Array(n);
    this.values = new Float32Array(n);
    this.terminated = new Uint8Array(n);
    this.truncated = new Uint8Array(n);
    this.finalValues = new Float32Array(n);
    this.mask = new Float32Array(n);
    this.lastValues = new Float32Array(numEnvs);
  }
}

/** Per-env bookkeeping of the running episode, for envs without RecordEpisodeStatistics. */
interface EpisodeAccumulator {
  return: number;
  length: number;
}

interface EpisodeStatsInfo {
  r?: unknown;
  l?: unknown;
}

/** The finished episode's record: `info.episode` when a RecordEpisodeStatistics wrapper set it. */
function episodeRecord(info: Info, acc: EpisodeAccumulator): EpisodeRecord {
  const finalInfo = (info.final_info as Info | undefined) ?? info;
  const stats = finalInfo.episode as EpisodeStatsInfo | undefined;
  const record: EpisodeRecord =
    stats && typeof stats.r === 'number' && typeof stats.l === 'number'
      ? { return: stats.r, length: stats.l }
      : { return: acc.return, length: acc.length };
  if (typeof finalInfo.win === 'boolean') record.win = finalInfo.win;
  return record;
}

/** Steps a vector env with an A2C actor and fills rollout buffers. */
export class RolloutCollector {
  readonly numEnvs: number;
  readonly obsSize: number;
  readonly mode: 'next-step' | 'same-step';
  private obs: ObsArray | undefined;
  /** next-step mode: env i ended on the last step, so the coming step is its reset step. */
  private readonly resetPending: Uint8Array;
  private readonly episodes: EpisodeAccumulator[];

  constructor(
    readonly env: VectorEnv,
    readonly actor: A2CActor,
    obsSize: number,
  ) {
    this.numEnvs = env.numEnvs;
    this.obsSize = obsSize;
    const mode = env.metadata.autoresetMode ?? 'next-step';
    if (mode === 'disabled')
      throw new RangeError(
        'A2C needs a vector env with autoreset (next-step or same-step), got disabled',
      );
    this.mode = mode;
    this.resetPending = new Uint8Array(this.numEnvs);
    this.episodes = Array.from({ length: this.numEnvs }, () => ({ return: 0, length: 0 }));
  }

  /** Resets every env (sub-env i gets seed + i) and starts fresh episodes. */
  async reset(seed: number): Promise<void> {
    const [obs] = await this.env.reset({ seed });
    this.obs = (obs as ObsArray).slice();
    this.resetPending.fill(0);
    for (const e of this.episodes) {
      e.return = 0;
      e.length = 0;
    }
  }

  /** Fills `buf` with `buf.numSteps` steps; returns the episodes that finished. */
  async collect(buf: RolloutBuffer): Promise<EpisodeRecord[]> {
    if (!this.obs) throw new Error('RolloutCollector.collect: call reset() first');
    const N = this.numEnvs;
    const size = this.obsSize;
    const finished: EpisodeRecord[] = [];
    for (let t = 0; t < buf.numSteps; t++) {
      const row = t * N;
      buf.obs.set(this.obs, row * size);
      const { actions, values } = await this.actor.act(this.obs, N);
      buf.actions.set(actions, row);
      buf.values.set(values, row);
      for (let i = 0; i < N; i++) buf.mask[row + i] = this.resetPending[i] ? 0 : 1;
      // next-step: the observation of step t is the final observation of an episode that ended at t-1.
      if (this.mode === 'next-step' && t > 0) buf.finalValues.set(values, row - N);

      const [nextObs, rewards, terminated, truncated, infos] = await this.env.step(actions);
      buf.rewards.set(rewards, row);
      buf.terminated.set(terminated, row);
      buf.truncated.set(truncated, row);
      for (let i = 0; i < N; i++) {
        if (this.resetPending[i]) {
          this.resetPending[i] = 0;
          continue;
        }
        const ep = this.episodes[i] as EpisodeAccumulator;
        ep.return += rewards[i] as number;
        ep.length += 1;
        if (terminated[i] || truncated[i]) {
          finished.push(episodeRecord(infos[i] as Info, ep));
          ep.return = 0;
          ep.length = 0;
          if (this.mode === 'next-step') this.resetPending[i] = 1;
        }
      }
      if (this.mode === 'same-step') await this.finalValuesSameStep(buf, row, truncated, infos);
      this.obs = (nextObs as ObsArray).slice();
    }
    buf.lastValues.set(await this.actor.values(this.obs, N));
    // next-step: an episode that ended on the last step has s_T as its final observation.
    if (this.mode === 'next-step') buf.finalValues.set(buf.lastValues, (buf.numSteps - 1) * N);
    return finished;
  }

  /** same-step: V(info.final_obs) for the truncated envs of one step, in one forward pass. */
  private async finalValuesSameStep(
    buf: RolloutBuffer,
    row: number,
    truncated: Uint8Array,
    infos: Info[],
  ): Promise<void> {
    const ids: number[] = [];
    for (let i = 0; i < this.numEnvs; i++) if (truncated[i]) ids.push(i);
    if (ids.length === 0) return;
    const finals =
      buf.obs instanceof Uint8Array
        ? new Uint8Array(ids.length * this.obsSize)
        : new Float32Array(ids.length * this.obsSize);
    ids.forEach((i, j) => {
      const final = (infos[i] as Info).final_obs as ArrayLike<number> | undefined;
      if (!final || final.length !== this.obsSize) {
        throw new Error(
          `same-step vector env: sub-env ${i} was truncated without info.final_obs of ${this.obsSize} values`,
        );
      }
      finals.set(final, j * this.obsSize);
    });
    const values = await this.actor.values(finals, ids.length);
    ids.forEach((i, j) => (buf.finalValues[row + i] = values[j] as number));
  }
}
