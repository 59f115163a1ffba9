/**
 * JSON forms of the spaces. The format is fixed by the ZeroMQ wire protocol (DESIGN.md):
 * infinities travel as the strings "inf" / "-inf"; Box bounds are a scalar or a flat
 * row-major array of `prod(shape)` numbers.
 */
import type { BoxDtype } from './dtypes.js';

/** A Box bound on the wire: a number, or an infinity as a string. */
export type JsonBound = number | 'inf' | '-inf';

export interface DiscreteJSON {
  type: 'Discrete';
  n: number;
  start: number;
}

export interface BoxJSON {
  type: 'Box';
  low: JsonBound | JsonBound[];
  high: JsonBound | JsonBound[];
  shape: number[];
  dtype: BoxDtype;
}

export interface MultiDiscreteJSON {
  type: 'MultiDiscrete';
  nvec: number[];
  start?: number[];
}

export interface DictJSON {
  type: 'Dict';
  spaces: { [key: string]: SpaceJSON };
}

export interface TupleJSON {
  type: 'Tuple';
  spaces: SpaceJSON[];
}

export type SpaceJSON = DiscreteJSON | BoxJSON | MultiDiscreteJSON | DictJSON | TupleJSON;

/** The `type` names a SpaceJSON may carry. */
export const SPACE_TYPES = ['Discrete', 'Box', 'MultiDiscrete', 'Dict', 'Tuple'] as const;

/** Encodes a bound for the wire. */
export function boundToJSON(x: number): JsonBound {
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return x;
}
