/**
 * Makes tfjs-backend-wasm 4.22 train: registers the kernels that gradients of the toolkit's ops
 * call but wasm lacks (tfjs issues #8474, #8082), and replaces the ones it gets wrong or slow.
 * Fast paths compose wasm's own XNNPACK kernels or loop over the wasm heap; rare kernels run the
 * cpu kernel on copies (cpu-fallback.ts). README.md has the table.
 */
import * as tf from '../tf.js';
import { registerCpuFallback } from './cpu-fallback.js';
import {
  conv2DBackpropFilter,
  depthwiseBackpropFilter,
  depthwiseBackpropInput,
} from './conv-backprop.js';
import { maxPoolGrad, unsortedSegmentSum } from './heap-kernels.js';
import { registerResizeGradients } from './resize-grad.js';
import { makeConv2DBackpropInput } from './conv-backprop-input.js';

/** Fast paths: composed from wasm's XNNPACK kernels, or loops over the wasm heap. */
export const FAST_KERNELS: Record<string, tf.KernelFunc> = {
  Conv2DBackpropFilter: conv2DBackpropFilter as tf.KernelFunc,
  DepthwiseConv2dNativeBackpropFilter: depthwiseBackpropFilter as tf.KernelFunc,
  DepthwiseConv2dNativeBackpropInput: depthwiseBackpropInput as tf.KernelFunc,
  UnsortedSegmentSum: unsortedSegmentSum as tf.KernelFunc,
  MaxPoolGrad: maxPoolGrad as tf.KernelFunc,
};

/**
 * Rare kernels that run the cpu kernel on copies. wasm 4.22 has them but gets them wrong (found by
 * the parity sweep, parity.test.ts): Conv3D backprops give wrong values; MaxPool3D with 'same'
 * padding and MaxPool3DGrad with overlapping or padded windows are wrong. (Its MaxPoolGrad is wrong
 * the same way: replaced by a fast path above.)
 */
export const FALLBACK_KERNELS = [
  'Conv3DBackpropFilterV2',
  'Conv3DBackpropInputV2',
  'MaxPool3D',
  'MaxPool3DGrad',
] as const;

let registered = false;

/** Idempotent; call after the wasm backend module is imported. */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  // Replaces wasm's scalar-loop kernel; keeps it for NCHW.
  const original = tf.getKernel('Conv2DBackpropInput', 'wasm');
  if (original) tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
  tf.registerKernel({
    kernelName: 'Conv2DBackpropInput',
    backendName: 'wasm',
    kernelFunc: makeConv2DBackpropInput(original?.kernelFunc),
    setupFunc: original?.setupFunc,
  });
  for (const [kernelName, kernelFunc] of Object.entries(FAST_KERNELS)) {
    if (tf.getKernel(kernelName, 'wasm')) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
  }
  for (const name of FALLBACK_KERNELS) {
    if (tf.getKernel(name, 'wasm')) tf.unregisterKernel(name, 'wasm');
    registerCpuFallback(name);
  }
  registerResizeGradients();
}
