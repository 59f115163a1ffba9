/**
 * Makes tfjs-backend-wasm 4.22 train: registers the kernels that gradients of the toolkit's ops
 * call but wasm lacks (tfjs issues #8474, #8082). Fast paths compose wasm's own XNNPACK kernels;
 * the rest run the cpu kernel on copies (cpu-fallback.ts). README.md has the table.
 */
import * as tf from '../tf.js';
import { registerCpuFallback } from './cpu-fallback.js';

/** Kernels the cpu backend has, wasm lacks, and some gradient needs. */
export const FALLBACK_KERNELS = [
  'Conv2DBackpropFilter',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
  'UnsortedSegmentSum',
] as const;

let registered = false;

/** Idempotent; call after the wasm backend module is imported. */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  for (const name of FALLBACK_KERNELS) {
    if (!tf.getKernel(name, 'wasm')) registerCpuFallback(name);
  }
}
