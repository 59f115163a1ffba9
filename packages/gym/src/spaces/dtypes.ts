/** The element types a Box supports, each backed by its typed array. */
export interface BoxArrayTypes {
  float32: Float32Array;
  float64: Float64Array;
  int8: Int8Array;
  uint8: Uint8Array;
  int16: Int16Array;
  uint16: Uint16Array;
  int32: Int32Array;
  uint32: Uint32Array;
}

export type BoxDtype = keyof BoxArrayTypes;

/** The typed array holding one element of a Box of dtype `D`. */
export type BoxArray<D extends BoxDtype = BoxDtype> = BoxArrayTypes[D];

type TypedArrayCtor = {
  new (length: number): BoxArray;
  new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): BoxArray;
  readonly BYTES_PER_ELEMENT: number;
};

export const BOX_DTYPE_ARRAYS: { readonly [D in BoxDtype]: TypedArrayCtor } = {
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
};

export const BOX_DTYPES = Object.keys(BOX_DTYPE_ARRAYS) as BoxDtype[];

/** Inclusive value range of the integer dtypes. */
export const INT_DTYPE_RANGE: { readonly [D in BoxDtype]?: readonly [number, number] } = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
};

export function isBoxDtype(x: unknown): x is BoxDtype {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(BOX_DTYPE_ARRAYS, x);
}

export function isFloatDtype(d: BoxDtype): boolean {
  return d === 'float32' || d === 'float64';
}

/** The dtype of a typed array, or undefined for other values (DataView, BigInt64Array, ...). */
export function dtypeOf(x: unknown): BoxDtype | undefined {
  for (const d of BOX_DTYPES) if (x instanceof BOX_DTYPE_ARRAYS[d]) return d;
  return undefined;
}

/** A zero-filled array of `length` elements of dtype `d`, optionally over a given buffer. */
export function allocArray<D extends BoxDtype>(
  d: D,
  length: number,
  buffer?: ArrayBufferLike,
  byteOffset = 0,
): BoxArray<D> {
  const Ctor = BOX_DTYPE_ARRAYS[d];
  return (buffer ? new Ctor(buffer, byteOffset, length) : new Ctor(length)) as BoxArray<D>;
}

/** Number of elements of a shape (1 for `[]`). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}
