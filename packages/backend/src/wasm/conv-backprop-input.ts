/**
 * Conv2DBackpropInput (the input gradient of conv2d and the forward of conv2dTranspose) on
 * XNNPACK convolutions. wasm 4.22's own kernel is a scalar C++ loop (~7x slower than its forward
 * conv). A stride-s transposed conv splits into s*s "phases": output rows i = s*q + r only meet
 * the filter taps k = p + s*m with p = (r + top) mod s, so each phase is a stride-1 correlation
 * of dy with a flipped sub-filter, and the phases are interleaved at the end. No zero-insertion,
 * so no multiply-by-zero work.
 */
import * as tf from '../tf.js';
import { WasmOps, type TensorInfo, type WasmBackend } from './wasm-backend.js';

type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

/** One axis of one phase: sub-filter start `p`, taps `m`, rows `q`, and dy padding. */
interface AxisPhase {
  p: number;
  taps: number;
  rows: number;
  front: number;
  back: number;
}

function axisPhase(
  r: number,
  s: number,
  k: number,
  pad: number,
  outSize: number,
  inSize: number,
): AxisPhase {
  const p = (r + pad) % s;
  const e = Math.floor((r + pad) / s);
  const taps = p < k ? Math.ceil((k - p) / s) : 0;
  const rows = r < inSize ? Math.ceil((inSize - r) / s) : 0;
  const front = taps - 1 - e;
  const back = rows + taps - 1 - front - outSize;
  return { p, taps, rows, front, back };
}

/** Stride-1 valid correlation of dy (padded/cropped per phase) with a flipped sub-filter. */
function phaseConv(
  ops: WasmOps,
  dy: TensorInfo,
  filter: TensorInfo,
  ph: AxisPhase,
  pw: AxisPhase,
  strides: number[],
): TensorInfo {
  const [B, OH, OW, Co] = dy.shape;
  const [KH, KW, Ci] = filter.shape;
  if (ph.taps === 0 || pw.taps === 0) {
    return ops.run('Fill', {}, { shape: [B, ph.rows, pw.rows, Ci], value: 0, dtype: 'float32' });
  }
  const sub =
    strides[0] === 1 && strides[1] === 1
      ? filter
      : ops.run(
          'StridedSlice',
          { x: filter },
          {
            begin: [ph.p, pw.p, 0, 0],
            end: [KH, KW, Ci, Co],
            strides: [strides[0], strides[1], 1, 1],
            beginMask: 0,
            endMask: 0,
            ellipsisMask: 0,
            newAxisMask: 0,
            shrinkAxisMask: 0,
          },
        );
  const flipped = ops.transpose(ops.reverse(sub, [0, 1]), [0, 1, 3, 2]);
  // Negative padding = cropping dy first; the rest is the conv's own explicit padding.
  const cropTop = Math.max(0, -ph.front);
  const cropLeft = Math.max(0, -pw.front);
  const cropped = ops.slice(
    dy,
    [0, cropTop, cropLeft, 0],
    [B, OH - cropTop - Math.max(0, -ph.back), OW - cropLeft - Math.max(0, -pw.back), Co],
  );
  return ops.run(
    'Conv2D',
    { x: cropped, filter: flipped },
    {
      strides: [1, 1],
      pad: [
        [0, 0],
        [Math.max(0, ph.front), Math.max(0, ph.back)],
        [Math.max(0, pw.front), Math.max(0, pw.back)],
        [0, 0],
      ],
      dataFormat: 'NHWC',
      dilations: [1, 1],
    },
  );
}

export function conv2DBackpropInputNHWC(
  backend: WasmBackend,
  dy: TensorInfo,
  filter: TensorInfo,
  attrs: tf.NamedAttrMap,
): TensorInfo {
  const inputShape = attrs.inputShape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides as [number, number],
    1,
    attrs.pad as Pad,
    attrs.dimRoundingMode as 'floor' | undefined,
  );
  const [B, H, W, Ci] = inputShape;
  const [KH, KW] = filter.shape;
  const [, OH, OW] = dy.shape;
  const sh = info.strideHeight;
  const sw = info.strideWidth;
  const ops = new WasmOps(backend);
  try {
    const rowsPhases = Array.from({ length: sh }, (_, r) =>
      axisPhase(r, sh, KH, info.padInfo.top, OH, H),
    );
    const colsPhases = Array.from({ length: sw }, (_, r) =>
      axisPhase(r, sw, KW, info.padInfo.left, OW, W),
    );
    if (sh === 1 && sw === 1)
      return ops.finish(phaseConv(ops, dy, filter, rowsPhases[0], colsPhases[0], [1, 1]));
    // Every phase padded to the largest row/column count, then interleaved with two Packs
    // (columns within each row phase, then rows); wasm's 6-D transpose would be ~30x slower.
    const qh = Math.ceil(H / sh);
    const qw = Math.ceil(W / sw);
    const rows: TensorInfo[] = [];
    for (const ph of rowsPhases) {
      const cols = colsPhases.map((pw) => {
        const part = phaseConv(ops, dy, filter, ph, pw, [sh, sw]);
        return ops.pad(part, [
          [0, 0],
          [0, qh - ph.rows],
          [0, qw - pw.rows],
          [0, 0],
        ]);
      });
      rows.push(sw === 1 ? cols[0] : ops.reshape(ops.pack(cols, 3), [B, qh, qw * sw, Ci]));
    }
    const full = sh === 1 ? rows[0] : ops.reshape(ops.pack(rows, 2), [B, qh * sh, qw * sw, Ci]);
    return ops.finish(ops.slice(full, [0, 0, 0, 0], [B, H, W, Ci]));
  } catch (err) {
    ops.dispose();
    throw err;
  }
}

/** Kernel: NHWC on XNNPACK; NCHW delegates to wasm's original kernel. */
export function makeConv2DBackpropInput(original: tf.KernelFunc | undefined): tf.KernelFunc {
  return (args) => {
    const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
    const attrs = args.attrs ?? {};
    if (attrs.dataFormat === 'NCHW') {
      if (!original) throw new Error('Conv2DBackpropInput: NCHW is not supported on wasm');
      return original(args);
    }
    return conv2DBackpropInputNHWC(args.backend as WasmBackend, dy, filter, attrs);
  };
}
