/**
 * One GAN iteration's updates with sigmoid cross-entropy (the non-saturating loss of Goodfellow
 * et al., as DCGAN and the CoordConv authors used): D learns real -> 1, fake -> 0; G learns to
 * make D say 1 on its fakes. Every tensor is created inside a tidy; the returned scalars are the
 * caller's to dispose.
 */
import { tf } from '@coordconv/backend';
import { trainableVariables } from '../models/layers.js';
import type { GanConfig } from './gan-config.js';

/** -log sigmoid(l) = softplus(-l); -log(1 - sigmoid(l)) = softplus(l): stable for any logit. */
const ceReal = (logits: tf.Tensor) => tf.mean(tf.softplus(tf.neg(logits)));
const ceFake = (logits: tf.Tensor) => tf.mean(tf.softplus(logits));

export interface DiscriminatorStepResult {
  loss: tf.Scalar;
  /** Mean D(x) on real images (probability). */
  realScore: tf.Scalar;
  /** Mean D(G(z)) on fakes (probability). */
  fakeScore: tf.Scalar;
}

export class GanUpdater {
  readonly optimizerG: tf.AdamOptimizer;
  readonly optimizerD: tf.AdamOptimizer;
  private readonly varsG: tf.Variable[];
  private readonly varsD: tf.Variable[];

  constructor(
    readonly generator: tf.LayersModel,
    readonly discriminator: tf.LayersModel,
    cfg: Pick<GanConfig, 'lrG' | 'lrD' | 'beta1' | 'beta2'>,
  ) {
    this.optimizerG = tf.train.adam(cfg.lrG, cfg.beta1, cfg.beta2);
    this.optimizerD = tf.train.adam(cfg.lrD, cfg.beta1, cfg.beta2);
    this.varsG = trainableVariables(generator);
    this.varsD = trainableVariables(discriminator);
  }

  /** Trainable variables of G and D in optimizer order (for checkpoint restore). */
  get variables(): { generator: tf.Variable[]; discriminator: tf.Variable[] } {
    return { generator: this.varsG, discriminator: this.varsD };
  }

  /** One D update on a real batch and G(z). */
  discriminatorStep(real: tf.Tensor4D, z: tf.Tensor2D): DiscriminatorStepResult {
    // The fakes are made outside the gradient tape: D's update needs no gradient through G.
    const fake = tf.tidy(() => this.generator.apply(z, { training: true }) as tf.Tensor4D);
    let scores: tf.Tensor1D | undefined;
    try {
      const loss = this.optimizerD.minimize(
        () => {
          const lReal = this.discriminator.apply(real, { training: true }) as tf.Tensor;
          const lFake = this.discriminator.apply(fake, { training: true }) as tf.Tensor;
          scores = tf.keep(
            tf.stack([tf.mean(tf.sigmoid(lReal)), tf.mean(tf.sigmoid(lFake))]) as tf.Tensor1D,
          );
          return tf.add(ceReal(lReal), ceFake(lFake)) as tf.Scalar;
        },
        true,
        this.varsD,
      ) as tf.Scalar;
      const s = scores as tf.Tensor1D;
      const [realScore, fakeScore] = tf.tidy(() => tf.unstack(s) as tf.Scalar[]);
      return { loss, realScore, fakeScore };
    } finally {
      fake.dispose();
      scores?.dispose();
    }
  }

  /** One G update: make D call G(z) real. */
  generatorStep(z: tf.Tensor2D): tf.Scalar {
    return this.optimizerG.minimize(
      () => {
        const fake = this.generator.apply(z, { training: true }) as tf.Tensor;
        return ceReal(this.discriminator.apply(fake, { training: true }) as tf.Tensor) as tf.Scalar;
      },
      true,
      this.varsG,
    ) as tf.Scalar;
  }

  dispose(): void {
    this.optimizerG.dispose();
    this.optimizerD.dispose();
  }
}
