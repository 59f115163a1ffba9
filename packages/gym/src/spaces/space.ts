import { Rng } from '@coordconv/common';
import type { Seed } from '@coordconv/common';
import type { SpaceJSON } from './space-json.js';

/**
 * A set of values an env accepts as actions or returns as observations, as gymnasium.spaces.Space.
 * Every space owns a seedable `Rng` for `sample()`; an explicit `rng` argument overrides it (an
 * agent's exploration stream, for example).
 */
export interface Space<T> {
  /** Shape of one element (`[]` for Discrete); `undefined` for composite spaces (Dict, Tuple). */
  readonly shape: readonly number[] | undefined;
  /** The space's own generator, seeded lazily from entropy unless `seed()` was called. */
  readonly rng: Rng;
  /** Reseeds the space's generator (a fresh entropy seed when `seed` is omitted) and returns it. */
  seed(seed?: Seed): Rng;
  /** A random element (uniform where that is defined; see each space). */
  sample(rng?: Rng): T;
  /** Whether `x` is an element of this space. */
  contains(x: unknown): boolean;
  /** Structural equality: same type and parameters (the generator is ignored). */
  equals(other: Space<unknown>): boolean;
  /** The wire format fixed by the ZeroMQ protocol (see DESIGN.md / PROTOCOL.md). */
  toJSON(): SpaceJSON;
  toString(): string;
}

/** The element type of a space. */
export type SpaceValue<S> = S extends Space<infer T> ? T : never;

/** A 32-bit seed from the process's entropy, for spaces and envs that were never seeded. */
export function entropySeed(): number {
  return (Math.random() * 0x100000000) >>> 0;
}

/** Shared generator handling; subclasses implement sampling and membership. */
export abstract class SpaceBase<T> implements Space<T> {
  private ownRng: Rng | undefined;

  abstract readonly shape: readonly number[] | undefined;

  get rng(): Rng {
    if (this.ownRng === undefined) this.ownRng = new Rng(entropySeed());
    return this.ownRng;
  }

  seed(seed?: Seed): Rng {
    this.ownRng = new Rng(seed ?? entropySeed());
    return this.ownRng;
  }

  abstract sample(rng?: Rng): T;
  abstract contains(x: unknown): boolean;
  abstract equals(other: Space<unknown>): boolean;
  abstract toJSON(): SpaceJSON;
  abstract toString(): string;
}

/** Whether `x` looks like a Space (any implementation of the interface, not only SpaceBase). */
export function isSpace(x: unknown): x is Space<unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Record<string, unknown>;
  return (
    typeof s.sample === 'function' &&
    typeof s.contains === 'function' &&
    typeof s.seed === 'function' &&
    typeof s.toJSON === 'function' &&
    typeof s.equals === 'function'
  );
}
