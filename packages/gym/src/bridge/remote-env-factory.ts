/**
 * A RemoteEnv from plain data, for places that build envs from a serializable description (an
 * AsyncVectorEnv worker gets a module + export name + arguments, not a live socket): every
 * sub-env connects its own socket, so each gets its own session and env on the server.
 */
import type { RemoteEnvOptions } from './remote-env.js';
import { RemoteEnv } from './remote-env.js';

/** Everything `makeRemoteEnv` needs; plain JSON, so it can cross a worker boundary. */
export interface RemoteEnvSpec extends RemoteEnvOptions {
  endpoint: string;
}

/** Connects a RemoteEnv described by `spec` (see RemoteEnv.connect). */
export function makeRemoteEnv<Obs = unknown, Act = unknown>(
  spec: RemoteEnvSpec,
): Promise<RemoteEnv<Obs, Act>> {
  if (typeof spec !== 'object' || spec === null || typeof spec.endpoint !== 'string') {
    throw new TypeError(
      `makeRemoteEnv: expected { endpoint: string, timeoutMs?, curve? }, got ${JSON.stringify(spec)}`,
    );
  }
  const { endpoint, ...options } = spec;
  return RemoteEnv.connect<Obs, Act>(endpoint, options);
}
