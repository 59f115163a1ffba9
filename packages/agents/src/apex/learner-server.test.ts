import { afterEach, describe, expect, it } from 'vitest';
import * as zmq from 'zeromq';
import { curveKeyPair, WireArray } from '@coordconv/gym';
import { ActorLink, ApexRemoteError } from './actor-link.js';
import { ApexServer, encodeParams, type ApexServerOptions } from './learner-server.js';
import {
  APEX_PROTOCOL_VERSION,
  type ActorSpec,
  type ParamsReply,
  type WelcomeReply,
} from './protocol.js';
import type { ValidExperience } from './validate-experience.js';

const spec: ActorSpec = {
  env: { module: '@coordconv/gym', exportName: 'makeCartPole' },
  obsShape: [4],
  obsDtype: 'float32',
  numActions: 2,
  network: { torso: 'mlp', coordConv: false },
  nSteps: 3,
  gamma: 0.99,
  rewardScale: 1,
  rewardClip: 0,
  envsPerActor: 1,
  sendEvery: 4,
  paramsEvery: 10,
  maxInFlight: 2,
  seed: 1,
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function server(extra: Partial<ApexServerOptions> = {}) {
  const got: ValidExperience[] = [];
  const params = encodeParams(3, [new WireArray('float32', [2, 2], Float32Array.of(1, 2, 3, 4))]);
  const s = await ApexServer.start({
    endpoint: 'tcp://127.0.0.1:*',
    actorSpec: () => spec,
    epsilonSlots: 4,
    epsilonBase: 0.4,
    epsilonExponent: 7,
    expectations: { obsShape: [4], obsDtype: 'float32', numActions: 2 },
    onExperience: (b) => got.push(b),
    params: () => params,
    ...extra,
  });
  closers.push(() => s.close());
  return { s, got };
}

function link(endpoint: string, options = {}) {
  const l = new ActorLink(endpoint, { timeoutMs: 3000, ...options });
  closers.push(() => l.close());
  return l;
}

function experience(session: string, n: number, patch: Record<string, unknown> = {}) {
  return {
    type: 'experience',
    session,
    version: 3,
    frames: n,
    episodes: [],
    obs: new WireArray('float32', [n, 4], new Float32Array(n * 4)),
    nextObs: new WireArray('float32', [n, 4], new Float32Array(n * 4)),
    actions: new Int32Array(n),
    returns: new Float32Array(n),
    discounts: new Float32Array(n).fill(0.97),
    priorities: new Float32Array(n).fill(1),
    ...patch,
  };
}

const hello = (l: ActorLink) =>
  l.request({
    type: 'hello',
    protocol: APEX_PROTOCOL_VERSION,
    actor: 'test',
  }) as Promise<WelcomeReply>;

describe('ApexServer', () => {
  it('welcomes actors with epsilon slots, serves params by version, accepts good experience', async () => {
    const { s, got } = await server();
    const a = link(s.endpoint);
    const b = link(s.endpoint);
    const wa = await hello(a);
    const wb = await hello(b);
    expect([wa.actorIndex, wb.actorIndex]).toEqual([0, 1]);
    expect(wa.epsilon).toBeCloseTo(0.4, 12);
    expect(wb.epsilon).toBeCloseTo(0.4 ** (1 + 7 / 3), 12);
    expect(wa.spec).toEqual(spec);
    const p = (await a.request({ type: 'params', session: wa.session, have: -1 })) as ParamsReply;
    expect(p.version).toBe(3);
    expect((p.weights![0] as WireArray).data).toEqual(Float32Array.of(1, 2, 3, 4));
    const same = (await a.request({ type: 'params', session: wa.session, have: 3 })) as ParamsReply;
    expect(same).toEqual({ version: 3 });
    await a.request(experience(wa.session, 5));
    expect(got.map((g) => g.count)).toEqual([5]);
    expect(s.stats.acceptedTransitions).toBe(5);
    // A bye frees the slot: the next actor gets index 0 again.
    await a.request({ type: 'bye', session: wa.session });
    expect((await hello(link(s.endpoint))).actorIndex).toBe(0);
  });

  it('rejects and counts malformed batches without trusting them, and keeps serving', async () => {
    const { s, got } = await server();
    const a = link(s.endpoint);
    const w = await hello(a);
    const bad: Record<string, unknown>[] = [
      { obs: new WireArray('float32', [2, 5], new Float32Array(10)) },
      { actions: Int32Array.of(0, 2) },
      { returns: Float32Array.of(NaN, 0) },
      { priorities: new Float64Array(2) },
    ];
    for (const patch of bad) {
      await expect(a.request(experience(w.session, 2, patch))).rejects.toMatchObject({
        type: 'Rejected',
      });
    }
    // Undecodable frames straight on a DEALER.
    const raw = new zmq.Dealer({ linger: 0 });
    raw.connect(s.endpoint);
    await raw.send([
      Buffer.from('{"type":"experience","obs":{"__ndarray__":1,"dtype":"float32","shape":[9]}}'),
      Buffer.alloc(3),
    ]);
    const [reply] = await raw.receive();
    raw.close();
    expect(JSON.parse(reply!.toString()).error.type).toBe('BadRequest');
    expect(s.stats.rejectedBatches).toBe(5);
    expect(s.stats.rejectedByReason).toEqual({
      shape: 1,
      range: 1,
      nonfinite: 1,
      dtype: 1,
      decode: 1,
    });
    expect(got).toEqual([]);
    // Unknown sessions are told to say hello again (not counted as malformed).
    const err = await a.request(experience('nope', 2)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApexRemoteError);
    expect((err as ApexRemoteError).type).toBe('UnknownSession');
    await a.request(experience(w.session, 2));
    expect(got.length).toBe(1);
  });

  it('holds acknowledgements while the learner is behind (samples-per-insert limit)', async () => {
    let behind = true;
    const { s, got } = await server({ throttle: () => behind, maxHoldMs: 60_000 });
    const a = link(s.endpoint);
    const w = await hello(a);
    let acked = false;
    const pending = a.request(experience(w.session, 3)).then(() => (acked = true));
    while (got.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    expect([got.length, s.heldCount, acked]).toEqual([1, 1, false]); // stored, not acknowledged
    s.releaseHeld();
    expect(s.heldCount).toBe(1);
    behind = false;
    s.releaseHeld();
    await pending;
    expect([s.heldCount, acked]).toEqual([0, true]);
  });

  it('refuses non-loopback endpoints unless allowed, and speaks CURVE', async () => {
    await expect(server({ endpoint: 'tcp://0.0.0.0:*' })).rejects.toThrow(
      /refusing to listen on tcp:\/\/0.0.0.0/,
    );
    const keys = curveKeyPair();
    const { s } = await server({ curve: { secretKey: keys.secretKey, publicKey: keys.publicKey } });
    const ok = link(s.endpoint, { curve: { serverKey: keys.publicKey } });
    expect((await hello(ok)).actorIndex).toBe(0);
    // Without the server key the handshake never completes: the request times out.
    const plain = link(s.endpoint, { timeoutMs: 500 });
    await expect(hello(plain)).rejects.toThrow(/no reply/);
  });
});
