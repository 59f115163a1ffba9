/**
 * The learner's side of the Ape-X transport: one ZeroMQ ROUTER that actors (DEALERs, any
 * number, joining and leaving at any time) talk to; see protocol.ts for the messages. Each
 * message is decoded and validated synchronously as it arrives, so a malformed one is
 * rejected and counted and the loop goes on; experience that passes goes to `onExperience`
 * (the replay insert). Loopback endpoints by default; anything else only with `allowRemote`.
 */
import { randomBytes } from 'node:crypto';
import * as zmq from 'zeromq';
import {
  decodeMessage,
  encodeMessage,
  isLoopbackEndpoint,
  DEFAULT_MAX_MESSAGE_BYTES,
  type CurveServerOptions,
} from '@coordconv/gym';
import { actorEpsilon } from './config.js';
import {
  APEX_PROTOCOL_VERSION,
  type ActorSpec,
  type ApexErrorType,
  type WelcomeReply,
} from './protocol.js';
import {
  RejectedBatch,
  validateExperience,
  type ExperienceExpectations,
  type RejectReason,
  type ValidExperience,
} from './validate-experience.js';

export interface ApexServerOptions {
  /** e.g. `tcp://127.0.0.1:5600`, `tcp://127.0.0.1:*` (free port), `ipc:///tmp/apex.sock`. */
  endpoint: string;
  /** Needed for endpoints other machines can reach (`tcp://0.0.0.0:5600`). */
  allowRemote?: boolean;
  /** CURVE: encryption, and the server's identity for actors that hold its public key. */
  curve?: CurveServerOptions;
  /** The spec a joining actor gets (its seed may depend on the join count). */
  actorSpec(joinCount: number): ActorSpec;
  /** N of the epsilon schedule, and its base and exponent. */
  epsilonSlots: number;
  epsilonBase: number;
  epsilonExponent: number;
  expectations: ExperienceExpectations;
  /** A validated batch from actor session `session`. */
  onExperience(batch: ValidExperience, session: string): void;
  /**
   * Rate limiting (Acme/Reverb's samples-per-insert idea): while this returns true, the
   * acknowledgements of accepted experience are held back (the data is already in replay), so
   * actors, which keep at most `maxInFlight` batches unacknowledged, pause. `releaseHeld()`
   * sends them once it returns false; an acknowledgement is never held longer than
   * `maxHoldMs`, so a slow learner cannot make actors time out.
   */
  throttle?: () => boolean;
  /** Longest hold of an acknowledgement (ms, default 10 000). */
  maxHoldMs?: number;
  /** The newest published parameters: version and encoded reply (see `encodeParams`). */
  params(): PublishedParams | undefined;
  /** An actor silent this long no longer holds its epsilon slot (default 60 s). */
  actorTimeoutMs?: number;
  maxMessageBytes?: number;
  log?: (message: string) => void;
}

/** Parameters encoded once per version: frame 0 without the request id, and the data frames. */
export interface PublishedParams {
  version: number;
  okJson: string;
  dataFrames: Buffer[];
}

/** Encodes `{version, weights}` once, for every actor that asks for this version. */
export function encodeParams(version: number, weights: readonly unknown[]): PublishedParams {
  const frames = encodeMessage({ ok: { version, weights } });
  const json = frames[0]!.toString('utf8'); // {"ok":{...}}
  return { version, okJson: json.slice('{"ok":'.length, -1), dataFrames: frames.slice(1) };
}

interface ActorSession {
  session: string;
  index: number;
  lastSeen: number;
  label: string;
}

export interface ApexServerStats {
  hellos: number;
  acceptedBatches: number;
  acceptedTransitions: number;
  rejectedBatches: number;
  rejectedByReason: Partial<Record<RejectReason, number>>;
  paramsSent: number;
}

export class ApexServer {
  endpoint: string;
  readonly stats: ApexServerStats = {
    hellos: 0,
    acceptedBatches: 0,
    acceptedTransitions: 0,
    rejectedBatches: 0,
    rejectedByReason: {},
    paramsSent: 0,
  };
  private readonly socket: zmq.Router;
  private readonly sessions = new Map<string, ActorSession>();
  private readonly runId = randomBytes(6).toString('hex');
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly log: (m: string) => void;
  private sending: Promise<void> = Promise.resolve();
  private loop: Promise<void> | undefined;
  private closing = false;
  private joins = 0;
  private held: { route: Buffer; header: unknown; since: number }[] = [];

  private constructor(private readonly options: ApexServerOptions) {
    this.endpoint = options.endpoint;
    if (!isLoopbackEndpoint(options.endpoint) && !options.allowRemote) {
      throw new Error(
        `refusing to listen on ${options.endpoint}: other machines can reach it. Use tcp://127.0.0.1:PORT, or pass --listen explicitly for distributed mode (preferably with CURVE keys)`,
      );
    }
    if (!isLoopbackEndpoint(options.endpoint) && !options.curve) {
      process.stderr.write(
        `apex: warning: listening on ${options.endpoint} without CURVE: anyone who reaches it can send experience\n`,
      );
    }
    this.timeoutMs = options.actorTimeoutMs ?? 60_000;
    this.maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.log = options.log ?? (() => {});
    this.socket = new zmq.Router({ linger: 0, maxMessageSize: this.maxBytes + 2 ** 20 });
    if (options.curve) {
      this.socket.curveServer = true;
      this.socket.curveSecretKey = options.curve.secretKey;
    }
  }

  /** Binds and starts serving. */
  static async start(options: ApexServerOptions): Promise<ApexServer> {
    const server = new ApexServer(options);
    try {
      await server.socket.bind(options.endpoint);
    } catch (err) {
      server.socket.close();
      throw new Error(`apex learner: cannot bind ${options.endpoint}: ${(err as Error).message}`);
    }
    server.endpoint = server.socket.lastEndpoint ?? options.endpoint;
    server.loop = server.receiveLoop();
    return server;
  }

  /** Actors heard from within the actor timeout. */
  get activeActors(): number {
    const now = Date.now();
    let n = 0;
    for (const s of this.sessions.values()) if (now - s.lastSeen <= this.timeoutMs) n++;
    return n;
  }

  private async receiveLoop(): Promise<void> {
    try {
      for await (const frames of this.socket) this.onMessage(frames);
    } catch (err) {
      if (!this.closing) this.log(`apex learner: receive loop stopped: ${(err as Error).message}`);
    }
  }

  private onMessage(frames: Buffer[]): void {
    const route = frames[0]!;
    let header: Record<string, unknown>;
    try {
      const decoded = decodeMessage(frames.slice(1), {
        maxMessageBytes: this.maxBytes,
        maxDataFrames: 16 + 64,
        maxDepth: 16,
      });
      if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded))
        throw new Error('a message must be a JSON object');
      header = decoded as Record<string, unknown>;
    } catch (err) {
      this.countReject('decode', (err as Error).message);
      this.replyError(route, null, 'BadRequest', (err as Error).message);
      return;
    }
    const id = typeof header.id === 'number' ? header.id : null;
    if (this.closing) return this.replyError(route, id, 'ServerClosing', 'the learner is stopping');
    switch (header.type) {
      case 'hello':
        return this.onHello(route, id, header);
      case 'experience':
        return this.onExperience(route, id, header);
      case 'params':
        return this.onParams(route, id, header);
      case 'bye': {
        const s = this.sessionOf(header);
        if (s) this.sessions.delete(s.session);
        return this.reply(route, { id, ok: {} });
      }
      default:
        this.countReject('fields', `unknown message type ${JSON.stringify(header.type)}`);
        return this.replyError(
          route,
          id,
          'BadRequest',
          `unknown message type ${JSON.stringify(header.type)}; expected hello, experience, params or bye`,
        );
    }
  }

  private sessionOf(header: Record<string, unknown>): ActorSession | undefined {
    const s = typeof header.session === 'string' ? this.sessions.get(header.session) : undefined;
    if (s) s.lastSeen = Date.now();
    return s;
  }

  private onHello(route: Buffer, id: number | null, header: Record<string, unknown>): void {
    if (header.protocol !== APEX_PROTOCOL_VERSION) {
      return this.replyError(
        route,
        id,
        'UnsupportedVersion',
        `this learner speaks Ape-X protocol ${APEX_PROTOCOL_VERSION}, the actor ${JSON.stringify(header.protocol)}`,
      );
    }
    this.stats.hellos++;
    const { epsilonSlots: n, epsilonBase, epsilonExponent } = this.options;
    // The lowest epsilon slot no live actor holds; all taken: round robin.
    const now = Date.now();
    const held = new Set<number>();
    for (const [key, s] of this.sessions) {
      if (now - s.lastSeen > this.timeoutMs) this.sessions.delete(key);
      else held.add(s.index);
    }
    let index = 0;
    while (index < n && held.has(index)) index++;
    if (index >= n) index = this.joins % n;
    const join = this.joins++;
    const session = `${this.runId}-${join}`;
    const label = typeof header.actor === 'string' ? header.actor.slice(0, 200) : '?';
    this.sessions.set(session, { session, index, lastSeen: now, label });
    const epsilon = actorEpsilon(index, n, epsilonBase, epsilonExponent);
    this.log(
      `apex learner: actor ${label} joined as ${index} of ${n} (epsilon ${epsilon.toPrecision(3)})`,
    );
    const ok: WelcomeReply = {
      session,
      actorIndex: index,
      epsilon,
      spec: this.options.actorSpec(join),
      version: this.options.params()?.version ?? -1,
    };
    this.reply(route, { id, ok });
  }

  private onExperience(route: Buffer, id: number | null, header: Record<string, unknown>): void {
    const s = this.sessionOf(header);
    if (!s) {
      // Not malformed: a learner restart forgets sessions; the actor says hello again.
      return this.replyError(route, id, 'UnknownSession', 'unknown session: say hello again');
    }
    let batch: ValidExperience;
    try {
      batch = validateExperience(header, this.options.expectations);
    } catch (err) {
      const reason = err instanceof RejectedBatch ? err.reason : 'fields';
      this.countReject(reason, `from ${s.label}: ${(err as Error).message}`);
      return this.replyError(route, id, 'Rejected', (err as Error).message);
    }
    this.options.onExperience(batch, s.session);
    this.stats.acceptedBatches++;
    this.stats.acceptedTransitions += batch.count;
    const ack = {
      id,
      ok: { accepted: batch.count, version: this.options.params()?.version ?? -1 },
    };
    if (this.options.throttle?.()) this.held.push({ route, header: ack, since: Date.now() });
    else this.reply(route, ack);
  }

  /** Acknowledgements held back by `throttle`. */
  get heldCount(): number {
    return this.held.length;
  }

  /** Sends held acknowledgements: all once `throttle()` is false, else those held too long. */
  releaseHeld(): void {
    if (this.held.length === 0) return;
    const free = !this.options.throttle?.();
    const oldest = Date.now() - (this.options.maxHoldMs ?? 10_000);
    const keep: typeof this.held = [];
    for (const h of this.held) {
      if (free || h.since <= oldest) this.reply(h.route, h.header);
      else keep.push(h);
    }
    this.held = keep;
  }

  private onParams(route: Buffer, id: number | null, header: Record<string, unknown>): void {
    if (!this.sessionOf(header))
      return this.replyError(route, id, 'UnknownSession', 'unknown session: say hello again');
    const params = this.options.params();
    const have = typeof header.have === 'number' ? header.have : -1;
    if (params === undefined || params.version <= have) {
      return this.reply(route, { id, ok: { version: params?.version ?? -1 } });
    }
    this.stats.paramsSent++;
    const frame0 = Buffer.from(`{"id":${JSON.stringify(id)},"ok":${params.okJson}}`, 'utf8');
    this.sendFrames([route, frame0, ...params.dataFrames]);
  }

  private countReject(reason: RejectReason, message: string): void {
    this.stats.rejectedBatches++;
    const first = this.stats.rejectedByReason[reason] === undefined;
    this.stats.rejectedByReason[reason] = (this.stats.rejectedByReason[reason] ?? 0) + 1;
    // Each reason is logged once; the counts go to the metrics.
    if (first) this.log(`apex learner: rejected a message (${reason}): ${message}`);
  }

  private reply(route: Buffer, header: unknown): void {
    this.sendFrames([route, ...encodeMessage(header)]);
  }

  private replyError(route: Buffer, id: number | null, type: ApexErrorType, message: string): void {
    this.reply(route, { id, error: { type, message } });
  }

  private sendFrames(frames: Buffer[]): void {
    // zeromq.js allows one send at a time per socket; a ROUTER drops messages for gone peers.
    this.sending = this.sending
      .then(() => this.socket.send(frames))
      .catch((err: Error) => this.log(`apex learner: send failed: ${err.message}`));
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const h of this.held) this.reply(h.route, h.header);
    this.held = [];
    await this.sending;
    this.socket.close();
    await this.loop;
  }
}
