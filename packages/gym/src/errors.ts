/**
 * Named domain errors, as in gymnasium.error. Messages say what was expected and what was
 * received, so a user can fix the call without reading the source.
 */

/** Base class of every error thrown by @coordconv/gym. */
export class GymError extends Error {
  override name = 'GymError';
}

/** `step()` (or `render()`) was called before the first `reset()`. */
export class ResetNeeded extends GymError {
  override name = 'ResetNeeded';
}

/** An action is not an element of the action space. */
export class InvalidAction extends GymError {
  override name = 'InvalidAction';
}

/** A space was constructed with, or deserialized from, invalid parameters. */
export class InvalidSpace extends GymError {
  override name = 'InvalidSpace';
}

/** The env was used after `close()`. */
export class ClosedEnvironment extends GymError {
  override name = 'ClosedEnvironment';
}

/** A render mode the env does not support, or `render()` without a render mode. */
export class UnsupportedRenderMode extends GymError {
  override name = 'UnsupportedRenderMode';
}

/** An env failed one of the `checkEnv` checks; `check` names it. */
export class EnvCheckError extends GymError {
  override name = 'EnvCheckError';
  constructor(
    readonly check: string,
    message: string,
  ) {
    super(`${check}: ${message}`);
  }
}

/** A vector env's worker failed; `envIndex` names the sub-env when known. */
export class VectorEnvError extends GymError {
  override name = 'VectorEnvError';
  constructor(
    message: string,
    readonly envIndex?: number,
    readonly remoteName?: string,
    readonly remoteStack?: string,
  ) {
    super(message);
  }
}

/** An `AsyncVectorEnv` call did not finish within its timeout. */
export class VectorEnvTimeout extends VectorEnvError {
  override name = 'VectorEnvTimeout';
}

/** Formats a value for an error message: short, and readable for typed arrays. */
export function describeValue(x: unknown, maxItems = 8): string {
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
    const arr = x as unknown as ArrayLike<number>;
    const items = Array.from({ length: Math.min(arr.length, maxItems) }, (_, i) => arr[i]);
    const more = arr.length > maxItems ? `, ... (${arr.length} items)` : '';
    return `${x.constructor.name}[${items.join(', ')}${more}]`;
  }
  if (typeof x === 'bigint') return `${x}n`;
  if (typeof x === 'string') return JSON.stringify(x);
  if (x === undefined) return 'undefined';
  if (typeof x === 'function') return `function ${x.name || '(anonymous)'}`;
  try {
    const s = JSON.stringify(x);
    if (s === undefined) return String(x);
    return s.length > 200 ? `${s.slice(0, 197)}...` : s;
  } catch {
    return String(x);
  }
}
