/**
 * `npx nx run backend:smoke [-- --seconds S --backend B]`: a few seconds of conv-net training on
 * the selected backend, printing the backend info and the loss going down. Not public API.
 * Task: paint a one-hot 16x16 canvas at the pixel marked in a 16x16 input (conv, strided conv,
 * transposed conv, 1x1 conv; softmax cross-entropy) — every wasm training kernel is exercised.
 */
import { Rng, runCli } from '@coordconv/common';
import { initBackend, tf, type BackendName } from './index.js';

const SIZE = 16;
const BATCH = 16;

function buildModel(): tf.LayersModel {
  const init = (seed: number) => tf.initializers.heNormal({ seed });
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [SIZE, SIZE, 1],
        filters: 8,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: init(1),
      }),
      tf.layers.conv2d({
        filters: 16,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: init(2),
      }),
      tf.layers.conv2dTranspose({
        filters: 8,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: init(3),
      }),
      tf.layers.conv2d({ filters: 1, kernelSize: 1, kernelInitializer: init(4) }),
      tf.layers.flatten(),
    ],
  });
}

function batch(rng: Rng): { x: tf.Tensor4D; y: tf.Tensor2D } {
  const cells = Array.from({ length: BATCH }, () => rng.int(SIZE * SIZE));
  return tf.tidy(() => {
    const y = tf.oneHot(tf.tensor1d(cells, 'int32'), SIZE * SIZE).toFloat() as tf.Tensor2D;
    return { x: y.reshape([BATCH, SIZE, SIZE, 1]) as tf.Tensor4D, y };
  });
}

await runCli(
  {
    name: 'npx nx run backend:smoke --',
    description: 'Trains a small conv net for a few seconds and prints the backend and the loss.',
    options: {
      seconds: { type: 'float', default: 5, min: 0.5, help: 'training wall time' },
      backend: {
        type: 'enum',
        choices: ['auto', 'tensorflow', 'wasm', 'cpu'],
        default: 'auto',
        help: 'tfjs backend',
      },
    },
    configFile: false,
  },
  async (opts) => {
    const info = await initBackend({ backend: opts.backend as BackendName });
    const simd = info.simd ? 'SIMD' : 'no SIMD';
    process.stdout.write(
      `backend: ${info.name} on ${info.device}, tfjs ${info.tfjsVersion}, ${simd}, ${info.threads} thread(s)\n`,
    );
    const model = buildModel();
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const optimizer = tf.train.adam(0.01);
    const rng = new Rng(1);
    const t0 = performance.now();
    const deadline = t0 + opts.seconds * 1000;
    const losses: number[] = [];
    let nextReport = t0;
    for (let step = 1; performance.now() < deadline; step++) {
      const { x, y } = batch(rng);
      const loss = optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(y, model.apply(x) as tf.Tensor) as tf.Scalar,
        true,
        vars,
      )!;
      const value = (await loss.data())[0];
      tf.dispose([x, y, loss]);
      losses.push(value);
      if (performance.now() >= nextReport) {
        const s = ((performance.now() - t0) / 1000).toFixed(1);
        process.stdout.write(
          `step ${String(step).padStart(4)}  t=${s.padStart(4)}s  loss ${value.toFixed(4)}\n`,
        );
        nextReport += (opts.seconds * 1000) / 8;
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const k = Math.max(1, Math.floor(losses.length / 5));
    const first = mean(losses.slice(0, k));
    const last = mean(losses.slice(-k));
    const rate = losses.length / ((performance.now() - t0) / 1000);
    process.stdout.write(
      `${losses.length} steps (${rate.toFixed(1)}/s, batch ${BATCH}): loss ${first.toFixed(4)} -> ${last.toFixed(4)} ` +
        `(mean of first/last ${k}); chance level ${Math.log(SIZE * SIZE).toFixed(4)}\n`,
    );
    optimizer.dispose();
    model.dispose();
    if (!(last < first)) throw new Error(`smoke: loss did not go down (${first} -> ${last})`);
  },
);
