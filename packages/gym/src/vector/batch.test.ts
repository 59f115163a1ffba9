import { describe, expect, it } from 'vitest';
import { Box } from '../spaces/box.js';
import { Dict } from '../spaces/dict.js';
import { Discrete } from '../spaces/discrete.js';
import { MultiDiscrete } from '../spaces/multi-discrete.js';
import { Tuple } from '../spaces/tuple.js';
import { actionAt, batchSpace, cloneBatch, createBatch, readBatch, writeBatch } from './batch.js';

describe('batch', () => {
  it('batchSpace follows gymnasium: Box gains a leading axis, Discrete becomes MultiDiscrete', () => {
    const box = batchSpace(new Box(0, [1, 2], undefined, 'float64'), 3) as Box<'float64'>;
    expect(box.shape).toEqual([3, 2]);
    expect(Array.from(box.high)).toEqual([1, 2, 1, 2, 1, 2]);
    expect(batchSpace(new Discrete(4, 1), 2).equals(new MultiDiscrete([4, 4], [1, 1]))).toBe(true);
    const md = batchSpace(new MultiDiscrete([2, 3]), 2) as Box<'int32'>;
    expect([md.shape, md.dtype, Array.from(md.high)]).toEqual([[2, 2], 'int32', [1, 2, 1, 2]]);
    const dict = batchSpace(
      new Dict({ a: new Discrete(2), b: new Tuple([new Box(0, 1, [1])]) }),
      2,
    ) as Dict;
    expect(dict.toJSON()).toEqual({
      type: 'Dict',
      spaces: {
        a: { type: 'MultiDiscrete', nvec: [2, 2] },
        b: {
          type: 'Tuple',
          spaces: [{ type: 'Box', low: 0, high: 1, shape: [2, 1], dtype: 'float32' }],
        },
      },
    });
  });

  it('writes and reads rows of contiguous (optionally shared) arrays, nested for Dict/Tuple', () => {
    const space = new Dict({ img: new Box(0, 255, [2, 2], 'uint8'), id: new Discrete(9) });
    const batch = createBatch(space, 3, true) as { img: Uint8Array; id: Int32Array };
    expect(batch.img.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(batch.img.length).toBe(12);
    writeBatch(space, batch, 1, { img: Uint8Array.of(1, 2, 3, 4), id: 7 });
    expect(Array.from(batch.img)).toEqual([0, 0, 0, 0, 1, 2, 3, 4, 0, 0, 0, 0]);
    expect(Array.from(batch.id)).toEqual([0, 7, 0]);
    expect(readBatch(space, batch, 1)).toEqual({ id: 7, img: Uint8Array.of(1, 2, 3, 4) });
    const copy = cloneBatch(batch) as { img: Uint8Array };
    expect(copy.img.buffer).toBeInstanceOf(ArrayBuffer);
    expect(batchSpace(space, 3).contains(batch)).toBe(true);
    expect(() => writeBatch(space, batch, 2, { img: [1], id: 0 })).toThrow(
      'sub-env 2 returned an observation that does not fit Box(0, 255, [2, 2], uint8): expected 4 values, got [1]',
    );
  });

  it('actionAt splits batched actions (or per-env arrays) into typed per-env actions', () => {
    expect(actionAt(new Discrete(3), Int32Array.of(2, 0), 0, 2)).toBe(2);
    const box = new Box(-1, 1, [2]);
    const a = actionAt(box, Float32Array.of(0.1, 0.2, 0.3, 0.4), 1, 2) as Float32Array;
    expect(a).toBeInstanceOf(Float32Array);
    expect(Array.from(a)).toEqual([Math.fround(0.3), Math.fround(0.4)]);
    expect(
      actionAt(
        box,
        [
          [0, 0],
          [1, 1],
        ],
        1,
        2,
      ),
    ).toEqual([1, 1]);
    expect(() => actionAt(new Discrete(3), [1, 2, 0], 0, 2)).toThrow(
      'vector env actions for 2 envs of Discrete(3) must hold 2 values, got [1,2,0]',
    );
  });
});
