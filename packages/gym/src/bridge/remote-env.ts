/**
 * `RemoteEnv`: an env served over ZeroMQ (by `serveEnv`, the Python `coordconv_gym.serve`, or
 * anything speaking PROTOCOL.md), usable wherever an `Env` is. Calls are serialized; each has a
 * timeout, so a dead server gives a `BridgeTimeout` naming the endpoint, never a hang. After a
 * timeout the env stays usable: late replies are recognised by their id and dropped.
 */
import * as zmq from 'zeromq';
import type { Env, EnvMetadata, RenderFrame, ResetArgs, ResetResult, StepResult } from '../env.js';
import { InvalidAction, ResetNeeded } from '../errors.js';
import { spaceFromJSON } from '../spaces/from-json.js';
import type { Space } from '../spaces/space.js';
import { decodeMessage, DEFAULT_LIMITS, encodeMessage, unwrapArrays } from './codec.js';
import { checkZ85Key, curveKeyPair, type CurveClientOptions } from './curve.js';
import { BridgeClosed, BridgeTimeout, ProtocolError, RemoteError } from './errors.js';
import { parseReply, PROTOCOL_VERSION, type Method } from './messages.js';
import { metadataFromWire } from './server-methods.js';
import { frameFromWire, valueFromWire, valueToWire } from './space-values.js';

export interface RemoteEnvOptions {
  /** Milliseconds to wait for each reply (and for `connect`'s handshake); default 30 000. */
  timeoutMs?: number;
  /** CURVE: the server's public key, and this client's key pair (generated when omitted). */
  curve?: CurveClientOptions;
  /** Cap on a reply's size; default 1 GiB. */
  maxMessageBytes?: number;
}

interface SpecResult {
  protocol: unknown;
  observation_space: unknown;
  action_space: unknown;
  metadata: unknown;
  render_mode: unknown;
  env_id: unknown;
}

export class RemoteEnv<Obs = unknown, Act = unknown> implements Env<Obs, Act> {
  readonly observationSpace: Space<Obs>;
  readonly actionSpace: Space<Act>;
  readonly metadata: EnvMetadata;
  readonly renderMode: string | undefined;
  /** The name the server reports (`env_id`). */
  readonly remoteEnvId: string | undefined;
  private closed = false;
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly endpoint: string,
    private readonly socket: zmq.Dealer,
    private readonly link: RequestLink,
    spec: SpecResult,
  ) {
    this.observationSpace = spaceFromJSON(
      spec.observation_space,
      'observation_space',
    ) as Space<Obs>;
    this.actionSpace = spaceFromJSON(spec.action_space, 'action_space') as Space<Act>;
    this.metadata = metadataFromWire(spec.metadata);
    this.renderMode = typeof spec.render_mode === 'string' ? spec.render_mode : undefined;
    this.remoteEnvId = typeof spec.env_id === 'string' ? spec.env_id : undefined;
  }

  /**
   * Connects and fetches the env's spec (the handshake: protocol version, spaces, metadata). The
   * server creates this client's env now. Rejects with BridgeTimeout if nothing answers.
   */
  static async connect<Obs = unknown, Act = unknown>(
    endpoint: string,
    options: RemoteEnvOptions = {},
  ): Promise<RemoteEnv<Obs, Act>> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    if (!(timeoutMs > 0))
      throw new RangeError(`RemoteEnv: timeoutMs must be > 0, got ${timeoutMs}`);
    const maxMessageBytes = options.maxMessageBytes ?? 2 ** 30;
    // The per-frame cap makes libzmq drop a runaway reply before reading it (the call times out).
    const socket = new zmq.Dealer({
      linger: 0,
      sendTimeout: timeoutMs,
      receiveTimeout: timeoutMs,
      maxMessageSize: Math.min(maxMessageBytes, 2 ** 31 - 1),
    });
    try {
      if (options.curve) {
        const c = options.curve;
        const own =
          c.publicKey && c.secretKey
            ? { publicKey: c.publicKey, secretKey: c.secretKey }
            : curveKeyPair();
        socket.curveServerKey = checkZ85Key(c.serverKey, 'curve.serverKey');
        socket.curvePublicKey = checkZ85Key(own.publicKey, 'curve.publicKey');
        socket.curveSecretKey = checkZ85Key(own.secretKey, 'curve.secretKey');
      }
      socket.connect(endpoint);
    } catch (err) {
      socket.close();
      if (err instanceof TypeError) throw err;
      throw new TypeError(
        `RemoteEnv: cannot connect to ${JSON.stringify(endpoint)} (${(err as Error).message}); ` +
          'endpoints look like tcp://127.0.0.1:5555 or ipc:///tmp/env.sock',
      );
    }
    const link = new RequestLink(socket, endpoint, timeoutMs, maxMessageBytes);
    try {
      const spec = (await link.call('spec', {}, true)) as SpecResult;
      if (spec?.protocol !== PROTOCOL_VERSION) {
        throw new ProtocolError(
          'UnsupportedVersion',
          `server at ${endpoint} speaks protocol ${JSON.stringify(spec?.protocol)}, this client ${PROTOCOL_VERSION}`,
        );
      }
      return new RemoteEnv<Obs, Act>(endpoint, socket, link, spec);
    } catch (err) {
      socket.close();
      throw err;
    }
  }

  /** Runs calls one after another, as an env is used (a caller that forgets to await still works). */
  private serial<T>(f: () => Promise<T>): Promise<T> {
    const next = this.chain.then(f, f);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private call(method: Method, params: Record<string, unknown>): Promise<unknown> {
    if (this.closed)
      return Promise.reject(new BridgeClosed(`RemoteEnv(${this.endpoint}) is closed`));
    return this.serial(() => this.link.call(method, params));
  }

  async reset(args: ResetArgs = {}): Promise<ResetResult<Obs>> {
    const params: Record<string, unknown> = {};
    if (args.seed !== undefined) params.seed = args.seed;
    if (args.options !== undefined) params.options = args.options;
    const r = (await this.call('reset', params)) as { obs: unknown; info: unknown };
    return [this.obsFromWire(r?.obs), infoFromWire(r?.info)];
  }

  async step(action: Act): Promise<StepResult<Obs>> {
    const r = (await this.call('step', {
      action: valueToWire(this.actionSpace, action),
    })) as Record<string, unknown>;
    if (
      typeof r?.reward !== 'number' ||
      typeof r.terminated !== 'boolean' ||
      typeof r.truncated !== 'boolean'
    ) {
      throw new ProtocolError(
        'BadRequest',
        `malformed step reply from ${this.endpoint}: ${JSON.stringify(unwrapArrays(r))?.slice(0, 200)}`,
      );
    }
    return [this.obsFromWire(r.obs), r.reward, r.terminated, r.truncated, infoFromWire(r.info)];
  }

  async render(): Promise<RenderFrame> {
    const r = (await this.call('render', {})) as { frame: unknown };
    return frameFromWire(r?.frame);
  }

  /** Ends the session (the server closes its env) and the socket; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.serial(async () => {
      try {
        await this.link.call('close', {}, false, Math.min(this.link.timeoutMs, 2000));
      } catch {
        // the server is gone or unhappy: closing our side is all that is left to do
      } finally {
        this.socket.close();
      }
    });
  }

  private obsFromWire(v: unknown): Obs {
    try {
      return valueFromWire(this.observationSpace, v, 'obs') as Obs;
    } catch (err) {
      throw new ProtocolError(
        'BadRequest',
        `bad observation from ${this.endpoint}: ${(err as Error).message}`,
      );
    }
  }

  toString(): string {
    return `RemoteEnv(${this.endpoint}${this.remoteEnvId ? `, ${this.remoteEnvId}` : ''})`;
  }
}

function infoFromWire(x: unknown): Record<string, unknown> {
  const info = unwrapArrays(x);
  return typeof info === 'object' && info !== null && !Array.isArray(info)
    ? (info as Record<string, unknown>)
    : {};
}

/** One outstanding request at a time over a DEALER socket, matched to its reply by id. */
class RequestLink {
  private nextId = 1;

  constructor(
    private readonly socket: zmq.Dealer,
    private readonly endpoint: string,
    readonly timeoutMs: number,
    private readonly maxMessageBytes: number,
  ) {}

  async call(
    method: Method,
    params: Record<string, unknown>,
    withVersion = false,
    timeoutMs = this.timeoutMs,
  ): Promise<unknown> {
    const id = this.nextId++;
    const header: Record<string, unknown> = { id, method, params };
    if (withVersion) header.v = PROTOCOL_VERSION;
    const deadline = Date.now() + timeoutMs;
    const timeout = () =>
      new BridgeTimeout(
        `no reply from ${this.endpoint} to ${method} (id ${id}) within ${timeoutMs} ms; is the server running ` +
          'and reachable (and are the CURVE keys right)?' +
          (method === 'spec' ? '' : ' The env stays usable: late replies are dropped.'),
      );
    try {
      this.socket.sendTimeout = timeoutMs;
      await this.socket.send(encodeMessage(header));
    } catch (err) {
      if (isAgain(err)) throw timeout();
      throw err;
    }
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw timeout();
      let frames: Buffer[];
      try {
        this.socket.receiveTimeout = remaining;
        frames = await this.socket.receive();
      } catch (err) {
        if (isAgain(err)) throw timeout();
        throw err;
      }
      let reply;
      try {
        reply = parseReply(
          decodeMessage(frames, { ...DEFAULT_LIMITS, maxMessageBytes: this.maxMessageBytes }),
        );
      } catch (err) {
        throw new ProtocolError(
          'BadRequest',
          `malformed reply from ${this.endpoint}: ${(err as Error).message}`,
        );
      }
      // A reply with another id answers a request that already timed out: drop it. An error
      // without id is about a message the server could not read, i.e. ours.
      if (reply.id !== id && !(reply.id === null && reply.error)) continue;
      if (reply.error) {
        const { type, message } = reply.error;
        if (type === 'ResetNeeded') throw new ResetNeeded(`remote env: ${message}`);
        if (type === 'InvalidAction') throw new InvalidAction(`remote env: ${message}`);
        throw new RemoteError(type, `${this.endpoint} ${method}: ${type}: ${message}`);
      }
      return reply.result;
    }
  }
}

function isAgain(err: unknown): boolean {
  return (err as { code?: string })?.code === 'EAGAIN';
}
