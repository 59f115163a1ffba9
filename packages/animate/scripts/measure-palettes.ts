/**
 * Measures GIF palette strategies on three synthetic scenes, to choose the default
 * (README "Palette"). Run from the workspace root:
 *   node --conditions=@coordconv/source --import tsx packages/animate/scripts/measure-palettes.ts
 */
import { Rng } from '@coordconv/common';
import { gifenc } from '../src/gifenc.js';
import type { Palette } from '../src/gifenc.js';
import { buildPalette, distinctColors, PaletteMapper, paletteFromColors } from '../src/palette.js';

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
  /** The palette used for frame i, whether it is written as a local table, and the indices. */
  frame(
    rgba: Uint8Array,
    i: number,
    all: Uint8Array[],
  ): { palette: Palette; local: boolean; index: Uint8Array };
}

function globalStrategy(name: string, sample: number): Strategy {
  let mapper: PaletteMapper | undefined;
  return {
    name,
    frame(rgba, _i, all) {
      // sample < 0: |sample| frames spread evenly over the path (possible when the path is known)
      const pick =
        sample > 0
          ? all.slice(0, sample)
          : Array.from(
              { length: -sample },
              (_, k) => all[Math.round((k * (all.length - 1)) / (-sample - 1))] as Uint8Array,
            );
      mapper ??= new PaletteMapper(buildPalette(pick));
      return { palette: mapper.palette, local: false, index: mapper.map(rgba).index };
    },
  };
}

const strategies = (): Strategy[] => [
  {
    name: 'per-frame quantize rgb565',
    frame: (rgba) => {
      const palette = gifenc.quantize(rgba, 256, { format: 'rgb565' });
      return { palette, local: true, index: gifenc.applyPalette(rgba, palette, 'rgb565') };
    },
  },
  {
    name: 'per-frame quantize rgb444',
    frame: (rgba) => {
      const palette = gifenc.quantize(rgba, 256, { format: 'rgb444' });
      return { palette, local: true, index: gifenc.applyPalette(rgba, palette, 'rgb444') };
    },
  },
  {
    name: 'per-frame exact, else rgb565',
    frame: (rgba) => {
      const set = distinctColors(rgba);
      const palette = set
        ? paletteFromColors(set)
        : gifenc.quantize(rgba, 256, { format: 'rgb565' });
      return { palette, local: true, index: new PaletteMapper(palette).map(rgba).index };
    },
  },
  globalStrategy('global from first 1 frame', 1),
  globalStrategy('global from first 8 frames', 8),
  globalStrategy('global from 8 spread frames', -8),
];

function run(): void {
  for (const [sceneName, scene] of Object.entries(scenes)) {
    const rng = new Rng(1);
    const frames = Array.from({ length: FRAMES }, (_, i) => scene(i / (FRAMES - 1), rng));
    const colors = distinctColors(frames[0] as Uint8Array, 1 << 24)?.size;
    console.log(`\nscene: ${sceneName} (${FRAMES} frames ${W}x${W}, ${colors} colours in frame 0)`);
    for (const s of strategies()) {
      const enc = gifenc.GIFEncoder();
      const t0 = performance.now();
      let err = 0;
      let falseFlicker = 0;
      let still = 0;
      let prevOut: Uint8Array | undefined;
      let prevIn: Uint8Array | undefined;
      for (let i = 0; i < frames.length; i++) {
        const rgba = frames[i] as Uint8Array;
        const { palette: used, local, index } = s.frame(rgba, i, frames);
        enc.writeFrame(index, W, W, { palette: local || i === 0 ? used : undefined, delay: 40 });
        const out = new Uint8Array(index.length * 3);
        for (let j = 0; j < index.length; j++) {
          const c = used[index[j] as number] as number[];
          out.set([c[0] as number, c[1] as number, c[2] as number], j * 3);
          for (let k = 0; k < 3; k++)
            err += Math.abs((c[k] as number) - (rgba[j * 4 + k] as number));
        }
        if (prevOut && prevIn) {
          for (let j = 0; j < index.length; j++) {
            const same =
              rgba[j * 4] === prevIn[j * 4] &&
              rgba[j * 4 + 1] === prevIn[j * 4 + 1] &&
              rgba[j * 4 + 2] === prevIn[j * 4 + 2];
            if (!same) continue;
            still++;
            if (
              out[j * 3] !== prevOut[j * 3] ||
              out[j * 3 + 1] !== prevOut[j * 3 + 1] ||
              out[j * 3 + 2] !== prevOut[j * 3 + 2]
            )
              falseFlicker++;
          }
        }
        prevOut = out;
        prevIn = rgba;
      }
      enc.finish();
      const ms = (performance.now() - t0) / frames.length;
      const bytes = enc.bytesView().length;
      console.log(
        `  ${s.name.padEnd(32)} ${ms.toFixed(2).padStart(6)} ms/frame  ${(bytes / 1024).toFixed(0).padStart(5)} KiB  ` +
          `MAE ${(err / (frames.length * W * W * 3)).toFixed(2).padStart(5)}  false flicker ${still ? ((100 * falseFlicker) / still).toFixed(2) : '-'}%`,
      );
    }
  }
}

run();
