/**
 * `serveEnv`: serves an env factory over ZeroMQ (PROTOCOL.md). One ROUTER socket; each client
 * (routing id) gets its own session and env; a session's requests run one at a time in arrival
 * order, sessions run independently. Anything malformed gets an error reply and the loop goes on.
 */
import * as zmq from 'zeromq';
import type { Env } from '../env.js';
import type { MaybePromise } from '../maybe-promise.js';
import { decodeMessage, DEFAULT_LIMITS, encodeMessage, type DecodeLimits } from './codec.js';
import { checkZ85Key, zapHandler, type CurveServerOptions } from './curve.js';
import { checkBindEndpoint } from './endpoint.js';
import { ProtocolError } from './errors.js';
import { parseRequest, requestIdOf, type Request } from './messages.js';
import { runMethod, type Session } from './server-methods.js';

export interface ServeOptions {
  /** Where to bind; default `tcp://127.0.0.1:5555`. `tcp://127.0.0.1:*` picks a free port. */
  endpoint?: string;
  /** Allow a non-loopback endpoint (`tcp://*:5555`, `tcp://0.0.0.0:5555`, a LAN address). */
  allowRemote?: boolean;
  /** CURVE encryption, and client authentication when `allowedClients` is given. */
  curve?: CurveServerOptions;
  /** Cap on a request's total size (all frames); default 64 MiB. */
  maxMessageBytes?: number;
  /** Concurrent sessions; default 64. */
  maxClients?: number;
  /** A session idle this long is closed (its env too); default 10 min. */
  idleTimeoutMs?: number;
  /** Requests a session may have queued before `Busy` errors; default 16. */
  maxQueuedRequests?: number;
  /** Name reported by `spec` as `env_id`. */
  envId?: string;
  /** Session events and non-fatal problems (default: none). Warnings always go to stderr. */
  log?: (message: string) => void;
}

/** What the factory learns about the session it creates an env for. */
export interface SessionInfo {
  /** The client's routing id, hex. */
  clientId: string;
}

export type ServeEnvFactory = (session: SessionInfo) => MaybePromise<Env<unknown, unknown>>;

/** A running server. */
export interface EnvServer {
  /** The bound endpoint (with the real port when `*` was asked for). */
  readonly endpoint: string;
  /** The server's CURVE public key, when CURVE is on and it was given. */
  readonly publicKey: string | undefined;
  /** Open sessions. */
  readonly clientCount: number;
  /** Stops serving, closes every session's env and the socket. Idempotent. */
  close(): Promise<void>;
}

interface ServerSession extends Session {
  lastId: number;
  lastSeen: number;
  pending: number;
  queue: Promise<void>;
}

/** Starts serving `makeEnv` (called once per client session). Resolves once bound. */
export async function serveEnv(
  makeEnv: ServeEnvFactory,
  options: ServeOptions = {},
): Promise<EnvServer> {
  const server = new Server(makeEnv, options);
  await server.start();
  return server;
}

class Server implements EnvServer {
  endpoint: string;
  readonly publicKey: string | undefined;
  private readonly socket: zmq.Router;
  private readonly sessions = new Map<string, ServerSession>();
  private readonly limits: DecodeLimits;
  private readonly maxClients: number;
  private readonly idleTimeoutMs: number;
  private readonly maxQueued: number;
  private readonly log: (message: string) => void;
  private sending: Promise<void> = Promise.resolve();
  private loop: Promise<void> | undefined;
  private sweeper: ReturnType<typeof setInterval> | undefined;
  private releaseZap: (() => Promise<void>) | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly makeEnv: ServeEnvFactory,
    private readonly options: ServeOptions,
  ) {
    this.endpoint = options.endpoint ?? 'tcp://127.0.0.1:5555';
    checkBindEndpoint(this.endpoint, {
      allowRemote: options.allowRemote,
      curve: options.curve !== undefined,
      warn: (m) => process.stderr.write(`@coordconv/gym serveEnv: warning: ${m}\n`),
    });
    const maxBytes = positiveInt(
      options.maxMessageBytes ?? DEFAULT_LIMITS.maxMessageBytes,
      'maxMessageBytes',
    );
    this.limits = { ...DEFAULT_LIMITS, maxMessageBytes: maxBytes };
    this.maxClients = positiveInt(options.maxClients ?? 64, 'maxClients');
    this.idleTimeoutMs = positiveInt(options.idleTimeoutMs ?? 600_000, 'idleTimeoutMs');
    this.maxQueued = positiveInt(options.maxQueuedRequests ?? 16, 'maxQueuedRequests');
    this.log = options.log ?? (() => {});
    // Frames far beyond the cap are dropped by libzmq before they are read (PROTOCOL.md 4.1).
    const transportCap = Math.min(Math.max(4 * maxBytes, maxBytes + 2 ** 20), 2 ** 31 - 1);
    this.socket = new zmq.Router({ linger: 0, maxMessageSize: transportCap });
    if (options.curve) {
      checkZ85Key(options.curve.secretKey, 'curve.secretKey');
      if (options.curve.publicKey !== undefined)
        checkZ85Key(options.curve.publicKey, 'curve.publicKey');
      options.curve.allowedClients?.forEach((k, i) => checkZ85Key(k, `curve.allowedClients[${i}]`));
      this.publicKey = options.curve.publicKey;
    }
  }

  get clientCount(): number {
    return this.sessions.size;
  }

  async start(): Promise<void> {
    const curve = this.options.curve;
    try {
      if (curve) {
        if (curve.allowedClients !== undefined) {
          const reg = await zapHandler.register({
            allowed: new Set(curve.allowedClients),
            onReject: (key) => this.log(`refused a client with CURVE key ${key}`),
          });
          this.releaseZap = reg.release;
          this.socket.zapDomain = reg.domain;
        }
        this.socket.curveServer = true;
        this.socket.curveSecretKey = curve.secretKey;
      }
      await this.socket.bind(this.endpoint);
    } catch (err) {
      this.socket.close();
      await this.releaseZap?.();
      throw new Error(`serveEnv: cannot bind ${this.endpoint}: ${(err as Error).message}`);
    }
    this.endpoint = this.socket.lastEndpoint ?? this.endpoint;
    this.loop = this.receiveLoop();
    this.sweeper = setInterval(() => this.sweepIdle(), Math.min(this.idleTimeoutMs / 4, 30_000));
    this.sweeper.unref();
  }

  private async receiveLoop(): Promise<void> {
    try {
      for await (const frames of this.socket) this.onMessage(frames);
    } catch (err) {
      if (!this.closing) this.log(`receive loop stopped: ${(err as Error).message}`);
    }
  }

  /** Validates and queues one message; synchronous, so arrival order is the queue order. */
  private onMessage(frames: Buffer[]): void {
    const identity = frames[0]!;
    let body = frames.slice(1);
    const envelope: Buffer[] = [];
    if (body.length > 0 && body[0]!.length === 0) {
      envelope.push(body[0]!); // a REQ client's delimiter (PROTOCOL.md 1.3)
      body = body.slice(1);
    }
    const reply = (header: unknown) => this.send([identity, ...envelope], header);
    let request: Request;
    let id: number | null = null;
    try {
      const header = decodeMessage(body, this.limits);
      id = requestIdOf(header);
      request = parseRequest(header);
    } catch (err) {
      reply(errorReply(id, err));
      return;
    }
    if (this.closing) {
      reply({ id, error: { type: 'ServerClosing', message: 'the server is shutting down' } });
      return;
    }
    const key = identity.toString('hex');
    let session = this.sessions.get(key);
    if (session === undefined) {
      if (request.method === 'close') {
        reply({ id, result: { closed: true } });
        return;
      }
      if (this.sessions.size >= this.maxClients) {
        reply({
          id,
          error: {
            type: 'TooManyClients',
            message: `this server already serves ${this.maxClients} clients`,
          },
        });
        return;
      }
      session = {
        clientId: key,
        env: undefined,
        hasReset: false,
        lastId: -1,
        lastSeen: Date.now(),
        pending: 0,
        queue: Promise.resolve(),
      };
      this.sessions.set(key, session);
    }
    session.lastSeen = Date.now();
    if (request.id <= session.lastId) {
      const message = `request id ${request.id} is not greater than the previous id ${session.lastId} of this session (duplicate or reordered request)`;
      reply({ id, error: { type: 'OutOfOrder', message } });
      return;
    }
    session.lastId = request.id;
    if (session.pending >= this.maxQueued) {
      reply({
        id,
        error: {
          type: 'Busy',
          message: `this session already has ${session.pending} queued requests`,
        },
      });
      return;
    }
    const s = session;
    // A close ends the session now, so requests after it start a new one (PROTOCOL.md 1); its
    // env is closed once the requests queued before the close are done.
    if (request.method === 'close') this.sessions.delete(key);
    s.pending++;
    s.queue = s.queue.then(async () => {
      try {
        if (request.method === 'close') {
          await this.closeEnv(s);
          reply({ id, result: { closed: true } });
        } else {
          const result = await runMethod(s, request, {
            makeEnv: this.makeEnv,
            envId: this.options.envId,
            maxMessageBytes: this.limits.maxMessageBytes,
          });
          reply({ id, result });
        }
      } catch (err) {
        reply(errorReply(id, err));
      } finally {
        s.pending--;
        s.lastSeen = Date.now();
      }
    });
  }

  private send(route: Buffer[], header: unknown): void {
    let frames: Buffer[];
    try {
      frames = encodeMessage(header);
    } catch (err) {
      const id = requestIdOf(header);
      frames = encodeMessage({
        id,
        error: { type: 'EnvError', message: `cannot encode the reply: ${(err as Error).message}` },
      });
    }
    // One send at a time on a socket (zeromq.js); a ROUTER send never blocks, it drops for gone peers.
    this.sending = this.sending
      .then(() => this.socket.send([...route, ...frames]))
      .catch((err: Error) => this.log(`send failed: ${err.message}`));
  }

  private async endSession(key: string): Promise<void> {
    const session = this.sessions.get(key);
    if (session === undefined) return;
    this.sessions.delete(key);
    await this.closeEnv(session);
  }

  private async closeEnv(session: ServerSession): Promise<void> {
    const env = session.env;
    session.env = undefined;
    try {
      await (await env)?.close();
    } catch (err) {
      this.log(`session ${session.clientId}: env close failed: ${(err as Error).message}`);
    }
  }

  private sweepIdle(): void {
    const now = Date.now();
    for (const [key, s] of this.sessions) {
      if (s.pending === 0 && now - s.lastSeen > this.idleTimeoutMs) {
        this.log(`session ${key}: idle for ${Math.round((now - s.lastSeen) / 1000)} s, closed`);
        void this.endSession(key);
      }
    }
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    // Let queued requests finish (briefly), so their clients get answers.
    const queues = [...this.sessions.values()].map((s) => s.queue);
    await Promise.race([Promise.all(queues), new Promise((r) => setTimeout(r, 2000).unref())]);
    await this.sending;
    this.socket.close();
    await this.loop;
    await Promise.all([...this.sessions.keys()].map((k) => this.endSession(k)));
    await this.releaseZap?.();
  }
}

function errorReply(id: number | null, err: unknown) {
  if (err instanceof ProtocolError) return { id, error: { type: err.type, message: err.message } };
  const e = err as Error;
  const name = e?.name ?? 'Error';
  if (name === 'ResetNeeded' || name === 'InvalidAction')
    return { id, error: { type: name, message: e.message } };
  if (name === 'UnsupportedRenderMode')
    return { id, error: { type: 'NotSupported', message: e.message } };
  return { id, error: { type: 'EnvError', message: `${name}: ${e?.message ?? String(err)}` } };
}

function positiveInt(x: number, name: string): number {
  if (!Number.isInteger(x) || x < 1)
    throw new RangeError(`serveEnv: ${name} must be a positive integer, got ${x}`);
  return x;
}
