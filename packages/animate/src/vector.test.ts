import { describe, expect, it } from 'vitest';
import { Rng } from '@coordconv/common';
import { lerp, norm, normLerp, slerp, interpolator, dot } from './vector.js';

const unit = (v: number[]): Float32Array => {
  const a = Float32Array.from(v);
  const n = norm(a);
  return a.map((x) => x / n);
};
const randomVec = (rng: Rng, d: number): Float32Array =>
  Float32Array.from({ length: d }, () => rng.normal());

describe('slerp', () => {
  it('returns the endpoints at t = 0 and t = 1', () => {
    const rng = new Rng(1);
    const a = randomVec(rng, 16);
    const b = randomVec(rng, 16);
    const s0 = slerp(a, b, 0);
    const s1 = slerp(a, b, 1);
    for (let i = 0; i < 16; i++) {
      expect(s0[i]).toBeCloseTo(a[i] as number, 5);
      expect(s1[i]).toBeCloseTo(b[i] as number, 5);
    }
  });

  it('keeps unit vectors on the unit sphere and moves at constant angular speed', () => {
    const rng = new Rng(2);
    const a = unit([...randomVec(rng, 32)]);
    const b = unit([...randomVec(rng, 32)]);
    const omega = Math.acos(dot(a, b));
    for (let k = 0; k <= 10; k++) {
      const t = k / 10;
      const p = slerp(a, b, t);
      expect(norm(p)).toBeCloseTo(1, 5);
      // float32 storage: acos near 1 is ill-conditioned, so 3 digits
      expect(Math.acos(Math.min(1, dot(a, p)))).toBeCloseTo(t * omega, 3);
    }
    // plain lerp does not: its midpoint is inside the sphere
    expect(norm(lerp(a, b, 0.5))).toBeLessThan(0.99);
  });

  it('handles (nearly) parallel and antiparallel vectors without NaN', () => {
    const a = unit([1, 2, 3]);
    const nearly = unit([1, 2, 3.000001]);
    for (const b of [a, nearly, a.map((x) => 2 * x)]) {
      const p = slerp(a, b, 0.3);
      expect(p.every(Number.isFinite)).toBe(true);
      expect(norm(p)).toBeCloseTo(0.7 * norm(a) + 0.3 * norm(b), 4);
    }
    const anti = slerp(
      a,
      a.map((x) => -x),
      0.25,
    );
    expect(anti.every(Number.isFinite)).toBe(true);
    expect(slerp(new Float32Array(3), a, 0.5).every(Number.isFinite)).toBe(true);
  });

  it('rejects mismatched lengths and non-finite t', () => {
    expect(() => slerp(new Float32Array(2), new Float32Array(3), 0.5)).toThrow(/a has 2, b has 3/);
    expect(() => slerp(new Float32Array(2), new Float32Array(2), NaN)).toThrow(/t must be finite/);
  });
});

describe('normLerp (norm-preserving linear)', () => {
  it('has the linearly interpolated norm at every t, and the endpoints', () => {
    const rng = new Rng(3);
    const a = randomVec(rng, 64);
    const b = randomVec(rng, 64).map((x) => 3 * x);
    for (let k = 0; k <= 8; k++) {
      const t = k / 8;
      const p = normLerp(a, b, t);
      expect(norm(p)).toBeCloseTo((1 - t) * norm(a) + t * norm(b), 3);
    }
    const p0 = normLerp(a, b, 0);
    const p1 = normLerp(a, b, 1);
    for (let i = 0; i < 64; i++) {
      expect(p0[i]).toBeCloseTo(a[i] as number, 5);
      expect(p1[i]).toBeCloseTo(b[i] as number, 4);
    }
  });

  it('points along the lerp of the unit directions', () => {
    const a = Float32Array.from([2, 0]);
    const b = Float32Array.from([0, 4]);
    const p = normLerp(a, b, 0.5);
    expect(p[0]).toBeCloseTo(p[1] as number, 6); // direction (1,1)/sqrt2 despite unequal norms
    expect(norm(p)).toBeCloseTo(3, 5);
    // lerp would point at (1, 2): not the same direction
    const l = lerp(a, b, 0.5);
    expect(l[1]! / l[0]!).toBeCloseTo(2, 6);
  });

  it('falls back cleanly for zero endpoints and cancelling directions', () => {
    const a = Float32Array.from([1, 0]);
    expect([...normLerp(new Float32Array(2), a, 0.5)]).toEqual([0.5, 0]);
    expect([...normLerp(a, Float32Array.from([-1, 0]), 0.5)]).toEqual([0, 0]);
  });
});

describe('interpolator', () => {
  it('names the allowed methods', () => {
    expect(() => interpolator('cubic' as never)).toThrow(/linear, spherical, norm-preserving/);
  });
});
