import type { Rng, Seed } from '@coordconv/common';
import { InvalidSpace, describeValue } from '../errors.js';
import { SpaceBase, entropySeed, isSpace } from './space.js';
import type { Space, SpaceValue } from './space.js';
import type { DictJSON } from './space-json.js';

/** Named sub-spaces. */
export type SpaceRecord = { readonly [key: string]: Space<unknown> };

/** An element of `Dict<S>`: one value per key. */
export type DictValue<S extends SpaceRecord> = { [K in keyof S]: SpaceValue<S[K]> };

/**
 * A dictionary of named sub-spaces (gymnasium.spaces.Dict). As gymnasium does for a mapping,
 * keys are sorted, so that sampling order and serialization do not depend on insertion order.
 */
export class Dict<S extends SpaceRecord = SpaceRecord> extends SpaceBase<DictValue<S>> {
  readonly shape = undefined;
  /**
   * The sub-spaces, keys sorted. Typed loosely so that `instanceof Dict` narrowing stays
   * well-typed; use `get(key)` for the precise type of one.
   */
  readonly spaces: { readonly [key: string]: Space<unknown> };
  readonly keys: readonly string[];

  constructor(spaces: S) {
    super();
    if (typeof spaces !== 'object' || spaces === null || Array.isArray(spaces)) {
      throw new InvalidSpace(
        `Dict spaces must be an object of spaces, got ${describeValue(spaces)}`,
      );
    }
    this.keys = Object.freeze(Object.keys(spaces).sort());
    const sorted: Record<string, Space<unknown>> = {};
    for (const k of this.keys) {
      const s = spaces[k];
      if (!isSpace(s)) {
        throw new InvalidSpace(`Dict spaces.${k} must be a Space, got ${describeValue(s)}`);
      }
      sorted[k] = s;
    }
    this.spaces = Object.freeze(sorted);
  }

  /** The sub-space under `key`, precisely typed (gymnasium `dict_space[key]`). */
  get<K extends keyof S & string>(key: K): S[K] {
    return this.spaces[key] as S[K];
  }

  /** Seeds this space and, from its stream, every sub-space (in key order), as gymnasium. */
  override seed(seed?: Seed): Rng {
    const rng = super.seed(seed ?? entropySeed());
    for (const k of this.keys) this.spaces[k]!.seed(rng.nextUint32());
    return rng;
  }

  /** Each sub-space samples with its own generator, or all with `rng` when given. */
  sample(rng?: Rng): DictValue<S> {
    const out: Record<string, unknown> = {};
    for (const k of this.keys) out[k] = this.spaces[k]!.sample(rng);
    return out as DictValue<S>;
  }

  /** An object with exactly this space's keys, each value in its sub-space. */
  contains(x: unknown): boolean {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
    const obj = x as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length !== this.keys.length) return false;
    return this.keys.every((k) => k in obj && this.spaces[k]!.contains(obj[k]));
  }

  equals(other: Space<unknown>): boolean {
    return (
      other instanceof Dict &&
      other.keys.length === this.keys.length &&
      this.keys.every((k, i) => other.keys[i] === k && this.spaces[k]!.equals(other.spaces[k]!))
    );
  }

  toJSON(): DictJSON {
    const spaces: DictJSON['spaces'] = {};
    for (const k of this.keys) spaces[k] = this.spaces[k]!.toJSON();
    return { type: 'Dict', spaces };
  }

  toString(): string {
    return `Dict(${this.keys.map((k) => `${JSON.stringify(k)}: ${this.spaces[k]}`).join(', ')})`;
  }
}
