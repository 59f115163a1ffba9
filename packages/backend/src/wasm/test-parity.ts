/**
 * Test helpers: run the same function with gradients on the cpu and wasm backends and compare.
 * (test-*.ts files are excluded from the build.)
 */
import { Rng } from '@coordconv/common';
import * as tf from '../tf.js';

export interface ParityCase {
  name: string;
  /** Shapes of the float inputs (gradients are taken with respect to all of them). */
  inputs: number[][];
  /** The op(s) under test; must be differentiable in its float inputs. */
  f: (...xs: tf.Tensor[]) => tf.Tensor;
  /** Compare the forward output only (ops whose gradient tfjs does not implement). */
  forwardOnly?: boolean;
}

export interface Outcome {
  /** max |wasm - cpu| / max |cpu| over the output and each gradient. */
  relError: number;
  worst: string;
}

function randomValues(shape: number[], rng: Rng): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.uniform(-1, 1);
  return out;
}

async function evaluate(
  backend: string,
  c: ParityCase,
  values: Float32Array[],
  dyValues: Float32Array | null,
) {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const xs = values.map((v, i) => tf.tensor(v, c.inputs[i]));
    const y = c.f(...xs);
    const dy = dyValues ? tf.tensor(dyValues, y.shape) : tf.onesLike(y);
    const results: Record<string, Float32Array> = { forward: y.dataSync() as Float32Array };
    if (!c.forwardOnly) {
      const grads = tf.grads((...args: tf.Tensor[]) => tf.sum(tf.mul(c.f(...args), dy)))(xs);
      grads.forEach((g, i) => (results[`grad${i}`] = g.dataSync() as Float32Array));
    }
    return { results, shape: y.shape };
  });
}

/** Runs `c` on cpu then wasm with the same random inputs and output gradient. */
export async function compareBackends(c: ParityCase, seed = 1): Promise<Outcome> {
  const rng = new Rng(seed);
  const values = c.inputs.map((s) => randomValues(s, rng));
  const probe = await evaluate('cpu', c, values, null);
  const dy = randomValues(probe.shape, rng);
  const cpu = await evaluate('cpu', c, values, dy);
  const wasm = await evaluate('wasm', c, values, dy);
  let relError = 0;
  let worst = '';
  for (const [key, ref] of Object.entries(cpu.results)) {
    const got = wasm.results[key];
    if (got.length !== ref.length)
      return { relError: Infinity, worst: `${key}: length ${got.length} vs ${ref.length}` };
    let scale = 0;
    let diff = 0;
    for (let i = 0; i < ref.length; i++) {
      scale = Math.max(scale, Math.abs(ref[i]));
      diff = Math.max(diff, Math.abs(got[i] - ref[i]));
    }
    const rel = Number.isNaN(diff) ? Infinity : diff / Math.max(scale, 1e-6);
    if (rel > relError || (rel === relError && !worst)) {
      relError = rel;
      worst = key;
    }
  }
  return { relError, worst };
}
