import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, WireArray } from '@coordconv/gym';
import { RejectedBatch, validateExperience, type RejectReason } from './validate-experience.js';

const expect2x2 = { obsShape: [2, 2], obsDtype: 'float32' as const, numActions: 3 };

function good(n = 2): Record<string, unknown> {
  return {
    type: 'experience',
    frames: n,
    version: 4,
    episodes: [{ return: 12, length: 30, win: false }],
    obs: new WireArray('float32', [n, 2, 2], new Float32Array(n * 4).fill(0.5)),
    nextObs: new WireArray('float32', [n, 2, 2], new Float32Array(n * 4)),
    actions: Int32Array.from({ length: n }, (_, j) => j % 3),
    returns: new Float32Array(n).fill(1),
    discounts: new Float32Array(n).fill(0.97),
    priorities: new Float32Array(n).fill(0.3),
  };
}

/** Through the real codec, as the learner receives it. */
const wire = (h: Record<string, unknown>) => decodeMessage(encodeMessage(h));

function reason(h: Record<string, unknown>): RejectReason | 'accepted' {
  try {
    validateExperience(wire(h), expect2x2);
    return 'accepted';
  } catch (err) {
    expect(err).toBeInstanceOf(RejectedBatch);
    return (err as RejectedBatch).reason;
  }
}

describe('validateExperience', () => {
  it('accepts a well-formed batch and returns typed columns', () => {
    const v = validateExperience(wire(good(3)), expect2x2);
    expect(v.count).toBe(3);
    expect(v.obs).toBeInstanceOf(Float32Array);
    expect(Array.from(v.actions)).toEqual([0, 1, 2]);
    expect(v.episodes).toEqual([{ return: 12, length: 30, win: false }]);
  });

  it('rejects wrong shapes, dtypes, non-finite values, bad actions and ranges', () => {
    const n = 2;
    const cases: [string, Record<string, unknown>, RejectReason][] = [
      ['obs shape', { obs: new WireArray('float32', [n, 2, 3], new Float32Array(n * 6)) }, 'shape'],
      [
        'obs count',
        { obs: new WireArray('float32', [n + 1, 2, 2], new Float32Array((n + 1) * 4)) },
        'shape',
      ],
      ['obs dtype', { obs: new WireArray('float64', [n, 2, 2], new Float64Array(n * 4)) }, 'dtype'],
      ['actions dtype', { actions: new Float32Array(n) }, 'dtype'],
      ['action range', { actions: Int32Array.of(0, 3) }, 'range'],
      ['negative action', { actions: Int32Array.of(-1, 0) }, 'range'],
      [
        'NaN obs',
        { nextObs: new WireArray('float32', [n, 2, 2], new Float32Array(n * 4).fill(NaN)) },
        'nonfinite',
      ],
      ['inf return', { returns: Float32Array.of(1, Infinity) }, 'nonfinite'],
      ['discount > 1', { discounts: Float32Array.of(0.5, 1.5) }, 'range'],
      ['negative priority', { priorities: Float32Array.of(-1, 0) }, 'range'],
      ['missing column', { returns: undefined }, 'fields'],
      ['returns as list', { returns: [1, 2] }, 'fields'],
      ['frames', { frames: -1 }, 'range'],
      ['version', { version: 'x' }, 'range'],
      ['episode return', { episodes: [{ return: NaN, length: 3 }] }, 'nonfinite'],
      ['episode length', { episodes: [{ return: 1, length: 0 }] }, 'range'],
      ['empty batch', { actions: new Int32Array(0) }, 'range'],
    ];
    for (const [name, patch, want] of cases) {
      expect([name, reason({ ...good(n), ...patch })]).toEqual([name, want]);
    }
    expect(reason({ ...good(n) })).toBe('accepted');
    expect(() => validateExperience(null, expect2x2)).toThrow(RejectedBatch);
  });
});
