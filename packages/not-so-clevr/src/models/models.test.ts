import { initBackend, tf } from '@coordconv/backend';
import { beforeAll, describe, expect, it } from 'vitest';

import { coordinateBatch, oneHotImageBatch } from '../batches.js';
import { coordConvPainter, deconvPainter } from './painters.js';
import { convRegressor, coordConvRegressor } from './regressors.js';
import type { ConvRegressorVariant } from './regressors.js';
import { coordConvRenderer } from './renderers.js';

beforeAll(async () => {
  await initBackend();
});

const batch = Int32Array.from([0, 100, 3135]);

/** Saves `model` to memory and loads it back (topology, weights and custom layers). */
async function reloadInMemory(model: tf.LayersModel): Promise<tf.LayersModel> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      saved = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return tf.loadLayersModel(tf.io.fromMemory(saved!));
}

describe('Not-so-Clevr models', () => {
  it('CoordConvPainter has the paper count of 7,553 parameters and 4096 logits', () => {
    const model = coordConvPainter();
    expect(model.countParams()).toBe(7553);
    const y = model.predict(coordinateBatch(batch)) as tf.Tensor;
    expect(y.shape).toEqual([3, 4096]);
    tf.dispose(y);
    model.dispose();
  });

  it('CoordConvRegressor has the paper count of 906 parameters', () => {
    const model = coordConvRegressor();
    expect(model.countParams()).toBe(906);
    const y = model.predict(oneHotImageBatch(batch)) as tf.Tensor;
    expect(y.shape).toEqual([3, 2]);
    tf.dispose(y);
    model.dispose();
  });

  it('DeconvPainter upsamples 1x1 to 64x64; width and filter size scale it', () => {
    const small = deconvPainter();
    const wide = deconvPainter({ widthMultiplier: 2, filterSize: 4 });
    expect(wide.countParams()).toBeGreaterThan(4 * small.countParams());
    const y = wide.predict(coordinateBatch(batch)) as tf.Tensor;
    expect(y.shape).toEqual([3, 4096]);
    tf.dispose(y);
    small.dispose();
    wide.dispose();
    expect(() => deconvPainter({ widthMultiplier: 0 })).toThrow(
      /widthMultiplier must be a positive integer, got 0/,
    );
  });

  it('CoordConvRenderer outputs image and centre logits', () => {
    const model = coordConvRenderer();
    const [image, centre] = model.predict(coordinateBatch(batch)) as tf.Tensor[];
    expect(image.shape).toEqual([3, 4096]);
    expect(centre.shape).toEqual([3, 4096]);
    // The painter front end is the same 7,553-parameter CoordConvPainter.
    expect(model.countParams()).toBeGreaterThan(7553);
    tf.dispose([image, centre]);
    model.dispose();
  });

  it.each(['pool-dense', 'strided-gap'] as const)(
    'ConvRegressor %s maps an image to 2 numbers',
    (variant) => {
      const model = convRegressor({ variant });
      const y = model.predict(oneHotImageBatch(batch)) as tf.Tensor;
      expect(y.shape).toEqual([3, 2]);
      tf.dispose(y);
      model.dispose();
    },
  );

  it('CoordConvRenderer (hard sharpen): the image loss trains only the image stage; it reloads', async () => {
    const model = coordConvRenderer();
    const x = coordinateBatch(batch);
    const painter = model.trainableWeights.filter((w) => w.name.startsWith('painter'));
    const paint = model.trainableWeights.filter(
      (w) => w.name.startsWith('paint') && !w.name.startsWith('painter'),
    );
    expect(painter.length).toBeGreaterThan(0);
    expect(paint.length).toBeGreaterThan(0);
    const { grads } = tf.variableGrads(
      () => tf.sum(tf.square((model.apply(x, { training: true }) as tf.Tensor[])[0]!)) as tf.Scalar,
      model.trainableWeights.map((w) => w.read() as tf.Variable),
    );
    const norm = (names: string[]) =>
      names.reduce((s, n) => s + tf.sum(tf.abs(grads[n]!)).dataSync()[0]!, 0);
    expect(norm(painter.map((w) => (w.read() as tf.Variable).name))).toBe(0);
    expect(norm(paint.map((w) => (w.read() as tf.Variable).name))).toBeGreaterThan(0);
    tf.dispose(Object.values(grads));

    const loaded = await reloadInMemory(model);
    const [a, b] = [model.predict(x) as tf.Tensor[], loaded.predict(x) as tf.Tensor[]];
    expect(Array.from(b[0]!.dataSync())).toEqual(Array.from(a[0]!.dataSync()));
    tf.dispose([x, ...a, ...b]);
    model.dispose();
    loaded.dispose();
  });

  it('names bad options', () => {
    expect(() => convRegressor({ variant: 'big' as ConvRegressorVariant })).toThrow(
      /variant must be one of pool-dense, strided-gap, got "big"/,
    );
    expect(() => coordConvPainter({ l2: -1 })).toThrow(/l2 must be a finite number >= 0, got -1/);
    expect(() => coordConvRenderer({ sharpen: 'soft' as 'hard' })).toThrow(
      /sharpen must be one of hard, softmax, got "soft"/,
    );
  });

  it('a CoordConv model reloads with identical predictions', async () => {
    const model = coordConvRegressor();
    const loaded = await reloadInMemory(model);
    const x = oneHotImageBatch(batch);
    const [a, b] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });
});
