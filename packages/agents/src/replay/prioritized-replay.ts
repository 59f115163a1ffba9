/**
 * Proportional prioritized replay (Schaul et al. 2016) as Ape-X uses it (Horgan et al. 2018):
 * a fixed-capacity ring of transitions in typed-array columns, a sum-tree for sampling with
 * P(i) = p_i^alpha / sum_k p_k^alpha and a min-tree for the largest importance weight; the
 * oldest transition is overwritten first (FIFO eviction). Pure TypeScript, no tfjs.
 *
 * Items are addressed by `id`, the insert serial number (slot = id mod capacity), so a priority
 * update for an item that was overwritten since it was sampled is recognised and ignored.
 */
import type { Rng } from '@coordconv/common';
import { PriorityTree } from './segment-tree.js';

export type ReplayDType = 'float32' | 'uint8' | 'int32';

/** One column: `size` numbers per transition (e.g. the flat observation), of `dtype`. */
export interface ReplayFieldSpec {
  size: number;
  dtype: ReplayDType;
}
export type ReplayFields = Record<string, ReplayFieldSpec>;

type ArrayOf<D extends ReplayDType> = D extends 'float32'
  ? Float32Array
  : D extends 'uint8'
    ? Uint8Array
    : Int32Array;

/** One typed array per field, `count * size` long. */
export type ReplayColumns<F extends ReplayFields> = { [K in keyof F]: ArrayOf<F[K]['dtype']> };
/** What `insert` accepts per field: any numeric array of `count * size` items. */
export type ReplayInput<F extends ReplayFields> = { [K in keyof F]: ArrayLike<number> };

export interface PrioritizedReplayOptions<F extends ReplayFields> {
  /** Transitions kept; the oldest is overwritten when full (Ape-X: 2M). */
  capacity: number;
  /** Priority exponent (0.6). */
  alpha: number;
  /** Added to |TD| so no transition gets probability 0 (1e-6). */
  priorityEps: number;
  fields: F;
}

/** A sampled batch; arrays are reused by the next `sample` call (copy what must outlive it). */
export interface ReplaySample<F extends ReplayFields> {
  count: number;
  /** Item ids, for `updatePriorities`. */
  ids: Float64Array;
  /** Ring slots the items came from. */
  slots: Int32Array;
  /** Importance-sampling weights (N P(i))^-beta divided by the largest possible weight. */
  weights: Float32Array;
  data: ReplayColumns<F>;
}

function allocate(dtype: ReplayDType, n: number): Float32Array | Uint8Array | Int32Array {
  if (dtype === 'float32') return new Float32Array(n);
  if (dtype === 'uint8') return new Uint8Array(n);
  if (dtype === 'int32') return new Int32Array(n);
  throw new RangeError(`replay field dtype must be float32, uint8 or int32, got ${String(dtype)}`);
}

/** Copies item `from` of `src` to item `to` of `dst` (items of `size` numbers). */
function copyItem(
  dst: { [i: number]: number; set(a: ArrayLike<number>, o: number): void },
  to: number,
  src: ArrayLike<number> & { subarray?: (a: number, b: number) => ArrayLike<number> },
  from: number,
  size: number,
): void {
  if (size <= 16 || src.subarray === undefined) {
    const d = to * size;
    const s = from * size;
    for (let k = 0; k < size; k++) dst[d + k] = src[s + k] as number;
  } else {
    dst.set(src.subarray(from * size, from * size + size), to * size);
  }
}

export class PrioritizedReplay<F extends ReplayFields> {
  readonly capacity: number;
  readonly alpha: number;
  readonly priorityEps: number;
  readonly fields: F;
  /** The stored columns, `capacity * size` each. */
  readonly storage: ReplayColumns<F>;
  /** Sum-tree and min-tree of priority^alpha over the ring's slots. */
  private readonly tree: PriorityTree;
  private readonly slotIds: Float64Array;
  private nextId = 0;
  private stored = 0;
  /** Largest priority^alpha given so far: the priority of items inserted without one. */
  private maxPriority = 1;
  private staleUpdates = 0;
  private sampleBuffers: ReplaySample<F> | undefined;
  /** The fields as a list (no per-item Object.entries in the hot loops). */
  private readonly columns: { name: string; size: number; store: Float32Array }[];

  constructor(options: PrioritizedReplayOptions<F>) {
    const { capacity, alpha, priorityEps, fields } = options;
    if (!(alpha >= 0) || !Number.isFinite(alpha))
      throw new RangeError(`replay alpha must be a number >= 0, got ${alpha}`);
    if (!(priorityEps > 0) || !Number.isFinite(priorityEps))
      throw new RangeError(`replay priorityEps must be a number > 0, got ${priorityEps}`);
    this.tree = new PriorityTree(capacity);
    this.capacity = capacity;
    this.alpha = alpha;
    this.priorityEps = priorityEps;
    this.fields = fields;
    const storage: Record<string, Float32Array | Uint8Array | Int32Array> = {};
    for (const [name, spec] of Object.entries(fields)) {
      if (!Number.isInteger(spec.size) || spec.size < 1)
        throw new RangeError(
          `replay field '${name}' size must be an integer >= 1, got ${spec.size}`,
        );
      storage[name] = allocate(spec.dtype, capacity * spec.size);
    }
    this.storage = storage as ReplayColumns<F>;
    // Typed as Float32Array for indexing only; each holds its own dtype.
    this.columns = Object.entries(fields).map(([name, spec]) => ({
      name,
      size: spec.size,
      store: storage[name] as Float32Array,
    }));
    this.slotIds = new Float64Array(capacity).fill(-1);
  }

  /** Transitions held (at most `capacity`). */
  get size(): number {
    return this.stored;
  }
  /** Transitions ever inserted. */
  get inserted(): number {
    return this.nextId;
  }
  /** Priority updates ignored because their item had been overwritten. */
  get staleUpdateCount(): number {
    return this.staleUpdates;
  }
  /** Sum of priority^alpha over the stored items. */
  get totalPriority(): number {
    return this.tree.total;
  }

  /** priority^alpha of a raw priority |TD|. */
  scaledPriority(td: number): number {
    return (Math.abs(td) + this.priorityEps) ** this.alpha;
  }

  /**
   * Appends `count` transitions (each column holds `count * size` numbers), overwriting the
   * oldest when full. `priorities` are raw |TD|-like values (the actors' initial priorities);
   * without them the items get the largest priority seen so far. Returns the first item's id.
   */
  insert(columns: ReplayInput<F>, count: number, priorities?: ArrayLike<number>): number {
    for (const [name, spec] of Object.entries(this.fields)) {
      const col = columns[name];
      if (col === undefined || col.length < count * spec.size) {
        throw new RangeError(
          `replay insert: field '${name}' needs ${count * spec.size} values, got ${col?.length ?? 'none'}`,
        );
      }
    }
    if (priorities !== undefined && priorities.length < count)
      throw new RangeError(`replay insert: ${count} items but ${priorities.length} priorities`);
    const first = this.nextId;
    const cols = this.columns;
    const sources = cols.map((c) => columns[c.name] as Float32Array);
    for (let j = 0; j < count; j++) {
      const id = this.nextId++;
      const slot = id % this.capacity;
      if (this.stored < this.capacity) this.stored++;
      for (let c = 0; c < cols.length; c++) {
        const col = cols[c]!;
        copyItem(col.store, slot, sources[c]!, j, col.size);
      }
      this.slotIds[slot] = id;
      const p =
        priorities === undefined ? this.maxPriority : this.scaledPriority(priorities[j] as number);
      this.setSlotPriority(slot, p);
    }
    return first;
  }

  private setSlotPriority(slot: number, p: number): void {
    if (!Number.isFinite(p)) throw new RangeError(`replay: priority must be finite, got ${p}`);
    if (p > this.maxPriority) this.maxPriority = p;
    this.tree.set(slot, p);
  }

  /**
   * `count` items drawn with probability proportional to priority^alpha (stratified: one
   * draw in each of `count` equal slices of the total, as Schaul et al.), with importance
   * weights (N P(i))^-beta / max_k (N P(k))^-beta, which simplifies to (min_k p_k / p_i)^beta.
   */
  sample(count: number, rng: Rng, beta: number): ReplaySample<F> {
    const size = this.size;
    if (size === 0) throw new RangeError('replay sample: the replay is empty');
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError(`replay sample: count must be an integer >= 1, got ${count}`);
    if (!(beta >= 0 && beta <= 1))
      throw new RangeError(`replay sample: beta must be in [0, 1], got ${beta}`);
    const out = this.buffers(count);
    const total = this.tree.total;
    const minP = this.tree.min;
    const segment = total / count;
    const cols = this.columns;
    const targets = cols.map((c) => out.data[c.name] as Float32Array);
    for (let j = 0; j < count; j++) {
      let mass = (j + rng.random()) * segment;
      if (mass >= total) mass = total * (1 - 1e-12);
      const slot = this.tree.find(mass);
      const p = this.tree.get(slot);
      out.slots[j] = slot;
      out.ids[j] = this.slotIds[slot] as number;
      out.weights[j] = (minP / p) ** beta;
      for (let c = 0; c < cols.length; c++) {
        const col = cols[c]!;
        copyItem(targets[c]!, j, col.store, slot, col.size);
      }
    }
    return out;
  }

  private buffers(count: number): ReplaySample<F> {
    let b = this.sampleBuffers;
    if (b === undefined || b.ids.length < count) {
      const data: Record<string, Float32Array | Uint8Array | Int32Array> = {};
      for (const [name, spec] of Object.entries(this.fields))
        data[name] = allocate(spec.dtype, count * spec.size);
      b = {
        count,
        ids: new Float64Array(count),
        slots: new Int32Array(count),
        weights: new Float32Array(count),
        data: data as ReplayColumns<F>,
      };
      this.sampleBuffers = b;
    }
    if (b.count !== count) {
      const data: Record<string, Float32Array | Uint8Array | Int32Array> = {};
      for (const [name, spec] of Object.entries(this.fields))
        data[name] = (b.data[name] as Float32Array).subarray(0, count * spec.size);
      return {
        count,
        ids: b.ids.subarray(0, count),
        slots: b.slots.subarray(0, count),
        weights: b.weights.subarray(0, count),
        data: data as ReplayColumns<F>,
      };
    }
    return b;
  }

  /**
   * New priorities from the learner's TD errors for the items `ids` of a sample. Items
   * overwritten since they were sampled are skipped (counted in `staleUpdateCount`). Returns
   * how many priorities were updated.
   */
  updatePriorities(ids: ArrayLike<number>, tdErrors: ArrayLike<number>): number {
    if (ids.length !== tdErrors.length)
      throw new RangeError(
        `replay updatePriorities: ${ids.length} ids but ${tdErrors.length} TD errors`,
      );
    let updated = 0;
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j] as number;
      const slot = id % this.capacity;
      if (!(id >= 0) || this.slotIds[slot] !== id) {
        this.staleUpdates++;
        continue;
      }
      this.setSlotPriority(slot, this.scaledPriority(tdErrors[j] as number));
      updated++;
    }
    return updated;
  }

  /** Probability of sampling the item in `slot` (for tests and diagnostics). */
  probability(slot: number): number {
    return this.tree.get(slot) / this.tree.total;
  }

  /** Forgets every item (ids keep counting up, so old ids stay stale). */
  clear(): void {
    this.tree.clear();
    this.slotIds.fill(-1);
    this.stored = 0;
    this.maxPriority = 1;
  }
}

/** Importance-sampling exponent annealed linearly from `beta0` to 1 over the run (Schaul et al.). */
export function annealedBeta(beta0: number, progress: number): number {
  const p = Math.min(1, Math.max(0, progress));
  return beta0 + (1 - beta0) * p;
}
