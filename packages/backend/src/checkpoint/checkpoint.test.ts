import { mkdtemp, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../index.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';

await initBackend({ backend: 'wasm', log: () => {} });

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'coordconv-ckpt-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function buildNet(seed: number): tf.LayersModel {
  const init = (s: number) => tf.initializers.glorotUniform({ seed: seed + s });
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [6, 6, 2],
        filters: 3,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: init(1),
      }),
      tf.layers.conv2dTranspose({
        filters: 2,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
        kernelInitializer: init(2),
      }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 4, kernelInitializer: init(3) }),
    ],
  });
}

const x = tf.tidy(() => tf.randomNormal([3, 6, 6, 2], 0, 1, 'float32', 7));
const y = tf.tidy(() => tf.randomNormal([3, 4], 0, 1, 'float32', 8));

function step(model: tf.LayersModel, opt: tf.Optimizer, vars?: tf.Variable[]): void {
  const list = vars ?? model.trainableWeights.map((w) => w.read() as tf.Variable);
  tf.tidy(() => {
    opt.minimize(
      () => tf.losses.meanSquaredError(y, model.predict(x) as tf.Tensor) as tf.Scalar,
      false,
      list,
    );
  });
}

function weightsOf(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

const optimizers: Array<[string, () => tf.Optimizer]> = [
  ['Adam', () => tf.train.adam(0.01)],
  ['RMSProp', () => tf.train.rmsprop(0.01, 0.9, 0.5)],
  // tfjs's centered RMSProp subtracts epsilon under the sqrt (NaN once the gradient variance is
  // below it), so a tiny epsilon keeps this test's weights finite.
  ['RMSProp centered', () => tf.train.rmsprop(0.01, 0.9, 0.5, 1e-20, true)],
  ['Momentum', () => tf.train.momentum(0.01, 0.9)],
  ['SGD', () => tf.train.sgd(0.01)],
];

describe('file:// model IO', () => {
  it('save then load gives identical predictions', async () => {
    const model = buildNet(1);
    const dir = join(root, 'model-io');
    await model.save(`file://${dir}`);
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);
    const loaded = await tf.loadLayersModel(`file://${join(dir, 'model.json')}`);
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([a, b]);
    model.dispose();
    loaded.dispose();
  });

  it('refuses to replace a directory holding other files', async () => {
    const dir = join(root, 'busy');
    await saveCheckpoint(dir, { models: {} });
    await writeFile(join(dir, 'notes.txt'), 'keep me');
    const model = buildNet(2);
    await expect(model.save(`file://${dir}`)).rejects.toThrow(/holds other files \(.*notes\.txt/);
    model.dispose();
  });

  it('names the file when weights are truncated', async () => {
    const model = buildNet(3);
    const dir = join(root, 'truncated');
    await model.save(`file://${dir}`);
    const bin = await readFile(join(dir, 'weights.bin'));
    await writeFile(join(dir, 'weights.bin'), bin.subarray(0, bin.byteLength - 8));
    await expect(tf.loadLayersModel(`file://${dir}/model.json`)).rejects.toThrow(/truncated/);
    await expect(tf.loadLayersModel(`file://${root}/nowhere/model.json`)).rejects.toThrow(
      /nowhere\/model\.json/,
    );
    model.dispose();
  });
});

describe('checkpoints', () => {
  it.each(optimizers)(
    '%s state round-trips: the next step equals the uninterrupted run',
    async (label, make) => {
      const model = buildNet(10);
      const opt = make();
      for (let i = 0; i < 3; i++) step(model, opt);
      const dir = join(root, `ck-${label.replace(/ /g, '-')}`);
      await saveCheckpoint(dir, {
        models: { net: model },
        optimizers: { net: opt },
        counters: { step: 3 },
        config: { lr: 0.01 },
      });
      step(model, opt);
      const expected = weightsOf(model);

      // Restore into the loaded (fresh) model and a fresh optimizer.
      const ck = await loadCheckpoint(dir);
      expect(ck.manifest.counters).toEqual({ step: 3 });
      expect(ck.manifest.config).toEqual({ lr: 0.01 });
      const restored = make();
      await ck.restoreOptimizer('net', restored);
      step(ck.models.net, restored);
      expect(weightsOf(ck.models.net)).toEqual(expected);

      // Restore into a model rebuilt from code (other variable names) by passing its variables.
      const rebuilt = buildNet(99);
      const ck2 = await loadCheckpoint(dir);
      rebuilt.setWeights(ck2.models.net.getWeights());
      const vars = rebuilt.trainableWeights.map((w) => w.read() as tf.Variable);
      const opt3 = make();
      await ck2.restoreOptimizer('net', opt3, vars);
      step(rebuilt, opt3, vars);
      expect(weightsOf(rebuilt)).toEqual(expected);

      for (const o of [opt, restored, opt3]) o.dispose();
      for (const m of [model, ck.models.net, ck2.models.net, rebuilt]) m.dispose();
    },
  );

  it('training with a restored optimizer keeps the tensor count flat', async () => {
    const model = buildNet(20);
    const opt = tf.train.adam(0.01);
    step(model, opt);
    const dir = join(root, 'ck-memory');
    await saveCheckpoint(dir, { models: { net: model }, optimizers: { adam: opt } });
    const ck = await loadCheckpoint(dir);
    const fresh = tf.train.adam(0.01);
    step(ck.models.net, fresh); // slots created lazily, then replaced by restore
    await ck.restoreOptimizer('adam', fresh);
    step(ck.models.net, fresh);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) step(ck.models.net, fresh);
    expect(tf.memory().numTensors).toBe(before);
    await ck.restoreOptimizer('adam', fresh);
    expect(tf.memory().numTensors).toBe(before);
    for (const o of [opt, fresh]) o.dispose();
    model.dispose();
    ck.models.net.dispose();
  });

  it('keeps rng, extra and names; replaces the directory atomically', async () => {
    const model = buildNet(30);
    const dir = join(root, 'ck-meta');
    const rng = { env: { version: 1, s: [1, 2, 3, 4] } } as unknown as Record<string, never>;
    await saveCheckpoint(dir, { models: { a: model, b: model }, rng, extra: { note: 'x' } });
    await saveCheckpoint(dir, { models: { a: model }, rng, extra: { note: 'y' } });
    const ck = await loadCheckpoint(dir);
    expect(ck.manifest.models).toEqual(['a']);
    expect(ck.manifest.extra).toEqual({ note: 'y' });
    expect(ck.manifest.rng).toEqual(rng);
    expect(ck.manifest.backend).toBe('wasm');
    expect((await readdir(dir)).sort()).toEqual(['a', 'manifest.json']);
    expect((await readdir(root)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    model.dispose();
    ck.models.a.dispose();
  });

  it('gives clear errors for missing or corrupt checkpoints and misuse', async () => {
    await expect(loadCheckpoint(join(root, 'absent'))).rejects.toThrow(
      /absent\/manifest\.json: not found/,
    );
    const bad = join(root, 'ck-bad');
    const model = buildNet(40);
    const opt = tf.train.adam(0.01);
    step(model, opt);
    await saveCheckpoint(bad, { models: { net: model }, optimizers: { adam: opt } });
    const ck = await loadCheckpoint(bad);
    await expect(ck.restoreOptimizer('sgd', tf.train.sgd(0.1))).rejects.toThrow(
      /no optimizer 'sgd'; it has: adam/,
    );
    await expect(ck.restoreOptimizer('adam', tf.train.rmsprop(0.1))).rejects.toThrow(
      /holds a Adam optimizer, got RMSProp/,
    );
    await writeFile(join(bad, 'optimizers', 'adam.bin'), new Uint8Array(3));
    await expect(ck.restoreOptimizer('adam', tf.train.adam(0.1))).rejects.toThrow(
      /adam\.bin has 3 bytes/,
    );
    await writeFile(join(bad, 'manifest.json'), '{"format": "other"}');
    await expect(loadCheckpoint(bad)).rejects.toThrow(/manifest\.json: format is 'other'/);
    await writeFile(join(bad, 'manifest.json'), '{');
    await expect(loadCheckpoint(bad)).rejects.toThrow(/manifest\.json: invalid JSON/);
    await expect(saveCheckpoint(join(root, 'x'), { models: { '../evil': model } })).rejects.toThrow(
      /model name '\.\.\/evil'/,
    );
    opt.dispose();
    model.dispose();
    ck.models.net.dispose();
  });
});
