/**
 * Global gradient-norm clipping, as torch.nn.utils.clip_grad_norm_ (SB3) and
 * tf.clip_by_global_norm (baselines): every gradient is scaled by min(1, maxNorm / (norm + 1e-6))
 * where norm is the L2 norm of all gradients together.
 */
import { tf } from '@coordconv/backend';

/** Returns the clipped gradients (same keys) and the norm before clipping; call inside tidy. */
export function clipByGlobalNorm(
  grads: tf.NamedTensorMap,
  maxNorm: number,
): { grads: tf.NamedTensorMap; norm: tf.Scalar } {
  const names = Object.keys(grads);
  const norm = tf.sqrt(
    tf.addN(names.map((n) => tf.sum(tf.square(grads[n] as tf.Tensor)))),
  ) as tf.Scalar;
  const scale = tf.minimum(1, tf.div(maxNorm, tf.add(norm, 1e-6)));
  const clipped: tf.NamedTensorMap = {};
  for (const n of names) clipped[n] = tf.mul(grads[n] as tf.Tensor, scale);
  return { grads: clipped, norm };
}
