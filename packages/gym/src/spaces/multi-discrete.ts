import type { Rng } from '@coordconv/common';
import { InvalidSpace } from '../errors.js';
import { SpaceBase } from './space.js';
import type { Space } from './space.js';
import type { MultiDiscreteJSON } from './space-json.js';
import { expectIntArray, expectOnlyKeys, expectRecord, fail } from './validate.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * A vector of independent discrete choices, coordinate `i` in `[start[i], start[i] + nvec[i])`
 * (gymnasium.spaces.MultiDiscrete with a flat `nvec`). Elements are Int32Arrays.
 */
export class MultiDiscrete extends SpaceBase<Int32Array> {
  readonly shape: readonly number[];
  readonly nvec: Int32Array;
  readonly start: Int32Array;

  constructor(nvec: ArrayLike<number>, start?: ArrayLike<number>) {
    super();
    const n = expectIntArray(Array.from(nvec), 'MultiDiscrete nvec', 1);
    const s =
      start === undefined
        ? n.map(() => 0)
        : expectIntArray(Array.from(start), 'MultiDiscrete start');
    if (s.length !== n.length) {
      throw new InvalidSpace(
        `MultiDiscrete start and nvec lengths don't match, start.length=${s.length}, nvec.length=${n.length}`,
      );
    }
    n.forEach((v, i) => {
      if (s[i]! < INT32_MIN || s[i]! + v - 1 > INT32_MAX) {
        throw new InvalidSpace(
          `MultiDiscrete values of coordinate ${i} must fit in int32, got start=${s[i]}, nvec=${v}`,
        );
      }
    });
    this.nvec = Int32Array.from(n);
    this.start = Int32Array.from(s);
    this.shape = Object.freeze([n.length]);
  }

  sample(rng: Rng = this.rng): Int32Array {
    const out = new Int32Array(this.nvec.length);
    for (let i = 0; i < out.length; i++) out[i] = this.start[i]! + rng.int(this.nvec[i]!);
    return out;
  }

  contains(x: unknown): boolean {
    if (!Array.isArray(x) && !(ArrayBuffer.isView(x) && !(x instanceof DataView))) return false;
    const a = x as ArrayLike<unknown>;
    if (a.length !== this.nvec.length) return false;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (typeof v !== 'number' || !Number.isInteger(v)) return false;
      if (v < this.start[i]! || v >= this.start[i]! + this.nvec[i]!) return false;
    }
    return true;
  }

  equals(other: Space<unknown>): boolean {
    return (
      other instanceof MultiDiscrete &&
      other.nvec.length === this.nvec.length &&
      other.nvec.every((v, i) => v === this.nvec[i]) &&
      other.start.every((v, i) => v === this.start[i])
    );
  }

  toJSON(): MultiDiscreteJSON {
    const json: MultiDiscreteJSON = { type: 'MultiDiscrete', nvec: Array.from(this.nvec) };
    if (this.start.some((v) => v !== 0)) json.start = Array.from(this.start);
    return json;
  }

  static fromJSON(json: unknown, path = 'space'): MultiDiscrete {
    const obj = expectRecord(json, path);
    expectOnlyKeys(obj, ['type', 'nvec', 'start'], path);
    if (obj.type !== 'MultiDiscrete') fail(`${path}.type`, '"MultiDiscrete"', obj.type);
    const nvec = expectIntArray(obj.nvec, `${path}.nvec`, 1);
    const start =
      obj.start === undefined || obj.start === null
        ? undefined
        : expectIntArray(obj.start, `${path}.start`);
    if (start !== undefined && start.length !== nvec.length) {
      fail(`${path}.start`, `an array of ${nvec.length} integers (nvec.length)`, obj.start);
    }
    try {
      return new MultiDiscrete(nvec, start);
    } catch (err) {
      if (err instanceof InvalidSpace) err.message = `${path}: ${err.message}`;
      throw err;
    }
  }

  toString(): string {
    const starts = this.start.some((v) => v !== 0) ? `, start=[${this.start.join(', ')}]` : '';
    return `MultiDiscrete([${this.nvec.join(', ')}]${starts})`;
  }
}
