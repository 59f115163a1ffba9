import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '@coordconv/backend';
import { a2cLoss } from './loss.js';

beforeAll(async () => {
  await initBackend();
});

// Two transitions, three actions. Row 0 logits [0,0,0] (uniform), row 1 logits [1,2,3].
// Hand computation (log-softmax of [1,2,3]: logsumexp = 3 + ln(1 + e^-1 + e^-2) = 3.4076060):
//   log p1 = [-2.4076060, -1.4076060, -0.4076060], p1 = [0.0900306, 0.2447285, 0.6652410]
//   H0 = ln 3 = 1.0986123, H1 = -sum p1 log p1 = 0.8323955
// actions [2, 0], advantages [1.5, -0.5], returns [1, 2], values [0.5, 1]:
//   policy loss = -(1.5 * ln(1/3) + (-0.5) * (-2.4076060)) / 2 = 0.2220576
//   value loss  = ((1 - 0.5)^2 + (2 - 1)^2) / 2 = 0.625
//   entropy     = (1.0986123 + 0.8323955) / 2 = 0.9655039
//   loss        = 0.2220576 + 0.5 * 0.625 - 0.01 * 0.9655039 = 0.5249026
function batch() {
  return {
    logits: tf.tensor2d([
      [0, 0, 0],
      [1, 2, 3],
    ]),
    values: tf.tensor1d([0.5, 1]),
    actions: tf.tensor1d([2, 0], 'int32'),
    returns: tf.tensor1d([1, 2]),
    advantages: tf.tensor1d([1.5, -0.5]),
  };
}

const read = (t: tf.Tensor) => t.dataSync()[0] as number;

describe('a2cLoss', () => {
  it('matches the hand computation on a tiny batch', () => {
    tf.tidy(() => {
      const t = a2cLoss(batch(), { entCoef: 0.01, vfCoef: 0.5 });
      expect(read(t.policyLoss)).toBeCloseTo(0.2220576, 5);
      expect(read(t.valueLoss)).toBeCloseTo(0.625, 6);
      expect(read(t.entropy)).toBeCloseTo(0.9655039, 5);
      expect(read(t.loss)).toBeCloseTo(0.5249026, 5);
    });
  });

  it('averages over unmasked transitions only', () => {
    tf.tidy(() => {
      const t = a2cLoss({ ...batch(), mask: tf.tensor1d([1, 0]) }, { entCoef: 0.01, vfCoef: 0.5 });
      // Row 0 alone: policy -1.5 ln(1/3) = 1.6479184, value 0.25, entropy ln 3.
      expect(read(t.policyLoss)).toBeCloseTo(1.6479184, 5);
      expect(read(t.valueLoss)).toBeCloseTo(0.25, 6);
      expect(read(t.entropy)).toBeCloseTo(Math.log(3), 5);
    });
  });

  it('has the policy-gradient gradient -(A/B)(onehot(a) - pi)', () => {
    tf.tidy(() => {
      const b = batch();
      const g = tf.grad(
        (logits: tf.Tensor) =>
          a2cLoss({ ...b, logits: logits as tf.Tensor2D }, { entCoef: 0, vfCoef: 0 }).loss,
      )(b.logits);
      const got = g.arraySync() as number[][];
      const p1 = [0.0900306, 0.2447285, 0.665241];
      const want = [
        [1 / 3, 1 / 3, -2 / 3].map((x) => (-1.5 / 2) * -x),
        [1 - p1[0]!, -p1[1]!, -p1[2]!].map((x) => (0.5 / 2) * x),
      ];
      for (let r = 0; r < 2; r++)
        for (let c = 0; c < 3; c++) expect(got[r]![c]).toBeCloseTo(want[r]![c]!, 5);
    });
  });
});
