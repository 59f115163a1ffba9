import type { Rng } from '@coordconv/common';
import { SpaceBase } from './space.js';
import type { Space } from './space.js';
import type { DiscreteJSON } from './space-json.js';
import { expectInt, expectOnlyKeys, expectRecord, fail } from './validate.js';

/** The integers `start, start + 1, ..., start + n - 1` (gymnasium.spaces.Discrete). */
export class Discrete extends SpaceBase<number> {
  readonly shape: readonly number[] = [];
  readonly n: number;
  readonly start: number;

  constructor(n: number, start = 0) {
    super();
    this.n = expectInt(n, 'Discrete n', 1);
    this.start = expectInt(start, 'Discrete start');
  }

  /** Uniform over the `n` values. */
  sample(rng: Rng = this.rng): number {
    return this.start + rng.int(this.n);
  }

  /**
   * Uniform over the values whose `mask` entry is 1 (gymnasium's action masking); `start` when
   * the mask allows nothing, as gymnasium does.
   */
  sampleMasked(mask: ArrayLike<number>, rng: Rng = this.rng): number {
    if (mask.length !== this.n) fail('Discrete mask length', `n=${this.n}`, mask.length);
    const allowed: number[] = [];
    for (let i = 0; i < this.n; i++) if (mask[i]) allowed.push(i);
    if (allowed.length === 0) return this.start;
    return this.start + (allowed[rng.int(allowed.length)] as number);
  }

  contains(x: unknown): boolean {
    return (
      typeof x === 'number' && Number.isInteger(x) && x >= this.start && x < this.start + this.n
    );
  }

  equals(other: Space<unknown>): boolean {
    return other instanceof Discrete && other.n === this.n && other.start === this.start;
  }

  toJSON(): DiscreteJSON {
    return { type: 'Discrete', n: this.n, start: this.start };
  }

  static fromJSON(json: unknown, path = 'space'): Discrete {
    const obj = expectRecord(json, path);
    expectOnlyKeys(obj, ['type', 'n', 'start'], path);
    if (obj.type !== 'Discrete') fail(`${path}.type`, '"Discrete"', obj.type);
    const n = expectInt(obj.n, `${path}.n`, 1);
    const start = obj.start === undefined ? 0 : expectInt(obj.start, `${path}.start`);
    return new Discrete(n, start);
  }

  toString(): string {
    return this.start === 0 ? `Discrete(${this.n})` : `Discrete(${this.n}, start=${this.start})`;
  }
}
