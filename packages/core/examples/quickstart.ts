// Run from the repo root:
//   node --conditions=@coordconv/source --import tsx packages/core/examples/quickstart.ts
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { initBackend, tf } from '@coordconv/backend';
import { addCoords, coordConv2d } from '@coordconv/core';

await initBackend();

// Functional: [b, h, w, c] -> [b, h, w, c + 2] with channels (i, j), or c + 3 with r.
const x = tf.zeros([1, 3, 4, 1]);
addCoords(x, { withR: true }).print();

// A layer: every tf.layers.conv2d argument, plus withR. Height and width may be unknown.
const input = tf.input({ shape: [null, null, 3] });
const h = coordConv2d({
  filters: 8,
  kernelSize: 3,
  padding: 'same',
  activation: 'relu',
  withR: true,
}).apply(input) as tf.SymbolicTensor;
const out = tf.layers.globalMaxPooling2d({}).apply(h) as tf.SymbolicTensor;
const model = tf.model({ inputs: input, outputs: out });
model.summary();

// Save and load like any tfjs model (importing @coordconv/core registers the classes).
const dir = join(mkdtempSync(join(tmpdir(), 'coordconv-')), 'model');
await model.save(`file://${dir}`);
const loaded = await tf.loadLayersModel(`file://${dir}/model.json`);
const img = tf.randomNormal([2, 16, 16, 3]);
const same = tf
  .equal(model.predict(img) as tf.Tensor, loaded.predict(img) as tf.Tensor)
  .all()
  .dataSync()[0];
console.log(`saved to ${dir}; reloaded predictions identical: ${same === 1}`);
