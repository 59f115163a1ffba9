/**
 * Orthogonal weight initialization (Saxe et al. 2014) as used by OpenAI baselines and
 * stable-baselines3 for actor-critic networks: gain sqrt(2) in the torso, 0.01 on the policy
 * logits (an almost uniform first policy) and 1 on the value head.
 *
 * Written here in plain JS (modified Gram-Schmidt in float64) because tfjs's `orthogonal`
 * initializer takes minutes on a 3584x256 kernel on the CPU/wasm backends. The weights are set
 * after the model is built, so the saved model.json only mentions standard initializers.
 */
import type { Rng } from '@coordconv/common';

/**
 * A `[rows, cols]` row-major matrix with orthonormal columns (rows >= cols) or orthonormal rows
 * (rows < cols), times `gain`. For a kernel `[..., fanIn, out]` use rows = prod(all but last).
 */
export function orthogonalMatrix(rows: number, cols: number, gain: number, rng: Rng): Float32Array {
  const big = Math.max(rows, cols);
  const small = Math.min(rows, cols);
  // `small` vectors of length `big`, orthonormalized one after the other.
  const q: Float64Array[] = [];
  for (let j = 0; j < small; j++) {
    const v = new Float64Array(big);
    for (;;) {
      for (let k = 0; k < big; k++) v[k] = rng.normal();
      // Modified Gram-Schmidt in float64: Gaussian vectors are well conditioned, so one pass
      // leaves the basis orthogonal far below float32 precision.
      for (const u of q) {
        let dot = 0;
        for (let k = 0; k < big; k++) dot += (u[k] as number) * (v[k] as number);
        for (let k = 0; k < big; k++) v[k] = (v[k] as number) - dot * (u[k] as number);
      }
      let norm = 0;
      for (let k = 0; k < big; k++) norm += (v[k] as number) ** 2;
      norm = Math.sqrt(norm);
      if (norm > 1e-6) {
        for (let k = 0; k < big; k++) v[k] = (v[k] as number) / norm;
        break;
      }
    }
    q.push(v);
  }
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // rows >= cols: column c is q[c]; otherwise row r is q[r].
      out[r * cols + c] = (gain *
        (rows >= cols ? (q[c] as Float64Array)[r] : (q[r] as Float64Array)[c])) as number;
    }
  }
  return out;
}
