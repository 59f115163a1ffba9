/**
 * Streaming animated-GIF writer (gifenc underneath). Each frame is encoded and appended to a
 * temporary file as soon as it arrives, so a 1000-frame animation keeps memory flat; `close()`
 * fsyncs and renames the file into place, so readers never see a half-written GIF.
 *
 * Palette (measured in README "Palette"): by default one palette from the first `paletteFrames`
 * frames, exact when they hold <= 256 colours (flat-colour scenes come out lossless), otherwise
 * quantized by PnnQuant. A stable palette means a pixel whose colour does not change never
 * flickers (per-frame palettes made 0.6-1% of unchanged pixels flicker on noisy frames; 7-30%
 * with gifenc's rgb565-binned applyPalette). If a later frame maps with a mean error above
 * `maxError` (new colours appeared), the writer adopts a palette built from that frame and keeps
 * it (as a local colour table) for the frames that follow, until the error rises again; it does
 * so only when the error is also twice the palette's error on its own first frame, so frames that
 * no 256-colour table fits do not re-palette every time.
 */
import { open, rename, rm, mkdir } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Image8 } from '@coordconv/common';
import { gifenc } from './gifenc.js';
import type { GifencEncoder } from './gifenc.js';
import { validateGifOptions } from './gif-options.js';
import type { GifWriterOptions } from './gif-options.js';
import { buildPalette, PaletteMapper } from './palette.js';
import { checkImage, writeRgba } from './image.js';

export type { GifWriterOptions } from './gif-options.js';

/** A frame: an Image8 (1, 3 or 4 channels) or raw bytes whose length says the channel count. */
export type GifFrame = Image8 | Uint8Array | Uint8ClampedArray;

export interface GifSummary {
  path: string;
  frames: number;
  bytes: number;
  width: number;
  height: number;
  /** How many palettes were written (1 = a single global table). */
  palettes: number;
}

function tempSibling(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

function upscaleIndex(index: Uint8Array, w: number, h: number, s: number): Uint8Array {
  if (s === 1) return index;
  const W = w * s;
  const out = new Uint8Array(W * h * s);
  for (let y = 0; y < h; y++) {
    const row = y * s * W;
    for (let x = 0; x < w; x++)
      out.fill(index[y * w + x] as number, row + x * s, row + (x + 1) * s);
    for (let r = 1; r < s; r++) out.copyWithin(row + r * W, row, row + W);
  }
  return out;
}

export class GifWriter {
  private readonly encoder: GifencEncoder = gifenc.GIFEncoder({ auto: false });
  private readonly rgba: Uint8Array;
  private pending: { rgba: Uint8Array; delay: number }[] = [];
  private mapper: PaletteMapper | undefined;
  private mapperIsGlobal = true;
  /** Mean error of the current palette on the first frame it was used for. */
  private adoptedError: number | undefined;
  private written = 0;
  private bytes = 0;
  private palettes = 0;
  private state: 'open' | 'closed' | 'aborted' = 'open';
  private readonly o: Required<Omit<GifWriterOptions, 'palette'>> & {
    palette: GifWriterOptions['palette'];
  };

  private constructor(
    readonly path: string,
    private readonly tmp: string,
    private readonly fh: FileHandle,
    options: GifWriterOptions,
  ) {
    this.o = {
      delayMs: 100,
      loop: true,
      scale: 1,
      paletteFrames: 8,
      maxError: 6,
      format: 'rgb565',
      ...options,
      palette: options.palette ?? 'auto',
    };
    this.rgba = new Uint8Array(options.width * options.height * 4);
    if (Array.isArray(this.o.palette)) {
      this.mapper = new PaletteMapper(this.o.palette);
    }
  }

  /** Opens a temporary file next to `path`; the GIF appears at `path` on `close()`. */
  static async create(path: string, options: GifWriterOptions): Promise<GifWriter> {
    validateGifOptions(options);
    await mkdir(dirname(path), { recursive: true });
    const tmp = tempSibling(path);
    const fh = await open(tmp, 'w');
    return new GifWriter(path, tmp, fh, options);
  }

  /** Frames accepted so far (encoded or waiting for the palette sample). */
  get frameCount(): number {
    return this.written + this.pending.length;
  }

  /** Adds one frame; `delayMs` overrides the writer's delay for this frame. */
  async addFrame(frame: GifFrame, delayMs = this.o.delayMs): Promise<void> {
    if (this.state !== 'open')
      throw new Error(`GifWriter(${this.path}): addFrame after ${this.state}`);
    const img = this.asImage(frame);
    writeRgba(img, this.rgba);
    if (this.mapper || this.o.palette === 'per-frame') {
      await this.encode(this.rgba, delayMs);
      return;
    }
    this.pending.push({ rgba: this.rgba.slice(), delay: delayMs });
    if (this.pending.length >= this.o.paletteFrames) await this.flushPending();
  }

  /** Finishes the GIF and renames it into place. Throws (and removes the temp file) if empty. */
  async close(): Promise<GifSummary> {
    if (this.state !== 'open')
      throw new Error(`GifWriter(${this.path}): close after ${this.state}`);
    try {
      await this.flushPending();
      if (this.written === 0) throw new Error(`GifWriter(${this.path}): no frames were added`);
      this.encoder.finish();
      await this.drain();
      await this.fh.sync();
      await this.fh.close();
      await rename(this.tmp, this.path);
      this.state = 'closed';
    } catch (err) {
      await this.abort();
      throw err;
    }
    const { width, height, scale } = this.o;
    return {
      path: this.path,
      frames: this.written,
      bytes: this.bytes,
      width: width * scale,
      height: height * scale,
      palettes: this.palettes,
    };
  }

  /** Drops the unfinished GIF (removes the temp file). Safe to call more than once. */
  async abort(): Promise<void> {
    if (this.state === 'aborted' || this.state === 'closed') return;
    this.state = 'aborted';
    await this.fh.close().catch(() => undefined);
    await rm(this.tmp, { force: true });
  }

  private asImage(frame: GifFrame): Image8 {
    const { width, height } = this.o;
    let img: Image8;
    if (frame instanceof Uint8Array || frame instanceof Uint8ClampedArray) {
      const c = frame.length / (width * height);
      if (c !== 1 && c !== 3 && c !== 4) {
        throw new RangeError(
          `GifWriter frame has ${frame.length} bytes; expected ${width}x${height} times 1, 3 or 4 channels`,
        );
      }
      img = { width, height, channels: c, data: frame };
    } else {
      img = frame;
      if (img.width !== width || img.height !== height) {
        throw new RangeError(
          `GifWriter frame is ${img.width}x${img.height}, the writer was created for ${width}x${height}`,
        );
      }
    }
    checkImage(img, 'GifWriter frame');
    return img;
  }

  private async flushPending(): Promise<void> {
    if (this.pending.length === 0) return;
    if (!this.mapper) {
      this.mapper = new PaletteMapper(
        buildPalette(
          this.pending.map((p) => p.rgba),
          256,
          this.o.format,
        ),
      );
    }
    const frames = this.pending;
    this.pending = [];
    for (const f of frames) await this.encode(f.rgba, f.delay);
  }

  private async encode(rgba: Uint8Array, delay: number): Promise<void> {
    const { width, height, scale, maxError, format } = this.o;
    let mapped: { index: Uint8Array; meanError: number } | undefined;
    let local = false;
    if (this.o.palette === 'per-frame') {
      this.mapper = new PaletteMapper(buildPalette([rgba], 256, format));
      mapped = this.mapper.map(rgba);
      local = this.written > 0;
    } else {
      const mapper = this.mapper as PaletteMapper;
      mapped = mapper.map(rgba);
      if (this.adoptedError === undefined) this.adoptedError = mapped.meanError;
      // Re-palette only on drift: above maxError AND well above the error the palette had on the
      // frames it was built from (noisy frames that no 256-colour table fits gain nothing from a
      // new one, and PnnQuant costs up to ~0.3 s on a frame of 4096 distinct colours).
      if (this.written > 0 && mapped.meanError > Math.max(maxError, 2 * this.adoptedError)) {
        this.mapper = new PaletteMapper(buildPalette([rgba], 256, format));
        this.mapperIsGlobal = false;
        mapped = this.mapper.map(rgba);
        this.adoptedError = mapped.meanError;
        this.palettes++;
      }
      local = !this.mapperIsGlobal;
    }
    const first = this.written === 0;
    if (first) {
      this.encoder.writeHeader();
      this.palettes++;
    } else if (this.o.palette === 'per-frame') {
      this.palettes++;
    }
    const { loop } = this.o;
    this.encoder.writeFrame(
      upscaleIndex(mapped.index, width, height, scale),
      width * scale,
      height * scale,
      {
        palette: first || local ? (this.mapper as PaletteMapper).palette : undefined,
        first,
        delay,
        // gifenc: -1 = no NETSCAPE loop block (play once), 0 = forever, n = n extra plays
        repeat: loop === true ? 0 : loop === false ? -1 : loop,
      },
    );
    this.written++;
    await this.drain();
  }

  /** Appends the encoder's buffered bytes to the file and empties the buffer. */
  private async drain(): Promise<void> {
    const view = this.encoder.stream.bytesView();
    if (view.length > 0) {
      await this.fh.write(view);
      this.bytes += view.length;
    }
    this.encoder.stream.reset();
  }
}
