/**
 * Measures GIF palette strategies on three synthetic scenes, to choose the default
 * (README "Palette"). Run from the workspace root:
 *   node --conditions=@coordconv/source --import tsx packages/animate/scripts/measure-palettes.mts
 * False flicker: the share of pixels whose source colour did not change between two frames but
 * whose GIF colour did (palette changes showing up as flicker).
 */
import { Rng } from '@coordconv/common';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GifReader } from 'omggif';
import { GifWriter } from '../src/gif-writer.js';
import type { GifWriterOptions } from '../src/gif-writer.js';
import { buildPalette, distinctColors } from '../src/palette.js';

const W = 192; // 64 x 3 upscaled
const FRAMES = 96;

type Scene = (t: number, rng: Rng) => Uint8Array;

function draw(t: number, colorA: [number, number, number], soft: boolean, rng: Rng): Uint8Array {
  const rgba = new Uint8Array(W * W * 4).fill(255);
  const objs: { cx: number; cy: number; c: [number, number, number]; circle: boolean }[] = [
    { cx: 40 + 100 * t, cy: 60, c: colorA, circle: false },
    { cx: 150 - 90 * t, cy: 130 + 30 * Math.sin(6 * t), c: [0, 0, 255], circle: true },
  ];
  for (let y = 0; y < W; y++) {
    for (let x = 0; x < W; x++) {
      let r = 255,
        g = 255,
        b = 255;
      for (const o of objs) {
        const dx = x - o.cx,
          dy = y - o.cy;
        const d = o.circle ? Math.hypot(dx, dy) - 30 : Math.max(Math.abs(dx), Math.abs(dy)) - 30;
        // soft: a 3-pixel ramp at the edge (GAN-like antialiasing); flat: hard edge
        const cover = soft ? Math.min(1, Math.max(0, 0.5 - d / 3)) : d <= 0 ? 1 : 0;
        r = r * (1 - cover) + o.c[0] * cover;
        g = g * (1 - cover) + o.c[1] * cover;
        b = b * (1 - cover) + o.c[2] * cover;
      }
      const n = soft ? () => rng.normal(0, 4) : () => 0;
      const i = (y * W + x) * 4;
      rgba[i] = Math.max(0, Math.min(255, Math.round(r + n())));
      rgba[i + 1] = Math.max(0, Math.min(255, Math.round(g + n())));
      rgba[i + 2] = Math.max(0, Math.min(255, Math.round(b + n())));
    }
  }
  return rgba;
}

const scenes: Record<string, Scene> = {
  flat: (t, rng) => draw(t, [255, 0, 0], false, rng),
  'soft+noise': (t, rng) => draw(t, [255, 0, 0], true, rng),
  'soft, colour drifts red->green': (t, rng) =>
    draw(t, [Math.round(255 * (1 - t)), Math.round(255 * t), 0], true, rng),
};

interface Strategy {
  name: string;
  options: (frames: Uint8Array[]) => Partial<GifWriterOptions>;
}

const spread = (frames: Uint8Array[], n: number): Uint8Array[] =>
  Array.from(
    { length: n },
    (_, k) => frames[Math.round((k * (frames.length - 1)) / (n - 1))] as Uint8Array,
  );

const strategies: Strategy[] = [
  { name: 'per-frame (exact or rgb565)', options: () => ({ palette: 'per-frame' }) },
  {
    name: 'per-frame (exact or rgb444)',
    options: () => ({ palette: 'per-frame', format: 'rgb444' }),
  },
  { name: 'global, first 8 frames only', options: () => ({ palette: 'auto', maxError: Infinity }) },
  { name: "'auto' (first 8 + re-palette)", options: () => ({ palette: 'auto' }) },
  {
    name: 'global from 8 spread frames',
    options: (f) => ({ palette: buildPalette(spread(f, 8)) }),
  },
];

async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'palettes-'));
  for (const [sceneName, scene] of Object.entries(scenes)) {
    const rng = new Rng(1);
    const frames = Array.from({ length: FRAMES }, (_, i) => scene(i / (FRAMES - 1), rng));
    const colors = distinctColors(frames[0] as Uint8Array, 1 << 24)?.size;
    console.log(`\nscene: ${sceneName} (${FRAMES} frames ${W}x${W}, ${colors} colours in frame 0)`);
    for (const s of strategies) {
      const path = join(dir, 'out.gif');
      const t0 = performance.now();
      const gif = await GifWriter.create(path, {
        width: W,
        height: W,
        delayMs: 40,
        ...s.options(frames),
      });
      for (const f of frames) await gif.addFrame(f);
      const summary = await gif.close();
      const ms = (performance.now() - t0) / frames.length;
      const reader = new GifReader(new Uint8Array(readFileSync(path)));
      let err = 0;
      let still = 0;
      let flicker = 0;
      let prev: Uint8Array | undefined;
      for (let i = 0; i < frames.length; i++) {
        const out = new Uint8Array(W * W * 4);
        reader.decodeAndBlitFrameRGBA(i, out);
        const src = frames[i] as Uint8Array;
        for (let k = 0; k < out.length; k++)
          if (k % 4 !== 3) err += Math.abs((out[k] as number) - (src[k] as number));
        if (prev) {
          const prevSrc = frames[i - 1] as Uint8Array;
          for (let j = 0; j < out.length; j += 4) {
            if (
              src[j] !== prevSrc[j] ||
              src[j + 1] !== prevSrc[j + 1] ||
              src[j + 2] !== prevSrc[j + 2]
            )
              continue;
            still++;
            if (out[j] !== prev[j] || out[j + 1] !== prev[j + 1] || out[j + 2] !== prev[j + 2])
              flicker++;
          }
        }
        prev = out;
      }
      console.log(
        `  ${s.name.padEnd(30)} ${ms.toFixed(1).padStart(5)} ms/frame ${(summary.bytes / 1024).toFixed(0).padStart(5)} KiB ` +
          `${String(summary.palettes).padStart(3)} palettes  MAE ${(err / (frames.length * W * W * 3)).toFixed(2).padStart(5)}  ` +
          `false flicker ${still ? ((100 * flicker) / still).toFixed(2) : '-'}%`,
      );
    }
  }
}

await run();
