/**
 * The array element types of the wire protocol (PROTOCOL.md 2.3) and their TypeScript arrays.
 * 64-bit integers have no everyday TypeScript array, so they decode to Float64Array and are
 * rejected beyond 2^53 instead of silently losing precision.
 */

export const WIRE_DTYPES = [
  'bool',
  'int8',
  'uint8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'uint64',
  'float32',
  'float64',
] as const;
export type WireDType = (typeof WIRE_DTYPES)[number];

/** The typed arrays a decoded ndarray can be (bool decodes to Uint8Array of 0/1). */
export type NumericArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

type ArrayCtor = { new (length: number): NumericArray; readonly BYTES_PER_ELEMENT: number };

const ITEMSIZE: Record<WireDType, number> = {
  bool: 1,
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  int64: 8,
  uint64: 8,
  float32: 4,
  float64: 8,
};

/** Array constructor a dtype decodes to (int64/uint64 become Float64Array after a range check). */
const DECODED: Record<WireDType, ArrayCtor> = {
  bool: Uint8Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: Float64Array,
  uint64: Float64Array,
  float32: Float32Array,
  float64: Float64Array,
};

export function isWireDType(x: unknown): x is WireDType {
  return typeof x === 'string' && (WIRE_DTYPES as readonly string[]).includes(x);
}

export function itemSize(dtype: WireDType): number {
  return ITEMSIZE[dtype];
}

/** The TypeScript array type an ndarray of `dtype` is decoded into. */
export function arrayConstructorFor(dtype: WireDType): ArrayCtor {
  return DECODED[dtype];
}

/** The wire dtype that a typed array is sent as. */
export function dtypeOfArray(a: NumericArray): WireDType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Uint32Array) return 'uint32';
  if (a instanceof Int16Array) return 'int16';
  if (a instanceof Uint16Array) return 'uint16';
  if (a instanceof Int8Array) return 'int8';
  return 'uint8'; // Uint8Array, Uint8ClampedArray
}

/** True for the typed arrays the codec sends (not DataView, not BigInt arrays). */
export function isNumericArray(x: unknown): x is NumericArray {
  return (
    x instanceof Float32Array ||
    x instanceof Float64Array ||
    x instanceof Int32Array ||
    x instanceof Uint32Array ||
    x instanceof Int16Array ||
    x instanceof Uint16Array ||
    x instanceof Int8Array ||
    x instanceof Uint8Array ||
    x instanceof Uint8ClampedArray
  );
}

/** Machine byte order: the protocol is little-endian; a big-endian host swaps bytes. */
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses the byte order of every `size`-byte item in place. */
export function swapBytes(bytes: Uint8Array, size: number): void {
  if (size === 1) return;
  for (let i = 0; i < bytes.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = bytes[a];
      bytes[a] = bytes[b];
      bytes[b] = t;
    }
  }
}

/** The little-endian bytes of `a` as a fresh Buffer (a copy: the env may reuse its arrays). */
export function arrayToLittleEndianBytes(a: NumericArray): Buffer {
  const out = Buffer.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  if (!HOST_IS_LITTLE_ENDIAN) swapBytes(out, a.BYTES_PER_ELEMENT);
  return out;
}

/**
 * Decodes `count` items of `dtype` from little-endian `bytes` into a fresh, aligned array.
 * Throws a RangeError naming the value when a 64-bit integer does not fit a float64 exactly,
 * or when a bool byte is not 0 or 1.
 */
export function littleEndianBytesToArray(
  bytes: Uint8Array,
  dtype: WireDType,
  count: number,
): NumericArray {
  if (dtype === 'int64' || dtype === 'uint64') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const v = dtype === 'int64' ? view.getBigInt64(i * 8, true) : view.getBigUint64(i * 8, true);
      if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) {
        throw new RangeError(`${dtype} value ${v} at index ${i} is beyond 2^53 - 1`);
      }
      out[i] = Number(v);
    }
    return out;
  }
  const out = new (arrayConstructorFor(dtype))(count);
  const outBytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  outBytes.set(bytes.subarray(0, outBytes.length));
  if (!HOST_IS_LITTLE_ENDIAN) swapBytes(outBytes, itemSize(dtype));
  if (dtype === 'bool') {
    for (let i = 0; i < count; i++) {
      if (out[i] > 1) throw new RangeError(`bool value ${out[i]} at index ${i} is not 0 or 1`);
    }
  }
  return out;
}
