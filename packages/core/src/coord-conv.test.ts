import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { initBackend, tf } from '@coordconv/backend';
import { beforeAll, describe, expect, it } from 'vitest';

import { addCoords } from './add-coords.js';
import { AddCoords } from './add-coords-layer.js';
import {
  CoordConv1D,
  CoordConv2D,
  CoordConv2DTranspose,
  CoordConv3D,
  coordConv1d,
  coordConv2d,
  coordConv2dTranspose,
  coordConv3d,
} from './coord-conv.js';

beforeAll(async () => {
  await initBackend();
});

interface Case {
  name: string;
  inputShape: number[];
  make: (withR: boolean) => tf.layers.Layer;
  /** Input channels the conv sees: input channels + coordinate channels. */
  convInputChannels: (withR: boolean) => number;
  kernelElems: number;
}

const cases: Case[] = [
  {
    name: 'CoordConv1D',
    inputShape: [6, 2],
    make: (withR) =>
      coordConv1d({ filters: 3, kernelSize: 3, padding: 'same', withR, name: 'cc1' }),
    convInputChannels: (withR) => 2 + 1 + (withR ? 1 : 0),
    kernelElems: 3,
  },
  {
    name: 'CoordConv2D',
    inputShape: [5, 7, 2],
    make: (withR) =>
      coordConv2d({
        filters: 3,
        kernelSize: 3,
        strides: 2,
        activation: 'relu',
        withR,
        name: 'cc2',
      }),
    convInputChannels: (withR) => 2 + 2 + (withR ? 1 : 0),
    kernelElems: 9,
  },
  {
    name: 'CoordConv3D',
    inputShape: [3, 4, 5, 1],
    make: (withR) => coordConv3d({ filters: 2, kernelSize: 2, withR, name: 'cc3' }),
    convInputChannels: (withR) => 1 + 3 + (withR ? 1 : 0),
    kernelElems: 8,
  },
  {
    name: 'CoordConv2DTranspose',
    inputShape: [3, 4, 2],
    make: (withR) =>
      coordConv2dTranspose({
        filters: 2,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
        withR,
        name: 'cct',
      }),
    convInputChannels: (withR) => 2 + 2 + (withR ? 1 : 0),
    kernelElems: 9,
  },
];

function modelWith(layer: tf.layers.Layer, inputShape: number[]): tf.LayersModel {
  const input = tf.input({ shape: inputShape });
  const hidden = layer.apply(input) as tf.SymbolicTensor;
  const out = tf.layers
    .dense({ units: 2, name: 'head' })
    .apply(tf.layers.flatten().apply(hidden)) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

async function saveLoad(model: tf.LayersModel): Promise<tf.LayersModel> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (artifacts === undefined) throw new Error('nothing saved');
  return tf.loadLayersModel(tf.io.fromMemory(artifacts));
}

describe.each(cases)('$name', (c) => {
  it.each([false, true])(
    'withR=%s: weights are the layer own, named like a conv layer',
    (withR) => {
      const layer = c.make(withR);
      const model = modelWith(layer, c.inputShape);
      const names = layer.weights.map((w) => w.originalName);
      const n = layer.name;
      expect(names).toEqual([`${n}/kernel`, `${n}/bias`]);
      const filters = layer.getConfig().filters as number;
      expect(layer.countParams()).toBe(
        c.kernelElems * c.convInputChannels(withR) * filters + filters,
      );
      expect(model.trainableWeights.length).toBe(4);
      layer.trainable = false;
      expect(model.trainableWeights.length).toBe(2);
      expect(layer.nonTrainableWeights.length).toBe(2);
      model.dispose();
    },
  );

  it('getConfig round-trips and save/load gives identical predictions', async () => {
    const layer = c.make(true);
    const config = layer.getConfig();
    expect(config.withR).toBe(true);
    const cls = layer.constructor as unknown as new (args: unknown) => tf.layers.Layer;
    // tfjs deserialization mutates nested initializer configs: hand it a copy.
    const copy = new cls(JSON.parse(JSON.stringify(config)));
    expect(copy.getConfig()).toEqual(config);
    expect(JSON.stringify(copy.getConfig())).toBe(JSON.stringify(config));

    const model = modelWith(layer, c.inputShape);
    const x = tf.randomNormal([2, ...c.inputShape], 0, 1, 'float32', 7);
    const loaded = await saveLoad(model);
    expect(loaded.layers[1].getClassName()).toBe(c.name);
    const y0 = model.predict(x) as tf.Tensor;
    const y1 = loaded.predict(x) as tf.Tensor;
    expect(Array.from(y1.dataSync())).toEqual(Array.from(y0.dataSync()));
    tf.dispose([x, y0, y1]);
    model.dispose();
    loaded.dispose();
  });
});

describe('CoordConv2D', () => {
  it('equals a Conv2D applied to addCoords(x) with the same weights', () => {
    const cc = new CoordConv2D({ filters: 4, kernelSize: 3, padding: 'same', withR: true });
    const conv = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same' });
    const x = tf.randomNormal([2, 6, 9, 3], 0, 1, 'float32', 1);
    const a = cc.apply(x) as tf.Tensor;
    const withCoords = addCoords(x, { withR: true });
    conv.build(withCoords.shape);
    conv.setWeights(cc.getWeights());
    const b = conv.apply(withCoords) as tf.Tensor;
    expect(a.shape).toEqual([2, 6, 9, 4]);
    const diff = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
    expect(diff).toBeLessThan(1e-5);
    tf.dispose([x, a, b, withCoords]);
  });

  it('accepts unknown height and width', () => {
    const input = tf.input({ shape: [null, null, 1] });
    const out = coordConv2d({ filters: 2, kernelSize: 1 }).apply(input) as tf.SymbolicTensor;
    expect(out.shape).toEqual([null, null, null, 2]);
    const model = tf.model({ inputs: input, outputs: out });
    for (const hw of [3, 8]) {
      const y = model.predict(tf.zeros([1, hw, hw + 1, 1])) as tf.Tensor;
      expect(y.shape).toEqual([1, hw, hw + 1, 2]);
      y.dispose();
    }
    model.dispose();
  });

  it('trains with fit, its regularizer counts, and tensors stay flat across steps', async () => {
    const input = tf.input({ shape: [8, 8, 1] });
    const h = coordConv2d({
      filters: 4,
      kernelSize: 3,
      activation: 'relu',
      kernelRegularizer: tf.regularizers.l2({ l2: 0.01 }),
    }).apply(input) as tf.SymbolicTensor;
    const out = tf.layers
      .dense({ units: 1 })
      .apply(tf.layers.globalMaxPooling2d({}).apply(h)) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    const regularization = model.calculateLosses();
    expect(regularization.length).toBe(1);
    expect(regularization[0].dataSync()[0]).toBeGreaterThan(0);
    tf.dispose(regularization);
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    const x = tf.randomUniform([8, 8, 8, 1], 0, 1, 'float32', 3);
    const y = tf.randomUniform([8, 1], 0, 1, 'float32', 4);
    const kernelBefore = model.layers[1].getWeights()[0].dataSync().slice();
    await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
    const counts: number[] = [];
    for (let k = 0; k < 3; k++) {
      await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    const kernelAfter = model.layers[1].getWeights()[0].dataSync();
    expect(Array.from(kernelAfter)).not.toEqual(Array.from(kernelBefore));
    tf.dispose([x, y]);
    model.dispose();
  });

  it('disposing the model frees its weights and coordinate constants', () => {
    const before = tf.memory().numTensors;
    const model = modelWith(new CoordConv2D({ filters: 2, kernelSize: 1 }), [4, 4, 1]);
    const x = tf.zeros([1, 4, 4, 1]);
    tf.dispose(model.predict(x));
    tf.dispose(model.predict(x));
    x.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the problem for bad arguments and bad inputs', () => {
    expect(
      () => new CoordConv2D({ filters: 2, kernelSize: 1, withR: 'yes' as unknown as boolean }),
    ).toThrow(/withR must be a boolean, got "yes"/);
    expect(() =>
      new CoordConv2D({ filters: 2, kernelSize: 1 }).apply(tf.input({ shape: [4, 1] })),
    ).toThrow(/CoordConv2D '.*': expected an input of rank 4, got shape \[null, 4, 1\]/);
  });

  it('stacks after AddCoords in a Sequential model; CoordConv3D rejects the rank-4 result', () => {
    const model = tf.sequential({
      layers: [
        new AddCoords({ inputShape: [4, 4, 1] }),
        new CoordConv2D({ filters: 1, kernelSize: 1 }),
      ],
    });
    // 1 input + 2 (AddCoords) + 2 (CoordConv2D) channels into a 1x1 conv: 5 weights + 1 bias.
    expect(model.countParams()).toBe(6);
    model.dispose();
    const bad = tf.sequential({ layers: [new AddCoords({ inputShape: [4, 4, 1] })] });
    expect(() => bad.add(new CoordConv3D({ filters: 1, kernelSize: 1 }))).toThrow(
      /expected an input of rank 5, got shape \[null, 4, 4, 3\]/,
    );
    bad.dispose();
  });
});

describe('file:// save and load', () => {
  it('a model using every layer reloads from disk with identical predictions', async () => {
    const input = tf.input({ shape: [6, 6, 2] });
    let h = new AddCoords({ withR: true }).apply(input) as tf.SymbolicTensor;
    h = coordConv2d({ filters: 3, kernelSize: 3, padding: 'same', withR: true }).apply(
      h,
    ) as tf.SymbolicTensor;
    h = coordConv2dTranspose({ filters: 2, kernelSize: 2, strides: 2 }).apply(
      h,
    ) as tf.SymbolicTensor;
    h = tf.layers.reshape({ targetShape: [12, 12, 2, 1] }).apply(h) as tf.SymbolicTensor;
    h = coordConv3d({ filters: 1, kernelSize: 2 }).apply(h) as tf.SymbolicTensor;
    h = tf.layers.reshape({ targetShape: [11 * 11, 1] }).apply(h) as tf.SymbolicTensor;
    h = coordConv1d({ filters: 2, kernelSize: 3, withR: true }).apply(h) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: h });
    const dir = mkdtempSync(join(tmpdir(), 'coordconv-core-'));
    try {
      await model.save(`file://${dir}/model`);
      const loaded = await tf.loadLayersModel(`file://${dir}/model/model.json`);
      expect(loaded.layers.map((l) => l.getClassName())).toEqual(
        model.layers.map((l) => l.getClassName()),
      );
      const x = tf.randomNormal([2, 6, 6, 2], 0, 1, 'float32', 11);
      const [y0, y1] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
      expect(y1.shape).toEqual([2, 119, 2]);
      expect(Array.from(y1.dataSync())).toEqual(Array.from(y0.dataSync()));
      tf.dispose([x, y0, y1]);
      loaded.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      model.dispose();
    }
  });
});

describe('registration', () => {
  it('every layer is in the serialization map under its className', () => {
    const map = tf.serialization.SerializationMap.getMap().classNameMap;
    for (const cls of [AddCoords, CoordConv1D, CoordConv2D, CoordConv3D, CoordConv2DTranspose]) {
      expect(map[cls.className]?.[0]).toBe(cls);
    }
  });
});
