import { afterEach, describe, expect, it } from 'vitest';
import * as zmq from 'zeromq';
import { checkZ85Key, curveKeyPair, z85Encode } from './curve.js';
import { BridgeTimeout } from './errors.js';
import { RemoteEnv } from './remote-env.js';
import { serveEnv, type EnvServer } from './server.js';
import { GridTestEnv } from './test-envs.js';

const FREE = 'tcp://127.0.0.1:*';
const make = () => new GridTestEnv(2, 3, 1);
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});
async function serve(options: Parameters<typeof serveEnv>[1]): Promise<EnvServer> {
  const s = await serveEnv(make, { endpoint: FREE, ...options });
  open.push(s);
  return s;
}
async function connect(endpoint: string, options: Parameters<typeof RemoteEnv.connect>[1]) {
  const env = await RemoteEnv.connect(endpoint, options);
  open.push(env);
  return env;
}

describe('CURVE', () => {
  it('encrypts and authenticates: allowed clients in, others time out', async () => {
    const server = curveKeyPair();
    const good = curveKeyPair();
    const refused: string[] = [];
    const s = await serve({
      curve: { ...server, allowedClients: [good.publicKey] },
      log: (m) => refused.push(m),
    });
    expect(s.publicKey).toBe(server.publicKey);
    const env = await connect(s.endpoint, {
      timeoutMs: 3000,
      curve: { serverKey: server.publicKey, ...good },
    });
    expect((await env.reset({ seed: 1, options: { start: [1, 1] } }))[0]).toHaveLength(6);

    const stranger = curveKeyPair();
    await expect(
      RemoteEnv.connect(s.endpoint, {
        timeoutMs: 600,
        curve: { serverKey: server.publicKey, ...stranger },
      }),
    ).rejects.toBeInstanceOf(BridgeTimeout);
    expect(refused.join('\n')).toContain(stranger.publicKey);
    // no CURVE at all: the handshake fails, the client times out
    await expect(RemoteEnv.connect(s.endpoint, { timeoutMs: 400 })).rejects.toBeInstanceOf(
      BridgeTimeout,
    );
    // the allowed client is unaffected
    expect((await env.step(4))[1]).toBe(-1);
    expect(s.clientCount).toBe(1);
  });

  it('without an allow-list, any client that knows the server key gets in; plain servers still work', async () => {
    const server = curveKeyPair();
    const s = await serve({ curve: server });
    const env = await connect(s.endpoint, {
      timeoutMs: 3000,
      curve: { serverKey: server.publicKey },
    });
    expect(env.actionSpace.toJSON()).toEqual({ type: 'Discrete', n: 5, start: 0 });
    const plain = await serve({});
    const penv = await connect(plain.endpoint, { timeoutMs: 3000 });
    expect(penv.actionSpace.toJSON()).toEqual({ type: 'Discrete', n: 5, start: 0 });
    // a CURVE client cannot talk to a plain server
    await expect(
      RemoteEnv.connect(plain.endpoint, { timeoutMs: 400, curve: { serverKey: server.publicKey } }),
    ).rejects.toBeInstanceOf(BridgeTimeout);
  });

  it('keeps separate allow-lists for servers in one process', async () => {
    const [ka, kb, alice] = [curveKeyPair(), curveKeyPair(), curveKeyPair()];
    const a = await serve({ curve: { ...ka, allowedClients: [alice.publicKey] } });
    const b = await serve({ curve: { ...kb, allowedClients: [curveKeyPair().publicKey] } });
    await connect(a.endpoint, { timeoutMs: 3000, curve: { serverKey: ka.publicKey, ...alice } });
    await expect(
      RemoteEnv.connect(b.endpoint, {
        timeoutMs: 500,
        curve: { serverKey: kb.publicKey, ...alice },
      }),
    ).rejects.toBeInstanceOf(BridgeTimeout);
  });

  it('validates keys and encodes Z85 like libzmq', async () => {
    await expect(serveEnv(make, { endpoint: FREE, curve: { secretKey: 'short' } })).rejects.toThrow(
      /curve\.secretKey must be a 40-character Z85 CURVE key/,
    );
    await expect(
      RemoteEnv.connect('tcp://127.0.0.1:1', { curve: { serverKey: 'x'.repeat(39) } }),
    ).rejects.toThrow(/curve\.serverKey/);
    expect(() => checkZ85Key(curveKeyPair().publicKey, 'k')).not.toThrow();
    // the ZeroMQ RFC 32 test vector
    expect(z85Encode(Uint8Array.from([0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b]))).toBe(
      'HelloWorld',
    );
    expect(zmq.capability.curve).toBe(true);
  });
});
