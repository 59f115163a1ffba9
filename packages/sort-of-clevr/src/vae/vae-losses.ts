/**
 * The VAE update: encode, reparameterize z = mean + exp(logVar / 2) * eps, decode, and maximize
 * the ELBO = E[log p(x|z)] - KL(q(z|x) || N(0, I)), both summed over pixels / latent dimensions
 * and averaged over the batch (nats per image). eps comes from the caller (drawn from an Rng) so
 * runs are reproducible.
 */
import { tf } from '@coordconv/backend';
import { trainableVariables } from '../models/layers.js';
import type { VaeConfig } from './vae-config.js';

export interface VaeStepResult {
  /** The loss minimized: -(reconstruction log-likelihood - klWeight * KL). */
  loss: tf.Scalar;
  /** ELBO per image (nats; klWeight 1). */
  elbo: tf.Scalar;
  /** -E[log p(x|z)] per image. */
  reconstruction: tf.Scalar;
  kl: tf.Scalar;
}

/** log p(x | logits) per image, summed over pixels and channels. x in [0, 1]. */
export function logLikelihood(
  x: tf.Tensor,
  logits: tf.Tensor,
  cfg: Pick<VaeConfig, 'likelihood' | 'gaussianStd'>,
): tf.Tensor1D {
  return tf.tidy(() => {
    if (cfg.likelihood === 'bernoulli') {
      // x log s(l) + (1 - x) log(1 - s(l)) = x l - softplus(l)
      return tf.sum(tf.sub(tf.mul(x, logits), tf.softplus(logits)), [1, 2, 3]) as tf.Tensor1D;
    }
    const s = cfg.gaussianStd;
    const d = x.shape.slice(1).reduce((a, b) => a * b, 1);
    const sq = tf.sum(tf.square(tf.sub(x, tf.sigmoid(logits))), [1, 2, 3]);
    return tf.sub(
      tf.mul(sq, -0.5 / (s * s)),
      d * (Math.log(s) + 0.5 * Math.log(2 * Math.PI)),
    ) as tf.Tensor1D;
  });
}

/** KL(N(mean, exp(logVar)) || N(0, I)) per image. */
export function klToPrior(mean: tf.Tensor, logVar: tf.Tensor): tf.Tensor1D {
  return tf.tidy(
    () =>
      tf.mul(
        -0.5,
        tf.sum(tf.sub(tf.sub(tf.add(1, logVar), tf.square(mean)), tf.exp(logVar)), 1),
      ) as tf.Tensor1D,
  );
}

export class VaeUpdater {
  readonly optimizer: tf.AdamOptimizer;
  private readonly vars: tf.Variable[];

  constructor(
    readonly encoder: tf.LayersModel,
    readonly decoder: tf.LayersModel,
    private readonly cfg: VaeConfig,
  ) {
    this.optimizer = tf.train.adam(cfg.lr, cfg.beta1, cfg.beta2);
    this.vars = [...trainableVariables(encoder), ...trainableVariables(decoder)];
  }

  get variables(): tf.Variable[] {
    return this.vars;
  }

  /** One update on images `x` in [0, 1] with standard-normal noise `eps` [batch, zDim]. */
  step(x: tf.Tensor4D, eps: tf.Tensor2D): VaeStepResult {
    let parts: tf.Tensor1D | undefined;
    const loss = this.optimizer.minimize(
      () => {
        const [mean, logVar] = this.encoder.apply(x, { training: true }) as tf.Tensor[];
        const z = tf.add(mean, tf.mul(tf.exp(tf.mul(logVar, 0.5)), eps));
        const logits = this.decoder.apply(z, { training: true }) as tf.Tensor;
        const rec = tf.mean(logLikelihood(x, logits, this.cfg));
        const kl = tf.mean(klToPrior(mean, logVar));
        parts = tf.keep(tf.stack([tf.sub(rec, kl), tf.neg(rec), kl]) as tf.Tensor1D);
        return tf.neg(tf.sub(rec, tf.mul(kl, this.cfg.klWeight))) as tf.Scalar;
      },
      true,
      this.vars,
    ) as tf.Scalar;
    const p = parts as unknown as tf.Tensor1D;
    const [elbo, reconstruction, kl] = tf.tidy(() => tf.unstack(p) as tf.Scalar[]);
    p.dispose();
    return { loss, elbo, reconstruction, kl };
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}
