import { afterEach, describe, expect, it } from 'vitest';
import { GymError, VectorEnvError, VectorEnvTimeout } from '../errors.js';
import type { EnvFactory } from './env-factory.js';
import { AsyncVectorEnv } from './async-vector-env.js';
import { SyncVectorEnv } from './sync-vector-env.js';
import type { VectorEnv } from './vector-env.js';

const testEnvs = new URL('../test-envs.ts', import.meta.url).href;
const cartPole: EnvFactory = {
  module: new URL('../envs/cartpole.ts', import.meta.url).href,
  exportName: 'makeCartPole',
  args: [{ maxEpisodeSteps: 12 }], // short episodes: both termination and truncation occur
};
const testEnv = (exportName: string, ...args: unknown[]): EnvFactory => ({
  module: testEnvs,
  exportName,
  args,
});

const opened: VectorEnv<Float32Array, Int32Array>[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((e) => e.close()));
});

async function trajectory(
  venv: VectorEnv<Float32Array, Int32Array>,
  steps: number,
): Promise<unknown[]> {
  const out: unknown[] = [];
  venv.actionSpace.seed(5);
  const [obs, infos] = await venv.reset({ seed: 42 });
  out.push(Array.from(obs), infos);
  for (let t = 0; t < steps; t++) {
    const [o, r, te, tr, inf] = await venv.step(venv.actionSpace.sample() as Int32Array);
    out.push(Array.from(o), Array.from(r), Array.from(te), Array.from(tr), inf);
  }
  return out;
}

describe('AsyncVectorEnv', () => {
  it('gives exactly the SyncVectorEnv results for the same seeds and actions (shared or copied obs)', async () => {
    const factories = [cartPole, cartPole, cartPole];
    const sync = await SyncVectorEnv.fromFactories<Float32Array, Int32Array>(factories);
    const shared = await AsyncVectorEnv.create<Float32Array, Int32Array>(factories, {
      envsPerWorker: 2,
    });
    opened.push(sync, shared);
    expect(String(shared)).toBe('AsyncVectorEnv(numEnvs=3, workers=2)');
    expect(shared.observationSpace.equals(sync.observationSpace)).toBe(true);
    expect(shared.metadata).toEqual(sync.metadata);
    const expected = await trajectory(sync, 30);
    expect(await trajectory(shared, 30)).toEqual(expected);
    // Episodes ended within the run (TimeLimit 12): the autoreset path is covered.
    const truncations = expected.filter((_, i) => i >= 2 && (i - 2) % 5 === 3).flat() as number[];
    expect(truncations).toContain(1);

    const copied = await AsyncVectorEnv.create<Float32Array, Int32Array>(
      [cartPole, cartPole, cartPole],
      {
        envsPerWorker: 3,
        sharedMemory: false,
      },
    );
    opened.push(copied);
    expect(await trajectory(copied, 30)).toEqual(expected);
    const [frames] = [await copied.render()];
    expect(frames).toEqual([undefined, undefined, undefined]);
  });

  it('an exception in an env rejects the call naming the env; the vector env stays usable; overlapping calls are refused', async () => {
    const venv = await AsyncVectorEnv.create<Float32Array, Int32Array>(
      [testEnv('CorridorEnv'), testEnv('ThrowingEnv', 2)],
      {
        envsPerWorker: 2,
      },
    );
    opened.push(venv);
    await venv.reset({ seed: 0 });
    await venv.step(Int32Array.of(0, 0));
    const err = await venv.step(Int32Array.of(0, 0)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VectorEnvError);
    expect((err as VectorEnvError).envIndex).toBe(1);
    expect((err as VectorEnvError).remoteName).toBe('RangeError');
    expect((err as Error).message).toBe(
      'AsyncVectorEnv worker 0 (envs 0..1), env 1: RangeError: ThrowingEnv fails at step 2',
    );
    await expect(venv.reset({ seed: 1 })).resolves.toBeDefined();
    // A missing await: overlapping calls are refused instead of interleaving.
    const pending = venv.reset({ seed: 0 });
    await expect(venv.step(Int32Array.of(1, 1))).rejects.toThrow(
      'AsyncVectorEnv.step() called while reset() is still running; await each call',
    );
    await pending;
    await expect(venv.reset({ options: { f: () => 1 } })).rejects.toThrow(
      /cannot send the reset arguments to the worker \(they must be structured-cloneable\)/,
    );
    await expect(venv.reset({ seed: 2 })).resolves.toBeDefined();
  });

  it('a crashed worker rejects the pending call and later calls instead of hanging; close still works', async () => {
    const venv = await AsyncVectorEnv.create<Float32Array, Int32Array>([testEnv('CrashingEnv')]);
    opened.push(venv);
    await venv.reset({ seed: 0 });
    const err = await venv.step(Int32Array.of(0)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VectorEnvError);
    expect((err as Error).message).toBe(
      'AsyncVectorEnv worker 0 (env 0) crashed: Error: CrashingEnv: uncaught exception in the worker',
    );
    await expect(venv.step(Int32Array.of(0))).rejects.toThrow(/unusable after an earlier failure/);
    await venv.close();
    await venv.close();
    await expect(venv.reset()).rejects.toThrow(GymError);
  });

  it('times out a stuck env', async () => {
    const venv = await AsyncVectorEnv.create<Float32Array, Int32Array>([testEnv('HangingEnv')], {
      timeoutMs: 300,
    });
    opened.push(venv);
    await venv.reset({ seed: 0 });
    await expect(venv.step(Int32Array.of(0))).rejects.toThrow(VectorEnvTimeout);
  });

  it('reports envs that cannot be built, and bad factory specs, clearly', async () => {
    await expect(
      AsyncVectorEnv.create([testEnv('CorridorEnv'), testEnv('makeBrokenEnv')], {
        envsPerWorker: 2,
      }),
    ).rejects.toThrow(
      'AsyncVectorEnv worker 0 (envs 0..1) could not build its envs, env 1: TypeError: makeBrokenEnv: cannot build this env',
    );
    await expect(AsyncVectorEnv.create([testEnv('NoSuchEnv')])).rejects.toThrow(
      /has no function or class export "NoSuchEnv"; function exports: .*CorridorEnv/,
    );
    await expect(AsyncVectorEnv.create([{ module: './my-env.ts' }])).rejects.toThrow(
      /factories\[0\]\.module must be a package name, file: URL or absolute path, got the relative path "\.\/my-env\.ts"/,
    );
  });
});
