// The ZeroMQ bridge (PROTOCOL.md): serve an env, or use a served one as an Env.
export { serveEnv } from './server.js';
export type { ServeOptions, EnvServer, ServeEnvFactory, SessionInfo } from './server.js';
export { RemoteEnv } from './remote-env.js';
export type { RemoteEnvOptions } from './remote-env.js';
export { makeRemoteEnv } from './remote-env-factory.js';
export type { RemoteEnvSpec } from './remote-env-factory.js';
export { curveKeyPair } from './curve.js';
export type { CurveServerOptions, CurveClientOptions, CurveKeyPair } from './curve.js';
export {
  BridgeError,
  BridgeTimeout,
  BridgeClosed,
  RemoteError,
  ProtocolError,
  WIRE_ERROR_TYPES,
} from './errors.js';
export type { WireErrorType, BridgeErrorType } from './errors.js';
export { encodeMessage, decodeMessage, WireArray, DEFAULT_MAX_MESSAGE_BYTES } from './codec.js';
export type { DecodeLimits } from './codec.js';
export { PROTOCOL_VERSION } from './messages.js';
export { isLoopbackEndpoint } from './endpoint.js';
