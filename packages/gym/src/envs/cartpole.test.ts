import { describe, expect, it } from 'vitest';
import { checkEnv } from '../check/env-checker.js';
import type { StepResult } from '../env.js';
import { InvalidAction, ResetNeeded } from '../errors.js';
import { CartPoleEnv, makeCartPole } from './cartpole.js';

/** One Euler step of gymnasium's cartpole.py, written out independently for the test. */
function referenceStep(s: number[], action: number): number[] {
  const [x, xd, th, thd] = s as [number, number, number, number];
  const force = action === 1 ? 10 : -10;
  const temp = (force + 0.05 * thd * thd * Math.sin(th)) / 1.1;
  const thacc =
    (9.8 * Math.sin(th) - Math.cos(th) * temp) / (0.5 * (4 / 3 - (0.1 * Math.cos(th) ** 2) / 1.1));
  const xacc = temp - (0.05 * thacc * Math.cos(th)) / 1.1;
  return [x + 0.02 * xd, xd + 0.02 * xacc, th + 0.02 * thd, thd + 0.02 * thacc];
}

describe('CartPoleEnv', () => {
  it('follows gymnasium dynamics from a given state', () => {
    const env = new CartPoleEnv();
    env.reset({ seed: 0 });
    let ref = Array.from(env.state!);
    for (let t = 0; t < 8; t++) {
      const a = t % 3 === 0 ? 0 : 1;
      const [obs] = env.step(a);
      ref = referenceStep(ref, a);
      ref.forEach((v, i) => expect(env.state![i]).toBeCloseTo(v, 12));
      expect(Array.from(obs)).toEqual(Array.from(Float32Array.from(ref)));
    }
  });

  it('starts uniformly in [-0.05, 0.05] (or the low/high reset options) and is seed-deterministic', () => {
    const env = new CartPoleEnv();
    const [a] = env.reset({ seed: 42 });
    const [b] = env.reset({ seed: 42 });
    const [c] = env.reset({ seed: 43 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const v of a) expect(Math.abs(v)).toBeLessThanOrEqual(0.05);
    const [d] = env.reset({ seed: 1, options: { low: 0.1, high: 0.2 } });
    for (const v of d) expect(v).toBeGreaterThanOrEqual(Math.fround(0.1));
    expect(() => env.reset({ options: { low: 1, high: 0 } })).toThrow(/low <= high/);
  });

  it('terminates when the pole falls, rewarding 1 then 0 after termination', () => {
    const env = new CartPoleEnv();
    env.reset({ seed: 3 });
    let steps = 0;
    let result = env.step(1);
    while (!result[2]) {
      expect(result[1]).toBe(1);
      result = env.step(1);
      steps++;
    }
    expect(steps).toBeLessThan(100);
    expect(result[1]).toBe(1); // the step where the pole falls still pays 1
    const theta = env.state![2]!;
    const x = env.state![0]!;
    expect(Math.abs(theta) > env.thetaThresholdRadians || Math.abs(x) > env.xThreshold).toBe(true);
    expect(env.step(1)[1]).toBe(0);
    expect(env.observationSpace.contains(result[0])).toBe(true);
  });

  it('Sutton-Barto rewards: 0 per step, -1 on failure', () => {
    const env = new CartPoleEnv({ suttonBartoReward: true });
    env.reset({ seed: 3 });
    let r = env.step(0);
    expect(r[1]).toBe(0);
    while (!r[2]) r = env.step(0);
    expect(r[1]).toBe(-1);
  });

  it('names its errors', () => {
    const env = new CartPoleEnv();
    expect(() => env.step(0)).toThrow(ResetNeeded);
    env.reset({ seed: 0 });
    expect(() => env.step(2)).toThrow(InvalidAction);
    expect(() => env.step(2)).toThrow(
      'CartPole action must be in Discrete(2) (0 = push left, 1 = push right), got 2',
    );
    expect(() => new CartPoleEnv({ renderMode: 'human' as never })).toThrow(
      /renderMode must be one of \["rgb_array","ansi"\]/,
    );
  });

  it('makeCartPole truncates at 500 steps like CartPole-v1', () => {
    const env = makeCartPole();
    expect(env.maxEpisodeSteps).toBe(500);
    const short = makeCartPole({ maxEpisodeSteps: 3 });
    short.reset({ seed: 0 });
    const flags = [0, 1, 0].map((a) => (short.step(a) as StepResult<Float32Array>).slice(2, 4));
    expect(flags).toEqual([
      [false, false],
      [false, false],
      [false, true],
    ]);
  });

  it('renders rgb_array frames and ansi text', () => {
    const rgb = new CartPoleEnv({ renderMode: 'rgb_array' });
    rgb.reset({ seed: 0 });
    const frame = rgb.render();
    if (typeof frame !== 'object') throw new Error('expected an image');
    expect([frame.width, frame.height, frame.channels]).toEqual([600, 400, 3]);
    const colors = new Set<number>();
    for (let i = 0; i < frame.data.length; i += 3)
      colors.add((frame.data[i]! << 16) | (frame.data[i + 1]! << 8) | frame.data[i + 2]!);
    expect(colors).toEqual(new Set([0xffffff, 0x000000, 0xca9865, 0x8184cb]));
    const ansi = new CartPoleEnv({ renderMode: 'ansi' });
    ansi.reset({ seed: 0 });
    expect(ansi.render()).toMatch(/^x=-?\d\.\d{3} theta=-?\d+\.\d{2}deg$/);
  });

  it('passes checkEnv in every render mode', async () => {
    for (const renderMode of [undefined, 'rgb_array', 'ansi'] as const) {
      const { warnings } = await checkEnv(new CartPoleEnv({ renderMode }));
      expect(warnings).toEqual([]);
    }
  });
});
