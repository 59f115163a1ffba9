/**
 * Request and reply headers (PROTOCOL.md 2.1, 2.2, 3): their shapes, and validation that turns
 * anything a peer could send into either a well-typed message or a ProtocolError.
 */
import { isWireErrorType, ProtocolError, type WireErrorType } from './errors.js';

/** The protocol version this implementation speaks. */
export const PROTOCOL_VERSION = 1;
export const SUPPORTED_VERSIONS: readonly number[] = [PROTOCOL_VERSION];

export const METHODS = ['spec', 'reset', 'step', 'render', 'close'] as const;
export type Method = (typeof METHODS)[number];

export interface Request {
  id: number;
  method: Method;
  params: Record<string, unknown>;
  /** Protocol version the client speaks, when it says. */
  v?: number;
}

export interface ErrorBody {
  type: WireErrorType;
  message: string;
}

export type Reply =
  | { id: number | null; result: unknown; error?: undefined }
  | { id: number | null; error: ErrorBody; result?: undefined };

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function isValidId(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

/** The request id if the header carries a valid one (to address an error reply), else null. */
export function requestIdOf(header: unknown): number | null {
  return isPlainObject(header) && isValidId(header.id) ? header.id : null;
}

/** Validates a decoded request header. */
export function parseRequest(header: unknown): Request {
  if (!isPlainObject(header)) {
    throw new ProtocolError(
      'BadRequest',
      `the header must be a JSON object, got ${describe(header)}`,
    );
  }
  const { id, method, params, v } = header;
  if (!isValidId(id)) {
    throw new ProtocolError(
      'BadRequest',
      `"id" must be an integer in [0, 2^53 - 1], got ${describe(id)}`,
    );
  }
  if (v !== undefined && !SUPPORTED_VERSIONS.includes(v as number)) {
    throw new ProtocolError(
      'UnsupportedVersion',
      `protocol version ${describe(v)} is not supported; this server speaks ${SUPPORTED_VERSIONS.join(', ')}`,
    );
  }
  if (typeof method !== 'string') {
    throw new ProtocolError('BadRequest', `"method" must be a string, got ${describe(method)}`);
  }
  if (!(METHODS as readonly string[]).includes(method)) {
    throw new ProtocolError(
      'UnknownMethod',
      `unknown method ${describe(method)}; methods: ${METHODS.join(', ')}`,
    );
  }
  if (params !== undefined && params !== null && !isPlainObject(params)) {
    throw new ProtocolError(
      'BadRequest',
      `"params" must be a JSON object, got ${describe(params)}`,
    );
  }
  const req: Request = {
    id,
    method: method as Method,
    params: (params as Record<string, unknown>) ?? {},
  };
  if (v !== undefined) req.v = v as number;
  return req;
}

/** Validates a decoded reply header (client side). Malformed replies are a BadRequest too. */
export function parseReply(header: unknown): Reply {
  if (!isPlainObject(header))
    throw new ProtocolError('BadRequest', `reply is not a JSON object: ${describe(header)}`);
  const id = header.id;
  if (id !== null && !isValidId(id))
    throw new ProtocolError('BadRequest', `reply has a bad "id": ${describe(id)}`);
  if ('error' in header && header.error !== undefined) {
    const e = header.error;
    if (!isPlainObject(e) || typeof e.message !== 'string') {
      throw new ProtocolError(
        'BadRequest',
        `reply "error" must be {type, message}, got ${describe(e)}`,
      );
    }
    // Unknown error types from a newer server still surface, as EnvError with the type named.
    const type = isWireErrorType(e.type) ? e.type : 'EnvError';
    const message = isWireErrorType(e.type) ? e.message : `${String(e.type)}: ${e.message}`;
    return { id, error: { type, message } };
  }
  if (!('result' in header))
    throw new ProtocolError('BadRequest', 'reply has neither "result" nor "error"');
  return { id, result: header.result };
}

/** Short JSON-ish rendering for error messages. */
export function describe(x: unknown): string {
  if (x === undefined) return 'nothing';
  try {
    const s = JSON.stringify(x);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(x);
  }
}
