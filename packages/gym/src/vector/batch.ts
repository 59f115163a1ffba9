/**
 * Batched values for vector envs: one contiguous typed array per leaf space, shaped
 * `[numEnvs, ...shape]` (row `i` belongs to sub-env `i`), optionally in SharedArrayBuffers so
 * that worker threads write observations in place.
 */
import { GymError, describeValue } from '../errors.js';
import { Box } from '../spaces/box.js';
import { Dict } from '../spaces/dict.js';
import { Discrete } from '../spaces/discrete.js';
import { allocArray } from '../spaces/dtypes.js';
import type { BoxArray, BoxDtype } from '../spaces/dtypes.js';
import { MultiDiscrete } from '../spaces/multi-discrete.js';
import type { Space } from '../spaces/space.js';
import { Tuple } from '../spaces/tuple.js';

/** A batch: a typed array for Box / Discrete / MultiDiscrete, nested for Dict and Tuple. */
export type Batch = BoxArray | { [key: string]: Batch } | Batch[];

/**
 * The space of batched elements (gymnasium.vector.utils.batch_space): Box -> Box `[n, ...shape]`;
 * Discrete -> MultiDiscrete of n copies; MultiDiscrete -> an int32 Box `[n, k]`; Dict and Tuple
 * batch each sub-space.
 */
export function batchSpace(space: Space<unknown>, n: number): Space<unknown> {
  if (space instanceof Box) {
    const low = new Float64Array(n * space.size);
    const high = new Float64Array(n * space.size);
    for (let i = 0; i < n; i++) {
      low.set(space.low, i * space.size);
      high.set(space.high, i * space.size);
    }
    return new Box(low, high, [n, ...space.shape], space.dtype);
  }
  if (space instanceof Discrete) {
    return new MultiDiscrete(
      new Array<number>(n).fill(space.n),
      new Array<number>(n).fill(space.start),
    );
  }
  if (space instanceof MultiDiscrete) {
    const k = space.nvec.length;
    const low = new Float64Array(n * k);
    const high = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        low[i * k + j] = space.start[j]!;
        high[i * k + j] = space.start[j]! + space.nvec[j]! - 1;
      }
    }
    return new Box(low, high, [n, k], 'int32');
  }
  if (space instanceof Dict) {
    const spaces: Record<string, Space<unknown>> = {};
    for (const k of space.keys) spaces[k] = batchSpace(space.spaces[k]!, n);
    return new Dict(spaces);
  }
  if (space instanceof Tuple)
    return new Tuple(space.spaces.map((s: Space<unknown>) => batchSpace(s, n)));
  throw new GymError(
    `vector envs cannot batch ${String(space)}; supported: Box, Discrete, MultiDiscrete, Dict, Tuple`,
  );
}

/** Elements per sub-env of a leaf space, and its dtype; undefined for Dict / Tuple. */
function leaf(space: Space<unknown>): { size: number; dtype: BoxDtype } | undefined {
  if (space instanceof Box) return { size: space.size, dtype: space.dtype };
  if (space instanceof Discrete) return { size: 1, dtype: 'int32' };
  if (space instanceof MultiDiscrete) return { size: space.nvec.length, dtype: 'int32' };
  return undefined;
}

/** A zero-filled batch for `n` elements of `space`; in SharedArrayBuffers when `shared`. */
export function createBatch(space: Space<unknown>, n: number, shared = false): Batch {
  const l = leaf(space);
  if (l !== undefined) {
    const probe = allocArray(l.dtype, 0);
    const buffer = shared ? new SharedArrayBuffer(n * l.size * probe.BYTES_PER_ELEMENT) : undefined;
    return allocArray(l.dtype, n * l.size, buffer);
  }
  if (space instanceof Dict) {
    const out: { [key: string]: Batch } = {};
    for (const k of space.keys) out[k] = createBatch(space.spaces[k]!, n, shared);
    return out;
  }
  if (space instanceof Tuple)
    return space.spaces.map((s: Space<unknown>) => createBatch(s, n, shared));
  return batchSpace(space, n) as never; // throws the unsupported-space error
}

/** Writes sub-env `i`'s element `value` into row `i` of `batch`. */
export function writeBatch(
  space: Space<unknown>,
  batch: Batch,
  i: number,
  value: unknown,
  what = 'observation',
): void {
  const l = leaf(space);
  if (l !== undefined) {
    const arr = batch as BoxArray;
    if (l.size === 1 && typeof value === 'number') {
      arr[i] = value;
      return;
    }
    const v = value as ArrayLike<number>;
    if (v === null || typeof v !== 'object' || v.length !== l.size) {
      throw new GymError(
        `sub-env ${i} returned an ${what} that does not fit ${String(space)}: expected ${l.size} values, got ${describeValue(value)}`,
      );
    }
    arr.set(v, i * l.size);
    return;
  }
  if (space instanceof Dict) {
    const obj = value as Record<string, unknown>;
    for (const k of space.keys)
      writeBatch(space.spaces[k]!, (batch as Record<string, Batch>)[k]!, i, obj?.[k], what);
    return;
  }
  if (space instanceof Tuple) {
    const arr = value as unknown[];
    space.spaces.forEach((s: Space<unknown>, j: number) =>
      writeBatch(s, (batch as Batch[])[j]!, i, arr?.[j], what),
    );
  }
}

/** Element `i` of a batch, as a fresh value of `space` (a number for Discrete). */
export function readBatch(space: Space<unknown>, batch: Batch, i: number): unknown {
  const l = leaf(space);
  if (l !== undefined) {
    const arr = batch as BoxArray;
    if (space instanceof Discrete) return arr[i];
    return arr.slice(i * l.size, (i + 1) * l.size);
  }
  if (space instanceof Dict) {
    const out: Record<string, unknown> = {};
    for (const k of space.keys)
      out[k] = readBatch(space.spaces[k]!, (batch as Record<string, Batch>)[k]!, i);
    return out;
  }
  if (space instanceof Tuple)
    return space.spaces.map((s: Space<unknown>, j: number) =>
      readBatch(s, (batch as Batch[])[j]!, i),
    );
  return undefined;
}

/** A deep copy in ordinary (non-shared) memory. */
export function cloneBatch(batch: Batch): Batch {
  if (ArrayBuffer.isView(batch)) return (batch as BoxArray).slice();
  if (Array.isArray(batch)) return batch.map(cloneBatch);
  const out: { [key: string]: Batch } = {};
  for (const [k, v] of Object.entries(batch)) out[k] = cloneBatch(v);
  return out;
}

/**
 * Sub-env `i`'s action from the batched `actions` (an element of the batched action space: a
 * typed or plain array of `n * size` numbers for leaf spaces, nested for Dict / Tuple). For Box
 * and MultiDiscrete, an array of `n` per-env arrays is accepted too.
 */
export function actionAt(space: Space<unknown>, actions: unknown, i: number, n: number): unknown {
  const l = leaf(space);
  if (l === undefined) return readBatch(space, actions as Batch, i);
  if (Array.isArray(actions) && actions.length === n && typeof actions[0] === 'object') {
    return actions[i];
  }
  const arr = actions as ArrayLike<number>;
  if (arr === null || typeof arr !== 'object' || arr.length !== n * l.size) {
    throw new GymError(
      `vector env actions for ${n} envs of ${String(space)} must hold ${n * l.size} values, got ${describeValue(actions)}`,
    );
  }
  if (space instanceof Discrete) return arr[i];
  const out = allocArray(l.dtype, l.size);
  for (let j = 0; j < l.size; j++) out[j] = arr[i * l.size + j]!;
  return out;
}
