/**
 * Point-wise interpolation between two latent vectors: pure functions over Float32Array that
 * compute in float64 and store float32. `t` = 0 gives `a`, `t` = 1 gives `b`.
 */

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

export function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}

function checkPair(a: Float32Array, b: Float32Array, t: number, out: Float32Array): void {
  if (a.length !== b.length) {
    throw new RangeError(
      `interpolation endpoints differ in length: a has ${a.length}, b has ${b.length}`,
    );
  }
  if (out.length !== a.length) {
    throw new RangeError(
      `interpolation output has length ${out.length}, endpoints have ${a.length}`,
    );
  }
  if (!Number.isFinite(t)) throw new RangeError(`interpolation t must be finite, got ${t}`);
}

/** The point at `t` between `a` and `b`, written into `out` (a new array when omitted). */
export type PointInterpolator = (
  a: Float32Array,
  b: Float32Array,
  t: number,
  out?: Float32Array,
) => Float32Array;

/** Linear interpolation `(1 - t) a + t b`. */
export const lerp: PointInterpolator = (a, b, t, out = new Float32Array(a.length)) => {
  checkPair(a, b, t, out);
  for (let i = 0; i < a.length; i++) out[i] = (1 - t) * (a[i] as number) + t * (b[i] as number);
  return out;
};

/**
 * Below this sin(angle) the endpoints are treated as (anti)parallel and `slerp` falls back to
 * `lerp`: the spherical weights sin((1-t)w)/sin(w) are 0/0 there, while lerp is the exact limit
 * for parallel vectors (and, for antiparallel ones, the only choice that needs no arbitrary
 * perpendicular direction).
 */
export const PARALLEL_EPS = 1e-6;

/**
 * Spherical linear interpolation (Shoemake 1985; for GAN latents, White 2016 "Sampling
 * Generative Networks"): walks the great circle between the directions of `a` and `b` with
 * weights `sin((1-t)w)/sin(w)` and `sin(tw)/sin(w)`, `w` the angle between them. For unit
 * vectors every point has unit norm. A zero-length endpoint or (anti)parallel endpoints fall back
 * to `lerp` (see PARALLEL_EPS).
 */
export const slerp: PointInterpolator = (a, b, t, out = new Float32Array(a.length)) => {
  checkPair(a, b, t, out);
  const na = norm(a);
  const nb = norm(b);
  if (na === 0 || nb === 0) return lerp(a, b, t, out);
  const cos = Math.min(1, Math.max(-1, dot(a, b) / (na * nb)));
  const omega = Math.acos(cos);
  const so = Math.sin(omega);
  if (so < PARALLEL_EPS) return lerp(a, b, t, out);
  const wa = Math.sin((1 - t) * omega) / so;
  const wb = Math.sin(t * omega) / so;
  for (let i = 0; i < a.length; i++) out[i] = wa * (a[i] as number) + wb * (b[i] as number);
  return out;
};

/**
 * Norm-preserving linear interpolation, the CoordConv authors' choice for their Sort-of-CLEVR
 * GAN figures (REFERENCES.md): interpolate the unit directions linearly, normalise, and rescale
 * to the linearly interpolated norm `(1 - t)|a| + t|b|`. Unlike plain lerp the path does not sag
 * towards the origin (where a GAN trained on U(-1, 1)^d or N(0, I) latents has seen few points).
 * A zero-length endpoint takes the other's direction; when the directions cancel (antiparallel
 * endpoints at t = 0.5) the result is `lerp(a, b, t)`.
 */
export const normLerp: PointInterpolator = (a, b, t, out = new Float32Array(a.length)) => {
  checkPair(a, b, t, out);
  const na = norm(a);
  const nb = norm(b);
  if (na === 0 && nb === 0) return out.fill(0);
  // Unit directions; a zero endpoint borrows the other's direction (only its scale changes).
  const ia = na === 0 ? 0 : 1 / na;
  const ib = nb === 0 ? 0 : 1 / nb;
  const wa = na === 0 ? 0 : 1 - t;
  const wb = nb === 0 ? 0 : t;
  let dn = 0;
  for (let i = 0; i < a.length; i++) {
    const d = wa * (a[i] as number) * ia + wb * (b[i] as number) * ib;
    out[i] = d;
    dn += d * d;
  }
  dn = Math.sqrt(dn);
  if (dn < PARALLEL_EPS) return lerp(a, b, t, out);
  const scale = ((1 - t) * na + t * nb) / dn;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) * scale;
  return out;
};

/** The three ways to move between two latent points. */
export type InterpolationMethod = 'linear' | 'spherical' | 'norm-preserving';
export const INTERPOLATION_METHODS: readonly InterpolationMethod[] = [
  'linear',
  'spherical',
  'norm-preserving',
];

export function interpolator(method: InterpolationMethod): PointInterpolator {
  switch (method) {
    case 'linear':
      return lerp;
    case 'spherical':
      return slerp;
    case 'norm-preserving':
      return normLerp;
    default:
      throw new RangeError(
        `interpolation method must be one of ${INTERPOLATION_METHODS.join(', ')}, got ${String(method)}`,
      );
  }
}
