import { Rng } from '@coordconv/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as zmq from 'zeromq';
import { decodeMessage, encodeMessage } from './codec.js';
import { WIRE_ERROR_TYPES } from './errors.js';
import { parseReply } from './messages.js';
import { RemoteEnv } from './remote-env.js';
import { serveEnv, type EnvServer } from './server.js';
import { GridTestEnv } from './test-envs.js';

const MAX_BYTES = 4096;
let server: EnvServer;

beforeAll(async () => {
  server = await serveEnv(() => new GridTestEnv(3, 4, 2), {
    endpoint: 'tcp://127.0.0.1:*',
    maxMessageBytes: MAX_BYTES,
  });
});
afterAll(() => server.close());

/** One malformed (or valid-but-wrong) message; `reply` false when no reply may come. */
function malformed(rng: Rng, n: number): { frames: Buffer[]; reply: boolean } {
  const bytes = (k: number) => Buffer.from(Array.from({ length: k }, () => rng.int(256)));
  const json = (x: unknown) => Buffer.from(JSON.stringify(x));
  const id = 1_000_000 + n; // increasing, so valid-looking requests are not all OutOfOrder
  const ref = (extra: Record<string, unknown>) => ({
    __ndarray__: 1,
    dtype: 'float32',
    shape: [2],
    ...extra,
  });
  switch (rng.int(16)) {
    case 0:
      return { frames: [bytes(1 + rng.int(200))], reply: true };
    case 1: {
      const s = JSON.stringify({ id, method: 'step', params: { action: 1 } });
      return { frames: [Buffer.from(s.slice(0, rng.int(s.length)))], reply: true };
    }
    case 2: {
      const values = [
        [1, 2],
        'step',
        42,
        null,
        true,
        { id: -1, method: 'spec' },
        { id: 1.5, method: 'spec' },
        { id, method: 7 },
        { id, method: 'spec', params: [1] },
        { id: '1', method: 'spec' },
      ];
      return { frames: [json(values[rng.int(values.length)])], reply: true };
    }
    case 3:
      return {
        frames: [
          json({ id, method: 'spec' }),
          ...Array.from({ length: 1 + rng.int(3) }, () => bytes(8)),
        ],
        reply: true,
      };
    case 4:
      return {
        frames: [
          json({ id, method: 'step', params: { action: ref({ __ndarray__: 1 + rng.int(4) }) } }),
        ],
        reply: true,
      };
    case 5:
      return {
        frames: [json({ id, method: 'reset' }), bytes(MAX_BYTES + rng.int(MAX_BYTES))],
        reply: true,
      };
    case 6: {
      const refs = [
        ref({ dtype: 'float128' }),
        ref({ shape: [3] }),
        ref({ shape: [-2] }),
        ref({ shape: 'x' }),
        ref({ __ndarray__: 0 }),
        ref({ __ndarray__: -1 }),
        ref({ dtype: 'bool', shape: [8] }),
      ];
      return {
        frames: [
          json({ id, method: 'step', params: { action: refs[rng.int(refs.length)] } }),
          bytes(8),
        ],
        reply: true,
      };
    }
    case 7:
      return {
        frames: [json({ id, method: 'step', params: { action: [ref({}), ref({})] } }), bytes(8)],
        reply: true,
      };
    case 8:
      return {
        frames: [
          json({
            id,
            method: 'step',
            params: { action: [9, -3, 0.5, 'left', null, { __float__: 'nan' }][rng.int(6)] },
          }),
        ],
        reply: true,
      };
    case 9:
      return { frames: [json({ id: rng.int(5), method: 'spec' })], reply: true }; // out of order
    case 10:
      return { frames: [json({ id, method: 'fly', params: {} })], reply: true };
    case 11:
      return { frames: [Buffer.from('['.repeat(200) + ']'.repeat(200))], reply: true };
    case 12:
      return { frames: [json({ id }), ...Array.from({ length: 70 }, () => bytes(1))], reply: true };
    case 13:
      return {
        frames: [
          json({ id, method: 'reset', params: { seed: [-1, 'x', 1.5, 2 ** 60, 5][rng.int(5)] } }),
        ],
        reply: true,
      };
    case 14:
      return { frames: [Buffer.from([0xc3, 0x28, 0x7b])], reply: true }; // invalid UTF-8
    default:
      return { frames: [Buffer.alloc(0)], reply: true }; // an empty frame (treated as a REQ delimiter)
  }
}

/** Sends `count` messages in pipelined batches; checks every reply is a well-formed reply. */
async function fuzz(seed: number, count: number): Promise<Record<string, number>> {
  const rng = new Rng(seed);
  const sock = new zmq.Dealer({ linger: 0, receiveTimeout: 5000 });
  sock.connect(server.endpoint);
  const seen: Record<string, number> = {};
  try {
    // A valid reset first, so that malformed steps reach action validation.
    await sock.send(encodeMessage({ id: 0, method: 'reset', params: { seed: seed } }));
    expect(parseReply(decodeMessage(await sock.receive())).error).toBeUndefined();
    for (let sent = 0; sent < count;) {
      const batch = Math.min(40, count - sent);
      for (let i = 0; i < batch; i++) await sock.send(malformed(rng, sent + i).frames);
      for (let i = 0; i < batch; i++) {
        let frames = await sock.receive();
        // A message starting with an empty frame was taken as a REQ envelope, and so is its reply.
        if (frames.length > 1 && frames[0]!.length === 0) frames = frames.slice(1);
        const reply = parseReply(decodeMessage(frames));
        const key = reply.error ? reply.error.type : 'result';
        if (reply.error) expect(WIRE_ERROR_TYPES).toContain(reply.error.type);
        seen[key] = (seen[key] ?? 0) + 1;
      }
      sent += batch;
    }
  } finally {
    sock.close();
  }
  return seen;
}

describe('fuzzing the server', () => {
  it('answers thousands of malformed messages while a good client keeps getting correct answers', async () => {
    const good = await RemoteEnv.connect<Float32Array, number>(server.endpoint, {
      timeoutMs: 5000,
    });
    const local = new GridTestEnv(3, 4, 2);
    const rng = new Rng(99);
    let steps = 0;
    let stop = false;
    const wellBehaved = (async () => {
      for (let episode = 0; !stop || steps < 300; episode++) {
        const [obs] = await good.reset({ seed: episode });
        expect(Array.from(obs)).toEqual(Array.from(local.reset({ seed: episode })[0]));
        for (let done = false; !done;) {
          const a = rng.int(5);
          const got = await good.step(a);
          const want = local.step(a);
          expect(Array.from(got[0])).toEqual(Array.from(want[0]));
          expect(got.slice(1)).toEqual(want.slice(1));
          done = got[2] || got[3];
          steps++;
        }
      }
    })();
    const counts = await Promise.all([fuzz(1, 1500), fuzz(2, 1500)]);
    stop = true;
    await wellBehaved;
    await good.close();
    const total: Record<string, number> = {};
    for (const c of counts) for (const [k, v] of Object.entries(c)) total[k] = (total[k] ?? 0) + v;
    expect(Object.values(total).reduce((a, b) => a + b, 0)).toBe(3000);
    for (const type of [
      'BadRequest',
      'MessageTooLarge',
      'OutOfOrder',
      'UnknownMethod',
      'InvalidAction',
      'result',
    ]) {
      expect(total[type], type).toBeGreaterThan(20);
    }
    expect(steps).toBeGreaterThanOrEqual(300);
  });

  it('survives frames beyond the transport cap (the sender is disconnected, others unaffected)', async () => {
    const rogue = new zmq.Dealer({ linger: 0, receiveTimeout: 300 });
    rogue.connect(server.endpoint);
    await rogue.send([Buffer.from('{}'), Buffer.alloc(5 * MAX_BYTES + 2 ** 20)]);
    await expect(rogue.receive()).rejects.toMatchObject({ code: 'EAGAIN' });
    rogue.close();
    const env = await RemoteEnv.connect(server.endpoint, { timeoutMs: 3000 });
    expect((await env.reset({ seed: 3 }))[0]).toHaveLength(24);
    await env.close();
    expect(encodeMessage({ ok: true })).toHaveLength(1);
  });
});
