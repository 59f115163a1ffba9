/**
 * The few internals of tfjs's wasm and cpu backends that the training kernels use, typed
 * structurally (the packages do not export these shapes), plus helpers to call any registered
 * kernel directly, bypassing the engine (no tape, no tensors: plain TensorInfo in, TensorInfo out).
 */
import * as tf from '../tf.js';

export type TensorInfo = tf.TensorInfo;
export type BackendValues = Float32Array | Int32Array | Uint8Array | Uint8Array[];
export type KernelAttrs = Record<string, unknown>;

/** The parts of `BackendWasm` (tfjs-backend-wasm/dist/backend_wasm.d.ts) used here. */
export interface WasmBackend extends tf.KernelBackend {
  makeOutput(
    shape: number[],
    dtype: tf.DataType,
    memoryOffset?: number,
    values?: BackendValues,
  ): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
  readSync(dataId: object): BackendValues;
  disposeData(dataId: object, force?: boolean): boolean;
}

/** The parts of `MathBackendCPU` used here. */
export interface CpuBackend extends tf.KernelBackend {
  write(values: BackendValues, shape: number[], dtype: tf.DataType): object;
  readSync(dataId: object): BackendValues;
  disposeData(dataId: object, force?: boolean): boolean;
}

export function kernelFor(kernelName: string, backendName: string): tf.KernelConfig['kernelFunc'] {
  const config = tf.getKernel(kernelName, backendName);
  if (!config)
    throw new Error(`kernel ${kernelName} is not registered for backend '${backendName}'`);
  return config.kernelFunc;
}

/** Runs `kernelName` of `backend` on TensorInfos; kernels return one output unless noted. */
export function runKernel(
  backend: tf.KernelBackend,
  backendName: string,
  kernelName: string,
  inputs: Record<string, TensorInfo>,
  attrs: KernelAttrs = {},
): TensorInfo {
  const out = kernelFor(
    kernelName,
    backendName,
  )({
    inputs: inputs as tf.NamedTensorInfoMap,
    backend,
    attrs: attrs as tf.NamedAttrMap,
  });
  return Array.isArray(out) ? out[0] : out;
}

/** Calls kernels of the wasm backend; `dispose` frees the intermediates it produced. */
export class WasmOps {
  private readonly temps: TensorInfo[] = [];
  constructor(readonly backend: WasmBackend) {}

  run(kernelName: string, inputs: Record<string, TensorInfo>, attrs: KernelAttrs = {}): TensorInfo {
    const out = runKernel(this.backend, 'wasm', kernelName, inputs, attrs);
    this.temps.push(out);
    return out;
  }

  /**
   * Returns `keep` as the kernel's output and frees every other intermediate. Disposal is
   * refcount-aware (wasm's Reshape shares its input's buffer); an input returned unchanged gets
   * an extra reference, as wasm's own Reshape/Identity do.
   */
  finish(keep: TensorInfo): TensorInfo {
    let kept = false;
    for (const t of this.temps) {
      if (t === keep) kept = true;
      else this.backend.disposeData(t.dataId);
    }
    this.temps.length = 0;
    if (!kept) this.backend.incRef(keep.dataId);
    return keep;
  }

  /** Frees every intermediate (on error paths). */
  dispose(): void {
    for (const t of this.temps) this.backend.disposeData(t.dataId);
    this.temps.length = 0;
  }

  transpose(x: TensorInfo, perm: number[]): TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }
  /**
   * [A, H, W, C] -> [C, H, W, A]. wasm's generic 4-D transpose is ~3x slower than a 2-D
   * transpose followed by a transpose that moves whole rows of A, so it is done that way.
   */
  swapOuterAxes(x: TensorInfo): TensorInfo {
    const [a, h, w, c] = x.shape;
    const flipped = this.transpose(this.reshape(x, [a, h * w * c]), [1, 0]);
    const moved = this.transpose(this.reshape(flipped, [h * w, c, a]), [1, 0, 2]);
    return this.reshape(moved, [c, h, w, a]);
  }
  reshape(x: TensorInfo, shape: number[]): TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }
  pad(x: TensorInfo, paddings: Array<[number, number]>): TensorInfo {
    if (paddings.every(([a, b]) => a === 0 && b === 0)) return x;
    return this.run('PadV2', { x }, { paddings, constantValue: 0 });
  }
  slice(x: TensorInfo, begin: number[], size: number[]): TensorInfo {
    if (begin.every((b) => b === 0) && size.every((s, i) => s === x.shape[i])) return x;
    return this.run('Slice', { x }, { begin, size });
  }
  /** Stacks along a new axis (wasm's Pack takes its inputs as an array). */
  pack(xs: TensorInfo[], axis: number): TensorInfo {
    return this.run('Pack', xs as unknown as Record<string, TensorInfo>, { axis });
  }
  reverse(x: TensorInfo, dims: number[]): TensorInfo {
    return this.run('Reverse', { x }, { dims });
  }
  sum(x: TensorInfo, axis: number[]): TensorInfo {
    return this.run('Sum', { x }, { axis, keepDims: false });
  }
}
