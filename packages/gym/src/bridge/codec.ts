/**
 * Frames <-> values (PROTOCOL.md section 2): frame 0 is UTF-8 JSON, arrays travel as raw
 * little-endian frames referenced from the JSON as `{"__ndarray__": k, dtype, shape}`, and
 * non-finite floats as `{"__float__": "inf" | "-inf" | "nan"}`. Decoding validates everything a
 * peer could get wrong and throws a ProtocolError naming the problem, never anything else.
 */
import {
  arrayToLittleEndianBytes,
  dtypeOfArray,
  isNumericArray,
  isWireDType,
  itemSize,
  littleEndianBytesToArray,
  type NumericArray,
  type WireDType,
} from './dtypes.js';
import { ProtocolError } from './errors.js';

/** An array with its dtype and shape, as carried by one data frame. */
export class WireArray {
  constructor(
    readonly dtype: WireDType,
    readonly shape: readonly number[],
    /** Row-major items; `bool` arrays hold 0/1 in a Uint8Array. */
    readonly data: NumericArray,
  ) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (size !== data.length) {
      throw new RangeError(
        `WireArray: shape [${shape.join(', ')}] has ${size} items, data has ${data.length}`,
      );
    }
  }
}

/** Limits a decoder enforces; the defaults are the protocol's. */
export interface DecodeLimits {
  /** Cap on the sum of all frame sizes (bytes). */
  maxMessageBytes: number;
  /** Cap on the number of data frames (after frame 0). */
  maxDataFrames: number;
  /** Cap on JSON nesting. */
  maxDepth: number;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
export const DEFAULT_LIMITS: DecodeLimits = {
  maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
  maxDataFrames: 64,
  maxDepth: 64,
};

const RESERVED = ['__ndarray__', '__float__'] as const;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

// ---------------------------------------------------------------------------------- encoding

/**
 * Encodes a header value into frames. Typed arrays become 1-D ndarray refs (wrap them in a
 * WireArray to give a shape); `undefined` object fields are dropped, as JSON.stringify does.
 */
export function encodeMessage(header: unknown): Buffer[] {
  const frames: Buffer[] = [Buffer.alloc(0)];
  const json = JSON.stringify(toWire(header, frames, 0, '$'));
  frames[0] = Buffer.from(json, 'utf8');
  return frames;
}

function toWire(x: unknown, frames: Buffer[], depth: number, path: string): unknown {
  if (depth > DEFAULT_LIMITS.maxDepth) throw new RangeError(`encode: ${path} is nested too deeply`);
  if (typeof x === 'number') {
    if (Number.isFinite(x)) return x;
    return { __float__: Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf' };
  }
  if (typeof x === 'string' || typeof x === 'boolean' || x === null) return x;
  if (x === undefined) return null;
  if (typeof x === 'bigint') {
    if (x > BigInt(Number.MAX_SAFE_INTEGER) || x < -BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new RangeError(`encode: ${path} = ${x}n does not fit a JSON number exactly`);
    }
    return Number(x);
  }
  if (x instanceof WireArray) return arrayRef(x.data, x.dtype, x.shape, frames);
  if (isNumericArray(x)) return arrayRef(x, dtypeOfArray(x), [x.length], frames);
  if (Array.isArray(x)) return x.map((v, i) => toWire(v, frames, depth + 1, `${path}[${i}]`));
  if (typeof x === 'object') {
    const withToJSON = x as { toJSON?: () => unknown };
    if (typeof withToJSON.toJSON === 'function')
      return toWire(withToJSON.toJSON(), frames, depth + 1, path);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) {
      if ((RESERVED as readonly string[]).includes(k)) {
        throw new RangeError(`encode: ${path} uses the reserved key "${k}"`);
      }
      if (v !== undefined && typeof v !== 'function' && typeof v !== 'symbol') {
        out[k] = toWire(v, frames, depth + 1, `${path}.${k}`);
      }
    }
    return out;
  }
  throw new TypeError(`encode: ${path} is a ${typeof x}, which has no JSON form`);
}

function arrayRef(
  data: NumericArray,
  dtype: WireDType,
  shape: readonly number[],
  frames: Buffer[],
) {
  frames.push(arrayToLittleEndianBytes(data));
  return { __ndarray__: frames.length - 1, dtype, shape: [...shape] };
}

// ---------------------------------------------------------------------------------- decoding

/**
 * Decodes frames into the header value, with ndarray refs replaced by WireArray instances and
 * `__float__` objects by numbers. Throws ProtocolError (`MessageTooLarge` or `BadRequest`).
 */
export function decodeMessage(
  frames: readonly Uint8Array[],
  limits: DecodeLimits = DEFAULT_LIMITS,
): unknown {
  if (frames.length === 0) throw new ProtocolError('BadRequest', 'empty message (no frames)');
  let total = 0;
  for (const f of frames) total += f.length;
  if (total > limits.maxMessageBytes) {
    throw new ProtocolError(
      'MessageTooLarge',
      `message of ${total} bytes exceeds the limit of ${limits.maxMessageBytes} bytes`,
    );
  }
  if (frames.length - 1 > limits.maxDataFrames) {
    throw new ProtocolError(
      'BadRequest',
      `message has ${frames.length - 1} data frames; at most ${limits.maxDataFrames} are allowed`,
    );
  }
  let text: string;
  try {
    text = utf8.decode(frames[0]);
  } catch {
    throw new ProtocolError('BadRequest', 'frame 0 is not valid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ProtocolError('BadRequest', `frame 0 is not valid JSON: ${(err as Error).message}`);
  }
  const used = new Array<boolean>(frames.length).fill(false);
  const value = fromWire(parsed, frames, used, 0, limits.maxDepth, '$');
  for (let k = 1; k < frames.length; k++) {
    if (!used[k])
      throw new ProtocolError('BadRequest', `frame ${k} is not referenced by any __ndarray__`);
  }
  return value;
}

function fromWire(
  x: unknown,
  frames: readonly Uint8Array[],
  used: boolean[],
  depth: number,
  maxDepth: number,
  path: string,
): unknown {
  if (depth > maxDepth)
    throw new ProtocolError('BadRequest', `JSON nested deeper than ${maxDepth} levels at ${path}`);
  if (x === null || typeof x !== 'object') return x;
  if (Array.isArray(x))
    return x.map((v, i) => fromWire(v, frames, used, depth + 1, maxDepth, `${path}[${i}]`));
  const obj = x as Record<string, unknown>;
  if ('__ndarray__' in obj) return decodeArrayRef(obj, frames, used, path);
  if ('__float__' in obj) return decodeFloat(obj, path);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj))
    out[k] = fromWire(v, frames, used, depth + 1, maxDepth, `${path}.${k}`);
  return out;
}

function decodeFloat(obj: Record<string, unknown>, path: string): number {
  const v = obj.__float__;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (v === 'nan') return NaN;
  throw new ProtocolError(
    'BadRequest',
    `${path}: __float__ must be "inf", "-inf" or "nan", got ${JSON.stringify(v)}`,
  );
}

function decodeArrayRef(
  ref: Record<string, unknown>,
  frames: readonly Uint8Array[],
  used: boolean[],
  path: string,
): WireArray {
  const k = ref.__ndarray__;
  const bad = (why: string): never => {
    throw new ProtocolError('BadRequest', `${path}: bad ndarray reference: ${why}`);
  };
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1)
    bad(`__ndarray__ must be a frame index >= 1, got ${JSON.stringify(k)}`);
  const index = k as number;
  if (index >= frames.length)
    bad(`frame ${index} does not exist (the message has ${frames.length} frames)`);
  if (used[index]) bad(`frame ${index} is referenced twice`);
  used[index] = true;
  const dtype = ref.dtype;
  if (!isWireDType(dtype)) bad(`unknown dtype ${JSON.stringify(dtype)}`);
  const shape = ref.shape;
  if (
    !Array.isArray(shape) ||
    shape.length > 32 ||
    !shape.every((d) => Number.isInteger(d) && d >= 0)
  ) {
    bad(`shape must be a list of at most 32 non-negative integers, got ${JSON.stringify(shape)}`);
  }
  const dims = shape as number[];
  const count = dims.reduce((a, b) => a * b, 1);
  const dt = dtype as WireDType;
  const need = count * itemSize(dt);
  const frame = frames[index];
  if (need !== frame.length) {
    throw new ProtocolError(
      'BadRequest',
      `ndarray in frame ${index}: ${dt} [${dims.join(', ')}] needs ${need} bytes, frame has ${frame.length}`,
    );
  }
  try {
    return new WireArray(dt, dims, littleEndianBytesToArray(frame, dt, count));
  } catch (err) {
    throw new ProtocolError('BadRequest', `ndarray in frame ${index}: ${(err as Error).message}`);
  }
}

/** Replaces every WireArray in a decoded value by its typed array (for infos: shape dropped). */
export function unwrapArrays(x: unknown): unknown {
  if (x instanceof WireArray) return x.data;
  if (Array.isArray(x)) return x.map(unwrapArrays);
  if (x !== null && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = unwrapArrays(v);
    return out;
  }
  return x;
}
