import { Box } from './box.js';
import { Discrete } from './discrete.js';
import type { Space } from './space.js';
import { SPACE_TYPES } from './space-json.js';
import { expectRecord, fail } from './validate.js';

/**
 * Rebuilds a space from its wire form, validating every field; errors name the offending field
 * by path (`path` is the name of the root, e.g. `'observationSpace'`).
 */
export function spaceFromJSON(json: unknown, path = 'space'): Space<unknown> {
  const obj = expectRecord(json, path);
  switch (obj.type) {
    case 'Discrete':
      return Discrete.fromJSON(obj, path);
    case 'Box':
      return Box.fromJSON(obj, path);
    default:
      return fail(
        `${path}.type`,
        `one of ${SPACE_TYPES.map((t) => `"${t}"`).join(', ')}`,
        obj.type,
      );
  }
}
