import { initBackend, tf } from '@coordconv/backend';
import { Rng } from '@coordconv/common';
import { buildGenerator } from './src/models/generators.ts';
import { buildDiscriminator } from './src/models/discriminator.ts';
import { resolveGanConfig } from './src/gan/gan-config.ts';
import { GanUpdater } from './src/gan/gan-losses.ts';
import { generateScenes } from './src/dataset/scene.ts';
import { ganSceneConfig } from './src/gan/train-gan.ts';
const info = await initBackend({ backend: (process.argv[2] ?? 'auto') as any });
const cfg = resolveGanConfig({ coordconv: (process.argv[3] ?? 'none') as any });
const r = new Rng(0);
const G = buildGenerator(cfg, r), D = buildDiscriminator(cfg, r);
const u = new GanUpdater(G, D, cfg);
const sc = ganSceneConfig(cfg);
for (let i = 0; i < 6; i++) {
  let t = performance.now();
  const d = generateScenes(r, sc, cfg.batchSize); const x = tf.tensor4d(d.images, d.shape);
  const z = tf.randomUniform([cfg.batchSize, cfg.zDim], -1, 1) as tf.Tensor2D;
  const t1 = performance.now();
  const a = u.discriminatorStep(x as tf.Tensor4D, z); a.loss.dataSync();
  const t2 = performance.now();
  const g = u.generatorStep(z); g.dataSync();
  const t3 = performance.now();
  tf.dispose([x, z, a.loss, a.realScore, a.fakeScore, g]);
  console.log(i, 'data', (t1 - t).toFixed(0), 'D', (t2 - t1).toFixed(0), 'G', (t3 - t2).toFixed(0), tf.memory().numTensors);
}
