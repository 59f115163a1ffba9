import { describe, expect, it } from 'vitest';
import { gaeAdvantages, nStepReturns, type RolloutReturnsInput } from './returns.js';

// Three envs, three steps, gamma 0.9. Env 0 terminates at t=1, env 1 is truncated at t=1
// (V(final obs) = 4), env 2 runs on. [T, N] layout: index t * 3 + i.
function rollout(values: number[]): RolloutReturnsInput {
  return {
    numSteps: 3,
    numEnvs: 3,
    rewards: Float32Array.from([1, 1, 1, 2, 2, 1, 3, 3, 1]),
    values: Float32Array.from(values),
    terminated: Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 0, 0]),
    truncated: Uint8Array.from([0, 0, 0, 0, 1, 0, 0, 0, 0]),
    finalValues: Float32Array.from([0, 0, 0, 99, 4, 99, 0, 0, 0]),
    lastValues: Float32Array.from([10, 10, 2]),
    gamma: 0.9,
  };
}

const column = (a: Float32Array, i: number) => [a[i], a[3 + i], a[6 + i]].map((x) => x as number);

describe('nStepReturns', () => {
  const input = rollout([0.5, 0.5, 0, 0.5, 0.5, 0, 0.5, 0.5, 0]);
  const { returns, advantages } = nStepReturns(input);

  it('does not bootstrap past a terminal state', () => {
    // t2: 3 + .9*10 = 12; t1: terminal, 2; t0: 1 + .9*2 = 2.8
    expect(column(returns, 0)).toEqual([2.8, 2, 12].map((x) => expect.closeTo(x, 5)));
  });

  it('bootstraps a truncated episode from V(final obs), not from the next episode', () => {
    // t2: 12; t1: 2 + .9*4 = 5.6; t0: 1 + .9*5.6 = 6.04
    expect(column(returns, 1)).toEqual([6.04, 5.6, 12].map((x) => expect.closeTo(x, 5)));
  });

  it('bootstraps from V(s_T) when the episode runs on', () => {
    // t2: 1 + .9*2 = 2.8; t1: 1 + .9*2.8 = 3.52; t0: 1 + .9*3.52 = 4.168
    expect(column(returns, 2)).toEqual([4.168, 3.52, 2.8].map((x) => expect.closeTo(x, 5)));
  });

  it('advantage is return minus value', () => {
    expect(column(advantages, 0)).toEqual([2.3, 1.5, 11.5].map((x) => expect.closeTo(x, 5)));
  });

  it('names the bad field', () => {
    expect(() => nStepReturns({ ...input, lastValues: new Float32Array(2) })).toThrow(
      /lastValues.length must be numEnvs = 3, got 2/,
    );
    expect(() => nStepReturns({ ...input, rewards: new Float32Array(8) })).toThrow(
      /rewards.length/,
    );
  });
});

describe('gaeAdvantages', () => {
  // Values [0.5, 1, 2] over time for every env.
  const input = rollout([0.5, 0.5, 0.5, 1, 1, 1, 2, 2, 2]);

  it('matches hand-computed GAE(0.5) at a terminal and at a truncation', () => {
    const { advantages, returns } = gaeAdvantages(input, 0.5);
    // Env 0 (terminal at t1): d2 = 3 + .9*10 - 2 = 10; d1 = 2 - 1 = 1 (cut); d0 = 1 + .9*1 - .5 = 1.4,
    // A0 = 1.4 + .45*1 = 1.85.
    expect(column(advantages, 0)).toEqual([1.85, 1, 10].map((x) => expect.closeTo(x, 5)));
    // Env 1 (truncated at t1, V(final) = 4): d1 = 2 + .9*4 - 1 = 4.6; A0 = 1.4 + .45*4.6 = 3.47.
    expect(column(advantages, 1)).toEqual([3.47, 4.6, 10].map((x) => expect.closeTo(x, 5)));
    // Env 2: d2 = 1 + 1.8 - 2 = .8; d1 = 1 + 1.8 - 1 = 1.8, A1 = 1.8 + .36 = 2.16;
    // d0 = 1 + .9 - .5 = 1.4, A0 = 1.4 + .45*2.16 = 2.372.
    expect(column(advantages, 2)).toEqual([2.372, 2.16, 0.8].map((x) => expect.closeTo(x, 5)));
    expect(column(returns, 2)).toEqual([2.872, 3.16, 2.8].map((x) => expect.closeTo(x, 5)));
  });

  it('with lambda = 1 equals the n-step returns', () => {
    const gae = gaeAdvantages(input, 1);
    const nstep = nStepReturns(input);
    for (let k = 0; k < 9; k++) {
      expect(gae.returns[k]).toBeCloseTo(nstep.returns[k] as number, 5);
      expect(gae.advantages[k]).toBeCloseTo(nstep.advantages[k] as number, 5);
    }
  });

  it('with lambda = 0 is the one-step TD error', () => {
    const { advantages } = gaeAdvantages(input, 0);
    // Env 2, t0: 1 + .9 * V1 - V0 = 1 + .9 - .5
    expect(advantages[2]).toBeCloseTo(1.4, 5);
    expect(() => gaeAdvantages(input, 1.5)).toThrow(/lambda must be in \[0, 1\], got 1.5/);
  });
});
