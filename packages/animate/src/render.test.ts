import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, tf } from '@coordconv/backend';
import { readPng } from '@coordconv/common';
import { renderInterpolation, spreadIndices } from './render-interpolation.js';
import { renderGrid } from './render-grid.js';
import { movingSquareDecoder } from './test-scenes.js';
import { readGif } from './test-gif.js';
import type { DecodeFn } from './decode.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'animate-render-'));

/** Like the moving square, but the latent is snapped to 3 levels: the square jumps between spots. */
const jumpyDecoder =
  (size = 24, square = 6): DecodeFn =>
  (z, n, zDim) =>
    movingSquareDecoder(size, square)(
      z.map((v) => Math.round(v)),
      n,
      zDim,
    );

beforeAll(async () => {
  await initBackend();
});

describe('renderInterpolation', () => {
  it('writes a side-by-side GIF of a closed loop (closing frame dropped) and measures each model', async () => {
    const dir = tmp();
    const out = join(dir, 'cmp.gif');
    const r = await renderInterpolation({
      decoders: [
        { label: 'smooth', decode: movingSquareDecoder(24, 6) },
        { label: 'jumpy', decode: jumpyDecoder() },
      ],
      zDim: 3,
      path: { kind: 'loop', keyframes: 3, framesPerSegment: 10, seed: 4, method: 'linear' },
      out,
      delayMs: 50,
      scale: 2,
      stillsOut: join(dir, 'stills.png'),
      stillsCount: 4,
    });
    expect(r.path.frames).toBe(31);
    expect(r.gif.frames).toBe(30);
    const g = readGif(out);
    expect(g.frames).toHaveLength(30);
    expect([g.width, g.height]).toEqual([r.gif.width, r.gif.height]);
    expect(g.width).toBe(2 * 48 + 3 * 4);
    expect(g.delays.every((d) => d === 50)).toBe(true);
    expect(g.loopCount).toBe(0);
    expect(g.frames[0]).not.toEqual(g.frames[1]);
    // the smooth model moves every step; the jumpy one stands still then jumps
    const [smooth, jumpy] = r.smoothness;
    expect(smooth!.figures.steps).toHaveLength(30); // includes the closing step
    expect(jumpy!.figures.jumpRatio).toBeGreaterThan(smooth!.figures.jumpRatio);
    expect(jumpy!.figures.steps.filter((s) => s === 0).length).toBeGreaterThan(
      smooth!.figures.steps.filter((s) => s === 0).length,
    );
    expect(r.report).toMatch(/^model .*\nsmooth .*\njumpy /);
    const stills = readPng(join(dir, 'stills.png'));
    expect(stills.width).toBeGreaterThan(2 * g.width);
  });

  it('runs a tfjs model on a two-point path without leaking tensors, and stops early on request', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [2], units: 8 * 8, activation: 'sigmoid' }),
        tf.layers.reshape({ targetShape: [8, 8, 1] }),
      ],
    });
    const before = tf.memory().numTensors;
    const a = Float32Array.from([-1, 0.5]);
    const b = Float32Array.from([1, -0.5]);
    const r = await renderInterpolation({
      decoders: [{ label: 'net', decode: model, options: { valueRange: [0, 1], batchSize: 3 } }],
      path: { kind: 'between', a, b, frames: 7, method: 'spherical' },
      out: join(tmp(), 'net.gif'),
      counter: false,
    });
    expect(r.gif.frames).toBe(7); // an open path keeps every frame
    expect(tf.memory().numTensors).toBe(before);

    const stop = { stopped: false };
    const out = join(tmp(), 'stopped.gif');
    const s = await renderInterpolation({
      decoders: [{ label: 'net', decode: model, options: { valueRange: [0, 1], batchSize: 2 } }],
      path: { kind: 'loop', keyframes: 2, framesPerSegment: 10 },
      out,
      stop,
      onProgress: (done) => {
        if (done === 5) stop.stopped = true;
      },
    });
    expect([s.stopped, s.gif.frames, readGif(out).frames.length]).toEqual([true, 5, 5]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('names the problem when decoders disagree or cannot say their latent size', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [5], units: 12 }),
        tf.layers.reshape({ targetShape: [2, 2, 3] }),
      ],
    });
    const out = join(tmp(), 'x.gif');
    await expect(
      renderInterpolation({ decoders: [{ label: 'f', decode: movingSquareDecoder() }], out }),
    ).rejects.toThrow(/pass zDim/);
    await expect(
      renderInterpolation({
        decoders: [
          { label: 'm', decode: model },
          { label: 'f', decode: movingSquareDecoder() },
        ],
        zDim: 3,
        out,
      }),
    ).rejects.toThrow(
      /decoder 'm': decoder model takes latents of size 5, but the zDim option is 3/,
    );
    await expect(
      renderInterpolation({
        decoders: [
          { label: 'm', decode: model },
          {
            label: 'k',
            decode: tf.sequential({
              layers: [
                tf.layers.dense({ inputShape: [3], units: 12 }),
                tf.layers.reshape({ targetShape: [2, 2, 3] }),
              ],
            }),
          },
        ],
        out,
      }),
    ).rejects.toThrow(/disagree on the latent size \(m: 5, k: 3\)/);
    expect(existsSync(out)).toBe(false);
    model.dispose();
  });
});

describe('renderGrid', () => {
  it('writes one labelled rows x cols sheet per model', async () => {
    const out = join(tmp(), 'grid.png');
    const r = await renderGrid({
      decoders: [
        { label: 'A', decode: movingSquareDecoder(16, 4) },
        { label: 'B', decode: jumpyDecoder(16, 4) },
      ],
      zDim: 4,
      dims: [1, 0],
      rows: 3,
      cols: 5,
      out,
    });
    expect([r.path.rows, r.path.cols, r.path.frames]).toEqual([3, 5, 15]);
    const png = readPng(out);
    const sheet = [5 * 16 + 6, 3 * 16 + 4]; // cells + 1-px gaps
    expect(png.width).toBe(2 * sheet[0]! + 3 * 4); // two panels, 4-px gaps
    expect(png.height).toBe(4 + 7 + 4 + sheet[1]! + 4); // label line, sheet, bottom gap
    // row r of the sheet sweeps dim 1 (y): the square in row 0 is at the top of its cell
    const at = (x: number, y: number) => [
      ...png.data.slice((y * png.width + x) * 4, (y * png.width + x) * 4 + 3),
    ];
    const top = 4 + 7 + 4 + 1; // first cell's top edge
    expect(at(4 + 1, top)).toEqual([255, 0, 0]); // cell (0, 0): z = (-1, -1), square at the top-left
    expect(at(4 + 1 + 4 * 17 + 15, top + 2 * 17 + 15)).toEqual([255, 0, 0]); // cell (2, 4): bottom-right
    await expect(
      renderGrid({
        decoders: [
          { label: 'A', decode: movingSquareDecoder(16, 4) },
          { label: 'B', decode: jumpyDecoder() },
        ],
        zDim: 4,
        rows: 2,
        cols: 2,
        out,
      }),
    ).rejects.toThrow(/different image sizes: A 16x16, B 24x24/);
  });
});

describe('spreadIndices', () => {
  it('spreads evenly and includes both ends', () => {
    expect(spreadIndices(10, 4)).toEqual([0, 3, 6, 9]);
    expect(spreadIndices(3, 8)).toEqual([0, 1, 2]);
  });
});
