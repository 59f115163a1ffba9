import { mkdtempSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, loadCheckpoint, tf } from '@coordconv/backend';
import { readJsonl, Rng } from '@coordconv/common';
import { buildGenerator } from '../models/generators.js';
import { buildDiscriminator } from '../models/discriminator.js';
import { trainableParams, trainableVariables } from '../models/layers.js';
import { generateScenes } from '../dataset/scene.js';
import { paperGanConfig, resolveGanConfig, type GanConfig } from './gan-config.js';
import { GanUpdater } from './gan-losses.js';
import { ganSceneConfig, trainGan } from './train-gan.js';

const tiny: Partial<GanConfig> = { imageSize: 32, width: 4, zDim: 8, batchSize: 4 };
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'gan-test-'));
  dirs.push(d);
  return d;
};

beforeAll(async () => {
  await initBackend();
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('GAN models', () => {
  it('reproduce the parameter counts of REFERENCES.md', () => {
    const rng = new Rng(0);
    // The authors' CoordConv G at 64x64 with z 256: 444,931 parameters.
    const paper = buildGenerator(paperGanConfig({ zDim: 256 }), rng);
    expect(trainableParams(paper)).toBe(444_931);
    // Their DCGAN G: 6,428,675 = 5x5 kernels and batch norm over the 8,192 dense features.
    const dcgan = buildGenerator(paperGanConfig({ arch: 'dcgan', coordconv: 'none' }), rng);
    expect(trainableParams(dcgan)).toBe(6_428_675);
    expect(trainableParams(paper) / trainableParams(dcgan)).toBeCloseTo(0.0692, 3);
    paper.dispose();
    dcgan.dispose();
  });

  it('map z to images of the configured size in [-1, 1], and D to one logit', () => {
    for (const arch of ['dcgan', 'paper-coordconv'] as const) {
      const cfg = resolveGanConfig({ ...tiny, arch });
      const rng = new Rng(1);
      const g = buildGenerator(cfg, rng);
      const d = buildDiscriminator(cfg, rng);
      const img = tf.tidy(() => g.predict(tf.randomUniform([2, cfg.zDim], -1, 1)) as tf.Tensor);
      expect(img.shape).toEqual([2, 32, 32, 3]);
      const v = img.dataSync();
      expect(Math.max(...v)).toBeLessThanOrEqual(1);
      expect(Math.min(...v)).toBeGreaterThanOrEqual(-1);
      const logit = d.predict(img) as tf.Tensor;
      expect(logit.shape).toEqual([2, 1]);
      tf.dispose([img, logit]);
      g.dispose();
      d.dispose();
    }
  });

  it('CoordConv adds only the coordinate input channels', () => {
    const plain = resolveGanConfig({ ...tiny, coordconv: 'none' });
    const both = resolveGanConfig({ ...tiny, coordconv: 'both' });
    const rng = new Rng(0);
    const [gp, gc] = [buildGenerator(plain, rng), buildGenerator(both, rng)];
    const [dp, dc] = [buildDiscriminator(plain, rng), buildDiscriminator(both, rng)];
    // Transposed conv kernels are [k, k, out, in]: two more input channels each.
    const k2 = plain.kernelSize ** 2;
    expect(trainableParams(gc) - trainableParams(gp)).toBe(k2 * 2 * (8 + 4 + 3));
    expect(trainableParams(dc) - trainableParams(dp)).toBe(k2 * 2 * 4);
    [gp, gc, dp, dc].forEach((m) => m.dispose());
  });

  it('rejects bad configs naming the field', () => {
    expect(() => resolveGanConfig({ imageSize: 48 as never })).toThrow(
      /imageSize: expected one of 32, 64, got 48/,
    );
    expect(() => resolveGanConfig({ arch: 'paper-coordconv', coordconv: 'none' })).toThrow(
      /always has CoordConv in G/,
    );
    expect(() => resolveGanConfig({ lrG: 0 })).toThrow(/lrG/);
    expect(() => resolveGanConfig({ nope: 1 } as never)).toThrow(/unknown field\(s\) nope/);
  });
});

describe('GAN training', () => {
  it.each(['dcgan', 'paper-coordconv'] as const)(
    '%s: steps give finite losses, change weights and leak no tensors',
    (arch) => {
      const cfg = resolveGanConfig({ ...tiny, arch, gStepsPerD: 2 });
      const rng = new Rng(2);
      const g = buildGenerator(cfg, rng);
      const d = buildDiscriminator(cfg, rng);
      const up = new GanUpdater(g, d, cfg);
      const scene = ganSceneConfig(cfg);
      const before = trainableVariables(g)[0].dataSync().slice();
      const step = () => {
        const data = generateScenes(rng, scene, cfg.batchSize);
        const real = tf.tensor4d(data.images, data.shape);
        const z = tf.randomUniform([cfg.batchSize, cfg.zDim], -1, 1) as tf.Tensor2D;
        const r = up.discriminatorStep(real, z);
        const gl = up.generatorStep(z);
        const values = [r.loss, r.realScore, r.fakeScore, gl].map((t) => t.dataSync()[0]);
        tf.dispose([real, z, r.loss, r.realScore, r.fakeScore, gl]);
        return values;
      };
      step(); // optimizer slots and coordinate caches are created on the first step
      const n0 = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) {
        const [dLoss, real, fake, gLoss] = step();
        expect(Number.isFinite(dLoss) && Number.isFinite(gLoss)).toBe(true);
        expect(real).toBeGreaterThan(0);
        expect(fake).toBeLessThan(1);
      }
      expect(tf.memory().numTensors).toBe(n0);
      expect(trainableVariables(g)[0].dataSync()).not.toEqual(before);
      up.dispose();
      g.dispose();
      d.dispose();
    },
  );

  it('writes samples, metrics and checkpoints, and a resumed run equals an uninterrupted one', async () => {
    const opts = { logEvery: 1, sampleEvery: 2, checkpointEvery: 2, sampleCount: 4 };
    const straight = tempDir();
    const a = await trainGan({ ...tiny, seed: 3 }, { ...opts, outDir: straight, steps: 4 });
    expect(a.step).toBe(4);
    expect(readdirSync(join(straight, 'samples')).sort()).toEqual([
      'step-000002.png',
      'step-000004.png',
    ]);
    expect(existsSync(join(straight, 'data.png'))).toBe(true);
    const lines = readJsonl(join(straight, 'metrics.jsonl'));
    expect(lines.map((l) => l.step)).toEqual([1, 2, 3, 4]);
    expect(lines.every((l) => Number.isFinite(l.d_loss) && Number.isFinite(l.g_loss))).toBe(true);

    const split = tempDir();
    await trainGan({ ...tiny, seed: 3 }, { ...opts, outDir: split, steps: 2 });
    await expect(
      trainGan({ ...tiny, seed: 3 }, { ...opts, outDir: split, steps: 4 }),
    ).rejects.toThrow(/already holds a run/);
    const b = await trainGan({}, { ...opts, outDir: split, steps: 4, resume: true });
    expect(b.step).toBe(4);
    expect(readJsonl(join(split, 'metrics.jsonl')).map((l) => l.step)).toEqual([1, 2, 3, 4]);

    const [ca, cb] = [
      await loadCheckpoint(join(straight, 'checkpoint')),
      await loadCheckpoint(join(split, 'checkpoint')),
    ];
    expect(cb.manifest.counters.step).toBe(4);
    for (const name of ['generator', 'discriminator']) {
      const wa = ca.models[name].getWeights();
      const wb = cb.models[name].getWeights();
      wa.forEach((w, i) => expect(Array.from(wb[i].dataSync())).toEqual(Array.from(w.dataSync())));
    }
    Object.values({ ...ca.models, ...cb.models }).forEach((m) => m.dispose());
  });

  it('stops on request with a checkpoint', async () => {
    const dir = tempDir();
    const r = await trainGan({ ...tiny }, { outDir: dir, steps: 100, stop: { stopped: true } });
    expect(r).toMatchObject({ step: 0, stoppedBy: 'interrupt' });
    let calls = 0;
    const stop = {
      get stopped() {
        return ++calls > 2;
      },
    };
    const dir2 = tempDir();
    const r2 = await trainGan({ ...tiny }, { outDir: dir2, steps: 100, stop });
    expect(r2).toMatchObject({ step: 2, stoppedBy: 'interrupt' });
    const ckpt = await loadCheckpoint(join(dir2, 'checkpoint'));
    expect(ckpt.manifest.counters.step).toBe(2);
    Object.values(ckpt.models).forEach((m) => m.dispose());
  });
});
