/**
 * Generic fallback: runs the cpu backend's kernel on copies of the wasm inputs and copies the
 * outputs back onto the wasm heap. Correct for any kernel the cpu backend has, at the price of
 * two copies and tfjs-cpu's scalar JS loops; used for the rare kernels (see README's table).
 */
import * as tf from '../tf.js';
import {
  kernelFor,
  type BackendValues,
  type CpuBackend,
  type TensorInfo,
  type WasmBackend,
} from './wasm-backend.js';

let cpuBackend: CpuBackend | undefined;

/** The cpu backend instance (created on first use) with its "install tfjs-node" notice muted. */
export function getCpuBackend(): CpuBackend {
  if (!cpuBackend) {
    const found = tf.findBackend('cpu') as (CpuBackend & { firstUse?: boolean }) | null;
    if (!found)
      throw new Error("tfjs backend 'cpu' is not registered; is @tensorflow/tfjs loaded?");
    // MathBackendCPU prints a console advert for tfjs-node on its first write; we already chose
    // the backend deliberately and report it once, so that notice is noise.
    found.firstUse = false;
    cpuBackend = found;
  }
  return cpuBackend;
}

/** Runs the cpu kernel `kernelName` on wasm tensors; returns wasm tensors. */
export function runOnCpu(
  wasm: WasmBackend,
  kernelName: string,
  inputs: Record<string, TensorInfo>,
  attrs: tf.NamedAttrMap,
): TensorInfo[] {
  const cpu = getCpuBackend();
  const cpuInputs: Record<string, TensorInfo> = {};
  const written: object[] = [];
  try {
    for (const [key, t] of Object.entries(inputs)) {
      if (t == null) continue;
      const dataId = cpu.write(wasm.readSync(t.dataId), t.shape.slice(), t.dtype);
      written.push(dataId);
      cpuInputs[key] = { dataId, shape: t.shape.slice(), dtype: t.dtype };
    }
    const out = kernelFor(kernelName, 'cpu')({ inputs: cpuInputs, backend: cpu, attrs });
    const outs = Array.isArray(out) ? out : [out];
    return outs.map((o) => {
      const values = cpu.readSync(o.dataId) as BackendValues;
      cpu.disposeData(o.dataId, true);
      return wasm.makeOutput(o.shape.slice(), o.dtype, undefined, values);
    });
  } finally {
    for (const dataId of written) cpu.disposeData(dataId, true);
  }
}

/** Registers the cpu kernel `kernelName` for wasm through `runOnCpu`. */
export function registerCpuFallback(kernelName: string): void {
  tf.registerKernel({
    kernelName,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const outs = runOnCpu(
        backend as WasmBackend,
        kernelName,
        inputs as Record<string, TensorInfo>,
        attrs ?? {},
      );
      return outs.length === 1 ? outs[0] : outs;
    },
  });
}
