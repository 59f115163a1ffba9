/**
 * Which endpoints a server may bind (PROTOCOL.md 1.1): loopback and ipc:// by default, anything
 * reachable from other machines only when the caller says so explicitly.
 */
import { isIP } from 'node:net';

const TCP = /^tcp:\/\/(\[[^\]]*\]|[^:/]*):(\*|\d+)$/;

/** True for ipc://, inproc:// and tcp:// on 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackEndpoint(endpoint: string): boolean {
  if (endpoint.startsWith('ipc://') || endpoint.startsWith('inproc://')) return true;
  const m = TCP.exec(endpoint);
  if (!m) return false;
  const host = m[1]!.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false; // '*', an interface name or a host name
}

/**
 * Throws for a non-loopback endpoint unless `allowRemote`; with `allowRemote` and no CURVE, warns
 * (through `warn`) that anyone who reaches the port can drive the env.
 */
export function checkBindEndpoint(
  endpoint: string,
  options: { allowRemote?: boolean; curve?: boolean; warn?: (message: string) => void } = {},
): void {
  if (typeof endpoint !== 'string' || !endpoint.includes('://')) {
    throw new TypeError(
      `endpoint must look like tcp://127.0.0.1:5555 or ipc:///tmp/env.sock, got ${JSON.stringify(endpoint)}`,
    );
  }
  if (isLoopbackEndpoint(endpoint)) return;
  if (!options.allowRemote) {
    throw new Error(
      `refusing to bind ${endpoint}: it is reachable from other machines. Bind tcp://127.0.0.1:PORT, ` +
        'or pass allowRemote: true (--allow-remote) deliberately, preferably with CURVE keys',
    );
  }
  if (!options.curve) {
    options.warn?.(`serving ${endpoint} without CURVE: anyone who can reach it can drive the env`);
  }
}
