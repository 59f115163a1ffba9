/**
 * Fast conv gradients for wasm, composed from wasm's own kernels (XNNPACK convolutions,
 * transposes, pads, slices), so the heavy arithmetic runs in SIMD wasm, not in JS loops.
 */
import * as tf from '../tf.js';
import { runOnCpu } from './cpu-fallback.js';
import { WasmOps, type TensorInfo, type WasmBackend } from './wasm-backend.js';

type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}
const pair = (v: number | [number, number] | undefined): [number, number] =>
  v == null ? [1, 1] : typeof v === 'number' ? [v, v] : v;

/**
 * Conv2DBackpropFilter: dW[kh,kw,ci,co] = sum over b,oh,ow of x[b, oh*s+kh-top, ow*s+kw-left, ci]
 * * dy[b,oh,ow,co]. That is a convolution with ci as the batch, b as the reduced channel and dy
 * as the filter: conv2d(x^T [Ci,H,W,B], dy^T [OH,OW,B,Co], dilation = forward stride), whose
 * output [Ci,KH',KW',Co] is cropped to KH x KW and transposed to [KH,KW,Ci,Co].
 */
export function conv2DBackpropFilter({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const wasm = backend as WasmBackend;
  const filterShape = attrs.filterShape as [number, number, number, number];
  if (attrs.dataFormat === 'NCHW')
    return runOnCpu(wasm, 'Conv2DBackpropFilter', inputs as Record<string, TensorInfo>, attrs)[0];
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    attrs.strides as [number, number],
    1,
    attrs.pad as Pad,
    attrs.dimRoundingMode as 'floor' | undefined,
  );
  const [, H, W, Ci] = x.shape;
  const [, OH, OW, Co] = dy.shape;
  const [KH, KW] = filterShape;
  const { strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  // Pad the far side just enough that every tap of the last output row/column exists.
  const bottom = Math.max(0, (OH - 1) * sh + KH - H - top);
  const right = Math.max(0, (OW - 1) * sw + KW - W - left);
  const ops = new WasmOps(wasm);
  try {
    const xt = ops.swapOuterAxes(x);
    const dyt = ops.transpose(dy, [1, 2, 0, 3]);
    const conv = ops.run(
      'Conv2D',
      { x: xt, filter: dyt },
      {
        strides: [1, 1],
        pad: [
          [0, 0],
          [top, bottom],
          [left, right],
          [0, 0],
        ],
        dataFormat: 'NHWC',
        dilations: [sh, sw],
      },
    );
    const cropped = ops.slice(conv, [0, 0, 0, 0], [Ci, KH, KW, Co]);
    return ops.finish(ops.transpose(cropped, [1, 2, 0, 3]));
  } catch (err) {
    ops.dispose();
    throw err;
  }
}

/**
 * DepthwiseConv2dNativeBackpropFilter: dW[kh,kw,c,m] = sum over b,oh,ow of
 * x[b, oh*s + kh*d - top, ow*s + kw*d - left, c] * dy[b, oh, ow, c*M + m]. For each (b, channel)
 * that is a correlation of x with dy as an OH x OW kernel, so one XNNPACK depthwise conv over
 * B*C*M channels does it (x as [1,H,W,B*CM], dy as [OH,OW,B*CM,1], the forward's stride as
 * dilation and its dilation as stride), followed by a sum over b. x is repeated M times first.
 */
export function depthwiseBackpropFilter({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const wasm = backend as WasmBackend;
  const filterShape = attrs.filterShape as [number, number, number, number];
  const [dh, dw] = pair(attrs.dilations as [number, number] | number | undefined);
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    attrs.strides as [number, number],
    [dh, dw],
    attrs.pad as Pad,
    attrs.dimRoundingMode as 'floor' | undefined,
    true,
  );
  const [B, H, W, C] = x.shape;
  const [, OH, OW, CM] = dy.shape;
  const [KH, KW, , M] = filterShape;
  const { strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const bottom = Math.max(0, (KH - 1) * dh + (OH - 1) * sh + 1 - H - top);
  const right = Math.max(0, (KW - 1) * dw + (OW - 1) * sw + 1 - W - left);
  const ops = new WasmOps(wasm);
  try {
    const xm =
      M === 1
        ? x
        : ops.reshape(
            ops.run('Tile', { x: ops.reshape(x, [B, H, W, C, 1]) }, { reps: [1, 1, 1, 1, M] }),
            [B, H, W, CM],
          );
    const xt = ops.reshape(ops.transpose(xm, [1, 2, 0, 3]), [1, H, W, B * CM]);
    const dyt = ops.reshape(ops.transpose(dy, [1, 2, 0, 3]), [OH, OW, B * CM, 1]);
    const conv = ops.run(
      'DepthwiseConv2dNative',
      { x: xt, filter: dyt },
      {
        strides: [dh, dw],
        pad: [
          [0, 0],
          [top, bottom],
          [left, right],
          [0, 0],
        ],
        dilations: [sh, sw],
      },
    );
    const cropped = ops.slice(conv, [0, 0, 0, 0], [1, KH, KW, B * CM]);
    const summed = ops.sum(ops.reshape(cropped, [KH * KW, B, CM]), [1]);
    return ops.finish(ops.reshape(summed, [KH, KW, C, M]));
  } catch (err) {
    ops.dispose();
    throw err;
  }
}

/**
 * DepthwiseConv2dNativeBackpropInput as a transposed depthwise conv: dy is upsampled by the
 * stride (zeros inserted), padded/cropped so that a valid correlation with the spatially flipped
 * filter (dilated like the forward) yields exactly H x W, then summed over the multiplier.
 */
export function depthwiseBackpropInput({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const wasm = backend as WasmBackend;
  const inputShape = attrs.inputShape as [number, number, number, number];
  const [dh, dw] = pair(attrs.dilations as [number, number] | number | undefined);
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides as [number, number],
    [dh, dw],
    attrs.pad as Pad,
    attrs.dimRoundingMode as 'floor' | undefined,
    true,
  );
  const [B, H, W, C] = inputShape;
  const [, OH, OW, CM] = dy.shape;
  const [KH, KW, , M] = filter.shape;
  const { strideHeight: sh, strideWidth: sw } = info;
  const ops = new WasmOps(wasm);
  try {
    // Zero-insertion upsampling: [B,OH,1,OW,1,CM] padded to [B,OH,sh,OW,sw,CM].
    let u = dy;
    if (sh > 1 || sw > 1) {
      const six = ops.reshape(dy, [B, OH, 1, OW, 1, CM]);
      const padded = ops.pad(six, [
        [0, 0],
        [0, 0],
        [0, sh - 1],
        [0, 0],
        [0, sw - 1],
        [0, 0],
      ]);
      u = ops.reshape(padded, [B, OH * sh, OW * sw, CM]);
    }
    const uh = u.shape[1];
    const uw = u.shape[2];
    // The correlation reads u[i + top - k*d]; with the filter flipped that is a valid
    // correlation over u shifted by (K-1)*d - top, needing H + (K-1)*d rows in total.
    const front = [(KH - 1) * dh - info.padInfo.top, (KW - 1) * dw - info.padInfo.left];
    const need = [H + (KH - 1) * dh, W + (KW - 1) * dw];
    const back = [need[0] - front[0] - uh, need[1] - front[1] - uw];
    const grown = ops.pad(u, [
      [0, 0],
      [Math.max(0, front[0]), Math.max(0, back[0])],
      [Math.max(0, front[1]), Math.max(0, back[1])],
      [0, 0],
    ]);
    const window = ops.slice(
      grown,
      [0, Math.max(0, -front[0]), Math.max(0, -front[1]), 0],
      [B, need[0], need[1], CM],
    );
    const flipped = ops.reshape(ops.reverse(filter, [0, 1]), [KH, KW, CM, 1]);
    const conv = ops.run(
      'DepthwiseConv2dNative',
      { x: window, filter: flipped },
      { strides: [1, 1], pad: 'valid', dilations: [dh, dw] },
    );
    if (M === 1) return ops.finish(conv);
    return ops.finish(ops.sum(ops.reshape(conv, [B, H, W, C, M]), [4]));
  } catch (err) {
    ops.dispose();
    throw err;
  }
}
