import { describe, expect, it } from 'vitest';
import { initBackend, tf } from '../index.js';
import { FALLBACK_KERNELS, FAST_KERNELS } from './register-training-kernels.js';

await initBackend({ backend: 'wasm', log: () => {} });

/** cpu kernels wasm may lack: complex numbers, FFT, strings, ragged tensors, einsum, canvas. */
const NOT_NEEDED = new Set([
  'Complex',
  'ComplexAbs',
  'Real',
  'Imag',
  'FFT',
  'IFFT',
  'RFFT',
  'IRFFT',
  'Draw',
  'Einsum',
  'RaggedGather',
  'RaggedRange',
  'RaggedTensorToTensor',
  'StaticRegexReplace',
]);

describe('wasm kernel coverage', () => {
  it('has every cpu kernel except the documented unneeded ones', () => {
    const wasm = new Set(tf.getKernelsForBackend('wasm').map((k) => k.kernelName));
    const missing = tf
      .getKernelsForBackend('cpu')
      .map((k) => k.kernelName)
      .filter((k) => !wasm.has(k) && !NOT_NEEDED.has(k));
    expect(missing).toEqual([]);
  });

  it('registers the fast and fallback kernels for wasm', () => {
    for (const name of [...Object.keys(FAST_KERNELS), ...FALLBACK_KERNELS, 'Conv2DBackpropInput']) {
      expect(tf.getKernel(name, 'wasm'), name).toBeDefined();
    }
  });
});
