import { initBackend, tf } from '@coordconv/backend';
import { beforeAll, describe, expect, it } from 'vitest';

import { paintedIoU, pixelCorrect, regressionErrors } from './metrics.js';

beforeAll(async () => {
  await initBackend();
});

describe('metrics', () => {
  it('pixelCorrect compares the argmax pixel with the label', () => {
    const logits = tf.tensor2d([
      [0, 5, 1, 0],
      [3, 0, 0, 2],
    ]);
    const got = pixelCorrect(logits, tf.tensor1d([1, 3], 'int32'));
    expect(Array.from(got.dataSync())).toEqual([1, 0]);
  });

  it('regressionErrors measures pixels and exactness after rounding', () => {
    const norm = (k: number) => (k / 63) * 2 - 1;
    const target = tf.tensor2d([
      [norm(10), norm(20)],
      [norm(30), norm(40)],
    ]);
    // First prediction off by (0.3, -0.4) pixels: distance 0.5, still exact after rounding.
    // Second off by (3, 4) pixels: distance 5, not exact.
    const pred = tf.tensor2d([
      [norm(10.3), norm(19.6)],
      [norm(33), norm(44)],
    ]);
    const { distance, exact } = regressionErrors(pred, target);
    const d = distance.dataSync();
    expect(d[0]).toBeCloseTo(0.5, 4);
    expect(d[1]).toBeCloseTo(5, 4);
    expect(Array.from(exact.dataSync())).toEqual([1, 0]);
  });

  it('paintedIoU thresholds logits at 0 (sigmoid 0.5)', () => {
    const target = tf.tensor2d([
      [1, 1, 0, 0],
      [1, 1, 1, 1],
      [0, 0, 0, 0],
    ]);
    const logits = tf.tensor2d([
      [2, -1, 3, -2], // painted {0, 2}: intersection 1, union 3
      [1, 1, 1, 1], // perfect
      [-1, -1, -1, -1], // nothing painted, nothing to paint
    ]);
    const iou = paintedIoU(logits, target).dataSync();
    expect(iou[0]).toBeCloseTo(1 / 3, 6);
    expect(iou[1]).toBe(1);
    expect(iou[2]).toBe(1);
  });
});
