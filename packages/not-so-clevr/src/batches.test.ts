import { initBackend, tf } from '@coordconv/backend';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  centrePixelBatch,
  coordinateBatch,
  normalizedCoordinateBatch,
  oneHotImageBatch,
  oneHotTargetBatch,
  squareTargetBatch,
} from './batches.js';
import { exampleIndex } from './dataset.js';

beforeAll(async () => {
  await initBackend();
});

describe('batches', () => {
  const batch = Int32Array.from([exampleIndex(4, 59), exampleIndex(30, 10)]);

  it('coordinates: integers as float32, normalized k / 63 * 2 - 1', () => {
    expect(Array.from(coordinateBatch(batch).dataSync())).toEqual([4, 59, 30, 10]);
    const n = normalizedCoordinateBatch(batch).dataSync();
    expect(n[0]).toBeCloseTo((4 / 63) * 2 - 1, 6);
    expect(n[1]).toBeCloseTo((59 / 63) * 2 - 1, 6);
    expect(Array.from(centrePixelBatch(batch).dataSync())).toEqual([4 * 64 + 59, 30 * 64 + 10]);
  });

  it('one-hot tensors hold float 1.0 at the centre (not int bits, see wasm oneHot)', () => {
    const img = oneHotImageBatch(batch);
    expect(img.shape).toEqual([2, 64, 64, 1]);
    expect(img.dtype).toBe('float32');
    const v = img.dataSync();
    expect(v[4 * 64 + 59]).toBe(1);
    expect(v[4096 + 30 * 64 + 10]).toBe(1);
    expect(tf.sum(img).dataSync()[0]).toBe(2);
    const target = oneHotTargetBatch(batch);
    expect(target.shape).toEqual([2, 4096]);
    expect(Array.from(target.dataSync())).toEqual(Array.from(v));
  });

  it('square targets hold 81 ones per example', () => {
    const sq = squareTargetBatch(batch);
    expect(sq.shape).toEqual([2, 4096]);
    expect(Array.from(tf.sum(sq, 1).dataSync())).toEqual([81, 81]);
  });
});
