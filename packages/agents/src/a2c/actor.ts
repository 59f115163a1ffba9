/**
 * The A2C actor: one forward pass for a batch of observations gives sampled actions and values,
 * read back with a single `data()` call per step (no per-env tensors, no per-env syncs).
 *
 * Sampling uses the Gumbel-max trick, argmax(logits - log(-log U)), with U drawn from the
 * agent's own `Rng`: the draws are reproducible for a seed, resume with the checkpointed RNG
 * state, and need only ops every backend has (tf.multinomial would bring its own generator).
 */
import { tf } from '@coordconv/backend';
import type { Rng } from '@coordconv/common';
import type { Actor } from '../core/roles.js';

export interface ActionsAndValues {
  actions: Int32Array;
  values: Float32Array;
}

/** A float32 `[count, ...obsShape]` tensor from flat observations of any numeric array type. */
export function observationTensor(
  obs: ArrayLike<number>,
  count: number,
  obsShape: readonly number[],
): tf.Tensor {
  // `obs` may be a larger reusable buffer: only its first `count` observations are used.
  const size = count * obsShape.reduce((a, b) => a * b, 1);
  const data =
    obs instanceof Float32Array
      ? obs.length === size
        ? obs
        : obs.subarray(0, size)
      : Float32Array.from(Array.prototype.slice.call(obs, 0, size) as number[]);
  return tf.tensor(data, [count, ...obsShape], 'float32');
}

export class A2CActor implements Actor {
  private readonly uniforms: Float32Array;

  constructor(
    readonly model: tf.LayersModel,
    readonly obsShape: readonly number[],
    readonly numActions: number,
    /** The exploration stream (checkpointed with the run). */
    readonly rng: Rng,
    maxBatch = 1024,
  ) {
    this.uniforms = new Float32Array(maxBatch * numActions);
  }

  private forward(obs: ArrayLike<number>, count: number): [tf.Tensor2D, tf.Tensor2D] {
    const x = observationTensor(obs, count, this.obsShape);
    return this.model.apply(x, { training: false }) as [tf.Tensor2D, tf.Tensor2D];
  }

  /** Sampled actions and V(s) for `count` observations. */
  async act(obs: ArrayLike<number>, count: number): Promise<ActionsAndValues> {
    const n = count * this.numActions;
    const u = n <= this.uniforms.length ? this.uniforms.subarray(0, n) : new Float32Array(n);
    // U in (0, 1): log(-log U) must stay finite.
    for (let k = 0; k < n; k++) u[k] = (this.rng.nextUint32() + 0.5) / 0x100000000;
    const packed = tf.tidy(() => {
      const [logits, value] = this.forward(obs, count);
      const gumbel = tf.neg(tf.log(tf.neg(tf.log(tf.tensor2d(u, [count, this.numActions])))));
      const actions = tf.argMax(tf.add(logits, gumbel), 1).toFloat();
      return tf.concat([actions, value.reshape([count])]);
    });
    const data = (await packed.data()) as Float32Array;
    packed.dispose();
    return { actions: Int32Array.from(data.subarray(0, count)), values: data.slice(count) };
  }

  /** V(s) only (the bootstrap value of the observation after a rollout). */
  async values(obs: ArrayLike<number>, count: number): Promise<Float32Array> {
    const v = tf.tidy(() => this.forward(obs, count)[1].reshape([count]));
    const data = (await v.data()) as Float32Array;
    v.dispose();
    return data;
  }

  async selectActions(obs: ArrayLike<number>, count: number): Promise<Int32Array> {
    return (await this.act(obs, count)).actions;
  }

  async greedyActions(obs: ArrayLike<number>, count: number): Promise<Int32Array> {
    const a = tf.tidy(() => tf.argMax(this.forward(obs, count)[0], 1));
    const data = (await a.data()) as Int32Array;
    a.dispose();
    return Int32Array.from(data);
  }
}
