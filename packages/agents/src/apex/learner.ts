/**
 * The Ape-X learner (Horgan et al. 2018, algorithm 2): one double-DQN step per sampled batch
 * with n-step targets, importance-weighted Huber loss, global grad-norm clip, Adam or centred
 * RMSProp; it returns |TD| for the priority update and syncs the target network every
 * `targetUpdateEvery` steps. Parameters are published by the trainer (see trainer.ts).
 */
import { tf } from '@coordconv/backend';
import type { Learner } from '../core/roles.js';
import { clipByGlobalNorm } from '../core/clip-grads.js';
import { useFastWasmMatMul } from '../core/wasm-matmul.js';
import { qValues } from '../networks/dueling-q.js';
import type { ApexConfig } from './config.js';
import { CenteredRMSProp } from './centered-rmsprop.js';
import { doubleDqnTargets, gatherActions, weightedHuberLoss } from './double-dqn.js';

/** One sampled batch (`b_` columns of the replay sample). */
export interface ApexBatch {
  size: number;
  obs: ArrayLike<number>;
  nextObs: ArrayLike<number>;
  actions: Int32Array;
  returns: Float32Array;
  discounts: Float32Array;
  /** Importance-sampling weights. */
  weights: Float32Array;
}

export interface ApexUpdateMetrics extends Record<string, number> {
  loss: number;
  /** Mean |TD| over the batch. */
  tdAbs: number;
  /** Mean Q(s, a) of the batch. */
  q: number;
  gradNorm: number;
}

/** A float32 `[count, ...shape]` tensor from flat observations (uint8 pixels are converted). */
export function obsTensor(
  obs: ArrayLike<number>,
  count: number,
  shape: readonly number[],
): tf.Tensor {
  const data = obs instanceof Float32Array ? obs : Float32Array.from(obs);
  return tf.tensor(data, [count, ...shape], 'float32');
}

export function makeOptimizer(config: ApexConfig): tf.Optimizer {
  return config.optimizer === 'adam'
    ? tf.train.adam(config.learningRate, 0.9, 0.999, config.optimizerEpsilon)
    : new CenteredRMSProp(config.learningRate, config.rmsDecay, config.optimizerEpsilon);
}

export class ApexLearner implements Learner<ApexBatch, ApexUpdateMetrics> {
  readonly optimizer: tf.Optimizer;
  private readonly variables: tf.Variable[];
  private steps = 0;
  /** |TD| of the last step, one per batch item, for the priority update. */
  lastTdAbs = new Float32Array(0);

  constructor(
    readonly online: tf.LayersModel,
    readonly target: tf.LayersModel,
    readonly obsShape: readonly number[],
    readonly config: ApexConfig,
  ) {
    useFastWasmMatMul(); // dense-layer gradients on wasm; see core/wasm-matmul.ts
    this.optimizer = makeOptimizer(config);
    // model.trainableWeights order: checkpoints map optimizer slots by it.
    this.variables = online.trainableWeights.map((w) => w.read() as tf.Variable);
    this.syncTarget();
  }

  /** Steps taken (restored from a checkpoint through `setSteps`). */
  get stepCount(): number {
    return this.steps;
  }
  setSteps(n: number): void {
    this.steps = n;
  }

  /** target <- online. */
  syncTarget(): void {
    this.target.setWeights(this.online.getWeights());
  }

  step(batch: ApexBatch): ApexUpdateMetrics {
    const { config } = this;
    const B = batch.size;
    const summary = tf.tidy(() => {
      const obs = obsTensor(batch.obs, B, this.obsShape);
      const nextObs = obsTensor(batch.nextObs, B, this.obsShape);
      const actions = tf.tensor1d(batch.actions, 'int32');
      const weights = tf.tensor1d(batch.weights);
      // double-DQN n-step targets (constants for the gradient)
      const targets = doubleDqnTargets(
        qValues(this.online, nextObs),
        qValues(this.target, nextObs),
        tf.tensor1d(batch.returns),
        tf.tensor1d(batch.discounts),
      );
      let kept: tf.Tensor | undefined;
      const { grads } = tf.variableGrads(() => {
        const qTaken = gatherActions(qValues(this.online, obs, true), actions);
        const td = tf.sub(targets, qTaken) as tf.Tensor1D;
        const loss = weightedHuberLoss(td, weights);
        kept = tf.keep(tf.concat([tf.abs(td), tf.stack([loss, tf.mean(qTaken)])]));
        return loss;
      }, this.variables);
      // clip grad norm (global), then the optimizer step
      const { grads: clipped, norm } = clipByGlobalNorm(grads, config.maxGradNorm);
      this.optimizer.applyGradients(clipped);
      const out = tf.concat([kept as tf.Tensor, tf.reshape(norm, [1])]);
      (kept as tf.Tensor).dispose();
      return out;
    });
    const data = summary.dataSync() as Float32Array;
    summary.dispose();
    const tdAbs = data.slice(0, B);
    this.lastTdAbs = tdAbs;
    let sum = 0;
    for (let j = 0; j < B; j++) sum += tdAbs[j] as number;
    this.steps++;
    if (this.steps % config.targetUpdateEvery === 0) this.syncTarget();
    return {
      loss: data[B] as number,
      tdAbs: sum / B,
      q: data[B + 1] as number,
      gradNorm: data[B + 2] as number,
    };
  }

  /** Releases the optimizer's slots. */
  dispose(): void {
    this.optimizer.dispose();
  }
}
