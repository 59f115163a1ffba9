import { initBackend, tf } from '@coordconv/backend';
import { beforeAll, describe, expect, it } from 'vitest';

import { addCoords, addCoordsOutputShape, disposeSharedCoordCache } from './add-coords.js';
import { AddCoords } from './add-coords-layer.js';
import { coordinateGrid } from './coord-grid.js';

beforeAll(async () => {
  await initBackend();
});

/** Values of the appended channels only. */
function coordPart(y: tf.Tensor, inputChannels: number): Float32Array {
  return tf.tidy(() => {
    const last = y.rank - 1;
    const begin = new Array<number>(y.rank).fill(0);
    begin[last] = inputChannels;
    const size = new Array<number>(y.rank).fill(-1);
    return tf.slice(y, begin, size).dataSync() as Float32Array;
  });
}

function tiledGrid(batch: number, spatial: number[], withR: boolean): number[] {
  const g = Array.from(coordinateGrid(spatial, withR));
  return new Array<number[]>(batch).fill(g).flat();
}

describe('addCoords', () => {
  it('rank 4 non-square: keeps the input and appends (i, j) per example', () => {
    const x = tf.randomNormal([2, 3, 5, 4]);
    const y = addCoords(x);
    expect(y.shape).toEqual([2, 3, 5, 6]);
    const kept = tf.slice(y, [0, 0, 0, 0], [-1, -1, -1, 4]);
    expect(Array.from(kept.dataSync())).toEqual(Array.from(x.dataSync()));
    const coords = coordPart(y, 4);
    expect(Array.from(coords)).toEqual(tiledGrid(2, [3, 5], false).map(Math.fround));
    // Row coordinate varies down the rows, column coordinate along the columns.
    const c = tf.tensor(coords, [2, 3, 5, 2]).arraySync() as number[][][][];
    expect(c[1][0][4]).toEqual([-1, 1]);
    expect(c[1][2][0]).toEqual([1, -1]);
    tf.dispose([x, y, kept]);
  });

  it('rank 3 and rank 5, with and without r', () => {
    for (const withR of [false, true]) {
      const x3 = tf.zeros([2, 7, 1]);
      const y3 = addCoords(x3, { withR });
      expect(y3.shape).toEqual([2, 7, withR ? 3 : 2]);
      expect(Array.from(coordPart(y3, 1))).toEqual(tiledGrid(2, [7], withR).map(Math.fround));
      const x5 = tf.zeros([1, 2, 3, 4, 2]);
      const y5 = addCoords(x5, { withR });
      expect(y5.shape).toEqual([1, 2, 3, 4, withR ? 6 : 5]);
      expect(Array.from(coordPart(y5, 2))).toEqual(tiledGrid(1, [2, 3, 4], withR).map(Math.fround));
      tf.dispose([x3, y3, x5, y5]);
    }
  });

  it('channelsFirst puts the coordinates on axis 1', () => {
    const x = tf.zeros([1, 1, 2, 3]);
    const y = addCoords(x, { dataFormat: 'channelsFirst' });
    expect(y.shape).toEqual([1, 3, 2, 3]);
    const a = y.arraySync() as number[][][][];
    expect(a[0][1]).toEqual([
      [-1, -1, -1],
      [1, 1, 1],
    ]);
    expect(a[0][2]).toEqual([
      [-1, 0, 1],
      [-1, 0, 1],
    ]);
    tf.dispose([x, y]);
  });

  it('casts integer input to float32', () => {
    const x = tf.ones([1, 2, 2, 1], 'int32');
    const y = addCoords(x);
    expect(y.dtype).toBe('float32');
    tf.dispose([x, y]);
  });

  it('builds the constants once per shape: no tensors accumulate across calls', () => {
    disposeSharedCoordCache();
    const x = tf.zeros([2, 6, 6, 1]);
    tf.dispose(addCoords(x, { withR: true }));
    const before = tf.memory().numTensors;
    for (let k = 0; k < 5; k++) tf.dispose(addCoords(x, { withR: true }));
    tf.tidy(() => {
      addCoords(x, { withR: true });
    });
    expect(tf.memory().numTensors).toBe(before);
    disposeSharedCoordCache();
    expect(tf.memory().numTensors).toBe(before - 1);
    x.dispose();
  });

  it('rejects unsupported ranks and data formats, naming what is allowed', () => {
    const x = tf.zeros([2, 3]);
    expect(() => addCoords(x)).toThrow(/rank 3 \[b, w, c\], 4 \[b, h, w, c\] or 5.*got rank 2/);
    expect(() => addCoords(x, { dataFormat: 'nhwc' as 'channelsLast' })).toThrow(
      /'channelsLast' or 'channelsFirst', got "nhwc"/,
    );
    x.dispose();
  });

  it('output shape keeps unknown dims', () => {
    expect(addCoordsOutputShape([null, null, null, 3], { withR: true })).toEqual([
      null,
      null,
      null,
      6,
    ]);
    expect(addCoordsOutputShape([null, 4, null])).toEqual([null, 4, null]);
  });
});

describe('AddCoords layer', () => {
  it('works with spatial dims unknown until call time, one cached constant per shape', () => {
    const input = tf.input({ shape: [null, null, 2] });
    const out = new AddCoords({ withR: true }).apply(input) as tf.SymbolicTensor;
    expect(out.shape).toEqual([null, null, null, 5]);
    const model = tf.model({ inputs: input, outputs: out });
    for (const [h, w] of [
      [4, 6],
      [3, 3],
    ]) {
      const x = tf.zeros([2, h, w, 2]);
      const y = model.predict(x) as tf.Tensor;
      expect(y.shape).toEqual([2, h, w, 5]);
      expect(Array.from(coordPart(y, 2))).toEqual(tiledGrid(2, [h, w], true).map(Math.fround));
      tf.dispose([x, y]);
    }
    const x = tf.zeros([2, 4, 6, 2]);
    tf.dispose(model.predict(x));
    const before = tf.memory().numTensors;
    tf.dispose(model.predict(x));
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });

  it('getConfig round-trips through fromConfig', () => {
    const layer = new AddCoords({ withR: true, name: 'coords_a' });
    const config = layer.getConfig();
    expect(config).toMatchObject({ withR: true, dataFormat: 'channelsLast', name: 'coords_a' });
    const copy = tf.serialization.SerializationMap.getMap().classNameMap.AddCoords[1](
      AddCoords,
      config,
    );
    expect((copy as AddCoords).getConfig()).toEqual(config);
  });

  it('rejects a rank-2 input when applied', () => {
    const input = tf.input({ shape: [3] });
    expect(() => new AddCoords().apply(input)).toThrow(/rank 3 \[b, w, c\].*got rank 2/);
  });
});
