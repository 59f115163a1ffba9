import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, loadCheckpoint, tf } from '@coordconv/backend';
import { readJsonl, Rng } from '@coordconv/common';
import { buildDecoder, buildEncoder } from '../models/vae-networks.js';
import { generateScenes } from '../dataset/scene.js';
import { resolveVaeConfig, type VaeConfig } from './vae-config.js';
import { klToPrior, logLikelihood, VaeUpdater } from './vae-losses.js';
import { trainVae, vaeSceneConfig } from './train-vae.js';

const tiny: Partial<VaeConfig> = { imageSize: 32, width: 4, zDim: 4, batchSize: 4 };
const dirs: string[] = [];
beforeAll(async () => {
  await initBackend();
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('VAE', () => {
  it('log-likelihoods and KL match their formulas', () => {
    const x = tf.tensor4d([1, 0, 0.5, 1], [1, 2, 2, 1]);
    const logits = tf.tensor4d([2, -1, 0, 0], [1, 2, 2, 1]);
    const sig = (l: number) => 1 / (1 + Math.exp(-l));
    const bern = [1, 0, 0.5, 1].reduce((s, xi, i) => {
      const p = sig([2, -1, 0, 0][i]);
      return s + xi * Math.log(p) + (1 - xi) * Math.log(1 - p);
    }, 0);
    expect(
      logLikelihood(x, logits, { likelihood: 'bernoulli', gaussianStd: 0.1 }).dataSync()[0],
    ).toBeCloseTo(bern, 4);
    const s = 0.5;
    const gauss = [1, 0, 0.5, 1].reduce((acc, xi, i) => {
      const mu = sig([2, -1, 0, 0][i]);
      return acc - (xi - mu) ** 2 / (2 * s * s) - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
    }, 0);
    expect(
      logLikelihood(x, logits, { likelihood: 'gaussian', gaussianStd: s }).dataSync()[0],
    ).toBeCloseTo(gauss, 4);
    expect(klToPrior(tf.zeros([1, 3]), tf.zeros([1, 3])).dataSync()[0]).toBeCloseTo(0);
    // KL(N(1, e^0) || N(0, 1)) = 1/2 per dimension.
    expect(klToPrior(tf.ones([1, 2]), tf.zeros([1, 2])).dataSync()[0]).toBeCloseTo(1);
  });

  it.each(['bernoulli', 'gaussian'] as const)(
    '%s: steps give a finite ELBO = -(rec + KL) and leak no tensors',
    (likelihood) => {
      for (const coordconv of ['none', 'both'] as const) {
        const cfg = resolveVaeConfig({ ...tiny, likelihood, coordconv });
        const rng = new Rng(5);
        const enc = buildEncoder(cfg, rng);
        const dec = buildDecoder(cfg, rng);
        const up = new VaeUpdater(enc, dec, cfg);
        const scene = vaeSceneConfig(cfg);
        const step = () => {
          const d = generateScenes(rng, scene, cfg.batchSize);
          const x = tf.tensor4d(d.images, d.shape);
          const eps = tf.randomNormal([cfg.batchSize, cfg.zDim]) as tf.Tensor2D;
          const r = up.step(x, eps);
          const v = [r.loss, r.elbo, r.reconstruction, r.kl].map((t) => t.dataSync()[0]);
          tf.dispose([x, eps, r.loss, r.elbo, r.reconstruction, r.kl]);
          return v;
        };
        step();
        const n0 = tf.memory().numTensors;
        for (let i = 0; i < 3; i++) {
          const [loss, elbo, rec, kl] = step();
          expect(Number.isFinite(elbo)).toBe(true);
          expect(elbo).toBeCloseTo(-(rec + kl), 2);
          expect(loss).toBeCloseTo(-elbo, 2);
          expect(kl).toBeGreaterThanOrEqual(0);
        }
        expect(tf.memory().numTensors).toBe(n0);
        up.dispose();
        enc.dispose();
        dec.dispose();
      }
    },
  );

  it('rejects bad configs naming the field', () => {
    expect(() => resolveVaeConfig({ likelihood: 'poisson' as never })).toThrow(
      /likelihood: expected one of bernoulli, gaussian/,
    );
    expect(() => resolveVaeConfig({ coordconv: 'g' as never })).toThrow(/coordconv/);
  });

  it('trains, samples, checkpoints and resumes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vae-test-'));
    dirs.push(dir);
    const opts = { logEvery: 1, sampleEvery: 2, checkpointEvery: 2, sampleCount: 4 };
    await trainVae({ ...tiny }, { ...opts, outDir: dir, steps: 2 });
    const r = await trainVae({}, { ...opts, outDir: dir, steps: 3, resume: true });
    expect(r.step).toBe(3);
    expect(readdirSync(join(dir, 'samples')).sort()).toEqual([
      'step-000002.png',
      'step-000003.png',
    ]);
    const lines = readJsonl(join(dir, 'metrics.jsonl'));
    expect(lines.map((l) => l.step)).toEqual([1, 2, 3]);
    expect(lines.every((l) => Number.isFinite(l.elbo))).toBe(true);
    const ckpt = await loadCheckpoint(join(dir, 'checkpoint'));
    expect(ckpt.manifest.counters.step).toBe(3);
    expect(Object.keys(ckpt.models).sort()).toEqual(['decoder', 'encoder']);
    Object.values(ckpt.models).forEach((m) => m.dispose());
  });
});
