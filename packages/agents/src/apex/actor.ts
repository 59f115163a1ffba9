/**
 * The Ape-X actor role: epsilon-greedy on Q(s, .) from its copy of the parameters. One forward
 * pass per step for all of the actor's envs, read back with one `data()` call.
 */
import { tf } from '@coordconv/backend';
import type { Rng } from '@coordconv/common';
import type { Actor } from '../core/roles.js';
import { qValues } from '../networks/dueling-q.js';
import { obsTensor } from './learner.js';

export class ApexActor implements Actor {
  constructor(
    readonly model: tf.LayersModel,
    readonly obsShape: readonly number[],
    readonly numActions: number,
    /** Exploration rate of `selectActions`. */
    public epsilon: number,
    readonly rng: Rng,
  ) {}

  /** Q(s, .) for `count` observations, `[count * numActions]` row-major. */
  async qValues(obs: ArrayLike<number>, count: number): Promise<Float32Array> {
    const q = tf.tidy(() => qValues(this.model, obsTensor(obs, count, this.obsShape)));
    const data = (await q.data()) as Float32Array;
    q.dispose();
    return data;
  }

  /** Epsilon-greedy actions from precomputed Q rows. */
  epsilonGreedy(q: Float32Array, count: number, out = new Int32Array(count)): Int32Array {
    for (let i = 0; i < count; i++) {
      out[i] =
        this.rng.random() < this.epsilon
          ? this.rng.int(this.numActions)
          : argmaxRow(q, i, this.numActions);
    }
    return out;
  }

  async selectActions(obs: ArrayLike<number>, count: number): Promise<Int32Array> {
    return this.epsilonGreedy(await this.qValues(obs, count), count);
  }

  async greedyActions(obs: ArrayLike<number>, count: number): Promise<Int32Array> {
    const q = await this.qValues(obs, count);
    const out = new Int32Array(count);
    for (let i = 0; i < count; i++) out[i] = argmaxRow(q, i, this.numActions);
    return out;
  }
}

/** Index of the largest entry of row `i` (first one on ties). */
export function argmaxRow(q: ArrayLike<number>, i: number, numActions: number): number {
  let best = 0;
  let bestQ = -Infinity;
  for (let a = 0; a < numActions; a++) {
    const v = q[i * numActions + a] as number;
    if (v > bestQ) {
      bestQ = v;
      best = a;
    }
  }
  return best;
}

/** max_a Q of row `i`. */
export function maxRow(q: ArrayLike<number>, i: number, numActions: number): number {
  return q[i * numActions + argmaxRow(q, i, numActions)] as number;
}
