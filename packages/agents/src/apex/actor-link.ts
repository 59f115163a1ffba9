/**
 * The actor's side of the Ape-X transport: a ZeroMQ DEALER connected to the learner's ROUTER.
 * Requests may overlap (experience batches in flight while parameters are fetched); replies are
 * matched by id. Every request has a timeout, so a dead learner shows up as a `BridgeTimeout`
 * rather than a hang; the actor then opens a fresh link (dropping whatever the old socket had
 * queued) and says hello again.
 */
import * as zmq from 'zeromq';
import {
  BridgeClosed,
  BridgeTimeout,
  curveKeyPair,
  decodeMessage,
  encodeMessage,
  type CurveClientOptions,
} from '@coordconv/gym';
import type { ApexErrorType } from './protocol.js';

/** The learner answered with an error. */
export class ApexRemoteError extends Error {
  override name = 'ApexRemoteError';
  constructor(
    readonly type: ApexErrorType | string,
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export interface ActorLinkOptions {
  /** CURVE: the learner's public key (and optionally this actor's key pair). */
  curve?: CurveClientOptions;
  /** Default reply timeout (ms). */
  timeoutMs?: number;
  /** Cap on a reply's size (the parameters); default 1 GiB. */
  maxMessageBytes?: number;
}

export class ActorLink {
  private readonly socket: zmq.Dealer;
  private readonly pending = new Map<number, Pending>();
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private nextId = 1;
  private closed = false;
  private sending: Promise<void> = Promise.resolve();
  private readonly loop: Promise<void>;

  constructor(
    readonly endpoint: string,
    options: ActorLinkOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxBytes = options.maxMessageBytes ?? 2 ** 30;
    this.socket = new zmq.Dealer({
      linger: 0,
      sendTimeout: this.timeoutMs,
      maxMessageSize: Math.min(this.maxBytes, 2 ** 31 - 1),
    });
    try {
      if (options.curve) {
        const c = options.curve;
        const own =
          c.publicKey && c.secretKey
            ? { publicKey: c.publicKey, secretKey: c.secretKey }
            : curveKeyPair();
        this.socket.curveServerKey = c.serverKey;
        this.socket.curvePublicKey = own.publicKey;
        this.socket.curveSecretKey = own.secretKey;
      }
      this.socket.connect(endpoint);
    } catch (err) {
      this.socket.close();
      throw new TypeError(
        `apex actor: cannot connect to ${JSON.stringify(endpoint)} (${(err as Error).message}); endpoints look like tcp://HOST:5600, and CURVE keys are 40-character Z85 strings`,
      );
    }
    this.loop = this.receiveLoop();
  }

  /** Sends `header` (with a fresh id) and resolves with the reply's `ok` value. */
  request(header: Record<string, unknown>, timeoutMs = this.timeoutMs): Promise<unknown> {
    if (this.closed)
      return Promise.reject(new BridgeClosed(`apex actor link to ${this.endpoint} is closed`));
    const id = this.nextId++;
    const frames = encodeMessage({ ...header, id });
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new BridgeTimeout(
            `no reply from the learner at ${this.endpoint} within ${timeoutMs} ms (${String(header.type)})`,
          ),
        );
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.sending = this.sending
        .then(() => this.socket.send(frames))
        .catch((err: Error) =>
          this.settle(
            id,
            undefined,
            new BridgeTimeout(`cannot send to ${this.endpoint}: ${err.message}`),
          ),
        );
    });
  }

  private settle(id: number, value: unknown, err?: Error): void {
    const p = this.pending.get(id);
    if (!p) return; // a late reply to a request that timed out
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (err) p.reject(err);
    else p.resolve(value);
  }

  private async receiveLoop(): Promise<void> {
    try {
      for await (const frames of this.socket) {
        let reply: Record<string, unknown>;
        try {
          reply = decodeMessage(frames, {
            maxMessageBytes: this.maxBytes,
            maxDataFrames: 4096,
            maxDepth: 16,
          }) as Record<string, unknown>;
        } catch {
          continue; // not a reply we can read: its request will time out
        }
        if (typeof reply !== 'object' || reply === null || typeof reply.id !== 'number') continue;
        const error = reply.error as { type?: unknown; message?: unknown } | undefined;
        if (error) {
          this.settle(
            reply.id,
            undefined,
            new ApexRemoteError(String(error.type), String(error.message)),
          );
        } else {
          this.settle(reply.id, reply.ok);
        }
      }
    } catch {
      // socket closed
    }
  }

  /** Closes the socket; pending requests fail with BridgeClosed. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [id] of this.pending)
      this.settle(id, undefined, new BridgeClosed('apex actor link closed'));
    this.socket.close();
    await this.loop;
  }
}
