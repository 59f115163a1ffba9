import { initBackend, tf } from '@coordconv/backend';
import { Rng } from '@coordconv/common';
import { buildGenerator } from './src/models/generators.ts';
import { buildDiscriminator } from './src/models/discriminator.ts';
import { resolveGanConfig } from './src/gan/gan-config.ts';
const info = await initBackend({ backend: (process.argv[2] ?? 'auto') as any });
const cfg = resolveGanConfig({ coordconv: (process.argv[3] ?? 'none') as any });
const r = new Rng(0);
const G = buildGenerator(cfg, r), D = buildDiscriminator(cfg, r);
const z = tf.randomUniform([32, 256], -1, 1);
const time = (name: string, f: () => tf.Tensor | tf.Tensor[] | void) => { const t = performance.now(); const out = tf.tidy(() => { const o = f(); if (o) (Array.isArray(o) ? o : [o]).forEach(x => x.dataSync()); return undefined; }); console.log(info.name, name, (performance.now() - t).toFixed(0), 'ms'); };
for (let i = 0; i < 2; i++) {
time('G fwd', () => G.apply(z, { training: true }) as tf.Tensor);
const x = G.predict(z) as tf.Tensor;
time('D fwd', () => D.apply(x, { training: true }) as tf.Tensor);
time('G grads', () => Object.values(tf.variableGrads(() => tf.mean(G.apply(z, { training: true }) as tf.Tensor) as tf.Scalar, G.trainableWeights.map(w => w.read() as tf.Variable)).grads));
time('D grads', () => Object.values(tf.variableGrads(() => tf.mean(D.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, D.trainableWeights.map(w => w.read() as tf.Variable)).grads));
x.dispose();
}
