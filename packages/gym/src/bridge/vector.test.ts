import { afterEach, describe, expect, it } from 'vitest';
import { AsyncVectorEnv } from '../vector/async-vector-env.js';
import type { EnvFactory } from '../vector/env-factory.js';
import { SyncVectorEnv } from '../vector/sync-vector-env.js';
import type { VectorEnv } from '../vector/vector-env.js';
import { RemoteEnv } from './remote-env.js';
import { serveEnv, type EnvServer } from './server.js';
import { GridTestEnv } from './test-envs.js';

const make = () => new GridTestEnv(3, 3, 1, undefined, 4); // 4-step episodes: autoreset happens
const opened: { close(): unknown }[] = [];
afterEach(async () => {
  for (const x of opened.splice(0).reverse()) await x.close();
});

async function trajectory(venv: VectorEnv<Float32Array, Int32Array>, steps: number) {
  const out: unknown[] = [];
  const [obs, infos] = await venv.reset({ seed: 11 });
  out.push(Array.from(obs), infos);
  for (let t = 0; t < steps; t++) {
    const actions = Int32Array.from({ length: venv.numEnvs }, (_, i) => (t + i) % 5);
    const [o, r, te, tr, inf] = await venv.step(actions);
    out.push(Array.from(o), Array.from(r), Array.from(te), Array.from(tr), inf);
  }
  return out;
}

describe('RemoteEnv inside vector envs', () => {
  it('SyncVectorEnv over RemoteEnvs gives the local results', async () => {
    const server: EnvServer = await serveEnv(make, { endpoint: 'tcp://127.0.0.1:*' });
    opened.push(server);
    const remotes = await Promise.all(
      [0, 1, 2].map(() => RemoteEnv.connect(server.endpoint, { timeoutMs: 5000 })),
    );
    const remote = new SyncVectorEnv<Float32Array, Int32Array>(remotes.map((e) => () => e));
    const local = new SyncVectorEnv<Float32Array, Int32Array>([make, make, make]);
    opened.push(remote, local);
    expect(server.clientCount).toBe(3);
    expect(await trajectory(remote, 10)).toEqual(await trajectory(local, 10));
  });

  it('AsyncVectorEnv builds RemoteEnvs in its workers from a factory spec', async () => {
    const server: EnvServer = await serveEnv(make, { endpoint: 'tcp://127.0.0.1:*' });
    opened.push(server);
    const factory: EnvFactory = {
      module: new URL('./remote-env-factory.ts', import.meta.url).href,
      exportName: 'makeRemoteEnv',
      args: [{ endpoint: server.endpoint, timeoutMs: 5000 }],
    };
    const remote = await AsyncVectorEnv.create<Float32Array, Int32Array>([factory, factory], {
      envsPerWorker: 1,
    });
    const local = new SyncVectorEnv<Float32Array, Int32Array>([make, make]);
    opened.push(remote, local);
    expect(server.clientCount).toBe(2);
    expect(await trajectory(remote, 8)).toEqual(await trajectory(local, 8));
  });
});
