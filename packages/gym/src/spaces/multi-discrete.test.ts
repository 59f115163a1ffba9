import { describe, expect, it } from 'vitest';
import { spaceFromJSON } from './from-json.js';
import { MultiDiscrete } from './multi-discrete.js';

describe('MultiDiscrete', () => {
  it('samples each coordinate in its own range', () => {
    const m = new MultiDiscrete([2, 3, 5], [0, -1, 10]);
    m.seed(4);
    for (let i = 0; i < 100; i++) {
      const x = m.sample();
      expect(x).toBeInstanceOf(Int32Array);
      expect(m.contains(x)).toBe(true);
      expect(x[2]).toBeGreaterThanOrEqual(10);
    }
    expect(m.shape).toEqual([3]);
  });

  it('contains checks length, integers and ranges', () => {
    const m = new MultiDiscrete([2, 2]);
    expect(m.contains([1, 0])).toBe(true);
    expect(m.contains([2, 0])).toBe(false);
    expect(m.contains([0.5, 0])).toBe(false);
    expect(m.contains([0])).toBe(false);
    expect(m.contains(1)).toBe(false);
  });

  it('round-trips through JSON, omitting a zero start', () => {
    expect(new MultiDiscrete([3, 4]).toJSON()).toEqual({ type: 'MultiDiscrete', nvec: [3, 4] });
    const m = new MultiDiscrete([3, 4], [1, 0]);
    expect(m.toJSON()).toEqual({ type: 'MultiDiscrete', nvec: [3, 4], start: [1, 0] });
    expect(spaceFromJSON(m.toJSON()).equals(m)).toBe(true);
    expect(m.equals(new MultiDiscrete([3, 4]))).toBe(false);
  });

  it('rejects bad nvec/start naming the field', () => {
    expect(() => new MultiDiscrete([2, 0])).toThrow(
      'MultiDiscrete nvec[1] must be an integer >= 1, got 0',
    );
    expect(() => new MultiDiscrete([2, 2], [0])).toThrow(
      /start and nvec lengths don't match, start.length=1, nvec.length=2/,
    );
    expect(() => spaceFromJSON({ type: 'MultiDiscrete', nvec: [2], start: [0, 0] }, 'act')).toThrow(
      /act\.start must be an array of 1 integers/,
    );
  });
});
