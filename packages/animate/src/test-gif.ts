/** Test helper: decodes a GIF file with omggif, an independent decoder. */
import { readFileSync } from 'node:fs';
import { GifReader } from 'omggif';

export interface DecodedGif {
  width: number;
  height: number;
  loopCount: number | null;
  /** Per-frame delay in ms. */
  delays: number[];
  /** RGBA pixels per frame. */
  frames: Uint8Array[];
  localPalettes: number;
}

export function readGif(path: string): DecodedGif {
  const reader = new GifReader(new Uint8Array(readFileSync(path)));
  const frames: Uint8Array[] = [];
  const delays: number[] = [];
  let localPalettes = 0;
  for (let i = 0; i < reader.numFrames(); i++) {
    const info = reader.frameInfo(i);
    delays.push(info.delay * 10);
    if (info.has_local_palette) localPalettes++;
    const px = new Uint8Array(reader.width * reader.height * 4);
    reader.decodeAndBlitFrameRGBA(i, px);
    frames.push(px);
  }
  return {
    width: reader.width,
    height: reader.height,
    loopCount: reader.loopCount(),
    delays,
    frames,
    localPalettes,
  };
}

/** RGB of pixel (x, y) in an RGBA frame. */
export function rgbAt(
  rgba: Uint8Array,
  width: number,
  x: number,
  y: number,
): [number, number, number] {
  const i = (y * width + x) * 4;
  return [rgba[i] as number, rgba[i + 1] as number, rgba[i + 2] as number];
}
