import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPng } from '@coordconv/common';
import type { Image8 } from '@coordconv/common';
import { PanelComposer, contactSheet, frameCounterText } from './layout.js';
import { drawText, measureText } from './font.js';
import { rgbCanvas, upscaleNearest, writeRgba } from './image.js';
import { writeStills } from './stills.js';
import { squareFrame } from './test-scenes.js';

const px = (img: Image8, x: number, y: number): number[] => {
  const i = (y * img.width + x) * img.channels;
  return [...img.data.slice(i, i + img.channels)];
};
const inkIn = (img: Image8, x0: number, y0: number, w: number, h: number): number => {
  let n = 0;
  for (let y = y0; y < y0 + h; y++)
    for (let x = x0; x < x0 + w; x++) if (px(img, x, y).join() === '0,0,0') n++;
  return n;
};

describe('font', () => {
  it('draws distinct glyphs inside the measured box and nothing outside', () => {
    const img = rgbCanvas(40, 12);
    drawText(img, 'A1', 2, 2);
    const { width, height } = measureText('A1');
    expect([width, height]).toEqual([11, 7]);
    const total = inkIn(img, 0, 0, 40, 12);
    expect(total).toBeGreaterThan(10);
    expect(inkIn(img, 2, 2, width, height)).toBe(total);
    // 'A' and '1' differ; ' ' draws nothing; unknown characters draw as '?'
    const a = rgbCanvas(5, 7);
    const one = rgbCanvas(5, 7);
    drawText(a, 'A', 0, 0);
    drawText(one, '1', 0, 0);
    expect(a.data).not.toEqual(one.data);
    const space = rgbCanvas(5, 7);
    drawText(space, ' ', 0, 0);
    expect(inkIn(space, 0, 0, 5, 7)).toBe(0);
    const q = rgbCanvas(5, 7);
    const u = rgbCanvas(5, 7);
    drawText(q, '?', 0, 0);
    drawText(u, '\u00e9', 0, 0);
    expect(u.data).toEqual(q.data);
  });

  it('scales glyphs by pixel blocks', () => {
    const s1 = rgbCanvas(5, 7);
    const s3 = rgbCanvas(15, 21);
    drawText(s1, 'G', 0, 0);
    drawText(s3, 'G', 0, 0, [0, 0, 0], 3);
    expect(s3.data).toEqual(upscaleNearest(s1, 3).data);
  });
});

describe('PanelComposer', () => {
  it('puts panels side by side under their labels, with a frame counter', () => {
    const c = new PanelComposer({
      labels: ['CoordConv', 'Deconv'],
      panelWidth: 16,
      panelHeight: 16,
      scale: 2,
      gap: 4,
    });
    expect([c.width, c.height]).toEqual([2 * 32 + 3 * 4, 4 + 11 + 32 + 4 + 11]);
    const red = squareFrame(16, 16, 0, 0, 16, [255, 0, 0]);
    const blue = squareFrame(16, 16, 0, 0, 16, [0, 0, 255]);
    const img = c.compose([red, blue], frameCounterText(6, 96));
    expect(px(img, c.panelX(0), c.panelY)).toEqual([255, 0, 0]);
    expect(px(img, c.panelX(0) + 31, c.panelY + 31)).toEqual([255, 0, 0]);
    expect(px(img, c.panelX(1), c.panelY)).toEqual([0, 0, 255]);
    expect(px(img, c.panelX(1) - 1, c.panelY)).toEqual([224, 224, 224]); // the gap
    expect(inkIn(img, c.panelX(0), 4, 32, 7)).toBeGreaterThan(0); // label 0
    expect(inkIn(img, c.panelX(1), 4, 32, 7)).toBeGreaterThan(0); // label 1
    expect(inkIn(img, 0, c.panelY + 32 + 4, c.width, 7)).toBeGreaterThan(0); // counter
    expect(frameCounterText(6, 96)).toBe('frame  7/96');
    expect(() => c.compose([red], 'x')).toThrow(/1 panels for 2 labels/);
    expect(() => c.compose([red, squareFrame(8, 8, 0, 0, 1)], 'x')).toThrow(
      /panel 1 is 8x8, the layout expects 16x16/,
    );
  });

  it('reuses one output buffer (flat memory) and cuts labels to the panel width', () => {
    const c = new PanelComposer({
      labels: ['a very long label indeed'],
      panelWidth: 12,
      panelHeight: 4,
      gap: 0,
      counter: false,
    });
    const f = squareFrame(12, 4, 0, 0, 1);
    const a = c.compose([f]);
    const b = c.compose([f]);
    expect(a.data).toBe(b.data);
    // 12 px fit two 6-px characters: nothing drawn beyond x = 12
    expect(inkIn(a, 12, 0, c.width - 12, 7)).toBe(0);
  });
});

describe('contact sheets and PNG stills', () => {
  it('lays images out row-major and round-trips through PNG', async () => {
    const imgs = Array.from({ length: 5 }, (_, i) => squareFrame(6, 4, i, 0, 1, [i * 40, 0, 0]));
    const sheet = contactSheet(imgs, { cols: 3, gap: 1, scale: 2 });
    expect([sheet.width, sheet.height]).toEqual([3 * 12 + 4, 2 * 8 + 3]);
    expect(px(sheet, 1 + 2 * 13, 1)).toEqual([255, 255, 255]); // image 2's (0,0) is its white background
    expect(px(sheet, 2 * 13, 1)).toEqual([128, 128, 128]); // the gap before it
    expect(px(sheet, 1 + 2 * 13 + 4, 1)).toEqual([80, 0, 0]); // its square at x = 2 (scaled: 4)
    expect(px(sheet, 1 + 13 + 8, 1 + 9)).toEqual([160, 0, 0]); // image 4: second row, second column
    const path = join(mkdtempSync(join(tmpdir(), 'animate-png-')), 'sheet.png');
    await writeStills(path, imgs, { cols: 3, gap: 1, scale: 2 });
    const back = readPng(path);
    expect([back.width, back.height, back.channels]).toEqual([sheet.width, sheet.height, 4]);
    expect(back.data).toEqual(writeRgba(sheet, new Uint8Array(sheet.width * sheet.height * 4)));
    expect(() => contactSheet([imgs[0] as Image8, squareFrame(3, 3, 0, 0, 1)])).toThrow(
      /image 1 is 3x3, image 0 is 6x4/,
    );
  });
});
