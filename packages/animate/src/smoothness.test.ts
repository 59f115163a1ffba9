import { describe, expect, it } from 'vitest';
import { Rng } from '@coordconv/common';
import {
  formatSmoothness,
  formatSmoothnessTable,
  smoothness,
  SmoothnessMeter,
} from './smoothness.js';
import { squareFrame } from './test-scenes.js';

const W = 48;
const FRAMES = 33;

/** A square sliding 1 px per frame: every step changes about the same amount. */
const sliding = () => Array.from({ length: FRAMES }, (_, i) => squareFrame(W, W, 4 + i, 16, 10));

/** A square that sits still, then teleports every 8 frames: the change arrives in a few jumps. */
const teleporting = () =>
  Array.from({ length: FRAMES }, (_, i) =>
    squareFrame(W, W, 4 + 8 * Math.floor(i / 8), (Math.floor(i / 8) * 11) % 30, 10),
  );

/** Two squares that flicker: a random one of them shows in each frame. */
const flickering = () => {
  const rng = new Rng(3);
  return Array.from({ length: FRAMES }, () =>
    rng.bernoulli(0.5) ? squareFrame(W, W, 5, 5, 10) : squareFrame(W, W, 30, 30, 10),
  );
};

describe('smoothness', () => {
  it('a sliding square is smooth: steady steps, no jumps, most pixels frozen', () => {
    const f = smoothness(sliding());
    expect(f.frames).toBe(FRAMES);
    expect(f.steps).toHaveLength(FRAMES - 1);
    // each step changes two 10-px columns of 255 on 2 of 3 channels
    expect(f.meanStep).toBeCloseTo((2 * 10 * 2 * 255) / (255 * W * W * 3), 6);
    expect(f.jumpRatio).toBeCloseTo(1, 6);
    expect(f.jumps).toBe(0);
    expect(f.frozenFraction).toBeCloseTo(1 - (10 * (10 + FRAMES - 1)) / (W * W), 6);
  });

  it('a teleporting or flickering square is jumpy', () => {
    const smooth = smoothness(sliding());
    const tele = smoothness(teleporting());
    expect(tele.jumpRatio).toBeGreaterThan(5);
    expect(tele.jumps).toBe(4);
    expect(tele.steps.filter((s) => s === 0)).toHaveLength(FRAMES - 1 - 4);
    const flick = smoothness(flickering());
    expect(flick.meanStep).toBeGreaterThan(3 * smooth.meanStep);
    expect(flick.jumpRatio).toBeGreaterThan(1.5);
    expect(flick.frozenFraction).toBeCloseTo(1 - 200 / (W * W), 6);
  });

  it('ignores changes within the tolerance when counting frozen pixels', () => {
    const a = squareFrame(4, 4, 0, 0, 0);
    const b = { ...a, data: a.data.map((v) => v - 5) };
    expect(smoothness([a, b]).frozenFraction).toBe(1);
    expect(smoothness([a, b], { tolerance: 4 }).frozenFraction).toBe(0);
    expect(smoothness([a, a]).jumpRatio).toBe(0);
  });

  it('formats figures for printing and rejects frames of another size', () => {
    const f = smoothness(sliding());
    expect(formatSmoothness('slide', f)).toMatch(
      /^slide: mean step 0\.\d\d% \| max\/mean 1\.00 \| jumps \(>3x mean\) 0\/32 \| frozen pixels \d+\.\d\d%$/,
    );
    const table = formatSmoothnessTable([
      { label: 'CoordConv', figures: f },
      { label: 'Deconv', figures: smoothness(teleporting()) },
    ]).split('\n');
    expect(table[0]).toMatch(/^model\s+mean step\s+max\/mean\s+jumps\s+frozen px$/);
    expect(table[2]).toMatch(/^Deconv\s+/);
    expect(table).toHaveLength(4);
    const m = new SmoothnessMeter();
    m.add(squareFrame(4, 4, 0, 0, 1));
    expect(() => m.add(squareFrame(5, 4, 0, 0, 1))).toThrow(/frame 1 is 5x4x3, frame 0 was 4x4x3/);
  });
});
