import type { Rng } from '@coordconv/common';
import { InvalidSpace, describeValue } from '../errors.js';
import {
  BOX_DTYPES,
  INT_DTYPE_RANGE,
  allocArray,
  isBoxDtype,
  isFloatDtype,
  shapeSize,
} from './dtypes.js';
import type { BoxArray, BoxDtype } from './dtypes.js';
import { SpaceBase } from './space.js';
import type { Space } from './space.js';
import { boundToJSON } from './space-json.js';
import type { BoxJSON, JsonBound } from './space-json.js';
import { expectOnlyKeys, expectRecord, expectShape, fail } from './validate.js';

/** A Box bound: one number for every element, or one per element (flat, row-major). */
export type BoxBound = number | ArrayLike<number>;

/**
 * The (possibly unbounded) box `low <= x <= high` in R^shape, as gymnasium.spaces.Box. Elements
 * are flat row-major typed arrays of the Box's dtype (a `[]`-shaped Box holds one value).
 *
 * As in gymnasium: scalar bounds are broadcast to `shape`; without `shape`, it is taken from an
 * array bound (or `[1]` for two scalars); float32 bounds are rounded to float32; infinite bounds
 * of an integer dtype become the dtype's limits.
 */
export class Box<D extends BoxDtype = 'float32'> extends SpaceBase<BoxArray<D>> {
  readonly shape: readonly number[];
  readonly dtype: D;
  /** Lower bounds, one per element (float64 holds every supported dtype exactly). */
  readonly low: Float64Array;
  /** Upper bounds, one per element. */
  readonly high: Float64Array;
  /** Number of elements, `prod(shape)`. */
  readonly size: number;

  constructor(low: BoxBound, high: BoxBound, shape?: readonly number[], dtype?: D) {
    super();
    const d = (dtype ?? 'float32') as D;
    if (!isBoxDtype(d)) {
      throw new InvalidSpace(
        `Box dtype must be one of ${BOX_DTYPES.join(', ')}, got ${describeValue(d)}`,
      );
    }
    this.dtype = d;
    this.shape = Object.freeze(resolveShape(low, high, shape));
    this.size = shapeSize(this.shape);
    this.low = broadcastBound(low, this.size, this.shape, 'low');
    this.high = broadcastBound(high, this.size, this.shape, 'high');
    castBounds(this.low, d, 'low');
    castBounds(this.high, d, 'high');
    for (let i = 0; i < this.size; i++) {
      if (!(this.low[i]! <= this.high[i]!)) {
        throw new InvalidSpace(
          `Box low must be <= high everywhere, low[${i}]=${this.low[i]} > high[${i}]=${this.high[i]}`,
        );
      }
    }
  }

  /**
   * Whether the box is bounded: `'both'` (default), `'below'` or `'above'`. Integer boxes are
   * always bounded (their infinities became the dtype limits).
   */
  isBounded(manner: 'both' | 'below' | 'above' = 'both'): boolean {
    const below = this.low.every((v) => v > -Infinity);
    const above = this.high.every((v) => v < Infinity);
    if (manner === 'below') return below;
    if (manner === 'above') return above;
    return below && above;
  }

  /**
   * A random element, as gymnasium: uniform on bounded coordinates, a shifted exponential on
   * half-bounded ones and a standard normal on unbounded ones; integer dtypes draw uniformly
   * from the integers in `[low, high]`.
   */
  sample(rng: Rng = this.rng): BoxArray<D> {
    const out = allocArray(this.dtype, this.size);
    if (!isFloatDtype(this.dtype)) {
      for (let i = 0; i < this.size; i++) {
        out[i] = rng.integer(this.low[i]!, this.high[i]! + 1);
      }
      return out;
    }
    for (let i = 0; i < this.size; i++) {
      const lo = this.low[i]!;
      const hi = this.high[i]!;
      let v: number;
      if (lo > -Infinity && hi < Infinity) v = rng.uniform(lo, hi);
      else if (lo > -Infinity) v = lo + exponential(rng);
      else if (hi < Infinity) v = hi - exponential(rng);
      else v = rng.normal();
      out[i] = v;
      // float32 rounding can step just outside the bounds; clip as gymnasium does.
      if (out[i]! < lo) out[i] = lo;
      else if (out[i]! > hi) out[i] = hi;
    }
    return out;
  }

  /**
   * Whether `x` is a flat array (typed or plain) of `size` numbers within the bounds, and
   * integers when the dtype is an integer type. NaN is never contained.
   */
  contains(x: unknown): boolean {
    if (typeof x === 'number' && this.size === 1) x = [x];
    if (!isNumberArrayLike(x) || x.length !== this.size) return false;
    const integer = !isFloatDtype(this.dtype);
    for (let i = 0; i < this.size; i++) {
      const v = x[i];
      if (typeof v !== 'number' || !(v >= this.low[i]! && v <= this.high[i]!)) return false;
      if (integer && !Number.isInteger(v)) return false;
    }
    return true;
  }

  equals(other: Space<unknown>): boolean {
    return (
      other instanceof Box &&
      other.dtype === this.dtype &&
      sameNumbers(other.shape, this.shape) &&
      sameNumbers(other.low, this.low) &&
      sameNumbers(other.high, this.high)
    );
  }

  /** Wire form; a bound that is the same everywhere is sent as one scalar. */
  toJSON(): BoxJSON {
    return {
      type: 'Box',
      low: compactBound(this.low),
      high: compactBound(this.high),
      shape: [...this.shape],
      dtype: this.dtype,
    };
  }

  static fromJSON(json: unknown, path = 'space'): Box<BoxDtype> {
    const obj = expectRecord(json, path);
    expectOnlyKeys(obj, ['type', 'low', 'high', 'shape', 'dtype'], path);
    if (obj.type !== 'Box') fail(`${path}.type`, '"Box"', obj.type);
    const shape = expectShape(obj.shape, `${path}.shape`);
    if (!isBoxDtype(obj.dtype)) fail(`${path}.dtype`, `one of ${BOX_DTYPES.join(', ')}`, obj.dtype);
    const size = shapeSize(shape);
    const low = boundFromJSON(obj.low, size, `${path}.low`);
    const high = boundFromJSON(obj.high, size, `${path}.high`);
    try {
      return new Box(low, high, shape, obj.dtype);
    } catch (err) {
      if (err instanceof InvalidSpace) err.message = `${path}: ${err.message}`;
      throw err;
    }
  }

  toString(): string {
    const b = (a: Float64Array): string => {
      const c = compactBound(a);
      return Array.isArray(c)
        ? `[${c.slice(0, 6).join(', ')}${c.length > 6 ? ', ...' : ''}]`
        : String(c);
    };
    return `Box(${b(this.low)}, ${b(this.high)}, [${this.shape.join(', ')}], ${this.dtype})`;
  }
}

function exponential(rng: Rng): number {
  return -Math.log(1 - rng.random());
}

function isNumberArrayLike(x: unknown): x is ArrayLike<unknown> {
  if (Array.isArray(x)) return true;
  return (
    ArrayBuffer.isView(x) &&
    !(x instanceof DataView) &&
    !(x instanceof BigInt64Array) &&
    !(x instanceof BigUint64Array)
  );
}

function sameNumbers(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function resolveShape(low: BoxBound, high: BoxBound, shape?: readonly number[]): number[] {
  if (shape !== undefined) return expectShape(shape, 'Box shape');
  const lowIsArray = typeof low !== 'number';
  const highIsArray = typeof high !== 'number';
  if (lowIsArray && highIsArray && low.length !== high.length) {
    throw new InvalidSpace(
      `Box low.shape and high.shape don't match, low.shape=[${low.length}], high.shape=[${high.length}]`,
    );
  }
  if (lowIsArray) return [low.length];
  if (highIsArray) return [high.length];
  return [1];
}

function broadcastBound(
  bound: BoxBound,
  size: number,
  shape: readonly number[],
  name: string,
): Float64Array {
  if (typeof bound === 'number') return new Float64Array(size).fill(bound);
  if (!isNumberArrayLike(bound)) {
    throw new InvalidSpace(
      `Box ${name} must be a number or an array of numbers, got ${describeValue(bound)}`,
    );
  }
  if (bound.length !== size) {
    throw new InvalidSpace(
      `Box ${name} has ${bound.length} values but shape [${shape.join(', ')}] needs ${size} (flat, row-major)`,
    );
  }
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const v = bound[i];
    if (typeof v !== 'number')
      throw new InvalidSpace(`Box ${name}[${i}] must be a number, got ${describeValue(v)}`);
    out[i] = v;
  }
  return out;
}

function castBounds(bound: Float64Array, dtype: BoxDtype, name: string): void {
  const range = INT_DTYPE_RANGE[dtype];
  for (let i = 0; i < bound.length; i++) {
    const v = bound[i]!;
    if (Number.isNaN(v)) throw new InvalidSpace(`Box ${name}[${i}] is NaN`);
    if (range === undefined) {
      if (dtype === 'float32') bound[i] = Math.fround(v);
      continue;
    }
    if (v === -Infinity || v === Infinity) {
      bound[i] = v < 0 ? range[0] : range[1];
    } else if (!Number.isInteger(v) || v < range[0] || v > range[1]) {
      throw new InvalidSpace(
        `Box ${name}[${i}]=${v} is not a ${dtype} value (integers in [${range[0]}, ${range[1]}] or +-inf)`,
      );
    }
  }
}

function compactBound(bound: Float64Array): JsonBound | JsonBound[] {
  if (bound.length > 0 && bound.every((v) => v === bound[0])) return boundToJSON(bound[0]!);
  return Array.from(bound, boundToJSON);
}

function boundFromJSON(x: unknown, size: number, path: string): number | number[] {
  const one = (v: unknown, p: string): number => {
    if (v === 'inf' || v === '+inf' || v === 'Infinity') return Infinity;
    if (v === '-inf' || v === '-Infinity') return -Infinity;
    if (typeof v !== 'number' || Number.isNaN(v)) fail(p, 'a number, "inf" or "-inf"', v);
    return v;
  };
  if (!Array.isArray(x)) return one(x, path);
  if (x.length !== size) fail(path, `a scalar or an array of ${size} values (prod(shape))`, x);
  return x.map((v, i) => one(v, `${path}[${i}]`));
}
