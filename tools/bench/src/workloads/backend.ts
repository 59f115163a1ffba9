/**
 * Backend kernels (BENCHMARKS.md "Other figures"): GFLOP/s of conv2d forward, filter gradient
 * and input gradient on the active backend, for a 32x64x64x32 input and a 3x3x32x32 filter
 * (stride 1, 'same'). Each direction does the same 2*N*H*W*KH*KW*Ci*Co multiply-adds, so the
 * three figures compare directly; `vs_forward` is the ratio to the forward conv's GFLOP/s. The
 * window is `--seconds` per kernel, shared round-robin.
 */
import { tf } from '@coordconv/backend';
import type { Benchmark, BenchLine } from '../types.js';
import { round4 } from '../timing.js';

const [N, H, W, CI] = [32, 64, 64, 32];
const [KH, KW, CO] = [3, 3, 32];
const FLOPS = 2 * N * H * W * KH * KW * CI * CO;
const CONV_ATTRS = { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', dilations: [1, 1] };

function run(
  kernel: string,
  inputs: Record<string, tf.Tensor>,
  attrs: Record<string, unknown>,
): void {
  const out = tf
    .engine()
    .runKernel(kernel, inputs as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as tf.Tensor;
  // Node backends run kernels synchronously; reading one value makes sure the work is done.
  const first = tf.slice(out, new Array(out.rank).fill(0), new Array(out.rank).fill(1));
  first.dataSync();
  tf.dispose([out, first]);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const benchmarks: Benchmark[] = [
  {
    name: 'conv2d-kernels',
    groups: ['backend', 'conv2d-forward', 'conv2d-filter-grad', 'conv2d-input-grad'],
    async run(ctx) {
      const x = tf.randomNormal([N, H, W, CI], 0, 1, 'float32', 1);
      const filter = tf.randomNormal([KH, KW, CI, CO], 0, 0.1, 'float32', 2);
      const dy = tf.randomNormal([N, H, W, CO], 0, 1, 'float32', 3);
      const cases: Array<[string, () => void]> = [
        ['conv2d-forward', () => run('Conv2D', { x, filter }, CONV_ATTRS)],
        [
          'conv2d-filter-grad',
          () =>
            run(
              'Conv2DBackpropFilter',
              { x, dy },
              { ...CONV_ATTRS, filterShape: [KH, KW, CI, CO] },
            ),
        ],
        [
          'conv2d-input-grad',
          () =>
            run(
              'Conv2DBackpropInput',
              { dy, filter },
              { ...CONV_ATTRS, inputShape: [N, H, W, CI] },
            ),
        ],
      ];
      // Round-robin with medians: on a shared machine the load drifts within seconds, so the three
      // kernels are timed interleaved over the same window and their ratio stays meaningful.
      const times: number[][] = cases.map(() => []);
      const lines: BenchLine[] = [];
      try {
        for (const [, step] of cases) step(); // warm-up (XNNPACK operator creation, heap growth)
        const deadline = performance.now() + ctx.seconds * cases.length * 1000;
        do {
          cases.forEach(([, step], i) => {
            const t0 = performance.now();
            step();
            times[i].push(performance.now() - t0);
          });
        } while (performance.now() < deadline);
        const medians = times.map(median);
        cases.forEach(([workload], i) => {
          const gflops = FLOPS / (medians[i] / 1000) / 1e9;
          ctx.log(
            `${workload}: ${gflops.toFixed(2)} GFLOP/s (median ${medians[i].toFixed(1)} ms of ${times[i].length} runs)`,
          );
          lines.push({
            workload,
            backend: ctx.backend,
            gflops: round4(gflops),
            step_ms: round4(medians[i]),
            vs_forward: round4(medians[0] / medians[i]),
            runs: times[i].length,
            shape: `x ${N}x${H}x${W}x${CI}, filter ${KH}x${KW}x${CI}x${CO}, stride 1, same`,
          });
        });
      } finally {
        tf.dispose([x, filter, dy]);
      }
      return lines;
    },
  },
];
