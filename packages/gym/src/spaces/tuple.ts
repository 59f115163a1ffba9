import type { Rng, Seed } from '@coordconv/common';
import { InvalidSpace, describeValue } from '../errors.js';
import { SpaceBase, entropySeed, isSpace } from './space.js';
import type { Space, SpaceValue } from './space.js';
import type { TupleJSON } from './space-json.js';

/** An element of `Tuple<S>`: one value per sub-space, in order. */
export type TupleValue<S extends readonly Space<unknown>[]> = {
  -readonly [I in keyof S]: SpaceValue<S[I]>;
};

/** A fixed-length sequence of sub-spaces (gymnasium.spaces.Tuple). Elements are arrays. */
export class Tuple<
  S extends readonly Space<unknown>[] = readonly Space<unknown>[],
> extends SpaceBase<TupleValue<S>> {
  readonly shape = undefined;
  /**
   * The sub-spaces. Typed loosely so that `instanceof Tuple` narrowing stays well-typed; use
   * `at(i)` for the precise type of one.
   */
  readonly spaces: readonly Space<unknown>[];

  constructor(spaces: S) {
    super();
    if (!Array.isArray(spaces)) {
      throw new InvalidSpace(
        `Tuple spaces must be an array of spaces, got ${describeValue(spaces)}`,
      );
    }
    spaces.forEach((s, i) => {
      if (!isSpace(s)) {
        throw new InvalidSpace(`Tuple spaces[${i}] must be a Space, got ${describeValue(s)}`);
      }
    });
    this.spaces = Object.freeze([...spaces]);
  }

  /** Sub-space `i`, precisely typed (gymnasium `tuple_space[i]`). */
  at<I extends number>(i: I): S[I] {
    return this.spaces[i] as S[I];
  }

  /** Seeds this space and, from its stream, every sub-space in order, as gymnasium. */
  override seed(seed?: Seed): Rng {
    const rng = super.seed(seed ?? entropySeed());
    for (const s of this.spaces) s.seed(rng.nextUint32());
    return rng;
  }

  sample(rng?: Rng): TupleValue<S> {
    return this.spaces.map((s) => s.sample(rng)) as TupleValue<S>;
  }

  contains(x: unknown): boolean {
    return (
      Array.isArray(x) &&
      x.length === this.spaces.length &&
      this.spaces.every((s, i) => s.contains(x[i]))
    );
  }

  equals(other: Space<unknown>): boolean {
    return (
      other instanceof Tuple &&
      other.spaces.length === this.spaces.length &&
      this.spaces.every((s, i) => s.equals(other.spaces[i]!))
    );
  }

  toJSON(): TupleJSON {
    return { type: 'Tuple', spaces: this.spaces.map((s) => s.toJSON()) };
  }

  toString(): string {
    return `Tuple(${this.spaces.map(String).join(', ')})`;
  }
}
