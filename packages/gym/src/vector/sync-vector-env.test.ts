import { describe, expect, it } from 'vitest';
import { isPromiseLike } from '../maybe-promise.js';
import { Box } from '../spaces/box.js';
import { CorridorEnv } from '../test-envs.js';
import type { VectorResetResult, VectorStepResult } from './vector-env.js';
import { SyncVectorEnv } from './sync-vector-env.js';

type Obs = Float32Array;
const corridors = (n: number, length = 3): (() => CorridorEnv)[] =>
  Array.from({ length: n }, () => () => new CorridorEnv(length));

describe('SyncVectorEnv', () => {
  it('seeds sub-env i with seed + i and batches observations contiguously', () => {
    const venv = new SyncVectorEnv<Obs>(corridors(3, 50));
    const [obs, infos] = venv.reset({ seed: 10 }) as VectorResetResult<Obs>;
    expect(obs).toBeInstanceOf(Float32Array);
    expect(obs.length).toBe(3);
    for (let i = 0; i < 3; i++) {
      const [single, info] = new CorridorEnv(50).reset({ seed: 10 + i });
      expect(obs[i]).toBe(single[0]);
      expect(infos[i]).toEqual(info);
    }
    expect(venv.observationSpace.equals(new Box(0, 49, [3, 1]))).toBe(true);
    expect(venv.metadata.autoresetMode).toBe('next-step');
  });

  it('next-step autoreset: the step after an episode ends returns the reset obs, reward 0, flags false', () => {
    const venv = new SyncVectorEnv<Obs>(corridors(2));
    const reference = [new CorridorEnv(3), new CorridorEnv(3)];
    venv.reset({ seed: 0 });
    reference.forEach((e, i) => e.reset({ seed: i }));
    let sawAutoreset = 0;
    const pending = [false, false];
    for (let t = 0; t < 8; t++) {
      const [obs, rewards, term, trunc, infos] = venv.step(
        Int32Array.of(1, 1),
      ) as VectorStepResult<Obs>;
      for (let i = 0; i < 2; i++) {
        if (pending[i]) {
          const [resetObs, resetInfo] = reference[i]!.reset();
          expect([obs[i], rewards[i], term[i], trunc[i], infos[i]]).toEqual([
            resetObs[0],
            0,
            0,
            0,
            resetInfo,
          ]);
          pending[i] = false;
          sawAutoreset++;
        } else {
          const [o, r, te] = reference[i]!.step(1);
          expect([obs[i], rewards[i], term[i]]).toEqual([o[0], Math.fround(r), Number(te)]);
          pending[i] = te;
        }
      }
    }
    expect(sawAutoreset).toBeGreaterThanOrEqual(4);
  });

  it('same-step autoreset puts the final observation and info in the reset info', () => {
    const venv = new SyncVectorEnv<Obs>(corridors(1), { autoresetMode: 'same-step' });
    venv.reset({ seed: 0 });
    for (let t = 0; t < 5; t++) {
      const [obs, rewards, term, , infos] = venv.step([1]) as VectorStepResult<Obs>;
      if (term[0]) {
        expect(rewards[0]).toBe(1);
        expect(Array.from(infos[0]!.final_obs as Float32Array)).toEqual([2]);
        expect(infos[0]!.final_info).toEqual({});
        expect(obs[0]).toBe(infos[0]!.start); // already the next episode's first observation
        return;
      }
    }
    throw new Error('the episode never ended');
  });

  it('is synchronous over synchronous envs; copy: false reuses one buffer', () => {
    const venv = new SyncVectorEnv<Obs>(corridors(2), { copy: false });
    const r = venv.reset({ seed: 1 });
    expect(isPromiseLike(r)).toBe(false);
    const [o1] = r as VectorResetResult<Obs>;
    const [o2] = venv.step([0, 0]) as VectorStepResult<Obs>;
    expect(o2).toBe(o1);
    const copying = new SyncVectorEnv<Obs>(corridors(2));
    const [c1] = copying.reset({ seed: 1 }) as VectorResetResult<Obs>;
    const [c2] = copying.step([0, 0]) as VectorStepResult<Obs>;
    expect(c2).not.toBe(c1);
  });

  it('refuses sub-envs with different spaces and use after close', () => {
    expect(() => new SyncVectorEnv([() => new CorridorEnv(3), () => new CorridorEnv(4)])).toThrow(
      'vector env sub-envs must share one observation space: env 0 has Box(0, 2, [1], float32), env 1 has Box(0, 3, [1], float32)',
    );
    const venv = new SyncVectorEnv(corridors(1));
    venv.close();
    venv.close();
    expect(() => venv.reset()).toThrow('SyncVectorEnv is closed');
  });
});
