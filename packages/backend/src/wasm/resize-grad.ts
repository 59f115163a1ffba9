/**
 * Gradients of resizeBilinear / resizeNearestNeighbor that mirror tfjs's forward kernels exactly
 * (same source-index formulas, incl. alignCorners and halfPixelCenters) by scattering dy onto the
 * source pixels the forward read. Replaces wasm's kernels (ResizeNearestNeighborGrad wrong when
 * upsampling) and cpu's (ResizeBilinearGrad returns [b, w, h, c]; both ignore halfPixelCenters;
 * the nearest one offsets dy by the image's batch stride).
 */
import * as tf from '../tf.js';
import type { CpuBackend, TensorInfo, WasmBackend } from './wasm-backend.js';

type Floats = Float32Array | Int32Array | Uint8Array;
interface ResizeAttrs {
  alignCorners: boolean;
  halfPixelCenters: boolean;
}

function ratio(inSize: number, outSize: number, alignCorners: boolean): number {
  return alignCorners && outSize > 1 ? (inSize - 1) / (outSize - 1) : inSize / outSize;
}

/** A resize gradient: dx (zeroed by the caller) += J^T dy, for images [B,H,W,C] resized to dy. */
type Backward = (
  dy: Floats,
  dyShape: number[],
  imageShape: number[],
  a: ResizeAttrs,
  dx: Floats,
) => void;

/** Sizes of images [B,H,W,C] and of dy [B,OH,OW,C], and the source/output row and column ratios. */
function geometry(dyShape: number[], imageShape: number[], a: ResizeAttrs) {
  const [B, H, W, C] = imageShape;
  const [, OH, OW] = dyShape;
  return { B, H, W, C, OH, OW, rr: ratio(H, OH, a.alignCorners), cr: ratio(W, OW, a.alignCorners) };
}

/** The gradient of bilinear resize: each dy value spread over the 4 source pixels it mixed. */
export const bilinearBackward: Backward = (dy, dyShape, imageShape, a, dx) => {
  const { B, H, W, C, OH, OW, rr, cr } = geometry(dyShape, imageShape, a);
  let g = 0;
  for (let b = 0; b < B; b++) {
    for (let r = 0; r < OH; r++) {
      const fr = a.halfPixelCenters ? rr * (r + 0.5) - 0.5 : rr * r;
      const r0 = Math.max(0, Math.floor(fr));
      const r1 = Math.min(H - 1, Math.ceil(fr));
      const wr = fr - r0;
      for (let c = 0; c < OW; c++) {
        const fc = a.halfPixelCenters ? cr * (c + 0.5) - 0.5 : cr * c;
        const c0 = Math.max(0, Math.floor(fc));
        const c1 = Math.min(W - 1, Math.ceil(fc));
        const wc = fc - c0;
        const tl = ((b * H + r0) * W + c0) * C;
        const tr = ((b * H + r0) * W + c1) * C;
        const bl = ((b * H + r1) * W + c0) * C;
        const br = ((b * H + r1) * W + c1) * C;
        for (let d = 0; d < C; d++, g++) {
          const v = dy[g];
          dx[tl + d] += v * (1 - wr) * (1 - wc);
          dx[tr + d] += v * (1 - wr) * wc;
          dx[bl + d] += v * wr * (1 - wc);
          dx[br + d] += v * wr * wc;
        }
      }
    }
  }
};

function nearest(f: number, size: number, a: ResizeAttrs): number {
  const i = Math.min(size - 1, a.alignCorners ? Math.round(f) : Math.floor(f));
  return a.halfPixelCenters ? Math.max(0, i) : i;
}

/** The gradient of nearest-neighbour resize: each dy value added to the one source pixel read. */
export const nearestBackward: Backward = (dy, dyShape, imageShape, a, dx) => {
  const { B, H, W, C, OH, OW, rr, cr } = geometry(dyShape, imageShape, a);
  let g = 0;
  for (let b = 0; b < B; b++) {
    for (let r = 0; r < OH; r++) {
      const sr = nearest(a.halfPixelCenters ? rr * (r + 0.5) : rr * r, H, a);
      for (let c = 0; c < OW; c++) {
        const sc = nearest(a.halfPixelCenters ? cr * (c + 0.5) : cr * c, W, a);
        const base = ((b * H + sr) * W + sc) * C;
        for (let d = 0; d < C; d++, g++) dx[base + d] += dy[g];
      }
    }
  }
};

function attrsOf(attrs: tf.NamedAttrMap | undefined): ResizeAttrs {
  return {
    alignCorners: Boolean(attrs?.alignCorners),
    halfPixelCenters: Boolean(attrs?.halfPixelCenters),
  };
}

function wasmKernel(backward: Backward): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { images, dy } = inputs as { images: TensorInfo; dy: TensorInfo };
    const wasm = backend as WasmBackend;
    const out = wasm.makeOutput(images.shape.slice(), 'float32');
    const dx = wasm.typedArrayFromHeap(out);
    dx.fill(0);
    backward(wasm.typedArrayFromHeap(dy), dy.shape, images.shape, attrsOf(attrs), dx);
    return out;
  };
}

function cpuKernel(backward: Backward): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { images, dy } = inputs as { images: TensorInfo; dy: TensorInfo };
    const cpu = backend as CpuBackend & {
      makeTensorInfo(s: number[], d: tf.DataType, v: Float32Array): TensorInfo;
    };
    const dx = new Float32Array(images.shape.reduce((x, y) => x * y, 1));
    backward(cpu.readSync(dy.dataId) as Float32Array, dy.shape, images.shape, attrsOf(attrs), dx);
    return cpu.makeTensorInfo(images.shape.slice(), 'float32', dx);
  };
}

/** Registers both gradients for wasm and cpu (replacing the registered ones). */
export function registerResizeGradients(): void {
  const kernels: Array<[string, Backward]> = [
    ['ResizeBilinearGrad', bilinearBackward],
    ['ResizeNearestNeighborGrad', nearestBackward],
  ];
  for (const [kernelName, backward] of kernels) {
    for (const [backendName, make] of [
      ['wasm', wasmKernel],
      ['cpu', cpuKernel],
    ] as const) {
      if (tf.getKernel(kernelName, backendName)) tf.unregisterKernel(kernelName, backendName);
      tf.registerKernel({ kernelName, backendName, kernelFunc: make(backward) });
    }
  }
}
