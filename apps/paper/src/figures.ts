/**
 * PNG figures of the reproduction (pure functions to `Image8`, written by the caller):
 * - the two splits over the 56x56 grid of centres (train blue, test orange);
 * - for a few test examples, target vs each model's prediction (the paper's Fig. 5 idea).
 */
import type { Image8 } from '@coordconv/common';
import { CANVAS_SIZE, GRID_SIZE, NUM_EXAMPLES, PIXELS } from '@coordconv/not-so-clevr';
import type { Split } from '@coordconv/not-so-clevr';

type Rgb = readonly [number, number, number];
const TRAIN: Rgb = [70, 110, 200];
const TEST: Rgb = [240, 150, 40];
const BACKGROUND: Rgb = [32, 32, 32];
const TRUTH: Rgb = [40, 220, 90];
const PREDICTION: Rgb = [235, 60, 60];

class Canvas {
  readonly data: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
    fill: Rgb = BACKGROUND,
  ) {
    this.data = new Uint8Array(width * height * 3);
    for (let p = 0; p < width * height; p++) this.data.set(fill, p * 3);
  }
  set(x: number, y: number, c: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    this.data.set(c, (y * this.width + x) * 3);
  }
  rect(x0: number, y0: number, w: number, h: number, c: Rgb): void {
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) this.set(x, y, c);
  }
  image(): Image8 {
    return { width: this.width, height: this.height, channels: 3, data: this.data };
  }
}

/** The splits side by side: each example's centre as a `cell`-pixel square. */
export function splitsFigure(splits: readonly Split[], cell = 4, gap = 12): Image8 {
  const side = GRID_SIZE * cell;
  const canvas = new Canvas(splits.length * side + (splits.length + 1) * gap, side + 2 * gap);
  splits.forEach((split, s) => {
    const isTest = new Uint8Array(NUM_EXAMPLES);
    for (const k of split.test) isTest[k] = 1;
    const x0 = gap + s * (side + gap);
    for (let k = 0; k < NUM_EXAMPLES; k++) {
      const row = Math.floor(k / GRID_SIZE);
      const col = k % GRID_SIZE;
      canvas.rect(x0 + col * cell, gap + row * cell, cell, cell, isTest[k] ? TEST : TRAIN);
    }
  });
  return canvas.image();
}

/** One panel: a 64x64 map in [0, 1] as gray, plus optional point markers. */
export interface Panel {
  /** [4096] values in [0, 1], row-major; omitted for a black panel. */
  heat?: Float32Array;
  /** Points to mark, in pixel coordinates (row, col). */
  truth?: readonly [number, number];
  prediction?: readonly [number, number];
}

/**
 * A grid of panels: `rows[r][c]` drawn at `scale`x. Columns are typically target, CoordConv,
 * baseline; rows are test examples.
 */
export function panelGrid(rows: readonly (readonly Panel[])[], scale = 3, gap = 6): Image8 {
  const side = CANVAS_SIZE * scale;
  const cols = Math.max(...rows.map((r) => r.length));
  const canvas = new Canvas(
    cols * side + (cols + 1) * gap,
    rows.length * side + (rows.length + 1) * gap,
  );
  rows.forEach((row, r) => {
    row.forEach((panel, c) => {
      const x0 = gap + c * (side + gap);
      const y0 = gap + r * (side + gap);
      canvas.rect(x0, y0, side, side, [0, 0, 0]);
      if (panel.heat) {
        if (panel.heat.length !== PIXELS) {
          throw new RangeError(
            `panelGrid: heat must have ${PIXELS} values, got ${panel.heat.length}`,
          );
        }
        for (let p = 0; p < PIXELS; p++) {
          const v = Math.round(255 * Math.min(1, Math.max(0, panel.heat[p])));
          if (v > 0)
            canvas.rect(
              x0 + (p % CANVAS_SIZE) * scale,
              y0 + Math.floor(p / CANVAS_SIZE) * scale,
              scale,
              scale,
              [v, v, v],
            );
        }
      }
      const mark = (point: readonly [number, number] | undefined, color: Rgb, radius: number) => {
        if (!point) return;
        const cx = x0 + Math.round(point[1] * scale + scale / 2);
        const cy = y0 + Math.round(point[0] * scale + scale / 2);
        for (let d = -radius; d <= radius; d++) {
          canvas.set(cx + d, cy, color);
          canvas.set(cx, cy + d, color);
        }
      };
      mark(panel.truth, TRUTH, 2 * scale);
      mark(panel.prediction, PREDICTION, 2 * scale);
    });
  });
  return canvas.image();
}
