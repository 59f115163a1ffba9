import { Rng } from '@coordconv/common';
import {
  Box,
  ClosedEnvironment,
  Discrete,
  InvalidAction,
  ResetNeeded,
  UnsupportedRenderMode,
} from '@coordconv/gym';
import { describe, expect, it } from 'vitest';
import { PacmanEnv } from './env.js';

// Pac-Man walled off from the ghost: episodes end only by winning or by maxSteps.
const safe = ['%%%%%%%', '%P..%G%', '%%%%% %', '%%%%%%%'].join('\n');

/** A position-sensitive checksum of an observation (comparing whole arrays is slow). */
function checksum(obs: Float32Array): number {
  let h = 0;
  for (let i = 0; i < obs.length; i++) h += obs[i]! * ((i % 251) + 1);
  return h;
}

function rollout(env: PacmanEnv, seed: number, actions: number[]) {
  const out: unknown[] = [];
  const [obs0] = env.reset({ seed });
  out.push(checksum(obs0));
  for (const a of actions) {
    const [obs, reward, terminated, truncated, info] = env.step(a);
    out.push(checksum(obs), reward, terminated, truncated, info);
    if (terminated || truncated) env.reset();
  }
  return out;
}

describe('PacmanEnv', () => {
  it('has Discrete(5) actions and a Box [H, W, 6] float32 grid observation in [0, 1]', () => {
    const env = new PacmanEnv({ layout: 'mediumClassic' });
    expect(env.actionSpace.equals(new Discrete(5))).toBe(true);
    expect(env.observationSpace.equals(new Box(0, 1, [11, 20, 6], 'float32'))).toBe(true);
    const [obs, info] = env.reset({ seed: 1 });
    expect(obs).toBeInstanceOf(Float32Array);
    expect(env.observationSpace.contains(obs)).toBe(true);
    expect(info).toEqual({
      score: 0,
      foodLeft: 97,
      capsulesLeft: 2,
      win: false,
      lose: false,
      lives: 1,
      steps: 0,
      ghostsEaten: 0,
    });
    expect(env.metadata).toMatchObject({
      renderModes: ['rgb_array', 'ansi'],
      layout: 'mediumClassic',
      obs: 'grid',
    });
  });

  it('rgb observations are uint8 [H * cell, W * cell, 3]', () => {
    const env = new PacmanEnv({ layout: 'smallGrid', obs: 'rgb', cellSize: 4 });
    expect(env.observationSpace.equals(new Box(0, 255, [28, 28, 3], 'uint8'))).toBe(true);
    const [obs] = env.reset({ seed: 0 });
    expect(obs).toBeInstanceOf(Uint8Array);
    expect(obs.length).toBe(28 * 28 * 3);
    const [next] = env.step(0);
    expect(env.observationSpace.contains(next)).toBe(true);
  });

  it('steps return score changes, flags and info; a win terminates', () => {
    const env = new PacmanEnv({ layout: safe });
    env.reset({ seed: 0 });
    const [, r1, term1, trunc1, info1] = env.step(2);
    expect([r1, term1, trunc1, info1.foodLeft, info1.score]).toEqual([9, false, false, 1, 9]);
    const [, r2, term2, , info2] = env.step(2);
    expect([r2, term2, info2.win, info2.lives]).toEqual([509, true, true, 1]);
    expect(() => env.step(4)).toThrow(ResetNeeded);
  });

  it('truncates after maxSteps without terminating', () => {
    const env = new PacmanEnv({ layout: safe, maxSteps: 3 });
    env.reset({ seed: 0 });
    expect(env.step(4).slice(2, 4)).toEqual([false, false]);
    expect(env.step(4).slice(2, 4)).toEqual([false, false]);
    const [, reward, terminated, truncated, info] = env.step(4);
    expect([reward, terminated, truncated, info.steps]).toEqual([-1, false, true, 3]);
    expect(() => env.step(4)).toThrow(/call reset\(\)/);
    env.reset();
    expect(env.step(4)[3]).toBe(false);
  });

  it('the same seed and actions give the same trajectory; another seed differs', () => {
    const rng = new Rng(5);
    const actions = Array.from({ length: 300 }, () => rng.int(5));
    for (const ghosts of ['random', 'directional'] as const) {
      const a = rollout(new PacmanEnv({ ghosts }), 123, actions);
      const b = rollout(new PacmanEnv({ ghosts }), 123, actions);
      const c = rollout(new PacmanEnv({ ghosts }), 124, actions);
      expect(a).toEqual(b);
      expect(a).not.toEqual(c);
    }
    const env = new PacmanEnv();
    expect(Array.from(env.reset({ seed: 123 })[0])).toEqual(
      Array.from(env.reset({ seed: 123 })[0]),
    );
  });

  it('validates calls: reset first, actions in the space, known reset options', () => {
    const env = new PacmanEnv({ layout: 'smallGrid' });
    expect(() => env.step(0)).toThrow(ResetNeeded);
    env.reset({ seed: 0 });
    expect(() => env.step(5)).toThrow(InvalidAction);
    expect(() => env.step(-1)).toThrow(/integer in \[0, 4\].*got -1/);
    expect(() => env.step('1' as unknown as number)).toThrow(InvalidAction);
    expect(() => env.reset({ options: { level: 2 } })).toThrow(/unknown options level/);
    expect(() => env.reset({ options: {} })).not.toThrow();
  });

  it('validates options, naming the field and the allowed values', () => {
    expect(() => new PacmanEnv({ obs: 'pixels' as 'rgb' })).toThrow(
      /obs must be 'grid' or 'rgb', got "pixels"/,
    );
    expect(() => new PacmanEnv({ maxSteps: 0 })).toThrow(
      /maxSteps must be a positive integer or Infinity, got 0/,
    );
    expect(() => new PacmanEnv({ renderMode: 'human' as 'ansi' })).toThrow(UnsupportedRenderMode);
    expect(() => new PacmanEnv({ layout: 'bigClassic' })).toThrow(/unknown layout "bigClassic"/);
    expect(() => new PacmanEnv({ layout: '%%%\n%x%\n%%%' })).toThrow(
      /unknown character "x" at row 1, column 1/,
    );
    expect(() => new PacmanEnv({ cellSize: 2.5, obs: 'rgb' })).toThrow(/cellSize/);
    expect(new PacmanEnv({ maxSteps: Infinity }).maxSteps).toBe(Infinity);
  });

  it('writes observations into a caller buffer, or one reused buffer, without allocating', () => {
    const size = 11 * 20 * 6;
    const batch = new Float32Array(2 * size);
    const slot = batch.subarray(size);
    const env = new PacmanEnv({ obsBuffer: slot });
    const [obs] = env.reset({ seed: 2 });
    expect(obs).toBe(slot);
    const [obs2] = env.step(3);
    expect(obs2).toBe(slot);
    expect(batch.subarray(0, size).every((v) => v === 0)).toBe(true);
    expect(Array.from(slot)).toEqual(Array.from(env.observeInto(new Float32Array(size))));

    const reuse = new PacmanEnv({ reuseObs: true, obs: 'rgb', cellSize: 2 });
    const [first] = reuse.reset({ seed: 0 });
    expect(reuse.step(1)[0]).toBe(first);
    const fresh = new PacmanEnv();
    const [f0] = fresh.reset({ seed: 0 });
    expect(fresh.step(1)[0]).not.toBe(f0);

    expect(() => new PacmanEnv({ obsBuffer: new Float32Array(10) })).toThrow(
      /Float32Array of 1320 elements \(\[11, 20, 6\]\)/,
    );
    expect(
      () => new PacmanEnv({ obs: 'rgb', obsBuffer: new Float32Array(10) as unknown as Uint8Array }),
    ).toThrow(/Uint8Array/);
  });

  it('renders ansi text and rgb_array frames (renderCellSize independent of the observation)', () => {
    const text = new PacmanEnv({ layout: 'smallGrid', renderMode: 'ansi' });
    text.reset({ seed: 0 });
    expect(text.render()).toMatch(/^%%%%%%%\n% < {3}%\n/);
    const rgb = new PacmanEnv({ layout: 'smallGrid', renderMode: 'rgb_array', renderCellSize: 10 });
    rgb.reset({ seed: 0 });
    const frame = rgb.render();
    expect(typeof frame).toBe('object');
    if (typeof frame === 'object') {
      expect([frame.width, frame.height, frame.channels, frame.data.length]).toEqual([
        70,
        70,
        3,
        70 * 70 * 3,
      ]);
    }
    expect(() => new PacmanEnv().render()).toThrow(UnsupportedRenderMode);
  });

  it('actionMask marks the moves that are not into a wall (Stop always)', () => {
    const env = new PacmanEnv({ layout: 'smallGrid' });
    env.reset({ seed: 0 });
    // smallGrid: Pac-Man at row 1, col 2: walls north and south, open east and west.
    expect(Array.from(env.actionMask())).toEqual([0, 0, 1, 1, 1]);
  });

  it('close may be called twice; a closed env refuses to step', () => {
    const env = new PacmanEnv();
    env.reset({ seed: 0 });
    env.close();
    env.close();
    expect(() => env.step(0)).toThrow(ClosedEnvironment);
    expect(() => env.reset()).toThrow(ClosedEnvironment);
  });

  it('exposes its generator as rng, replaced by reset({ seed })', () => {
    const env = new PacmanEnv();
    env.reset({ seed: 9 });
    const state = env.rng.getState();
    env.step(4);
    env.reset({ seed: 9 });
    expect(env.rng.getState()).toEqual(state);
  });
});
