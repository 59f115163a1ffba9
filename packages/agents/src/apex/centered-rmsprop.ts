/**
 * Centred RMSProp (Graves 2013), the optimizer of the Ape-X paper (lr 0.00025 / 4, decay 0.95,
 * epsilon 1.5e-7, no momentum), as TensorFlow computes it:
 *   mg = rho mg + (1 - rho) g;  ms = rho ms + (1 - rho) g^2;  w -= lr g / sqrt(ms - mg^2 + eps).
 *
 * Why not `tf.train.rmsprop(..., centered = true)`: tfjs 4.22 computes sqrt(ms - (mg^2 + eps)),
 * subtracting epsilon, which is negative (NaN weights) whenever a gradient is tiny or constant.
 * This subclass keeps RMSProp's slot variables (names, order), so checkpoints save and restore
 * it as an RMSProp optimizer; only the update differs.
 */
import { tf } from '@coordconv/backend';

interface Slot {
  originalName: string;
  variable: tf.Variable;
}

/** RMSProp's private slot arrays, shared with this subclass. */
interface RmsSlots {
  accumulatedMeanSquares: Slot[];
  accumulatedMoments: Slot[];
  accumulatedMeanGrads: Slot[];
}

export class CenteredRMSProp extends tf.RMSPropOptimizer {
  constructor(learningRate: number, decay: number, epsilon: number) {
    super(learningRate, decay, 0, epsilon, true);
  }

  override applyGradients(variableGradients: Parameters<tf.Optimizer['applyGradients']>[0]): void {
    const slots = this as unknown as RmsSlots;
    const entries: [string, tf.Tensor | undefined][] = Array.isArray(variableGradients)
      ? variableGradients.map((v) => [v.name, v.tensor])
      : Object.entries(variableGradients);
    const registered = tf.engine().registeredVariables;
    const slot = (list: Slot[], i: number, name: string, suffix: string, like: tf.Variable) =>
      (list[i] ??= {
        originalName: `${name}/${suffix}`,
        variable: tf.tidy(() => tf.zerosLike(like).variable(false)),
      }).variable;
    entries.forEach(([name, g], i) => {
      const value = registered[name] as tf.Variable;
      const ms = slot(slots.accumulatedMeanSquares, i, name, 'rms', value);
      const mom = slot(slots.accumulatedMoments, i, name, 'momentum', value);
      const mg = slot(slots.accumulatedMeanGrads, i, name, 'mg', value);
      if (g === undefined) return;
      tf.tidy(() => {
        const rho = this.decay;
        const newMs = tf.add(tf.mul(ms, rho), tf.mul(tf.square(g), 1 - rho));
        const newMg = tf.add(tf.mul(mg, rho), tf.mul(g, 1 - rho));
        const denom = tf.sqrt(tf.add(tf.sub(newMs, tf.square(newMg)), this.epsilon));
        const step = tf.add(
          tf.mul(mom, this.momentum),
          tf.div(tf.mul(g, this.learningRate), denom),
        );
        ms.assign(newMs);
        mg.assign(newMg);
        mom.assign(step);
        value.assign(tf.sub(value, step));
      });
    });
    this.incrementIterations();
  }
}
