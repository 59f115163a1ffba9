import { describe, expect, it } from 'vitest';
import { ResetNeeded } from '../errors.js';
import { CorridorEnv } from '../test-envs.js';
import { OrderEnforcing } from './order-enforcing.js';

describe('OrderEnforcing', () => {
  it('throws ResetNeeded on step or render before the first reset', () => {
    const env = new OrderEnforcing(new CorridorEnv(5, { renderMode: 'ansi' }));
    expect(() => env.step(0)).toThrow(ResetNeeded);
    expect(() => env.render()).toThrow(/before calling env.reset/);
    env.reset({ seed: 0 });
    expect(env.hasResetYet).toBe(true);
    expect(() => env.step(0)).not.toThrow();
    expect(
      new OrderEnforcing(new CorridorEnv(), { disableRenderOrderEnforcing: true }).render(),
    ).toBeTypeOf('string');
  });
});
