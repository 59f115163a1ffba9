/**
 * Train/test splits of Not-so-Clevr (official `data/not_so_clevr_generator.py`):
 * - `quadrant`: test = centres whose normalized coordinates (coordinate / 64) are both > 0.5,
 *   i.e. i, j in 33..59: 27 x 27 = 729 test, 2407 train. Tests generalization to a region never
 *   seen in training.
 * - `uniform`: a random 25% of the centres. The official code puts each example in the test set
 *   with probability 0.25 (numpy seed 20202), which drew 768 test / 2368 train (REFERENCES.md);
 *   we draw exactly 768 test examples with a seeded `Rng` so the sizes match the official files.
 */
import { Rng } from '@coordconv/common';
import type { Seed } from '@coordconv/common';

import { centreCol, centreRow, NUM_EXAMPLES } from './dataset.js';

export const SPLIT_NAMES = ['uniform', 'quadrant'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

/** Test-set size of the official uniform split. */
export const UNIFORM_TEST_SIZE = 768;
/** Coordinates above this are in the held-out quadrant (32 / 64 = 0.5). */
export const QUADRANT_THRESHOLD = 32;

export interface Split {
  name: SplitName;
  /** Example indices (see dataset.ts), ascending. */
  train: Int32Array;
  test: Int32Array;
}

/** Whether the centre of example `k` lies in the held-out quadrant. */
export function inHeldOutQuadrant(k: number): boolean {
  return centreRow(k) > QUADRANT_THRESHOLD && centreCol(k) > QUADRANT_THRESHOLD;
}

/** The quadrant split (deterministic). */
export function quadrantSplit(): Split {
  const isTest = Array.from({ length: NUM_EXAMPLES }, (_, k) => inHeldOutQuadrant(k));
  return partition('quadrant', isTest);
}

/** The uniform split: 768 test examples drawn with `Rng(seed)`. */
export function uniformSplit(seed: Seed = 0): Split {
  const order = new Rng(seed).permutation(NUM_EXAMPLES);
  const isTest = new Array<boolean>(NUM_EXAMPLES).fill(false);
  for (let n = 0; n < UNIFORM_TEST_SIZE; n++) isTest[order[n]] = true;
  return partition('uniform', isTest);
}

/** A split by name; `seed` only affects `uniform`. */
export function makeSplit(name: SplitName, seed: Seed = 0): Split {
  switch (name) {
    case 'uniform':
      return uniformSplit(seed);
    case 'quadrant':
      return quadrantSplit();
    default:
      throw new RangeError(
        `makeSplit: split must be one of ${SPLIT_NAMES.join(', ')}, got ${JSON.stringify(name)}`,
      );
  }
}

function partition(name: SplitName, isTest: readonly boolean[]): Split {
  const train: number[] = [];
  const test: number[] = [];
  isTest.forEach((t, k) => (t ? test : train).push(k));
  return { name, train: Int32Array.from(train), test: Int32Array.from(test) };
}

/** Width of the band of training centres `selectionHoldout` takes next to the held-out quadrant. */
export const HOLDOUT_BAND = 8;

/**
 * Training examples to hold out when comparing initializations (TrainConfig.restartValidation),
 * chosen to resemble the split's test: for `quadrant`, the band of training centres along the
 * held-out quadrant (one coordinate in 33..59, the other in 25..32: 432 examples), so a
 * candidate must extrapolate across the band as the test asks across the quadrant border; for
 * `uniform`, a random 10% of the training set. Never touches the test set.
 */
export function selectionHoldout(split: Split, seed: Seed = 0): Int32Array {
  if (split.name === 'quadrant') {
    const low = QUADRANT_THRESHOLD - HOLDOUT_BAND;
    const inBand = (a: number, b: number) =>
      a > QUADRANT_THRESHOLD && b > low && b <= QUADRANT_THRESHOLD;
    return split.train.filter(
      (k) => inBand(centreRow(k), centreCol(k)) || inBand(centreCol(k), centreRow(k)),
    );
  }
  const order = new Rng(seed).permutation(split.train.length);
  const n = Math.round(split.train.length / 10);
  return Int32Array.from(order.subarray(0, n), (p) => split.train[p]).sort();
}
