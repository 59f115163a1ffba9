/**
 * The A2C loss (Mnih et al. 2016; OpenAI baselines `a2c.py`, SB3 `a2c.py`):
 *   loss = policy_loss + vfCoef * value_loss - entCoef * entropy
 * with policy_loss = -mean(A * log pi(a|s)), value_loss = mean((R - V(s))^2) and entropy the mean
 * entropy of pi(.|s). Means are over the transitions with `mask` 1 (the autoreset steps of a
 * next-step vector env carry no transition and are masked out).
 */
import { tf } from '@coordconv/backend';

export interface A2CLossInputs {
  /** Policy logits `[B, A]`. */
  logits: tf.Tensor2D;
  /** Predicted values `[B]`. */
  values: tf.Tensor1D;
  /** Actions taken `[B]` (int32). */
  actions: tf.Tensor1D;
  /** Value targets `[B]`. */
  returns: tf.Tensor1D;
  /** Advantages `[B]`: data, not a function of the weights, so no gradient flows into them. */
  advantages: tf.Tensor1D;
  /** 1 for a real transition, 0 for padding `[B]`; default all ones. */
  mask?: tf.Tensor1D;
}

export interface A2CLossCoefficients {
  entCoef: number;
  vfCoef: number;
}

export interface A2CLossTerms {
  loss: tf.Scalar;
  policyLoss: tf.Scalar;
  valueLoss: tf.Scalar;
  entropy: tf.Scalar;
}

/** Computes the loss terms; call inside `tf.tidy`/`variableGrads`. */
export function a2cLoss(inputs: A2CLossInputs, coefs: A2CLossCoefficients): A2CLossTerms {
  const { logits, values, actions, returns, advantages } = inputs;
  const numActions = logits.shape[1];
  const mask = inputs.mask ?? tf.onesLike(values);
  // Mean over real transitions (at least one, so an all-padding batch gives 0, not NaN).
  const count = tf.maximum(tf.sum(mask), 1);
  const masked = (x: tf.Tensor1D): tf.Scalar => tf.div(tf.sum(tf.mul(x, mask)), count);

  const logProbs = tf.logSoftmax(logits);
  // log pi(a|s) through a one-hot product: gather's gradient needs UnsortedSegmentSum, which the
  // wasm backend lacks (REFERENCES.md, tfjs notes).
  const actionLogProbs = tf.sum(
    tf.mul(logProbs, tf.oneHot(tf.cast(actions, 'int32'), numActions)),
    1,
  ) as tf.Tensor1D;

  // policy gradient loss
  const policyLoss = tf.neg(masked(tf.mul(advantages, actionLogProbs)));
  // value loss: mean squared error to the returns
  const valueLoss = masked(tf.square(tf.sub(returns, values)) as tf.Tensor1D);
  // entropy of the policy, a bonus for exploring
  const entropy = masked(tf.neg(tf.sum(tf.mul(tf.exp(logProbs), logProbs), 1)) as tf.Tensor1D);

  const loss = tf.sub(
    tf.add(policyLoss, tf.mul(valueLoss, coefs.vfCoef)),
    tf.mul(entropy, coefs.entCoef),
  ) as tf.Scalar;
  return { loss, policyLoss, valueLoss, entropy };
}
