/**
 * The Ape-X DQN loss pieces (Horgan et al. 2018, eq. 1; van Hasselt et al. 2016 for double Q):
 * the n-step double-Q target
 *   G_t = R_t + gamma_t Q_target(s_{t+n}, argmax_a Q_online(s_{t+n}, a)),
 * with gamma_t = gamma^n, or 0 after a terminal, and the importance-weighted Huber loss on
 * TD = G_t - Q_online(s_t, a_t). Call inside tf.tidy.
 */
import { tf } from '@coordconv/backend';

/** Q[b, actions[b]] for each row b. */
export function gatherActions(q: tf.Tensor2D, actions: tf.Tensor1D): tf.Tensor1D {
  const numActions = q.shape[1];
  return tf.sum(tf.mul(q, tf.oneHot(actions, numActions)), 1) as tf.Tensor1D;
}

/** Double-DQN n-step targets: the online net picks the action, the target net values it. */
export function doubleDqnTargets(
  qNextOnline: tf.Tensor2D,
  qNextTarget: tf.Tensor2D,
  returns: tf.Tensor1D,
  discounts: tf.Tensor1D,
): tf.Tensor1D {
  const best = tf.argMax(qNextOnline, 1) as tf.Tensor1D;
  const bootstrap = gatherActions(qNextTarget, best);
  return tf.add(returns, tf.mul(discounts, bootstrap)) as tf.Tensor1D;
}

/** Elementwise Huber loss (delta 1): x^2 / 2 for |x| <= 1, |x| - 1/2 beyond. */
export function huber(x: tf.Tensor): tf.Tensor {
  const a = tf.abs(x);
  const quadratic = tf.minimum(a, 1);
  return tf.add(tf.mul(0.5, tf.square(quadratic)), tf.sub(a, quadratic));
}

/** mean_b w_b Huber(td_b): each sample's loss scaled by its importance weight. */
export function weightedHuberLoss(td: tf.Tensor1D, weights: tf.Tensor1D): tf.Scalar {
  return tf.mean(tf.mul(weights, huber(td))) as tf.Scalar;
}
