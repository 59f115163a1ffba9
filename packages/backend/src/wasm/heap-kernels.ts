/**
 * Kernels with no XNNPACK equivalent, written as tight loops over the wasm heap (no copies):
 * UnsortedSegmentSum (scatter-add, the gradient of gather), MaxPoolGrad (route dy to the first
 * maximum of each window, as tfjs-cpu does). Inner loops run over the contiguous channel axis.
 */
import * as tf from '../tf.js';
import type { TensorInfo, WasmBackend } from './wasm-backend.js';

interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}

/** out[s] = sum of x[i] over i with segmentIds[i] = s; ids outside [0, numSegments) are dropped. */
export function unsortedSegmentSum({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo {
  const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const wasm = backend as WasmBackend;
  const numSegments = attrs.numSegments as number;
  const idRank = segmentIds.shape.length;
  const rows = segmentIds.shape.reduce((a, b) => a * b, 1);
  const inner = x.shape.slice(idRank).reduce((a, b) => a * b, 1);
  const out = wasm.makeOutput([numSegments, ...x.shape.slice(idRank)], x.dtype);
  // Views only after every allocation: a heap growth detaches older views.
  const o = wasm.typedArrayFromHeap(out);
  const v = wasm.typedArrayFromHeap(x);
  const ids = wasm.typedArrayFromHeap(segmentIds);
  o.fill(0);
  for (let i = 0; i < rows; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const src = i * inner;
    const dst = s * inner;
    for (let j = 0; j < inner; j++) o[dst + j] += v[src + j];
  }
  return out;
}

/** dx of a 2D max pool: each window's dy goes to the first position holding its maximum. */
export function maxPoolGrad({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const wasm = backend as WasmBackend;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize as [number, number] | number,
    attrs.strides as [number, number] | number,
    1,
    attrs.pad as 'same' | 'valid' | number,
    attrs.dimRoundingMode as 'floor' | undefined,
  );
  const [B, H, W, C] = input.shape;
  const { outHeight: OH, outWidth: OW, strideHeight: sh, strideWidth: sw } = info;
  const {
    effectiveFilterHeight: KH,
    effectiveFilterWidth: KW,
    dilationHeight: dh,
    dilationWidth: dw,
  } = info;
  const { top, left } = info.padInfo;
  const dx = wasm.makeOutput(input.shape.slice(), 'float32');
  const out = wasm.typedArrayFromHeap(dx);
  const xs = wasm.typedArrayFromHeap(input);
  const g = wasm.typedArrayFromHeap(dy);
  out.fill(0);
  const best = new Float32Array(C);
  const at = new Int32Array(C);
  for (let b = 0; b < B; b++) {
    for (let oh = 0; oh < OH; oh++) {
      const r0 = oh * sh - top;
      for (let ow = 0; ow < OW; ow++) {
        const c0 = ow * sw - left;
        best.fill(-Infinity);
        at.fill(-1);
        // Window positions in row-major order with a strict '>' keep the first maximum.
        for (let r = r0; r < r0 + KH; r += dh) {
          if (r < 0 || r >= H) continue;
          for (let col = c0; col < c0 + KW; col += dw) {
            if (col < 0 || col >= W) continue;
            const base = ((b * H + r) * W + col) * C;
            for (let c = 0; c < C; c++) {
              const v = xs[base + c];
              if (v > best[c]) {
                best[c] = v;
                at[c] = base + c;
              }
            }
          }
        }
        const gBase = ((b * OH + oh) * OW + ow) * C;
        for (let c = 0; c < C; c++) if (at[c] >= 0) out[at[c]] += g[gBase + c];
      }
    }
  }
  return dx;
}
