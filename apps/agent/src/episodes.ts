/**
 * Playing whole episodes in one env with some policy: evaluation, the random baseline, and the
 * frames of `agent:play`.
 */
import type { Actor, EpisodeRecord } from '@coordconv/agents';
import { Rng } from '@coordconv/common';
import { Discrete, type Env, type Info, type RenderFrame } from '@coordconv/gym';

export type PolicyMode = 'greedy' | 'sample' | 'random';

/** Chooses one action per observation. */
export type ActFn = (obs: ArrayLike<number>) => Promise<number>;

/** The action function of `mode`: an actor's greedy or sampled action, or uniform random. */
export function policyFn(
  mode: PolicyMode,
  actor: Actor | undefined,
  env: Env,
  seed: number,
): ActFn {
  if (mode === 'random') {
    const space = env.actionSpace;
    if (!(space instanceof Discrete))
      throw new TypeError(`the random policy needs a Discrete action space, got ${String(space)}`);
    const rng = new Rng(seed);
    return async () => space.start + rng.int(space.n);
  }
  if (!actor) throw new Error(`policy ${mode} needs a trained run (--run DIR)`);
  return async (obs) =>
    (mode === 'greedy'
      ? await actor.greedyActions(obs, 1)
      : await actor.selectActions(obs, 1))[0] as number;
}

export interface EpisodeOptions {
  /** Seed of the first episode's reset; episode k uses seed + k. */
  seed: number;
  /** Called with each rendered frame (env must have a render mode). */
  onFrame?: (frame: RenderFrame) => Promise<void> | void;
  /** Stop an episode after this many steps even if the env does not (default: no cap). */
  maxSteps?: number;
}

export async function playEpisode(
  env: Env,
  act: ActFn,
  episode: number,
  options: EpisodeOptions,
): Promise<EpisodeRecord> {
  let [obs] = await env.reset({ seed: options.seed + episode });
  if (options.onFrame) await options.onFrame(await env.render());
  let total = 0;
  let length = 0;
  let info: Info = {};
  for (;;) {
    const [next, reward, terminated, truncated, stepInfo] = await env.step(
      await act(obs as ArrayLike<number>),
    );
    total += reward;
    length++;
    info = stepInfo;
    obs = next;
    if (options.onFrame) await options.onFrame(await env.render());
    if (terminated || truncated || (options.maxSteps !== undefined && length >= options.maxSteps))
      break;
  }
  const record: EpisodeRecord = { return: total, length };
  if (typeof info.win === 'boolean') record.win = info.win;
  return record;
}

export interface EvalSummary {
  episodes: number;
  meanReturn: number;
  stdReturn: number;
  /** Fraction of episodes won (null when the env does not report info.win). */
  winRate: number | null;
  meanLength: number;
}

export function summarize(records: readonly EpisodeRecord[]): EvalSummary {
  const n = records.length;
  const mean = records.reduce((s, r) => s + r.return, 0) / Math.max(n, 1);
  const variance = records.reduce((s, r) => s + (r.return - mean) ** 2, 0) / Math.max(n, 1);
  const withWin = records.filter((r) => r.win !== undefined);
  const round = (x: number) => Number(x.toFixed(4));
  return {
    episodes: n,
    meanReturn: round(mean),
    stdReturn: round(Math.sqrt(variance)),
    winRate: withWin.length ? round(withWin.filter((r) => r.win).length / withWin.length) : null,
    meanLength: round(records.reduce((s, r) => s + r.length, 0) / Math.max(n, 1)),
  };
}

/** `episodes` episodes; `onEpisode` sees each as it ends. */
export async function evaluate(
  env: Env,
  act: ActFn,
  episodes: number,
  options: EpisodeOptions & { onEpisode?: (record: EpisodeRecord, index: number) => void },
): Promise<EvalSummary> {
  const records: EpisodeRecord[] = [];
  for (let k = 0; k < episodes; k++) {
    const r = await playEpisode(env, act, k, options);
    records.push(r);
    options.onEpisode?.(r, k);
  }
  return summarize(records);
}
