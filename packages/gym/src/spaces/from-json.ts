import { Box } from './box.js';
import { Dict } from './dict.js';
import { Discrete } from './discrete.js';
import { MultiDiscrete } from './multi-discrete.js';
import type { Space } from './space.js';
import { SPACE_TYPES } from './space-json.js';
import { Tuple } from './tuple.js';
import { expectArray, expectOnlyKeys, expectRecord, fail } from './validate.js';

/**
 * Rebuilds a space from its wire form, validating every field; errors (`InvalidSpace`) name the
 * offending field by path, rooted at `path` (e.g. `'observationSpace'` gives
 * `observationSpace.spaces.pos.low[2]`).
 */
export function spaceFromJSON(json: unknown, path = 'space'): Space<unknown> {
  const obj = expectRecord(json, path);
  switch (obj.type) {
    case 'Discrete':
      return Discrete.fromJSON(obj, path);
    case 'Box':
      return Box.fromJSON(obj, path);
    case 'MultiDiscrete':
      return MultiDiscrete.fromJSON(obj, path);
    case 'Dict': {
      expectOnlyKeys(obj, ['type', 'spaces'], path);
      const spaces = expectRecord(obj.spaces, `${path}.spaces`);
      const children: Record<string, Space<unknown>> = {};
      for (const [k, v] of Object.entries(spaces))
        children[k] = spaceFromJSON(v, `${path}.spaces.${k}`);
      return new Dict(children);
    }
    case 'Tuple': {
      expectOnlyKeys(obj, ['type', 'spaces'], path);
      const spaces = expectArray(obj.spaces, `${path}.spaces`);
      return new Tuple(spaces.map((v, i) => spaceFromJSON(v, `${path}.spaces[${i}]`)));
    }
    default:
      return fail(
        `${path}.type`,
        `one of ${SPACE_TYPES.map((t) => `"${t}"`).join(', ')}`,
        obj.type,
      );
  }
}
