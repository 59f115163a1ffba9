import { describe, expect, it } from 'vitest';
import type { StepResult } from '../env.js';
import { CorridorEnv } from '../test-envs.js';
import type { EpisodeStatistics } from './record-episode-statistics.js';
import { RecordEpisodeStatistics } from './record-episode-statistics.js';
import { TimeLimit } from './time-limit.js';

describe('RecordEpisodeStatistics', () => {
  it('adds info.episode {r, l, t} on the last step of each episode only', () => {
    const env = new RecordEpisodeStatistics(new CorridorEnv(4), { bufferLength: 2 });
    const lengths: number[] = [];
    for (let ep = 0; ep < 3; ep++) {
      const [obs] = env.reset({ seed: ep }) as [Float32Array, object];
      let ret = 0;
      let len = 0;
      for (;;) {
        const [, r, term, trunc, info] = env.step(1) as StepResult<Float32Array>;
        ret += r;
        len++;
        if (!term && !trunc) {
          expect(info.episode).toBeUndefined();
          continue;
        }
        const stats = info.episode as EpisodeStatistics;
        expect(stats.r).toBeCloseTo(ret, 10);
        expect(stats.l).toBe(len);
        expect(len).toBe(3 - obs[0]!); // walks right from its start to cell 3
        expect(stats.t).toBeGreaterThanOrEqual(0);
        lengths.push(len);
        break;
      }
    }
    expect(env.episodeCount).toBe(3);
    expect(env.lengthQueue).toEqual(lengths.slice(-2));
    expect(env.returnQueue.length).toBe(2);
  });

  it('counts truncated episodes too', () => {
    const env = new RecordEpisodeStatistics(new TimeLimit(new CorridorEnv(100), 2));
    env.reset({ seed: 1 });
    env.step(0);
    const info = (env.step(0) as StepResult<Float32Array>)[4];
    expect((info.episode as EpisodeStatistics).l).toBe(2);
  });
});
