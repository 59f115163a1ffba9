import { describe, expect, it } from 'vitest';
import { initBackend, tf } from '../index.js';

await initBackend({ backend: 'wasm', log: () => {} });

type Resize = (x: tf.Tensor4D) => tf.Tensor4D;

/** J^T dy from the forward op alone: column j of J is resize(e_j). */
function jacobianTransposeTimes(
  resize: Resize,
  shape: [number, number, number, number],
  dy: Float32Array,
): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  for (let j = 0; j < n; j++) {
    const col = tf.tidy(() =>
      resize(tf.oneHot(j, n).reshape(shape).toFloat() as tf.Tensor4D).dataSync(),
    );
    let s = 0;
    for (let i = 0; i < col.length; i++) s += col[i] * dy[i];
    out[j] = s;
  }
  return out;
}

const shape: [number, number, number, number] = [2, 3, 4, 2];
const cases: Array<[string, Resize]> = [];
for (const [h, w] of [
  [7, 5],
  [2, 3],
]) {
  for (const alignCorners of [false, true]) {
    for (const half of alignCorners ? [false] : [false, true]) {
      const tag = `${h}x${w} alignCorners=${alignCorners} halfPixel=${half}`;
      cases.push([
        `bilinear ${tag}`,
        (x) => tf.image.resizeBilinear(x, [h, w], alignCorners, half),
      ]);
      cases.push([
        `nearest ${tag}`,
        (x) => tf.image.resizeNearestNeighbor(x, [h, w], alignCorners, half),
      ]);
    }
  }
}

describe('resize gradients equal the transpose of the forward op', () => {
  it.each(cases)('%s (wasm and cpu)', async (_name, resize) => {
    for (const backend of ['wasm', 'cpu']) {
      await tf.setBackend(backend);
      const x = tf.randomUniform(shape, -1, 1, 'float32', 3) as tf.Tensor4D;
      const outShape = resize(x).shape;
      const dy = tf.randomUniform(outShape, -1, 1, 'float32', 4);
      const expected = jacobianTransposeTimes(resize, shape, dy.dataSync() as Float32Array);
      const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(resize(t as tf.Tensor4D), dy)))(x);
      expect(grad.shape).toEqual(shape);
      const got = grad.dataSync();
      for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(expected[i], 5);
      tf.dispose([x, dy, grad]);
    }
    await tf.setBackend('wasm');
  });
});
