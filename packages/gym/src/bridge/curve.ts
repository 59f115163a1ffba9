/**
 * CURVE keys and client authentication (PROTOCOL.md 1.2). Keys are Z85 text (40 characters).
 *
 * Client authentication goes through ZAP (RFC 27): libzmq asks the handler bound at
 * `inproc://zeromq.zap.01` in the socket's context about every CURVE handshake. There can be
 * only one handler per context, so this module runs one shared handler for the process (the
 * default zeromq.js context) and keeps a registry: each server with an allow-list gets its own
 * ZAP domain; handshakes for domains it does not know (other CURVE sockets in the process) are
 * accepted, as they would be without a handler.
 */
import * as zmq from 'zeromq';

/** Server side: the server's key pair, and optionally the client public keys it accepts. */
export interface CurveServerOptions {
  /** The server's secret key (Z85). */
  secretKey: string;
  /** The server's public key (Z85); only reported back by `serveEnv`, for convenience. */
  publicKey?: string;
  /** Client public keys (Z85) allowed to connect; omitted = any client that knows the server key. */
  allowedClients?: readonly string[];
}

/** Client side: the server's public key, and the client's own key pair (generated if omitted). */
export interface CurveClientOptions {
  /** The server's public key (Z85). */
  serverKey: string;
  publicKey?: string;
  secretKey?: string;
}

export interface CurveKeyPair {
  publicKey: string;
  secretKey: string;
}

/** A fresh CURVE key pair (Z85). */
export function curveKeyPair(): CurveKeyPair {
  return zmq.curveKeyPair();
}

const Z85_CHARS =
  '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#';
const Z85_INDEX = new Map([...Z85_CHARS].map((c, i) => [c, i]));

/** Throws unless `key` is a 40-character Z85 key; `name` says which option it was. */
export function checkZ85Key(key: unknown, name: string): string {
  if (typeof key !== 'string' || key.length !== 40 || [...key].some((c) => !Z85_INDEX.has(c))) {
    throw new TypeError(
      `${name} must be a 40-character Z85 CURVE key (see curveKeyPair()), got ${JSON.stringify(key)}`,
    );
  }
  return key;
}

/** Z85-encodes bytes whose length is a multiple of 4 (a 32-byte key gives 40 characters). */
export function z85Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4) {
    let v =
      ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
    let chunk = '';
    for (let j = 0; j < 5; j++) {
      chunk = Z85_CHARS[v % 85] + chunk;
      v = Math.floor(v / 85);
    }
    out += chunk;
  }
  return out;
}

interface Registration {
  allowed: ReadonlySet<string>;
  onReject?: (key: string) => void;
}

/** The process-wide ZAP handler: started with the first allow-list, stopped with the last. */
class ZapHandler {
  private socket: zmq.Reply | undefined;
  private loop: Promise<void> | undefined;
  private readonly domains = new Map<string, Registration>();
  private nextDomain = 1;

  async register(reg: Registration): Promise<{ domain: string; release: () => Promise<void> }> {
    if (this.socket === undefined) {
      const socket = new zmq.Reply({ linger: 0 });
      try {
        await socket.bind('inproc://zeromq.zap.01');
      } catch (err) {
        socket.close();
        throw new Error(
          `cannot start the CURVE client check: inproc://zeromq.zap.01 is taken in this process (${(err as Error).message})`,
        );
      }
      this.socket = socket;
      this.loop = this.serve(socket);
    }
    const domain = `coordconv-gym-${process.pid}-${this.nextDomain++}`;
    this.domains.set(domain, reg);
    return { domain, release: () => this.release(domain) };
  }

  private async release(domain: string): Promise<void> {
    if (!this.domains.delete(domain) || this.domains.size > 0 || this.socket === undefined) return;
    const socket = this.socket;
    this.socket = undefined;
    socket.close();
    await this.loop;
  }

  private async serve(socket: zmq.Reply): Promise<void> {
    try {
      for await (const frames of socket) {
        // ZAP request: version, request id, domain, address, identity, mechanism, credentials...
        const [version, requestId, domain, , , mechanism, key] = frames;
        const reg = this.domains.get(domain?.toString() ?? '');
        let ok = true;
        if (reg !== undefined) {
          const z85 = mechanism?.toString() === 'CURVE' && key?.length === 32 ? z85Encode(key) : '';
          ok = reg.allowed.has(z85);
          if (!ok) reg.onReject?.(z85);
        }
        await socket.send([
          version ?? '1.0',
          requestId ?? '',
          ok ? '200' : '400',
          ok ? 'OK' : 'client key not allowed',
          '',
          '',
        ]);
      }
    } catch {
      // closed while receiving or sending: the handler is shutting down
    }
  }
}

export const zapHandler = new ZapHandler();
