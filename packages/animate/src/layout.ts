/**
 * Frame layout: several models' pictures side by side, each under a text label, with an optional
 * frame counter below; and contact sheets (a grid of stills, e.g. a latent grid sweep).
 */
import type { Image8 } from '@coordconv/common';
import { blit, checkImage, rgbCanvas } from './image.js';
import type { Rgb } from './image.js';
import { drawText, GLYPH_ADVANCE, measureText } from './font.js';

export interface PanelLayoutOptions {
  /** One label per panel (drawn above it, centred, cut to the panel's width). */
  labels: readonly string[];
  /** Size of each panel image as given to `compose` (all panels share it). */
  panelWidth: number;
  panelHeight: number;
  /** Nearest-neighbour upscaling of the panels (default 1; text is scaled by `textScale`). */
  scale?: number;
  /** Pixels between panels and around the edge (default 4). */
  gap?: number;
  /** Font pixel size (default 1: 5x7 pixel glyphs). */
  textScale?: number;
  /** Reserve a line below the panels for the frame counter (default true). */
  counter?: boolean;
  /** Default light gray (224). */
  background?: Rgb;
  /** Default black. */
  textColor?: Rgb;
}

/**
 * Composes panels into one RGB frame. The output image (and its buffer) is reused by every
 * `compose` call, so memory stays flat over long animations: copy it if you keep it.
 */
export class PanelComposer {
  readonly width: number;
  readonly height: number;
  private readonly canvas: Image8;
  private readonly o: Required<PanelLayoutOptions>;
  private readonly labelHeight: number;

  constructor(options: PanelLayoutOptions) {
    this.o = {
      scale: 1,
      gap: 4,
      textScale: 1,
      counter: true,
      // light gray, so white-background panels (Sort-of-CLEVR) keep visible edges
      background: [224, 224, 224],
      textColor: [0, 0, 0],
      ...options,
    };
    const { labels, panelWidth, panelHeight, scale, gap, textScale, counter } = this.o;
    if (labels.length < 1)
      throw new RangeError('PanelComposer needs at least one label (one per panel)');
    for (const [k, v] of Object.entries({ panelWidth, panelHeight, scale, textScale })) {
      if (!Number.isInteger(v) || v < 1)
        throw new RangeError(`PanelComposer option ${k} must be an integer >= 1, got ${v}`);
    }
    if (!Number.isInteger(gap) || gap < 0)
      throw new RangeError(`PanelComposer option gap must be an integer >= 0, got ${gap}`);
    const line = measureText('X', textScale).height + gap;
    this.labelHeight = line;
    this.width = labels.length * panelWidth * scale + (labels.length + 1) * gap;
    this.height = gap + line + panelHeight * scale + gap + (counter ? line : 0);
    this.canvas = rgbCanvas(this.width, this.height, this.o.background);
  }

  /** Left edge of panel `i` in the composed frame. */
  panelX(i: number): number {
    const { gap, panelWidth, scale } = this.o;
    return gap + i * (panelWidth * scale + gap);
  }

  /** Top edge of the panels in the composed frame. */
  get panelY(): number {
    return this.o.gap + this.labelHeight;
  }

  compose(panels: readonly Image8[], counterText?: string): Image8 {
    const { labels, panelWidth, panelHeight, scale, gap, textScale, background, textColor } =
      this.o;
    if (panels.length !== labels.length) {
      throw new RangeError(`compose got ${panels.length} panels for ${labels.length} labels`);
    }
    const data = this.canvas.data;
    for (let i = 0; i < data.length; i += 3) {
      data[i] = background[0];
      data[i + 1] = background[1];
      data[i + 2] = background[2];
    }
    const maxChars = Math.max(
      1,
      Math.floor((panelWidth * scale + 1) / (GLYPH_ADVANCE * textScale)),
    );
    panels.forEach((p, i) => {
      checkImage(p, `panel ${i}`);
      if (p.width !== panelWidth || p.height !== panelHeight) {
        throw new RangeError(
          `panel ${i} is ${p.width}x${p.height}, the layout expects ${panelWidth}x${panelHeight}`,
        );
      }
      const x = this.panelX(i);
      const label = (labels[i] as string).slice(0, maxChars);
      const tw = measureText(label, textScale).width;
      drawText(
        this.canvas,
        label,
        x + Math.floor((panelWidth * scale - tw) / 2),
        gap,
        textColor,
        textScale,
      );
      blit(this.canvas, p, x, this.panelY, scale);
    });
    if (this.o.counter && counterText !== undefined) {
      drawText(
        this.canvas,
        counterText,
        gap,
        this.panelY + panelHeight * scale + gap,
        textColor,
        textScale,
      );
    }
    return this.canvas;
  }
}

/** "frame 7/96" style counter text, zero-padded so the text does not wobble. */
export function frameCounterText(i: number, total: number): string {
  const w = String(total).length;
  return `frame ${String(i + 1).padStart(w, ' ')}/${total}`;
}

export interface ContactSheetOptions {
  /** Images per row (default: ceil(sqrt(n))). */
  cols?: number;
  /** Pixels between cells and around the edge (default 2). */
  gap?: number;
  /** Nearest-neighbour upscaling of each cell (default 1). */
  scale?: number;
  /** Colour of the gaps (default mid gray). */
  background?: Rgb;
}

/** A grid of same-sized images (row-major) on one RGB sheet, for PNG stills and grid sweeps. */
export function contactSheet(images: readonly Image8[], options: ContactSheetOptions = {}): Image8 {
  if (images.length === 0) throw new RangeError('contactSheet needs at least one image');
  const {
    cols = Math.ceil(Math.sqrt(images.length)),
    gap = 2,
    scale = 1,
    background = [128, 128, 128],
  } = options;
  if (!Number.isInteger(cols) || cols < 1)
    throw new RangeError(`contactSheet cols must be an integer >= 1, got ${cols}`);
  const first = images[0] as Image8;
  const cw = first.width * scale;
  const ch = first.height * scale;
  const rows = Math.ceil(images.length / cols);
  const sheet = rgbCanvas(cols * cw + (cols + 1) * gap, rows * ch + (rows + 1) * gap, background);
  images.forEach((img, i) => {
    checkImage(img, `contactSheet image ${i}`);
    if (img.width !== first.width || img.height !== first.height) {
      throw new RangeError(
        `contactSheet image ${i} is ${img.width}x${img.height}, image 0 is ${first.width}x${first.height}`,
      );
    }
    const r = Math.floor(i / cols);
    const c = i % cols;
    blit(sheet, img, gap + c * (cw + gap), gap + r * (ch + gap), scale);
  });
  return sheet;
}
