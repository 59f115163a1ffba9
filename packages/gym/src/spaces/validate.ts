/**
 * Checks for space parameters and their JSON forms. Every failure throws `InvalidSpace` naming
 * the field path (e.g. `observationSpace.spaces.pos.low[3]`), the value received and what is
 * allowed.
 */
import { InvalidSpace, describeValue } from '../errors.js';

export function fail(path: string, expected: string, got: unknown): never {
  throw new InvalidSpace(`${path} must be ${expected}, got ${describeValue(got)}`);
}

export function expectRecord(x: unknown, path: string): Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) fail(path, 'an object', x);
  return x as Record<string, unknown>;
}

export function expectInt(x: unknown, path: string, min = -Infinity): number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < min) {
    fail(path, min === -Infinity ? 'an integer' : `an integer >= ${min}`, x);
  }
  return x;
}

export function expectArray(x: unknown, path: string): unknown[] {
  if (!Array.isArray(x)) fail(path, 'an array', x);
  return x;
}

export function expectIntArray(x: unknown, path: string, min = -Infinity): number[] {
  if (ArrayBuffer.isView(x)) x = Array.from(x as unknown as ArrayLike<number>);
  return expectArray(x, path).map((v, i) => expectInt(v, `${path}[${i}]`, min));
}

export function expectShape(x: unknown, path: string): number[] {
  return expectIntArray(x, path, 0);
}

/** Rejects JSON fields that the space type does not define (catches typos like `hihg`). */
export function expectOnlyKeys(
  obj: Record<string, unknown>,
  allowed: string[],
  path: string,
): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw new InvalidSpace(
        `${path} has unknown field ${JSON.stringify(key)}; allowed fields: ${allowed.join(', ')}`,
      );
    }
  }
}
