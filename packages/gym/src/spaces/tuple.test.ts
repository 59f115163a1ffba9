import { describe, expect, it } from 'vitest';
import { Box } from './box.js';
import { Discrete } from './discrete.js';
import { spaceFromJSON } from './from-json.js';
import { MultiDiscrete } from './multi-discrete.js';
import { Tuple } from './tuple.js';

describe('Tuple', () => {
  const make = (): Tuple<readonly [Discrete, Box<'uint8'>, MultiDiscrete]> =>
    new Tuple([new Discrete(2), new Box(0, 9, [3], 'uint8'), new MultiDiscrete([2, 2])] as const);

  it('samples arrays it contains, reproducibly from a seed', () => {
    const a = make();
    const b = make();
    a.seed(3);
    b.seed(3);
    const x = a.sample();
    expect(a.contains(x)).toBe(true);
    expect(b.sample()).toEqual(x);
    expect(a.at(1).dtype).toBe('uint8');
  });

  it('contains checks the length and each position', () => {
    const t = make();
    expect(t.contains([1, [0, 0, 9], [1, 1]])).toBe(true);
    expect(t.contains([1, [0, 0, 9]])).toBe(false);
    expect(t.contains([2, [0, 0, 9], [1, 1]])).toBe(false);
  });

  it('round-trips through JSON and names the bad element', () => {
    const t = make();
    expect(spaceFromJSON(JSON.parse(JSON.stringify(t))).equals(t)).toBe(true);
    expect(t.equals(new Tuple([new Discrete(2)]))).toBe(false);
    expect(() =>
      spaceFromJSON(
        { type: 'Tuple', spaces: [{ type: 'Discrete', n: 2 }, { type: 'Nope' }] },
        'obs',
      ),
    ).toThrow(
      /obs\.spaces\[1\]\.type must be one of "Discrete", "Box", "MultiDiscrete", "Dict", "Tuple", got "Nope"/,
    );
    expect(() => spaceFromJSON({ type: 'Tuple', spaces: {} }, 'obs')).toThrow(
      'obs.spaces must be an array, got {}',
    );
    expect(() => spaceFromJSON(null, 'obs')).toThrow('obs must be an object, got null');
  });
});
