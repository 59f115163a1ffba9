import { afterEach, describe, expect, it, vi } from 'vitest';
import * as tf from './tf.js';
import type * as InitModule from './init-backend.js';

// Each test gets a fresh copy of the selector's module state (tfjs itself stays shared).
async function freshInit(): Promise<typeof InitModule> {
  vi.resetModules();
  return import('./init-backend.js');
}

function capture(): { lines: string[]; log: (l: string) => void } {
  const lines: string[] = [];
  return { lines, log: (l) => lines.push(l) };
}

const notInstalled = (pkg: string) =>
  Promise.reject(
    Object.assign(new Error(`Cannot find package '${pkg}'`), { code: 'ERR_MODULE_NOT_FOUND' }),
  );

/** Simulates tfjs-node: registers a backend named 'tensorflow' (a cpu backend underneath). */
function fakeTfjsNode(): Promise<unknown> {
  const cpu = tf.findBackend('cpu') as object;
  const Ctor = cpu.constructor as new () => tf.KernelBackend;
  tf.registerBackend('tensorflow', () => new Ctor(), 3);
  return Promise.resolve({});
}

const savedEnv = process.env.COORDCONV_BACKEND;
afterEach(async () => {
  if (savedEnv === undefined) delete process.env.COORDCONV_BACKEND;
  else process.env.COORDCONV_BACKEND = savedEnv;
  if (tf.findBackendFactory('tensorflow')) tf.removeBackend('tensorflow');
  await tf.setBackend('cpu');
});

describe('initBackend', () => {
  it('auto falls through missing tfjs-node packages to wasm, reporting them in one line', async () => {
    delete process.env.COORDCONV_BACKEND;
    const { initBackend } = await freshInit();
    const { lines, log } = capture();
    const info = await initBackend({ importNative: notInstalled, log });
    expect(info).toEqual({
      name: 'wasm',
      device: 'cpu',
      tfjsVersion: tf.version_core,
      simd: expect.any(Boolean),
      threads: 1,
    });
    expect(tf.getBackend()).toBe('wasm');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/tfjs-node-gpu: not installed; @tensorflow\/tfjs-node: not installed/);
    expect(JSON.parse(lines[1].replace('[coordconv/backend] ', ''))).toEqual(info);
  });

  it('the real loader finds no tfjs-node here and picks wasm', async () => {
    delete process.env.COORDCONV_BACKEND;
    const { initBackend } = await freshInit();
    const { lines, log } = capture();
    expect((await initBackend({ log })).name).toBe('wasm');
    expect(lines[0]).toMatch(/native backend not used/);
  });

  it('uses tfjs-node when the GPU build fails to load, and the GPU build first when it loads', async () => {
    let mod = await freshInit();
    const { lines, log } = capture();
    const cpuOnly = (pkg: string) =>
      pkg === '@tensorflow/tfjs-node'
        ? fakeTfjsNode()
        : Promise.reject(new Error('libcudart.so.11.0: cannot open shared object file\nmore'));
    const info = await mod.initBackend({ backend: 'auto', importNative: cpuOnly, log });
    expect(info).toMatchObject({ name: 'tensorflow', device: 'cpu' });
    expect(lines).toHaveLength(1); // no failure line when a native backend loads
    tf.removeBackend('tensorflow');
    mod = await freshInit();
    const gpu = await mod.initBackend({ importNative: () => fakeTfjsNode(), log: () => {} });
    expect(gpu).toMatchObject({ name: 'tensorflow', device: 'gpu' });
  });

  it("explicit 'tensorflow' without tfjs-node is an error naming the packages", async () => {
    const { initBackend } = await freshInit();
    await expect(
      initBackend({ backend: 'tensorflow', importNative: notInstalled, log: () => {} }),
    ).rejects.toThrow(/needs @tensorflow\/tfjs-node-gpu or @tensorflow\/tfjs-node .*not installed/);
  });

  it('COORDCONV_BACKEND selects the backend; an explicit option wins over it', async () => {
    process.env.COORDCONV_BACKEND = 'cpu';
    let mod = await freshInit();
    expect((await mod.initBackend({ log: () => {} })).name).toBe('cpu');
    expect((await mod.initBackend({ backend: 'auto', log: () => {} })).name).toBe('cpu');
    mod = await freshInit();
    expect((await mod.initBackend({ backend: 'wasm', log: () => {} })).name).toBe('wasm');
  });

  it('rejects unknown names, listing the valid ones', async () => {
    const { initBackend } = await freshInit();
    expect(() => initBackend({ backend: 'webgpu' as 'cpu' })).toThrow(
      "unknown backend 'webgpu'; valid: auto, tensorflow, wasm, cpu",
    );
    process.env.COORDCONV_BACKEND = 'gpu';
    expect(() => initBackend()).toThrow(
      "COORDCONV_BACKEND='gpu' is not a backend; valid: auto, tensorflow, wasm, cpu",
    );
  });

  it('is idempotent, and an explicit different backend switches', async () => {
    delete process.env.COORDCONV_BACKEND;
    const { initBackend, activeBackend } = await freshInit();
    const { lines, log } = capture();
    const first = await initBackend({ backend: 'cpu', log });
    const again = await Promise.all([initBackend({ log }), initBackend({ backend: 'cpu', log })]);
    expect(again[0]).toBe(first);
    expect(again[1]).toBe(first);
    expect(lines).toHaveLength(1);
    const switched = await initBackend({ backend: 'wasm', log });
    expect(switched.name).toBe('wasm');
    expect(activeBackend()).toBe(switched);
    expect(lines).toHaveLength(2);
  });
});
