/**
 * The gradient-parity sweep: every op family the toolkit trains with, over strides, paddings,
 * dilations and odd sizes. Forward-only where tfjs has no gradient (dilated convs).
 */
import * as tf from '../tf.js';
import type { ParityCase } from './test-parity.js';

type Pad2 = 'same' | 'valid' | number | [[0, 0], [number, number], [number, number], [0, 0]];
const EXPLICIT: Pad2 = [
  [0, 0],
  [1, 2],
  [2, 0],
  [0, 0],
];
const PADS: Pad2[] = ['same', 'valid', EXPLICIT, 1];
const padName = (p: Pad2) => (Array.isArray(p) ? 'explicit' : String(p));

function conv2dCases(): ParityCase[] {
  const out: ParityCase[] = [];
  for (const [h, w] of [
    [5, 6],
    [7, 7],
  ]) {
    for (const k of [1, 2, 3]) {
      for (const s of [1, 2]) {
        for (const pad of PADS) {
          out.push({
            name: `conv2d ${h}x${w} k${k} s${s} ${padName(pad)}`,
            inputs: [
              [2, h, w, 3],
              [k, k, 3, 4],
            ],
            f: (x, f) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, s, pad as 'same'),
          });
        }
      }
    }
  }
  out.push({
    name: 'conv2d strides [1,2] k[3,2]',
    inputs: [
      [2, 6, 7, 2],
      [3, 2, 2, 3],
    ],
    f: (x, f) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, [1, 2], 'same'),
  });
  for (const pad of ['same', 'valid'] as const) {
    out.push({
      name: `conv2d dilation 2 ${pad} (forward)`,
      inputs: [
        [2, 7, 6, 3],
        [3, 3, 3, 2],
      ],
      f: (x, f) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, pad, 'NHWC', 2),
      forwardOnly: true,
    });
  }
  return out;
}

function conv2dTransposeCases(): ParityCase[] {
  const out: ParityCase[] = [];
  for (const k of [2, 3, 4]) {
    for (const s of [1, 2]) {
      for (const pad of ['same', 'valid'] as const) {
        const [h, w] = [3, 4];
        const oh = pad === 'same' ? h * s : (h - 1) * s + k;
        const ow = pad === 'same' ? w * s : (w - 1) * s + k;
        out.push({
          name: `conv2dTranspose k${k} s${s} ${pad}`,
          inputs: [
            [2, h, w, 3],
            [k, k, 2, 3],
          ],
          f: (x, f) =>
            tf.conv2dTranspose(x as tf.Tensor4D, f as tf.Tensor4D, [2, oh, ow, 2], s, pad),
        });
      }
    }
  }
  // Odd outputs (phases of unequal length), stride 3 with a kernel shorter than the stride
  // (phases without taps), non-square strides.
  const odd: Array<
    [string, number[], number[], number[], number | [number, number], 'same' | 'valid']
  > = [
    ['s2 same odd output', [2, 3, 4, 3], [3, 3, 2, 3], [2, 5, 7, 2], 2, 'same'],
    ['s3 k2 valid', [1, 3, 3, 2], [2, 2, 2, 2], [1, 8, 8, 2], 3, 'valid'],
    ['s3 k5 same', [1, 2, 3, 2], [5, 5, 3, 2], [1, 6, 8, 3], 3, 'same'],
    ['s[2,1] k3 same', [2, 3, 4, 2], [3, 3, 2, 2], [2, 6, 4, 2], [2, 1], 'same'],
  ];
  for (const [tag, xs, fs, os, s, pad] of odd) {
    out.push({
      name: `conv2dTranspose ${tag}`,
      inputs: [xs, fs],
      f: (x, f) =>
        tf.conv2dTranspose(
          x as tf.Tensor4D,
          f as tf.Tensor4D,
          os as [number, number, number, number],
          s,
          pad,
        ),
    });
  }
  return out;
}

function depthwiseCases(): ParityCase[] {
  const out: ParityCase[] = [];
  for (const [h, w] of [
    [5, 6],
    [7, 7],
  ]) {
    for (const k of [1, 3]) {
      for (const s of [1, 2]) {
        for (const m of [1, 2]) {
          for (const pad of PADS) {
            out.push({
              name: `depthwise ${h}x${w} k${k} s${s} m${m} ${padName(pad)}`,
              inputs: [
                [2, h, w, 3],
                [k, k, 3, m],
              ],
              f: (x, f) => tf.depthwiseConv2d(x as tf.Tensor4D, f as tf.Tensor4D, s, pad as 'same'),
            });
          }
        }
      }
    }
  }
  out.push({
    name: 'depthwise k3 s3 m2 same',
    inputs: [
      [2, 8, 7, 3],
      [3, 3, 3, 2],
    ],
    f: (x, f) => tf.depthwiseConv2d(x as tf.Tensor4D, f as tf.Tensor4D, 3, 'same'),
  });
  out.push({
    name: 'conv2d k5 s3 same 9x8',
    inputs: [
      [2, 9, 8, 2],
      [5, 5, 2, 3],
    ],
    f: (x, f) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 3, 'same'),
  });
  out.push({
    name: 'depthwise dilation 2 (forward)',
    inputs: [
      [2, 7, 7, 3],
      [3, 3, 3, 2],
    ],
    f: (x, f) => tf.depthwiseConv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, 'same', 'NHWC', 2),
    forwardOnly: true,
  });
  for (const s of [1, 2]) {
    for (const pad of ['same', 'valid'] as const) {
      out.push({
        name: `separableConv2d s${s} ${pad}`,
        inputs: [
          [2, 7, 6, 3],
          [3, 3, 3, 2],
          [1, 1, 6, 4],
        ],
        f: (x, d, p) =>
          tf.separableConv2d(x as tf.Tensor4D, d as tf.Tensor4D, p as tf.Tensor4D, s, pad),
      });
    }
  }
  return out;
}

function otherConvCases(): ParityCase[] {
  const out: ParityCase[] = [];
  for (const s of [1, 2]) {
    for (const pad of ['same', 'valid'] as const) {
      out.push({
        name: `conv1d k3 s${s} ${pad}`,
        inputs: [
          [2, 9, 3],
          [3, 3, 4],
        ],
        f: (x, f) => tf.conv1d(x as tf.Tensor3D, f as tf.Tensor3D, s, pad),
      });
      out.push({
        name: `conv3d k[2,3,2] s${s} ${pad}`,
        inputs: [
          [2, 4, 5, 5, 2],
          [2, 3, 2, 2, 3],
        ],
        f: (x, f) => tf.conv3d(x as tf.Tensor5D, f as tf.Tensor5D, s, pad),
      });
      out.push({
        name: `conv3dTranspose s${s} ${pad}`,
        inputs: [
          [1, 3, 3, 3, 2],
          [2, 2, 2, 3, 2],
        ],
        f: (x, f) =>
          tf.conv3dTranspose(
            x as tf.Tensor5D,
            f as tf.Tensor5D,
            pad === 'same' ? [1, 3 * s, 3 * s, 3 * s, 3] : [1, 2 * s + 2, 2 * s + 2, 2 * s + 2, 3],
            s,
            pad,
          ),
        forwardOnly: true, // tfjs has no gradient for Conv3DBackpropInputV2
      });
    }
  }
  return out;
}

function poolCases(): ParityCase[] {
  const out: ParityCase[] = [];
  for (const k of [2, 3]) {
    for (const s of [1, 2]) {
      for (const pad of ['same', 'valid'] as const) {
        out.push({
          name: `maxPool k${k} s${s} ${pad}`,
          inputs: [[2, 7, 6, 3]],
          f: (x) => tf.maxPool(x as tf.Tensor4D, k, s, pad),
        });
        out.push({
          name: `avgPool k${k} s${s} ${pad}`,
          inputs: [[2, 7, 6, 3]],
          f: (x) => tf.avgPool(x as tf.Tensor4D, k, s, pad),
        });
      }
    }
    out.push({
      name: `maxPool3d k${k}`,
      inputs: [[1, 4, 5, 4, 2]],
      f: (x) => tf.maxPool3d(x as tf.Tensor5D, k, 1, 'same'),
    });
    out.push({
      name: `avgPool3d k${k}`,
      inputs: [[1, 4, 5, 4, 2]],
      f: (x) => tf.avgPool3d(x as tf.Tensor5D, k, 2, 'valid'),
    });
  }
  out.push({ name: 'global max pool', inputs: [[2, 5, 6, 3]], f: (x) => tf.max(x, [1, 2]) });
  out.push({ name: 'global avg pool', inputs: [[2, 5, 6, 3]], f: (x) => tf.mean(x, [1, 2]) });
  out.push({ name: 'min reduction', inputs: [[3, 4, 5]], f: (x) => tf.min(x, 1) });
  return out;
}

function denseAndLossCases(): ParityCase[] {
  const acts: Array<[string, (t: tf.Tensor) => tf.Tensor]> = [
    ['relu', tf.relu],
    ['leakyRelu', (t) => tf.leakyRelu(t, 0.2)],
    ['tanh', tf.tanh],
    ['sigmoid', tf.sigmoid],
    ['elu', tf.elu],
    ['selu', tf.selu],
    ['softplus', tf.softplus],
  ];
  const out: ParityCase[] = acts.map(([name, act]) => ({
    name: `dense + ${name}`,
    inputs: [[4, 5], [5, 3], [3]],
    f: (x, w, b) => act(tf.add(tf.matMul(x, w), b)),
  }));
  out.push({
    name: 'softmax cross-entropy',
    inputs: [[4, 6]],
    f: (logits) =>
      tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d([0, 3, 5, 1], 'int32'), 6), logits),
  });
  out.push({
    name: 'sigmoid cross-entropy',
    inputs: [[4, 3]],
    f: (logits) =>
      tf.losses.sigmoidCrossEntropy(
        tf.tensor2d([
          [1, 0, 1],
          [0, 0, 1],
          [1, 1, 0],
          [0, 1, 0],
        ]),
        logits,
      ),
  });
  out.push({ name: 'logSoftmax', inputs: [[3, 7]], f: (x) => tf.logSoftmax(x) });
  out.push({
    name: 'batch norm (training moments)',
    inputs: [[3, 4, 5, 2], [2], [2]],
    f: (x, gamma, beta) => {
      const { mean, variance } = tf.moments(x, [0, 1, 2]);
      return tf.batchNorm(x, mean, variance, beta, gamma, 1e-3);
    },
  });
  out.push({
    name: 'clipByValue, square, sqrt',
    inputs: [[3, 4]],
    f: (x) => tf.sqrt(tf.add(tf.square(tf.clipByValue(x, -0.5, 0.6)), 0.1)),
  });
  out.push({
    name: 'maximum/minimum',
    inputs: [
      [3, 4],
      [3, 4],
    ],
    f: (a, b) => tf.add(tf.maximum(a, b), tf.minimum(a, tf.mul(b, 0.5))),
  });
  return out;
}

function shapeCases(): ParityCase[] {
  const idx = () => tf.tensor1d([2, 0, 2, 1, 3], 'int32');
  return [
    { name: 'gather axis 0 (repeats)', inputs: [[4, 3]], f: (x) => tf.gather(x, idx()) },
    { name: 'gather axis 1', inputs: [[2, 4, 3]], f: (x) => tf.gather(x, idx(), 1) },
    {
      name: 'unsortedSegmentSum',
      inputs: [[5, 3]],
      f: (x) => tf.unsortedSegmentSum(x, tf.tensor1d([1, 0, 1, 3, 1], 'int32'), 4),
    },
    {
      name: 'concat, slice, tile',
      inputs: [
        [2, 3, 4],
        [2, 1, 4],
      ],
      f: (a, b) => tf.tile(tf.slice(tf.concat([a, b], 1), [0, 1, 1], [2, 3, 2]), [1, 2, 1]),
    },
    {
      name: 'pad, transpose, reshape',
      inputs: [[2, 3, 4]],
      f: (x) =>
        tf.reshape(
          tf.transpose(
            tf.pad(x, [
              [0, 0],
              [1, 2],
              [0, 1],
            ]),
            [2, 0, 1],
          ),
          [5, -1],
        ),
    },
    {
      name: 'stridedSlice (forward; tfjs has no gradient)',
      inputs: [[4, 6, 2]],
      f: (x) => tf.stridedSlice(x, [0, 1, 0], [4, 6, 2], [2, 2, 1]),
      forwardOnly: true,
    },
    {
      name: 'resizeNearest up',
      inputs: [[2, 3, 4, 2]],
      f: (x) => tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [7, 9]),
    },
    {
      name: 'resizeNearest down alignCorners',
      inputs: [[1, 7, 6, 2]],
      f: (x) => tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [3, 4], true),
    },
    {
      name: 'resizeBilinear up',
      inputs: [[2, 3, 4, 2]],
      f: (x) => tf.image.resizeBilinear(x as tf.Tensor4D, [7, 9]),
    },
    {
      name: 'resizeBilinear halfPixel',
      inputs: [[1, 5, 4, 2]],
      f: (x) => tf.image.resizeBilinear(x as tf.Tensor4D, [8, 6], false, true),
    },
    {
      name: 'resizeBilinear down alignCorners',
      inputs: [[1, 7, 6, 2]],
      f: (x) => tf.image.resizeBilinear(x as tf.Tensor4D, [4, 3], true),
    },
  ];
}

export const PARITY_CASES: ParityCase[] = [
  ...conv2dCases(),
  ...conv2dTransposeCases(),
  ...depthwiseCases(),
  ...otherConvCases(),
  ...poolCases(),
  ...denseAndLossCases(),
  ...shapeCases(),
];
