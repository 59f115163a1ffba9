import { describe, expect, it } from 'vitest';
import { Box, Discrete, type Env } from '@coordconv/gym';
import { FlattenObservation } from './flatten-env.js';

describe('FlattenObservation', () => {
  it('presents a [2, 3] Box as [6] with the same bounds, dtype and values', () => {
    const obs = Float32Array.of(1, 2, 3, 4, 5, 6);
    const inner: Env<Float32Array, number> = {
      observationSpace: new Box(0, 9, [2, 3], 'float32') as never,
      actionSpace: new Discrete(2) as never,
      metadata: { renderModes: [] },
      reset: () => [obs, {}],
      step: () => [obs, 1, false, false, {}],
      render: () => undefined,
      close: () => undefined,
    };
    const env = new FlattenObservation(inner);
    const space = env.observationSpace as unknown as Box;
    expect(space.shape).toEqual([6]);
    expect(space.dtype).toBe('float32');
    expect(Array.from(space.high)).toEqual([9, 9, 9, 9, 9, 9]);
    const [first] = env.reset() as [Float32Array, unknown];
    expect(first).toBe(obs);
    expect(
      () => new FlattenObservation({ ...inner, observationSpace: new Discrete(3) as never }),
    ).toThrow(/needs a Box/);
  });
});
