/**
 * Values <-> their wire form for a given space (PROTOCOL.md 2.3): a Box element (a flat
 * row-major typed array) travels as an ndarray with the Box's shape, a Discrete element as a JSON
 * integer, Dict/Tuple element-wise. Decoding converts what arrives into the space's own array
 * type, but never by silently truncating or wrapping a value: such values are left as they came
 * so that `contains()` rejects them.
 */
import type { Image8 } from '@coordconv/common';
import type { RenderFrame } from '../env.js';
import { describeValue } from '../errors.js';
import { Box } from '../spaces/box.js';
import { Dict } from '../spaces/dict.js';
import { Discrete } from '../spaces/discrete.js';
import { allocArray, dtypeOf, INT_DTYPE_RANGE, type BoxDtype } from '../spaces/dtypes.js';
import { MultiDiscrete } from '../spaces/multi-discrete.js';
import type { Space } from '../spaces/space.js';
import { Tuple } from '../spaces/tuple.js';
import { unwrapArrays, WireArray } from './codec.js';
import { isNumericArray } from './dtypes.js';

/** A value of `space` ready for `encodeMessage`. */
export function valueToWire(space: Space<unknown>, v: unknown): unknown {
  if (space instanceof Box) return arrayToWire(v, space.dtype, space.shape);
  if (space instanceof MultiDiscrete) return arrayToWire(v, 'int32', space.shape);
  if (space instanceof Dict) {
    if (typeof v !== 'object' || v === null) return v;
    const obj = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of space.keys) out[k] = valueToWire(space.spaces[k]!, obj[k]);
    return out;
  }
  if (space instanceof Tuple) {
    if (!Array.isArray(v)) return v;
    return space.spaces.map((s, i) => valueToWire(s, v[i]));
  }
  return v;
}

function arrayToWire(v: unknown, dtype: BoxDtype, shape: readonly number[]): unknown {
  const size = shape.reduce((a, b) => a * b, 1);
  if (typeof v === 'number' && size === 1) v = [v];
  if (isNumericArray(v))
    return v.length === size ? new WireArray(dtypeOf(v) ?? dtype, shape, v) : v;
  if (Array.isArray(v) && v.length === size && v.every((x) => typeof x === 'number')) {
    const out = allocArray(dtype, size);
    if (!fits(v, dtype)) return v;
    out.set(v);
    return new WireArray(dtype, shape, out);
  }
  return v; // the receiver rejects it with a message naming the value
}

/** Whether every number of `v` is representable in `dtype` without truncation or wrapping. */
function fits(v: ArrayLike<number>, dtype: BoxDtype): boolean {
  const range = INT_DTYPE_RANGE[dtype];
  if (range === undefined) return true;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (!Number.isInteger(x) || x < range[0] || x > range[1]) return false;
  }
  return true;
}

/**
 * A decoded wire value as an element of `space`. Throws a TypeError naming `path` when the value
 * has the wrong structure or size (the caller reports it as InvalidAction or a bad reply).
 */
export function valueFromWire(space: Space<unknown>, v: unknown, path: string): unknown {
  if (space instanceof Discrete) {
    if (v instanceof WireArray && v.data.length === 1) v = v.data[0];
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new TypeError(`${path}: expected an integer for ${space}, got ${describeValue(v)}`);
    }
    return v;
  }
  if (space instanceof Box) return arrayFromWire(v, space.dtype, space.size, space, path);
  if (space instanceof MultiDiscrete) {
    return arrayFromWire(v, 'int32', space.nvec.length, space, path);
  }
  if (space instanceof Dict) {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof WireArray) {
      throw new TypeError(
        `${path}: expected an object with keys ${space.keys.join(', ')}, got ${describeValue(v)}`,
      );
    }
    const obj = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of space.keys) {
      if (!(k in obj))
        throw new TypeError(`${path}: missing key "${k}" (keys: ${space.keys.join(', ')})`);
      out[k] = valueFromWire(space.spaces[k]!, obj[k], `${path}.${k}`);
    }
    return out;
  }
  if (space instanceof Tuple) {
    if (!Array.isArray(v) || v.length !== space.spaces.length) {
      throw new TypeError(
        `${path}: expected a list of ${space.spaces.length} values, got ${describeValue(v)}`,
      );
    }
    return space.spaces.map((s, i) => valueFromWire(s, v[i], `${path}[${i}]`));
  }
  return unwrapArrays(v);
}

function arrayFromWire(
  v: unknown,
  dtype: BoxDtype,
  size: number,
  /** Named in error messages only: a big Box's toString() is too slow for every step. */
  what: Space<unknown>,
  path: string,
): unknown {
  let data: ArrayLike<number>;
  if (v instanceof WireArray) data = v.data;
  else if (typeof v === 'number') data = [v];
  else if (Array.isArray(v) && v.every((x) => typeof x === 'number')) data = v as number[];
  else
    throw new TypeError(
      `${path}: expected an array of ${size} numbers for ${what}, got ${describeValue(v)}`,
    );
  if (data.length !== size) {
    const shape = v instanceof WireArray ? ` (shape [${v.shape.join(', ')}])` : '';
    throw new TypeError(
      `${path}: expected ${size} numbers for ${what}, got ${data.length}${shape}`,
    );
  }
  if (dtypeOf(data) === dtype) return data;
  if (!fits(data, dtype)) return isNumericArray(data) ? data : Float64Array.from(data);
  const out = allocArray(dtype, size);
  out.set(data);
  return out;
}

/** A render frame on the wire: an Image8 becomes a uint8 `[H, W, C]` ndarray. */
export function frameToWire(frame: RenderFrame): unknown {
  if (frame === undefined || frame === null) return null;
  if (typeof frame === 'string') return frame;
  const { width, height, channels, data } = frame;
  const bytes =
    data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.length);
  return new WireArray('uint8', [height, width, channels], bytes);
}

/** The inverse of frameToWire; other values (unexpected from a server) are returned unwrapped. */
export function frameFromWire(v: unknown, path = 'frame'): RenderFrame {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (
    v instanceof WireArray &&
    v.dtype === 'uint8' &&
    (v.shape.length === 3 || v.shape.length === 2)
  ) {
    const [height, width, channels = 1] = v.shape;
    if (channels === 1 || channels === 3 || channels === 4) {
      const image: Image8 = {
        width: width!,
        height: height!,
        channels,
        data: v.data as Uint8Array,
      };
      return image;
    }
  }
  throw new TypeError(
    `${path}: expected a uint8 [H, W, 1|3|4] image, a string or null, got ${describeValue(unwrapArrays(v))}`,
  );
}
