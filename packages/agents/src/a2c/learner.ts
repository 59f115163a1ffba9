/**
 * The A2C learner: one gradient step of the A2C loss per rollout, with global grad-norm
 * clipping and RMSProp, as OpenAI baselines / SB3 `A2C.train()`.
 */
import { tf } from '@coordconv/backend';
import type { Learner } from '../core/roles.js';
import type { A2CConfig } from './config.js';
import { a2cLoss } from './loss.js';
import { observationTensor } from './actor.js';
import { clipByGlobalNorm } from '../core/clip-grads.js';
import { useFastWasmMatMul } from '../core/wasm-matmul.js';

/** One update's flat batch (`b_` = flattened `[T * N]`, CleanRL's naming). */
export interface A2CBatch {
  /** Transitions in the batch (T * N). */
  size: number;
  /** Observations `[size, ...obsShape]`. */
  obs: ArrayLike<number>;
  actions: Int32Array;
  returns: Float32Array;
  advantages: Float32Array;
  /** 1 for a real transition, 0 for an autoreset step. */
  mask: Float32Array;
}

export interface A2CUpdateMetrics extends Record<string, number> {
  loss: number;
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  learningRate: number;
}

/** tfjs keeps the learning rate in a protected field that `applyGradients` reads each call. */
interface MutableLearningRate {
  learningRate: number;
}

/** Advantages scaled to mean 0, std 1 over the real transitions (SB3 `normalize_advantage`). */
export function normalizeAdvantages(adv: Float32Array, mask: Float32Array): Float32Array {
  let n = 0;
  let sum = 0;
  for (let k = 0; k < adv.length; k++) {
    if (!mask[k]) continue;
    n++;
    sum += adv[k] as number;
  }
  const mean = sum / Math.max(n, 1);
  let sq = 0;
  for (let k = 0; k < adv.length; k++) if (mask[k]) sq += ((adv[k] as number) - mean) ** 2;
  const std = Math.sqrt(sq / Math.max(n, 1));
  return adv.map((a) => (a - mean) / (std + 1e-8));
}

export class A2CLearner implements Learner<A2CBatch, A2CUpdateMetrics> {
  /**
   * tfjs RMSProp: ms = decay * ms + (1 - decay) g^2; w -= lr * g / sqrt(ms + eps). That is TF1's
   * formula (epsilon inside the root, baselines' optimizer) with PyTorch's zero-initialized ms.
   */
  readonly optimizer: tf.RMSPropOptimizer;
  private readonly variables: tf.Variable[];

  constructor(
    readonly model: tf.LayersModel,
    readonly obsShape: readonly number[],
    readonly config: A2CConfig,
  ) {
    useFastWasmMatMul(); // dense-layer gradients on wasm; see core/wasm-matmul.ts
    this.optimizer = tf.train.rmsprop(
      config.learningRate,
      config.rmsDecay,
      0,
      config.rmsEpsilon,
      false,
    );
    // The order of model.trainableWeights, which checkpoints use to map optimizer slots.
    this.variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  }

  get learningRate(): number {
    return (this.optimizer as unknown as MutableLearningRate).learningRate;
  }

  /** Linear schedule: lr = lr0 * fraction of the run remaining (SB3 `get_linear_fn`). */
  setProgressRemaining(progressRemaining: number): void {
    if (this.config.lrSchedule !== 'linear') return;
    const p = Math.min(1, Math.max(0, progressRemaining));
    (this.optimizer as unknown as MutableLearningRate).learningRate = this.config.learningRate * p;
  }

  step(batch: A2CBatch): A2CUpdateMetrics {
    const { config } = this;
    const advantages = config.normalizeAdvantage
      ? normalizeAdvantages(batch.advantages, batch.mask)
      : batch.advantages;
    const summary = tf.tidy(() => {
      const obs = observationTensor(batch.obs, batch.size, this.obsShape);
      const actions = tf.tensor1d(batch.actions, 'int32');
      const returns = tf.tensor1d(batch.returns);
      const adv = tf.tensor1d(advantages);
      const mask = tf.tensor1d(batch.mask);
      // The loss terms for the metrics; kept, because variableGrads disposes the forward pass.
      let terms: tf.Tensor | undefined;
      const { grads } = tf.variableGrads(() => {
        const [logits, values] = this.model.apply(obs, { training: true }) as [
          tf.Tensor2D,
          tf.Tensor2D,
        ];
        const t = a2cLoss(
          { logits, values: values.reshape([batch.size]), actions, returns, advantages: adv, mask },
          config,
        );
        terms = tf.keep(tf.stack([t.loss, t.policyLoss, t.valueLoss, t.entropy]));
        return t.loss;
      }, this.variables);
      // clip grad norm (global, over every weight)
      const { grads: clipped, norm } = clipByGlobalNorm(grads, config.maxGradNorm);
      this.optimizer.applyGradients(clipped);
      const kept = terms as tf.Tensor;
      const out = tf.concat([kept, tf.reshape(norm, [1])]);
      kept.dispose();
      return out;
    });
    const [loss, policyLoss, valueLoss, entropy, gradNorm] = summary.dataSync() as Float32Array;
    summary.dispose();
    return {
      loss: loss as number,
      policyLoss: policyLoss as number,
      valueLoss: valueLoss as number,
      entropy: entropy as number,
      gradNorm: gradNorm as number,
      learningRate: this.learningRate,
    };
  }
}
