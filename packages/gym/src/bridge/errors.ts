/**
 * Errors of the ZeroMQ bridge. `type` is the protocol's error type (PROTOCOL.md section 4), so a
 * caller can branch on it; the client-only conditions (`Timeout`, `Closed`) never travel.
 */
import { GymError } from '../errors.js';

/** Error types a server puts in `{error: {type}}` replies. */
export const WIRE_ERROR_TYPES = [
  'BadRequest',
  'MessageTooLarge',
  'UnsupportedVersion',
  'UnknownMethod',
  'OutOfOrder',
  'TooManyClients',
  'Busy',
  'ResetNeeded',
  'InvalidAction',
  'NotSupported',
  'EnvError',
  'ServerClosing',
] as const;
export type WireErrorType = (typeof WIRE_ERROR_TYPES)[number];

/** Every bridge error type: the wire ones plus the client-side `Timeout` and `Closed`. */
export type BridgeErrorType = WireErrorType | 'Timeout' | 'Closed';

export function isWireErrorType(x: unknown): x is WireErrorType {
  return typeof x === 'string' && (WIRE_ERROR_TYPES as readonly string[]).includes(x);
}

/** Base class of bridge errors; `type` names the condition. */
export class BridgeError extends GymError {
  override name = 'BridgeError';
  constructor(
    readonly type: BridgeErrorType,
    message: string,
  ) {
    super(message);
  }
}

/** A malformed or unacceptable message; the server turns it into an error reply. */
export class ProtocolError extends BridgeError {
  override name = 'ProtocolError';
  constructor(type: WireErrorType, message: string) {
    super(type, message);
  }
}

/** The server answered a request with an error. */
export class RemoteError extends BridgeError {
  override name = 'RemoteError';
}

/** No reply within the client's timeout (server dead or unreachable, or CURVE refused). */
export class BridgeTimeout extends BridgeError {
  override name = 'BridgeTimeout';
  constructor(message: string) {
    super('Timeout', message);
  }
}

/** The client was closed (by `close()`, or after an unrecoverable socket error). */
export class BridgeClosed extends BridgeError {
  override name = 'BridgeClosed';
  constructor(message: string) {
    super('Closed', message);
  }
}
