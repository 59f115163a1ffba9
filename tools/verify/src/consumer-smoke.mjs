// Runs INSIDE a fresh project that installed the packed tarballs (plain JavaScript, no workspace,
// no tsx): proves each package works as a user gets it from the registry.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const names = JSON.parse(process.argv[2]);
const mods = {};
for (const name of names) {
  mods[name] = await import(name);
  if (Object.keys(mods[name]).length === 0)
    throw new Error(`${name}: public entry exports nothing`);
  console.log(`import ${name}: ${Object.keys(mods[name]).length} exports`);
}

const { tf, initBackend } = mods['@coordconv/backend'];
const info = await initBackend();
console.log(`backend: ${info.name}`);

// A small CoordConv model trains on the default backend, saves and reloads with equal predictions.
const { coordConv2d } = mods['@coordconv/core'];
const model = tf.sequential();
model.add(
  coordConv2d({
    inputShape: [8, 8, 1],
    filters: 4,
    kernelSize: 3,
    padding: 'same',
    activation: 'relu',
  }),
);
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
const x = tf.randomUniform([16, 8, 8, 1], 0, 1, 'float32', 1);
const y = x.mean([1, 2, 3]).reshape([16, 1]);
const h = await model.fit(x, y, { epochs: 5, batchSize: 8, verbose: 0 });
const losses = h.history.loss;
if (!(losses[losses.length - 1] < losses[0]))
  throw new Error(`CoordConv model did not learn: ${losses}`);
const dir = mkdtempSync(join(tmpdir(), 'coordconv-verify-'));
await model.save(`file://${dir}/model`);
const loaded = await tf.loadLayersModel(`file://${dir}/model/model.json`);
const diff = tf.sub(model.predict(x), loaded.predict(x)).abs().max().dataSync()[0];
if (diff !== 0) throw new Error(`reloaded model predicts differently (max diff ${diff})`);
console.log(
  `coordconv model: loss ${losses[0].toFixed(4)} -> ${losses[losses.length - 1].toFixed(4)}, reload identical`,
);

// The Pac-Man env steps.
const { PacmanEnv } = mods['@coordconv/pacman'];
const env = new PacmanEnv({ layout: 'smallGrid' });
let [obs] = await env.reset({ seed: 1 });
let steps = 0;
for (; steps < 50; steps++) {
  const [o, , terminated, truncated] = await env.step(env.actionSpace.sample());
  obs = o;
  if (terminated || truncated) break;
}
await env.close();
console.log(`pacman: ${steps} steps, obs length ${obs.length}`);

// A GIF encodes.
const { GifWriter } = mods['@coordconv/animate'];
const gifPath = join(dir, 'out.gif');
const gif = await GifWriter.create(gifPath, { width: 16, height: 16, delayMs: 50 });
for (let f = 0; f < 4; f++) {
  const rgb = new Uint8Array(16 * 16 * 3);
  for (let i = 0; i < 16 * 16; i++) rgb[i * 3] = (i + f * 16) % 256;
  await gif.addFrame(rgb);
}
await gif.close();
console.log(`gif: ${statSync(gifPath).size} bytes`);
console.log('verify: OK');
