import { afterEach, describe, expect, it } from 'vitest';
import * as zmq from 'zeromq';
import { checkEnv } from '../check/env-checker.js';
import { InvalidAction, ResetNeeded } from '../errors.js';
import { Box } from '../spaces/box.js';
import { Discrete } from '../spaces/discrete.js';
import { Wrapper } from '../wrappers/wrapper.js';
import { decodeMessage, encodeMessage } from './codec.js';
import { BridgeClosed, BridgeTimeout, RemoteError } from './errors.js';
import { RemoteEnv } from './remote-env.js';
import { serveEnv, type EnvServer } from './server.js';
import { GridTestEnv, MixedTestEnv } from './test-envs.js';

const FREE = 'tcp://127.0.0.1:*';
const servers: EnvServer[] = [];
const envs: RemoteEnv[] = [];

async function serve(...args: Parameters<typeof serveEnv>): Promise<EnvServer> {
  const s = await serveEnv(...args);
  servers.push(s);
  return s;
}
async function connect<O = unknown, A = unknown>(
  endpoint: string,
  timeoutMs = 5000,
): Promise<RemoteEnv<O, A>> {
  const env = await RemoteEnv.connect<O, A>(endpoint, { timeoutMs });
  envs.push(env as RemoteEnv);
  return env;
}

/** Sends raw frames on a fresh socket and decodes the reply. */
async function rawRequest(
  endpoint: string,
  frames: Buffer[],
  socket: zmq.Dealer | zmq.Request = new zmq.Dealer(),
) {
  socket.linger = 0;
  socket.receiveTimeout = 3000;
  socket.connect(endpoint);
  try {
    await socket.send(frames);
    const reply = await socket.receive();
    return decodeMessage(reply) as {
      id: number | null;
      result?: Record<string, unknown>;
      error?: { type: string; message: string };
    };
  } finally {
    socket.close();
  }
}

afterEach(async () => {
  await Promise.all(envs.splice(0).map((e) => e.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('TypeScript client <-> TypeScript server', () => {
  it('runs spec, reset, step, render and close, with arrays bit-exact', async () => {
    const local = new GridTestEnv(3, 4, 2, 'rgb_array');
    const made: GridTestEnv[] = [];
    const server = await serve(
      () => {
        const e = new GridTestEnv(3, 4, 2, 'rgb_array');
        made.push(e);
        return e;
      },
      { endpoint: FREE, envId: 'grid-test' },
    );
    expect(server.endpoint).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    const env = await connect<Float32Array, number>(server.endpoint);
    expect(env.observationSpace.equals(local.observationSpace)).toBe(true);
    expect(env.actionSpace.equals(new Discrete(5))).toBe(true);
    expect(env.metadata).toEqual({ renderModes: ['rgb_array', 'ansi'], renderFps: 10 });
    expect(env.renderMode).toBe('rgb_array');
    expect(env.remoteEnvId).toBe('grid-test');

    const [obs, info] = await env.reset({ seed: 7 });
    const [expected, expectedInfo] = local.reset({ seed: 7 });
    expect(obs).toBeInstanceOf(Float32Array);
    expect(Array.from(obs)).toEqual(Array.from(expected));
    expect(info).toEqual(expectedInfo);
    for (const a of [0, 3, 3, 4, 1]) {
      const got = await env.step(a);
      const want = local.step(a);
      expect(Array.from(got[0])).toEqual(Array.from(want[0]));
      expect(got.slice(1)).toEqual(want.slice(1)); // reward, flags, info (with -Infinity)
    }
    const frame = await env.render();
    expect(frame).toEqual(local.render());
    expect(server.clientCount).toBe(1);
    await env.close();
    await env.close();
    await expect(env.step(0)).rejects.toBeInstanceOf(BridgeClosed);
    expect(made[0]!.closeCount).toBe(1);
    expect(server.clientCount).toBe(0);
  });

  it('carries Dict, Tuple, MultiDiscrete and float64 Box values, and reset options', async () => {
    const server = await serve(() => new MixedTestEnv(), { endpoint: FREE });
    const env = await connect<{ pos: Float64Array; tags: [number, Int32Array] }, Float64Array>(
      server.endpoint,
    );
    const [obs] = await env.reset({ seed: 3 });
    const [want] = new MixedTestEnv().reset({ seed: 3 });
    expect(obs).toEqual(want);
    expect(obs.tags[1]).toBeInstanceOf(Int32Array);
    const [obs2, reward, , , info] = await env.step(Float64Array.from([0.25, -0.5]));
    expect(obs2.tags[0]).toBe(1);
    expect(reward).toBe(-0.25);
    expect(info.action).toEqual(Float64Array.from([0.25, -0.5]));
    await expect(env.step(Float64Array.from([1, 1]))).rejects.toThrow(
      /EnvError: Error: the corner \(1, 1\) is cursed/,
    );
    await expect(env.step(Float64Array.from([2, 0]))).rejects.toBeInstanceOf(InvalidAction);
    await expect(env.step(Float64Array.from([0]))).rejects.toThrow(/expected 2 numbers for Box/);

    const grid = await serve(() => new GridTestEnv(2, 2, 1), { endpoint: FREE });
    const g = await connect<Float32Array, number>(grid.endpoint);
    const [, startInfo] = await g.reset({ seed: 1, options: { start: [1, 0] } });
    expect(startInfo).toEqual({ row: 1, col: 0 });
  });

  it('passes checkEnv like a local env', async () => {
    const server = await serve(() => new GridTestEnv(3, 4, 2, 'rgb_array'), { endpoint: FREE });
    const env = await connect(server.endpoint);
    const { warnings } = await checkEnv(env);
    expect(warnings).toEqual([]);
    await expect(env.reset()).rejects.toBeInstanceOf(BridgeClosed); // checkEnv closed it
  });

  it('answers errors as errors and keeps the session going', async () => {
    const server = await serve(() => new GridTestEnv(2, 3, 1), { endpoint: FREE });
    const env = await connect<Float32Array, number>(server.endpoint);
    await expect(env.step(0)).rejects.toBeInstanceOf(ResetNeeded);
    await expect(env.render()).rejects.toBeInstanceOf(ResetNeeded);
    await env.reset({ seed: 0 });
    await expect(env.step(9)).rejects.toThrow(/action 9 is not in Discrete\(5\)/);
    await expect(env.step(1.5)).rejects.toBeInstanceOf(InvalidAction);
    expect(await env.render()).toBeUndefined(); // no render mode
    expect((await env.step(4))[1]).toBe(-1);
  });

  it('gives every client its own env; the same seed gives the same trajectory', async () => {
    const server = await serve(() => new GridTestEnv(5, 5, 2), { endpoint: FREE });
    const [a, b] = await Promise.all([
      connect<Float32Array, number>(server.endpoint),
      connect<Float32Array, number>(server.endpoint),
    ]);
    const [oa] = await a.reset({ seed: 42 });
    const [ob] = await b.reset({ seed: 42 });
    expect(Array.from(oa)).toEqual(Array.from(ob));
    await a.step(2);
    await a.step(2);
    const [, , , , ib] = await b.step(4); // b did not move when a did
    const [, ia] = await new GridTestEnv(5, 5, 2).reset({ seed: 42 });
    expect(ib).toMatchObject(ia);
    expect(server.clientCount).toBe(2);
  });

  it('works with a REQ socket, and rejects duplicate, reordered and unknown requests', async () => {
    const server = await serve(() => new GridTestEnv(2, 2, 1), { endpoint: FREE });
    const viaReq = await rawRequest(
      server.endpoint,
      encodeMessage({ id: 0, method: 'spec' }),
      new zmq.Request(),
    );
    expect(viaReq.result?.action_space).toEqual({ type: 'Discrete', n: 5, start: 0 });

    const sock = new zmq.Dealer({ linger: 0, receiveTimeout: 3000 });
    sock.connect(server.endpoint);
    const ask = async (h: unknown) => {
      await sock.send(encodeMessage(h));
      return decodeMessage(await sock.receive()) as {
        id: number | null;
        error?: { type: string; message: string };
      };
    };
    expect((await ask({ id: 10, method: 'reset' })).error).toBeUndefined();
    expect((await ask({ id: 10, method: 'reset' })).error).toMatchObject({
      type: 'OutOfOrder',
      message: /not greater than the previous id 10/,
    });
    expect((await ask({ id: 3, method: 'step', params: { action: 0 } })).error?.type).toBe(
      'OutOfOrder',
    );
    expect((await ask({ id: 11, method: 'fly' })).error).toMatchObject({ type: 'UnknownMethod' });
    expect((await ask({ id: 12, method: 'spec', v: 2 })).error).toMatchObject({
      type: 'UnsupportedVersion',
    });
    expect(await ask({ id: 13, method: 'close' })).toEqual({ id: 13, result: { closed: true } });
    // a new session after close: ids start over
    expect((await ask({ id: 0, method: 'spec' })).error).toBeUndefined();
    sock.close();
  });

  it('starts a new session for requests pipelined after a close', async () => {
    const made: GridTestEnv[] = [];
    const server = await serve(() => (made.push(new GridTestEnv(2, 2, 1)), made.at(-1)!), {
      endpoint: FREE,
    });
    const sock = new zmq.Dealer({ linger: 0, receiveTimeout: 3000 });
    sock.connect(server.endpoint);
    for (const h of [
      { id: 1, method: 'reset' },
      { id: 2, method: 'close' },
      { id: 3, method: 'step', params: { action: 0 } },
    ]) {
      await sock.send(encodeMessage(h));
    }
    const replies: { id: number }[] = [];
    for (let i = 0; i < 3; i++) replies.push(decodeMessage(await sock.receive()) as { id: number });
    replies.sort((a, b) => a.id - b.id); // the new session may answer before the old one closes
    sock.close();
    expect(replies).toMatchObject([
      { id: 1, result: {} },
      { id: 2, result: { closed: true } },
      { id: 3, error: { type: 'ResetNeeded' } },
    ]);
    expect(made.map((e) => e.closeCount)).toEqual([1, 0]);
  });

  it('caps message size and session count', async () => {
    const server = await serve(() => new GridTestEnv(2, 2, 1), {
      endpoint: FREE,
      maxMessageBytes: 1000,
      maxClients: 1,
    });
    const big = await rawRequest(
      server.endpoint,
      encodeMessage({ id: 1, method: 'step', params: { action: new Uint8Array(5000) } }),
    );
    expect(big.error).toMatchObject({
      type: 'MessageTooLarge',
      message: /exceeds the limit of 1000 bytes/,
    });
    await connect(server.endpoint);
    const refused = await RemoteEnv.connect(server.endpoint, { timeoutMs: 3000 }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(RemoteError);
    expect(refused).toMatchObject({ type: 'TooManyClients' });
  });

  it('closes idle sessions and their envs; the client then starts a new session', async () => {
    const made: GridTestEnv[] = [];
    const server = await serve(
      () => {
        made.push(new GridTestEnv(2, 2, 1));
        return made[made.length - 1]!;
      },
      { endpoint: FREE, idleTimeoutMs: 150 },
    );
    const env = await connect<Float32Array, number>(server.endpoint);
    await env.reset({ seed: 0 });
    await new Promise((r) => setTimeout(r, 400));
    expect(server.clientCount).toBe(0);
    expect(made[0]!.closeCount).toBe(1);
    await expect(env.step(0)).rejects.toBeInstanceOf(ResetNeeded); // a fresh env in a new session
    expect(made).toHaveLength(2);
  });

  it('reports a factory failure as EnvError and retries the factory next time', async () => {
    let calls = 0;
    const server = await serve(
      () => {
        if (calls++ === 0) throw new Error('no env today');
        return new GridTestEnv(2, 2, 1);
      },
      { endpoint: FREE },
    );
    await expect(RemoteEnv.connect(server.endpoint, { timeoutMs: 3000 })).rejects.toThrow(
      /EnvError: Error: no env today/,
    );
    const env = await connect(server.endpoint);
    expect(env.actionSpace).toBeInstanceOf(Discrete);
  });

  it('times out with a clear error when the server dies, and never hangs', async () => {
    const server = await serveEnv(() => new GridTestEnv(2, 2, 1), { endpoint: FREE });
    const env = await RemoteEnv.connect<Float32Array, number>(server.endpoint, { timeoutMs: 400 });
    await env.reset({ seed: 1 });
    await server.close();
    const t0 = Date.now();
    const err = await env.step(0).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeTimeout);
    expect((err as Error).message).toMatch(
      /no reply from tcp:\/\/127\.0\.0\.1:\d+ to step \(id \d+\) within 400 ms/,
    );
    expect(Date.now() - t0).toBeLessThan(1500);
    await env.close(); // best effort, bounded
    await expect(RemoteEnv.connect(server.endpoint, { timeoutMs: 300 })).rejects.toBeInstanceOf(
      BridgeTimeout,
    );
    await expect(RemoteEnv.connect('localhost:5555')).rejects.toThrow(
      /cannot connect to "localhost:5555"/,
    );
  });

  it('drops late replies after a timeout and stays usable', async () => {
    /** Its first step answers after 600 ms. */
    class SlowFirstStep extends Wrapper<Float32Array, number> {
      private slow = true;
      override async step(action: number) {
        if (this.slow) {
          this.slow = false;
          await new Promise((r) => setTimeout(r, 600));
        }
        return this.env.step(action);
      }
    }
    const server = await serve(() => new SlowFirstStep(new GridTestEnv(2, 2, 1)), {
      endpoint: FREE,
    });
    const env = await connect<Float32Array, number>(server.endpoint, 300);
    await env.reset({ seed: 1, options: { start: [1, 1] } });
    await expect(env.step(0)).rejects.toBeInstanceOf(BridgeTimeout);
    await new Promise((r) => setTimeout(r, 500)); // the late reply arrives meanwhile
    const [, , , , info] = await env.step(3); // gets its own reply, not the stale one
    expect(info).toMatchObject({ row: 0, col: 0 });
  });

  it('refuses wildcard and non-loopback binds unless allowed', async () => {
    const make = () => new GridTestEnv(2, 2, 1);
    await expect(serveEnv(make, { endpoint: 'tcp://*:5555' })).rejects.toThrow(
      /refusing to bind tcp:\/\/\*:5555/,
    );
    await expect(serveEnv(make, { endpoint: 'tcp://0.0.0.0:5555' })).rejects.toThrow(/allowRemote/);
    await expect(serveEnv(make, { endpoint: 'localhost:5555' })).rejects.toThrow(
      /must look like tcp:\/\//,
    );
    const warnings: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((m: string) => (warnings.push(m), true)) as typeof process.stderr.write;
    try {
      await serve(make, { endpoint: 'tcp://*:*', allowRemote: true });
    } finally {
      process.stderr.write = write;
    }
    expect(warnings.join('')).toMatch(/without CURVE/);
  });

  it('serves over ipc:// too', async () => {
    const dir = await import('node:fs/promises').then((fs) => fs.mkdtemp('/tmp/coordconv-bridge-'));
    const server = await serve(() => new GridTestEnv(2, 2, 1), {
      endpoint: `ipc://${dir}/env.sock`,
    });
    const env = await connect<Float32Array, number>(server.endpoint);
    expect((await env.reset({ seed: 0 }))[0]).toHaveLength(4);
    expect(env.observationSpace).toBeInstanceOf(Box);
  });
});
