import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Rng } from '@coordconv/common';
import type { Image8 } from '@coordconv/common';
import { GifWriter } from './gif-writer.js';
import { squareFrame } from './test-scenes.js';
import { readGif, rgbAt } from './test-gif.js';
import { toRgb, writeRgba } from './image.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'animate-gif-'));

function rgbaOf(img: Image8): Uint8Array {
  return writeRgba(img, new Uint8Array(img.width * img.height * 4));
}

describe('GifWriter', () => {
  it('writes frames an independent decoder reads back: count, size, delay, loop, exact pixels', async () => {
    const path = join(tmp(), 'square.gif');
    const gif = await GifWriter.create(path, { width: 24, height: 16, delayMs: 70 });
    const frames = Array.from({ length: 12 }, (_, i) => squareFrame(24, 16, i, 4, 6, [255, 0, 0]));
    for (const f of frames) await gif.addFrame(f);
    expect(existsSync(path)).toBe(false); // nothing at the final path before close
    const summary = await gif.close();
    expect(summary).toMatchObject({ frames: 12, width: 24, height: 16, palettes: 1 });
    const g = readGif(path);
    expect([g.width, g.height, g.frames.length, g.loopCount]).toEqual([24, 16, 12, 0]);
    expect(g.delays).toEqual(Array(12).fill(70));
    // two colours: the exact palette makes the GIF lossless
    g.frames.forEach((px, i) => expect(px).toEqual(rgbaOf(frames[i] as Image8)));
    expect(readdirSync(join(path, '..'))).toEqual(['square.gif']); // no temp file left
  });

  it('accepts gray, RGB and RGBA bytes, upscales by nearest, and honours loop: false / per-frame delay', async () => {
    const path = join(tmp(), 'mix.gif');
    const gif = await GifWriter.create(path, {
      width: 4,
      height: 2,
      scale: 3,
      loop: false,
      delayMs: 20,
    });
    const gray = Uint8Array.from([0, 50, 100, 150, 200, 250, 255, 0]);
    await gif.addFrame(gray);
    await gif.addFrame(
      toRgb({ width: 4, height: 2, channels: 1, data: gray }).data as Uint8Array,
      500,
    );
    await gif.addFrame(rgbaOf({ width: 4, height: 2, channels: 1, data: gray }));
    await gif.close();
    const g = readGif(path);
    expect([g.width, g.height, g.frames.length, g.loopCount]).toEqual([12, 6, 3, null]);
    expect(g.delays).toEqual([20, 500, 20]);
    for (const px of g.frames) {
      for (let y = 0; y < 6; y++) {
        for (let x = 0; x < 12; x++) {
          const v = gray[Math.floor(y / 3) * 4 + Math.floor(x / 3)] as number;
          expect(rgbAt(px, 12, x, y)).toEqual([v, v, v]);
        }
      }
    }
  });

  it('adopts a new palette when colours drift away from the first frames', async () => {
    const path = join(tmp(), 'drift.gif');
    const gif = await GifWriter.create(path, { width: 16, height: 16, paletteFrames: 2 });
    const frames = [
      ...Array.from({ length: 4 }, (_, i) => squareFrame(16, 16, i, 2, 8, [255, 0, 0])),
      ...Array.from({ length: 4 }, (_, i) => squareFrame(16, 16, i, 2, 8, [0, 160, 0])),
    ].map((f) => ({
      ...f,
      data: f.data.map((v, k) => (v === 255 && k % 3 === 0 && f.data[k + 1] === 255 ? 255 : v)),
    }));
    // make the later frames' background a colour the first palette lacks too
    for (const f of frames.slice(4))
      for (let k = 0; k < f.data.length; k += 3)
        if (f.data[k] === 255) f.data.set([40, 40, 200], k);
    for (const f of frames) await gif.addFrame(f);
    const summary = await gif.close();
    expect(summary.palettes).toBe(2);
    const g = readGif(path);
    g.frames.forEach((px, i) => expect(px).toEqual(rgbaOf(frames[i] as Image8)));
    expect(g.localPalettes).toBe(4);
  });

  it("'per-frame' gives every frame its own table; a fixed palette with maxError Infinity keeps one", async () => {
    const dir = tmp();
    const frames = Array.from({ length: 3 }, (_, i) => squareFrame(8, 8, i, 1, 3, [0, 0, 255]));
    const per = await GifWriter.create(join(dir, 'per.gif'), {
      width: 8,
      height: 8,
      palette: 'per-frame',
    });
    for (const f of frames) await per.addFrame(f);
    expect((await per.close()).palettes).toBe(3);
    expect(readGif(join(dir, 'per.gif')).localPalettes).toBe(2); // frame 0's table is the global one
    const fixed = await GifWriter.create(join(dir, 'fixed.gif'), {
      width: 8,
      height: 8,
      palette: [
        [0, 0, 0],
        [255, 255, 255],
      ],
      maxError: Infinity,
    });
    for (const f of frames) await fixed.addFrame(f);
    await fixed.close();
    const g = readGif(join(dir, 'fixed.gif'));
    expect(g.localPalettes).toBe(0);
    expect(rgbAt(g.frames[0] as Uint8Array, 8, 1, 1)).toEqual([0, 0, 0]); // blue -> nearest black
  });

  it('quantizes frames with more than 256 colours with a small error', async () => {
    const path = join(tmp(), 'noise.gif');
    const rng = new Rng(5);
    const w = 32;
    const frames = Array.from({ length: 4 }, () => {
      const data = new Uint8Array(w * w * 3);
      for (let i = 0; i < data.length; i++)
        data[i] = Math.round(128 + 40 * Math.sin(i / 50) + rng.normal(0, 6));
      return { width: w, height: w, channels: 3 as const, data };
    });
    const gif = await GifWriter.create(path, { width: w, height: w });
    for (const f of frames) await gif.addFrame(f);
    await gif.close();
    const g = readGif(path);
    let err = 0;
    g.frames.forEach((px, i) => {
      const src = rgbaOf(frames[i] as Image8);
      for (let k = 0; k < px.length; k++)
        if (k % 4 !== 3) err += Math.abs((px[k] as number) - (src[k] as number));
    });
    const mae = err / (4 * w * w * 3);
    expect(mae).toBeGreaterThan(0);
    expect(mae).toBeLessThan(4);
  });

  it('abort removes the temp file; bad options and frames name the problem', async () => {
    const dir = tmp();
    const gif = await GifWriter.create(join(dir, 'a.gif'), { width: 4, height: 4 });
    await gif.addFrame(new Uint8Array(16));
    await expect(gif.addFrame(new Uint8Array(15))).rejects.toThrow(
      /15 bytes; expected 4x4 times 1, 3 or 4 channels/,
    );
    await gif.abort();
    expect(readdirSync(dir)).toEqual([]);
    await expect(gif.addFrame(new Uint8Array(16))).rejects.toThrow(/after aborted/);
    const empty = await GifWriter.create(join(dir, 'b.gif'), { width: 4, height: 4 });
    await expect(empty.close()).rejects.toThrow(/no frames were added/);
    expect(readdirSync(dir)).toEqual([]);
    await expect(GifWriter.create(join(dir, 'c.gif'), { width: 0, height: 4 })).rejects.toThrow(
      /width must be an integer in \[1, 65535\], got 0/,
    );
    await expect(
      GifWriter.create(join(dir, 'c.gif'), { width: 4, height: 4, loop: -2 }),
    ).rejects.toThrow(/loop must be true, false or an integer/);
  });

  it('keeps memory flat while streaming 1000 frames of 64x64', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const path = join(tmp(), 'long.gif');
    const rng = new Rng(9);
    // Noisy frames compress poorly (~5 KB each): a writer that kept the GIF in memory would grow
    // by ~1 MB every 200 frames. Other activity in the test process can cause a one-off jump, so
    // the check uses the median growth over four 200-frame intervals.
    const frame = new Uint8Array(64 * 64 * 3);
    const gif = await GifWriter.create(path, { width: 64, height: 64, palette: 'auto' });
    const used: number[] = [];
    for (let i = 1; i <= 1000; i++) {
      for (let k = 0; k < frame.length; k++) frame[k] = rng.int(16) * 17;
      await gif.addFrame(frame);
      if (i % 200 === 0) {
        // array-buffer backing stores are released after the GC, off the main thread: let that run
        gc();
        await new Promise((r) => setTimeout(r, 20));
        gc();
        const m = process.memoryUsage();
        used.push(m.heapUsed + m.arrayBuffers);
      }
    }
    const growth = used
      .slice(1)
      .map((u, k) => u - (used[k] as number))
      .sort((a, b) => a - b);
    const median = ((growth[1] as number) + (growth[2] as number)) / 2;
    const summary = await gif.close();
    expect(summary.frames).toBe(1000);
    expect(summary.bytes).toBeGreaterThan(4_000_000); // the file is big ...
    expect(median).toBeLessThan(300_000); // ... memory does not grow with it
    expect(readGif(path).frames.length).toBe(1000);
  });
});
