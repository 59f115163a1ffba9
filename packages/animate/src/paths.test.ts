import { describe, expect, it } from 'vitest';
import { initBackend, tf } from '@coordconv/backend';
import {
  gridSweep,
  interpolatePath,
  latentAt,
  loopPath,
  randomKeyframes,
  randomLoop,
} from './paths.js';
import { pathFromTensor, pathToTensor } from './path-tensor.js';
import { norm } from './vector.js';

describe('interpolatePath', () => {
  it('includes both endpoints', () => {
    const a = Float32Array.from([1, 0, 0]);
    const b = Float32Array.from([0, 1, 0]);
    const p = interpolatePath(a, b, 5, 'spherical');
    expect([p.frames, p.zDim, p.z.length, p.closed]).toEqual([5, 3, 15, false]);
    expect([...latentAt(p, 0)]).toEqual([1, 0, 0]);
    expect(latentAt(p, 4)[1]).toBeCloseTo(1, 6);
    expect(norm(latentAt(p, 2))).toBeCloseTo(1, 6);
    expect(() => interpolatePath(a, b, 1)).toThrow(/frames must be an integer >= 2, got 1/);
  });
});

describe('randomKeyframes', () => {
  it('is seeded and honours the distribution bounds', () => {
    const k1 = randomKeyframes(4, 8, 7);
    expect(randomKeyframes(4, 8, 7)).toEqual(k1);
    expect(randomKeyframes(4, 8, 8)).not.toEqual(k1);
    expect(k1.every((v) => v >= -1 && v < 1)).toBe(true);
    const wide = randomKeyframes(100, 10, 1, { distribution: 'normal', std: 1 });
    expect(wide.some((v) => Math.abs(v) > 1)).toBe(true);
    expect(() => randomKeyframes(2, 2, 0, { distribution: 'cauchy' as never })).toThrow(
      /'uniform' or 'normal'/,
    );
  });
});

describe('loopPath', () => {
  it('closes the loop: K*N + 1 frames, the last equal to the first, keyframes hit exactly', () => {
    const K = 3;
    const N = 5;
    const zDim = 6;
    const keys = randomKeyframes(K, zDim, 42);
    for (const method of ['linear', 'spherical', 'norm-preserving'] as const) {
      const p = loopPath({ keyframes: keys, zDim, framesPerSegment: N, method });
      expect(p.frames).toBe(K * N + 1);
      expect(p.closed).toBe(true);
      expect([...latentAt(p, p.frames - 1)]).toEqual([...latentAt(p, 0)]);
      for (let k = 0; k < K; k++) {
        const row = latentAt(p, k * N);
        const key = keys.subarray(k * zDim, (k + 1) * zDim);
        for (let i = 0; i < zDim; i++) expect(row[i]).toBeCloseTo(key[i] as number, 5);
      }
      // no frame repeats inside the loop (only the closing one)
      const rows = new Set(
        Array.from({ length: p.frames - 1 }, (_, i) => latentAt(p, i).join(',')),
      );
      expect(rows.size).toBe(p.frames - 1);
    }
  });

  it('randomLoop is reproducible from its seed', () => {
    const a = randomLoop({ zDim: 4, keyframes: 3, framesPerSegment: 4, seed: 's' });
    const b = randomLoop({ zDim: 4, keyframes: 3, framesPerSegment: 4, seed: 's' });
    expect(a.z).toEqual(b.z);
    expect(() => randomLoop({ zDim: 4, keyframes: 1, framesPerSegment: 4, seed: 0 })).toThrow(
      /keyframes \(count\) must be an integer >= 2/,
    );
  });
});

describe('gridSweep', () => {
  it('has rows x cols frames sweeping two dims, others fixed at the base', () => {
    const base = Float32Array.from([0.5, 0.25, -0.5, 0.75]);
    const g = gridSweep({ base, dims: [2, 0], rows: 3, cols: 4 });
    expect([g.frames, g.rows, g.cols, g.zDim, g.z.length]).toEqual([12, 3, 4, 4, 48]);
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 4; c++) {
        const z = latentAt(g, r * 4 + c);
        expect(z[2]).toBeCloseTo(-1 + r, 6); // rows: -1, 0, 1
        expect(z[0]).toBeCloseTo(-1 + (2 * c) / 3, 6);
        expect(z[1]).toBeCloseTo(0.25, 6);
        expect(z[3]).toBeCloseTo(0.75, 6);
      }
    }
    const off = gridSweep({
      base,
      dims: [0, 1],
      rows: 2,
      cols: 2,
      range: [-0.1, 0.1],
      mode: 'offset',
    });
    expect(latentAt(off, 3)[0]).toBeCloseTo(0.6, 6);
    expect(() => gridSweep({ base, dims: [0, 4], rows: 2, cols: 2 })).toThrow(
      /dims must be two integers in \[0, 4\)/,
    );
  });
});

describe('path tensors', () => {
  it('round-trips through a [frames, zDim] tensor without leaking', async () => {
    await initBackend();
    const before = tf.memory().numTensors;
    const p = randomLoop({ zDim: 3, keyframes: 2, framesPerSegment: 2, seed: 1 });
    const t = pathToTensor(p);
    expect(t.shape).toEqual([5, 3]);
    expect(pathFromTensor(t).z).toEqual(p.z);
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
