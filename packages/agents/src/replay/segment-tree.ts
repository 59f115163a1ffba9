/**
 * Sum-tree and min-tree over a fixed number of leaves (Schaul et al. 2016, appendix B.2.1; the
 * same structure as OpenAI baselines' `segment_tree.py`), in one Float64Array each: node k has
 * children 2k and 2k+1, leaves sit at `size + i` where `size` is the capacity rounded up to a
 * power of two, and the root is node 1.
 *
 * A parent is recomputed from its two children on every update (never incremented by a
 * difference), so the root stays the exact float64 sum of the leaves however many updates run:
 * no drift to correct.
 */

function leafCount(capacity: number): number {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 2 ** 30) {
    throw new RangeError(`segment tree capacity must be an integer in [1, 2^30], got ${capacity}`);
  }
  let size = 1;
  while (size < capacity) size *= 2;
  return size;
}

/** Sum of priorities with prefix-sum search: sampling proportional to the leaves. */
export class SumTree {
  readonly capacity: number;
  /** Leaves rounded up to a power of two. */
  readonly size: number;
  private readonly nodes: Float64Array;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.size = leafCount(capacity);
    this.nodes = new Float64Array(2 * this.size);
  }

  /** Sum of all leaves. */
  get total(): number {
    return this.nodes[1] as number;
  }

  get(i: number): number {
    return this.nodes[this.size + i] as number;
  }

  /** Sets leaf `i` (0 <= i < capacity) to `value` >= 0 and refreshes its ancestors. */
  set(i: number, value: number): void {
    const nodes = this.nodes;
    let k = this.size + i;
    nodes[k] = value;
    k >>= 1;
    while (k >= 1) {
      nodes[k] = (nodes[2 * k] as number) + (nodes[2 * k + 1] as number);
      k >>= 1;
    }
  }

  /**
   * The leaf where the running sum of leaves 0..i first exceeds `mass` (0 <= mass < total):
   * leaf i is found with probability leaf_i / total for a uniform mass. Never returns a leaf
   * whose value is 0 while the total is positive: rounding that would step into an empty
   * right subtree steps left instead.
   */
  find(mass: number): number {
    const nodes = this.nodes;
    const size = this.size;
    let k = 1;
    while (k < size) {
      const left = 2 * k;
      const leftSum = nodes[left] as number;
      if (mass < leftSum || (nodes[left + 1] as number) <= 0) {
        k = left;
      } else {
        mass -= leftSum;
        k = left + 1;
      }
    }
    return k - size;
  }

  /** Sets every leaf to 0. */
  clear(): void {
    this.nodes.fill(0);
  }
}

/** Minimum of the leaves (empty leaves are +Infinity): the largest importance weight. */
export class MinTree {
  readonly capacity: number;
  readonly size: number;
  private readonly nodes: Float64Array;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.size = leafCount(capacity);
    this.nodes = new Float64Array(2 * this.size).fill(Infinity);
  }

  /** Smallest leaf (Infinity when all are empty). */
  get min(): number {
    return this.nodes[1] as number;
  }

  get(i: number): number {
    return this.nodes[this.size + i] as number;
  }

  set(i: number, value: number): void {
    const nodes = this.nodes;
    let k = this.size + i;
    nodes[k] = value;
    k >>= 1;
    while (k >= 1) {
      const a = nodes[2 * k] as number;
      const b = nodes[2 * k + 1] as number;
      nodes[k] = a < b ? a : b;
      k >>= 1;
    }
  }

  clear(): void {
    this.nodes.fill(Infinity);
  }
}
