import { describe, expect, it } from 'vitest';
import { InvalidSpace } from '../errors.js';
import { Box } from './box.js';
import { BOX_DTYPES } from './dtypes.js';
import { spaceFromJSON } from './from-json.js';

describe('Box', () => {
  it('broadcasts scalar bounds to the shape and infers shape from array bounds', () => {
    const b = new Box(-1, 1, [2, 3]);
    expect(b.shape).toEqual([2, 3]);
    expect(b.size).toBe(6);
    expect(Array.from(b.low)).toEqual([-1, -1, -1, -1, -1, -1]);
    expect(new Box([0, 0, 0], 5).shape).toEqual([3]);
    expect(new Box(0, 1).shape).toEqual([1]);
  });

  it('samples inside the bounds for every dtype, with the dtype typed array', () => {
    for (const dtype of BOX_DTYPES) {
      const b = new Box(0, 3, [50], dtype);
      b.seed(1);
      const x = b.sample();
      expect(x.constructor.name.toLowerCase()).toContain(dtype.replace(/\d+$/, ''));
      expect(x.length).toBe(50);
      expect(b.contains(x)).toBe(true);
      if (!dtype.startsWith('float')) expect(new Set(x).size).toBe(4); // 0..3 inclusive all drawn
    }
  });

  it('samples half-bounded and unbounded coordinates as gymnasium (exponential / normal)', () => {
    const b = new Box([-Infinity, 2, -Infinity], [Infinity, Infinity, -5], undefined, 'float64');
    b.seed(2);
    let sum0 = 0;
    let sum1 = 0;
    let outside = 0;
    for (let i = 0; i < 2000; i++) {
      const x = b.sample();
      if (!b.contains(x)) outside++;
      sum0 += x[0]!;
      sum1 += x[1]!;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum0 / 2000)).toBeLessThan(0.1); // standard normal: mean 0
    expect(Math.abs(sum1 / 2000 - 3)).toBeLessThan(0.1); // 2 + Exp(1): mean 3
    expect(b.isBounded()).toBe(false);
    expect(b.isBounded('below')).toBe(false);
    expect(new Box(0, Infinity, [2]).isBounded('below')).toBe(true);
  });

  it('turns infinite integer bounds into the dtype limits', () => {
    const b = new Box(-Infinity, Infinity, [2], 'uint8');
    expect(Array.from(b.low)).toEqual([0, 0]);
    expect(Array.from(b.high)).toEqual([255, 255]);
    expect(b.isBounded()).toBe(true);
  });

  it('contains: length, bounds, integers, NaN', () => {
    const b = new Box(0, 10, [3], 'int32');
    expect(b.contains(Int32Array.of(0, 5, 10))).toBe(true);
    expect(b.contains([0, 5, 10])).toBe(true);
    expect(b.contains([0, 5])).toBe(false);
    expect(b.contains([0, 5, 11])).toBe(false);
    expect(b.contains([0, 5.5, 1])).toBe(false);
    const f = new Box(0, 1, [2]);
    expect(f.contains(Float32Array.of(0.5, NaN))).toBe(false);
    expect(f.contains('ab')).toBe(false);
    expect(new Box(0, 1, []).contains(0.5)).toBe(true);
  });

  it('round-trips through JSON with infinities as strings and compact scalar bounds', () => {
    const b = new Box([-Infinity, 0], [Infinity, 2.5], [2], 'float64');
    const json = JSON.parse(JSON.stringify(b));
    expect(json).toEqual({
      type: 'Box',
      low: ['-inf', 0],
      high: ['inf', 2.5],
      shape: [2],
      dtype: 'float64',
    });
    expect(spaceFromJSON(json).equals(b)).toBe(true);
    const u = new Box(0, 255, [4, 4, 3], 'uint8');
    expect(u.toJSON()).toEqual({
      type: 'Box',
      low: 0,
      high: 255,
      shape: [4, 4, 3],
      dtype: 'uint8',
    });
    expect(spaceFromJSON(u.toJSON()).equals(u)).toBe(true);
    expect(u.equals(new Box(0, 255, [4, 4, 3], 'float32'))).toBe(false);
  });

  it('rounds float32 bounds to float32, so the rounded bounds are contained', () => {
    const b = new Box(0, 0.1, [1]);
    expect(b.high[0]).toBe(Math.fround(0.1));
    expect(b.contains(Float32Array.of(0.1))).toBe(true);
  });

  it('rejects bad parameters with expected-vs-actual messages', () => {
    expect(() => new Box([0, 0], [1, 1, 1])).toThrow(
      "Box low.shape and high.shape don't match, low.shape=[2], high.shape=[3]",
    );
    expect(() => new Box(1, 0, [1])).toThrow(
      'Box low must be <= high everywhere, low[0]=1 > high[0]=0',
    );
    expect(() => new Box([0, 0], 1, [3])).toThrow(/low has 2 values but shape \[3\] needs 3/);
    expect(() => new Box(0, 300, [1], 'uint8')).toThrow(/high\[0\]=300 is not a uint8 value/);
    expect(() => new Box(0, NaN, [1])).toThrow(/NaN/);
    expect(() => new Box(0, 1, [1], 'float16' as never)).toThrow(InvalidSpace);
    expect(() =>
      spaceFromJSON({ type: 'Box', low: 0, high: 1, shape: [2], dtype: 'int64' }, 'obs'),
    ).toThrow(/obs\.dtype must be one of float32, .*got "int64"/);
    expect(() =>
      spaceFromJSON({ type: 'Box', low: [0], high: 1, shape: [2], dtype: 'float32' }, 'obs'),
    ).toThrow(/obs\.low must be a scalar or an array of 2 values/);
    expect(() =>
      spaceFromJSON({ type: 'Box', low: 0, high: 'big', shape: [2], dtype: 'float32' }, 'obs'),
    ).toThrow('obs.high must be a number, "inf" or "-inf", got "big"');
    expect(() =>
      spaceFromJSON({ type: 'Box', low: 0, high: 1, shape: [-1], dtype: 'float32' }, 'obs'),
    ).toThrow('obs.shape[0] must be an integer >= 0, got -1');
  });
});
