import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, saveCheckpoint, tf } from '@coordconv/backend';
import { batchToImages, createDecoder, toBytes } from './decode.js';
import { randomLoop } from './paths.js';
import { movingSquareDecoder } from './test-scenes.js';

const Z = 4;

function tinyGenerator(seed = 1): tf.LayersModel {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      inputShape: [Z],
      units: 4 * 4 * 3,
      activation: 'tanh',
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
    }),
  );
  model.add(tf.layers.reshape({ targetShape: [4, 4, 3] }));
  return model;
}

/** What the decoder should produce: the model's output mapped from [-1, 1] to bytes. */
function expected(model: tf.LayersModel, z: Float32Array, n: number): Uint8Array {
  return tf.tidy(() => {
    const y = model.predict(tf.tensor2d(z, [n, Z])) as tf.Tensor;
    return toBytes(y.dataSync(), [-1, 1]);
  });
}

beforeAll(async () => {
  await initBackend();
});

describe('toBytes / batchToImages', () => {
  it('maps value ranges linearly to bytes, clamped, NaN to 0', () => {
    expect([...toBytes([-1, 0, 1, 2, -3, NaN], [-1, 1])]).toEqual([0, 128, 255, 255, 0, 0]);
    expect([...toBytes([0, 0.5, 1], [0, 1])]).toEqual([0, 128, 255]);
    expect(() => toBytes([0], [1, 1])).toThrow(/low < high, got \[1, 1\]/);
  });

  it('splits NHWC batches and rejects other channel counts', () => {
    const imgs = batchToImages(
      { data: new Float32Array(2 * 3 * 2 * 1).fill(1), shape: [2, 3, 2, 1] },
      [0, 1],
    );
    expect(imgs).toHaveLength(2);
    expect(imgs[1]).toMatchObject({ width: 2, height: 3, channels: 1 });
    expect([...imgs[1]!.data]).toEqual([255, 255, 255, 255, 255, 255]);
    expect(() => batchToImages({ data: new Float32Array(8), shape: [1, 2, 2, 2] }, [0, 1])).toThrow(
      /1 or 3 channels/,
    );
  });
});

describe('createDecoder', () => {
  it('decodes with a LayersModel in batches, without leaking tensors', async () => {
    const model = tinyGenerator();
    const dec = await createDecoder(model, { batchSize: 2 });
    expect(dec.zDim).toBe(Z);
    const path = randomLoop({ zDim: Z, keyframes: 2, framesPerSegment: 2, seed: 3 }); // 5 frames
    const want = expected(model, path.z, path.frames);
    const before = tf.memory().numTensors;
    for (let rep = 0; rep < 3; rep++) {
      const imgs = await dec.decode(path.z, path.frames);
      expect(imgs).toHaveLength(5);
      expect(imgs[0]).toMatchObject({ width: 4, height: 4, channels: 3 });
      imgs.forEach((img, i) =>
        expect([...img.data]).toEqual([...want.subarray(i * 48, (i + 1) * 48)]),
      );
      expect(tf.memory().numTensors).toBe(before);
    }
    await expect(dec.decode(new Float32Array(6), 2)).rejects.toThrow(
      /latents have 3 dims, the decoder expects zDim 4/,
    );
    dec.dispose();
    expect(model.layers.length).toBe(2); // a model passed in is not disposed
    model.dispose();
  });

  it('accepts plain functions returning arrays or tensors, and flat outputs with imageShape', async () => {
    const square = await createDecoder(movingSquareDecoder(16, 4), { zDim: 2 });
    const [img] = await square.decode(Float32Array.from([-1, -1]), 1);
    expect(img!.data.slice(0, 3)).toEqual(Uint8Array.from([255, 0, 0])); // square at the top-left
    const before = tf.memory().numTensors;
    const flat = await createDecoder((z, n) => tf.fill([n, 2 * 3 * 1], 0.5), {
      imageShape: [2, 3, 1],
      valueRange: [0, 1],
    });
    const imgs = await flat.decode(new Float32Array(3 * 7), 3);
    expect(imgs.map((i) => [i.width, i.height, i.channels, i.data[0]])).toEqual(
      Array(3).fill([3, 2, 1, 128]),
    );
    expect(tf.memory().numTensors).toBe(before);
    const bad = await createDecoder(() => tf.zeros([1, 5]));
    await expect(bad.decode(new Float32Array(2), 1)).rejects.toThrow(/expected NHWC/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loads a checkpoint directory (picking the generator) and a model.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'animate-ckpt-'));
    const gen = tinyGenerator(7);
    const disc = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 1 })] });
    await saveCheckpoint(join(dir, 'ckpt'), { models: { generator: gen, discriminator: disc } });
    const z = Float32Array.from({ length: 2 * Z }, (_, i) => Math.sin(i));
    const want = expected(gen, z, 2);
    const fromCkpt = await createDecoder(join(dir, 'ckpt'));
    expect(Buffer.concat((await fromCkpt.decode(z, 2)).map((i) => Buffer.from(i.data)))).toEqual(
      Buffer.from(want),
    );
    fromCkpt.dispose();

    await gen.save(`file://${join(dir, 'plain')}`);
    const fromJson = await createDecoder(join(dir, 'plain', 'model.json'));
    expect(Buffer.concat((await fromJson.decode(z, 2)).map((i) => Buffer.from(i.data)))).toEqual(
      Buffer.from(want),
    );
    fromJson.dispose();

    await saveCheckpoint(join(dir, 'two'), { models: { a: gen, b: disc } });
    await expect(createDecoder(join(dir, 'two'))).rejects.toThrow(
      /holds models \[a, b\]; choose one with the 'model' option/,
    );
    await expect(createDecoder(join(dir, 'missing'))).rejects.toThrow(/does not exist/);
    gen.dispose();
    disc.dispose();
  });
});
