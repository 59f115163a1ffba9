/**
 * WORKAROUND (belongs in @coordconv/backend; see the report of the A2C issue): tfjs-backend-wasm
 * 4.22's BatchMatMul is about 10x slower with `transposeA` or `transposeB` than on
 * pre-transposed inputs (measured here: dW = x^T dy for x [80, 3136], dy [80, 256] takes
 * ~170 ms transposed vs ~15-45 ms after an explicit Transpose). Dense layers' gradients use
 * exactly those two forms, so they dominated A2C's update step (>90% of it).
 *
 * `useFastWasmMatMul()` wraps the wasm kernel: transposed operands are materialized with the
 * wasm Transpose kernel first, then the plain product runs. Results are identical (same
 * arithmetic, different memory order). Idempotent; does nothing on other backends.
 */
import { tf } from '@coordconv/backend';

type KernelArgs = Parameters<tf.KernelFunc>[0];
interface TensorInfoLike {
  dataId: object;
  shape: number[];
  dtype: string;
}
interface BackendWithDispose {
  disposeData(dataId: object): boolean;
}

let wrapped = false;

export function useFastWasmMatMul(): boolean {
  if (wrapped) return true;
  if (tf.getBackend() !== 'wasm') return false;
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!original || !transpose) return false;
  const swapLast = (x: TensorInfoLike, args: KernelArgs): TensorInfoLike => {
    const rank = x.shape.length;
    const perm = [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];
    return transpose.kernelFunc({
      inputs: { x } as never,
      backend: args.backend,
      attrs: { perm },
    }) as TensorInfoLike;
  };
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({
    kernelName: 'BatchMatMul',
    backendName: 'wasm',
    setupFunc: original.setupFunc,
    kernelFunc: (args: KernelArgs) => {
      const attrs = args.attrs as { transposeA?: boolean; transposeB?: boolean };
      if (!attrs.transposeA && !attrs.transposeB) return original.kernelFunc(args);
      const inputs = args.inputs as unknown as { a: TensorInfoLike; b: TensorInfoLike };
      const a = attrs.transposeA ? swapLast(inputs.a, args) : inputs.a;
      const b = attrs.transposeB ? swapLast(inputs.b, args) : inputs.b;
      const out = original.kernelFunc({
        ...args,
        inputs: { a, b } as never,
        attrs: { ...args.attrs, transposeA: false, transposeB: false },
      });
      const backend = args.backend as unknown as BackendWithDispose;
      if (a !== inputs.a) backend.disposeData(a.dataId);
      if (b !== inputs.b) backend.disposeData(b.dataId);
      return out;
    },
  });
  wrapped = true;
  return true;
}
