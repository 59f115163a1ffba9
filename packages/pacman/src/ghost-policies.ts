/**
 * Ghost policies (CS188 `ghostAgents.py`). A policy picks one of the legal moves that
 * `legalGhostMoves` wrote (in E, N, S, W order, the order CS188 samples in). The built-in
 * policies draw exactly one uniform number per move, like CS188's `util.sample`.
 */
import type { Rng } from '@coordconv/common';
import { DIR_DCOL, DIR_DROW } from './directions.js';
import type { GameState } from './state.js';

export interface GhostPolicy {
  /** Name for metadata and messages. */
  readonly name: string;
  /**
   * Returns the chosen direction, one of `legal[0..n)` (n >= 1). Must not allocate if the
   * game is to stay allocation-free; use `rng` for all randomness (seeded by `reset`).
   */
  choose(s: GameState, ghost: number, legal: Int8Array, n: number, rng: Rng): number;
}

/** CS188 `util.sample` over `probs[0..n)`: the first index whose cumulative sum reaches u. */
function sampleIndex(probs: Float64Array, n: number, u: number): number {
  let total = probs[0]!;
  let i = 0;
  while (u > total && i < n - 1) total += probs[++i]!;
  return i;
}

/** CS188 `RandomGhost`: a legal move uniformly at random. */
export const randomGhost: GhostPolicy = {
  name: 'random',
  choose(_s, _g, legal, n, rng) {
    return legal[Math.min(n - 1, Math.floor(rng.random() * n))]!;
  },
};

export interface DirectionalGhostOptions {
  /** Probability mass on the moves that get closest to Pac-Man (CS188 default 0.8). */
  probAttack?: number;
  /** Probability mass on the moves that get farthest from Pac-Man when scared (default 0.8). */
  probScaredFlee?: number;
}

function checkProb(name: string, p: number): number {
  if (!(p >= 0 && p <= 1))
    throw new RangeError(`${name} must be a probability in [0, 1], got ${p}`);
  return p;
}

/**
 * CS188 `DirectionalGhost`: with probability `probAttack` (`probScaredFlee` when scared) one
 * of the moves whose next position is nearest to (farthest from, when scared) Pac-Man in
 * Manhattan distance, otherwise any legal move; a scared ghost looks half a cell ahead.
 */
export function directionalGhost(options: DirectionalGhostOptions = {}): GhostPolicy {
  const probAttack = checkProb('probAttack', options.probAttack ?? 0.8);
  const probScaredFlee = checkProb('probScaredFlee', options.probScaredFlee ?? 0.8);
  const dist = new Int32Array(4);
  const probs = new Float64Array(4);
  return {
    name: 'directional',
    choose(s, g, legal, n, rng) {
      const scared = s.scaredTimer[g]! > 0;
      const step = scared ? 1 : 2; // half-cell units
      const pr2 = 2 * s.pacRow;
      const pc2 = 2 * s.pacCol;
      let best = scared ? -1 : 0x7fffffff;
      for (let i = 0; i < n; i++) {
        const d = legal[i]!;
        const dr = s.ghostRow2[g]! + DIR_DROW[d]! * step - pr2;
        const dc = s.ghostCol2[g]! + DIR_DCOL[d]! * step - pc2;
        const m = (dr < 0 ? -dr : dr) + (dc < 0 ? -dc : dc);
        dist[i] = m;
        if (scared ? m > best : m < best) best = m;
      }
      let nBest = 0;
      for (let i = 0; i < n; i++) if (dist[i] === best) nBest++;
      const bestProb = scared ? probScaredFlee : probAttack;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        probs[i] = (dist[i] === best ? bestProb / nBest : 0) + (1 - bestProb) / n;
        sum += probs[i]!;
      }
      for (let i = 0; i < n; i++) probs[i] = probs[i]! / sum; // CS188 normalizes too
      return legal[sampleIndex(probs, n, rng.random())]!;
    },
  };
}

export type GhostPolicyName = 'random' | 'directional';

/** A policy from a name (with directional options) or a policy object. */
export function resolveGhostPolicy(
  spec: GhostPolicyName | GhostPolicy,
  options: DirectionalGhostOptions = {},
): GhostPolicy {
  if (typeof spec === 'object' && spec !== null && typeof spec.choose === 'function') return spec;
  if (spec === 'random') return randomGhost;
  if (spec === 'directional') return directionalGhost(options);
  throw new RangeError(
    `ghosts must be 'random', 'directional' or a GhostPolicy object, got ${JSON.stringify(spec)}`,
  );
}
