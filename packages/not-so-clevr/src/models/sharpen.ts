/**
 * The renderer's hard "sharpen": the one-hot map of each example's largest centre logit, with no
 * gradient back to the painter. The image stage then always sees an exact one-hot, wherever the
 * centre is, so its convolutions paint the same square everywhere; the painter learns the centre
 * from the centre loss alone (see renderers.ts for why and the measured difference).
 */
import { tf } from '@coordconv/backend';

const oneHotOfMax = tf.customGrad((...args) => {
  const logits = args[0] as tf.Tensor;
  return {
    // Ties would give several ones; float logits of a trained painter do not tie in practice.
    value: tf.cast(tf.equal(logits, tf.max(logits, -1, true)), 'float32'),
    gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
  };
}) as (logits: tf.Tensor) => tf.Tensor;

export class HardSharpen extends tf.layers.Layer {
  static readonly className = 'HardSharpen';

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => oneHotOfMax(Array.isArray(inputs) ? inputs[0]! : inputs));
  }
}
tf.serialization.registerClass(HardSharpen);
