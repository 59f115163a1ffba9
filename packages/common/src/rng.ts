/**
 * The one random-number generator of CoordConv Lab: xoshiro128** seeded through splitmix32.
 *
 * Datasets, environments, agents and wrappers all take an `Rng` so that a seed in gives the
 * same numbers out. It is splittable (`split()` derives an independent stream, e.g. one per
 * vector-env worker or Ape-X actor) and serializable (`getState()`/`Rng.fromState()`), so a
 * checkpoint can store it and a resumed run continues the exact stream.
 */

/** Serializable RNG state: four 32-bit words of xoshiro128** state. */
export interface RngState {
  readonly algorithm: 'xoshiro128**';
  readonly s: readonly [number, number, number, number];
}

/** A seed: a non-negative integer or any string (hashed). */
export type Seed = number | string;

function splitmix32(state: number): [number, number] {
  state = (state + 0x9e3779b9) | 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [state, z >>> 0];
}

function hashSeed(seed: Seed): number {
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed) || !Number.isInteger(seed) || seed < 0) {
      throw new RangeError(`Rng seed must be a non-negative integer or a string, got ${seed}`);
    }
    // Fold the high bits in so that seeds above 2^32 still differ.
    return (seed >>> 0) ^ Math.floor(seed / 0x100000000);
  }
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: Seed = 0) {
    let st = hashSeed(seed);
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitmix32(st);
      st = next;
      words.push(out);
    }
    if (!words.some((w) => w !== 0)) words[0] = 1;
    [this.s0, this.s1, this.s2, this.s3] = words as [number, number, number, number];
  }

  /** Restores a generator from `getState()`. */
  static fromState(state: RngState): Rng {
    if (state?.algorithm !== 'xoshiro128**' || !Array.isArray(state.s) || state.s.length !== 4) {
      throw new TypeError(
        `Rng.fromState: expected {algorithm: 'xoshiro128**', s: [4 words]}, got ${JSON.stringify(state)}`,
      );
    }
    const r = new Rng(0);
    r.setState(state);
    return r;
  }

  getState(): RngState {
    return {
      algorithm: 'xoshiro128**',
      s: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0],
    };
  }

  setState(state: RngState): void {
    [this.s0, this.s1, this.s2, this.s3] = state.s.map((w) => w | 0) as [
      number,
      number,
      number,
      number,
    ];
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A float in [0, 1) with 32 random bits. */
  random(): number {
    return this.nextUint32() / 0x100000000;
  }

  /** A float in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.random();
  }

  /** An integer in [0, n) without modulo bias. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 0x100000000) {
      throw new RangeError(`Rng.int(n): n must be an integer in [1, 2^32], got ${n}`);
    }
    const limit = 0x100000000 - (0x100000000 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  /** An integer in [low, high). */
  integer(low: number, high: number): number {
    return low + this.int(high - low);
  }

  /** A standard normal sample (Box-Muller). */
  normal(mean = 0, std = 1): number {
    let u = this.random();
    while (u === 0) u = this.random();
    const v = this.random();
    return mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.random() < p;
  }

  /** One element of a non-empty array. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.choice: empty array');
    return items[this.int(items.length)] as T;
  }

  /** Shuffles in place (Fisher-Yates) and returns the same array. */
  shuffle<T, A extends { length: number; [i: number]: T }>(items: A): A {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /** Fills a Float32Array with uniform [low, high) samples. */
  fillUniform(out: Float32Array, low = 0, high = 1): Float32Array {
    for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * this.random();
    return out;
  }

  /** A seed (32-bit integer) for a library that wants a number, e.g. tfjs initializers. */
  seed(): number {
    return this.nextUint32();
  }

  /** An independent generator derived from this one (advances this one). */
  split(): Rng {
    const child = new Rng(0);
    let st = this.nextUint32() ^ 0x5bd1e995;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitmix32(st ^ this.nextUint32());
      st = next;
      words.push(out);
    }
    if (!words.some((w) => w !== 0)) words[0] = 1;
    child.setState({ algorithm: 'xoshiro128**', s: words as [number, number, number, number] });
    return child;
  }

  /** `n` independent generators, e.g. one per worker. */
  splitN(n: number): Rng[] {
    return Array.from({ length: n }, () => this.split());
  }
}
