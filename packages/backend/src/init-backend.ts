/**
 * Backend selection. PROVISIONAL: the backend issue replaces this with the full version
 * (optional tfjs-node loading, wasm training kernels, file IO).
 */
import * as tf from './tf.js';

import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
export interface BackendInfo {
  name: string;
  device: string;
  tfjsVersion: string;
  simd: boolean;
  threads: number;
}

let current: Promise<BackendInfo> | undefined;

export function initBackend(options: { backend?: BackendName } = {}): Promise<BackendInfo> {
  current ??= (async () => {
    const want = options.backend ?? (process.env.COORDCONV_BACKEND as BackendName | undefined) ?? 'auto';
    void setWasmPaths;
    const name = want === 'auto' ? 'wasm' : want;
    await tf.setBackend(name);
    await tf.ready();
    return { name: tf.getBackend(), device: 'cpu', tfjsVersion: tf.version_core, simd: false, threads: 1 };
  })();
  return current;
}
