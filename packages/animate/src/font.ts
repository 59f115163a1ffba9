/**
 * A 5x7 bitmap font for ASCII 32-126, drawn for this package (row-major: each glyph is 7 rows of
 * 5 bits, the high bit the leftmost pixel, written as 14 hex digits). Characters outside the
 * range draw as '?'. Used for panel labels and the frame counter.
 */
import type { Image8 } from '@coordconv/common';
import type { Rgb } from './image.js';

export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;
/** Horizontal advance per character at scale 1 (glyph plus one column of spacing). */
export const GLYPH_ADVANCE = 6;

const FIRST = 32;
const GLYPHS = `
  00000000000000 04040404040004 0a0a0a00000000 0a0a1f0a1f0a0a 040f140e051e04 18190204081303 0c12140815120d 04040400000000
  02040808080402 08040202020408 0004150e150400 0004041f040400 000000000c0408 0000001f000000 00000000000c0c 00010204081000
  0e11131519110e 040c040404040e 0e11010204081f 1f02040201110e 02060a121f0202 1f101e0101110e 0608101e11110e 1f010204080808
  0e11110e11110e 0e11110f01020c 000c0c000c0c00 000c0c000c0408 02040810080402 00001f001f0000 08040201020408 0e110102040004
  0e11010d15150e 0e11111f111111 1e11111e11111e 0e11101010110e 1c12111111121c 1f10101e10101f 1f10101e101010 0e11101711110f
  1111111f111111 0e04040404040e 0702020202120c 11121418141211 1010101010101f 111b1515111111 11111915131111 0e11111111110e
  1e11111e101010 0e11111115120d 1e11111e141211 0f10100e01011e 1f040404040404 1111111111110e 11111111110a04 1111111515150a
  11110a040a1111 11110a04040404 1f01020408101f 0e08080808080e 00100804020100 0e02020202020e 040a1100000000 0000000000001f
  08040200000000 00000e010f110f 1010161911111e 00000e1010110e 01010d1311110f 00000e111f100e 0609081c080808 000f11110f010e
  10101619111111 04000c0404040e 0200060202120c 10101214181412 0c04040404040e 00001a15151111 00001619111111 00000e1111110e
  00001e111e1010 00000d130f0101 00001619101010 00000e100e011e 08081c08080906 0000111111130d 00001111110a04 0000111115150a
  0000110a040a11 000011110f010e 00001f0204081f 02040408040402 04040404040404 08040402040408 00000815020000
`
  .trim()
  .split(/\s+/);

function glyphRows(ch: string): string {
  const code = ch.charCodeAt(0);
  const g = GLYPHS[code - FIRST];
  return g ?? (GLYPHS['?'.charCodeAt(0) - FIRST] as string);
}

/** Pixel size of `text` at `scale` (no trailing spacing column). */
export function measureText(text: string, scale = 1): { width: number; height: number } {
  const n = text.length;
  return { width: n === 0 ? 0 : (n * GLYPH_ADVANCE - 1) * scale, height: GLYPH_HEIGHT * scale };
}

/**
 * Draws `text` into an RGB image with its top-left corner at (x, y), each font pixel a
 * `scale` x `scale` block. Pixels outside the image are clipped.
 */
export function drawText(
  img: Image8,
  text: string,
  x: number,
  y: number,
  color: Rgb = [0, 0, 0],
  scale = 1,
): void {
  if (img.channels !== 3)
    throw new RangeError(`drawText needs an RGB image (3 channels), got ${img.channels}`);
  for (let k = 0; k < text.length; k++) {
    const rows = glyphRows(text[k] as string);
    const gx = x + k * GLYPH_ADVANCE * scale;
    for (let r = 0; r < GLYPH_HEIGHT; r++) {
      const bits = parseInt(rows.slice(r * 2, r * 2 + 2), 16);
      for (let c = 0; c < GLYPH_WIDTH; c++) {
        if (!(bits & (1 << (GLYPH_WIDTH - 1 - c)))) continue;
        for (let sy = 0; sy < scale; sy++) {
          const py = y + r * scale + sy;
          if (py < 0 || py >= img.height) continue;
          for (let sx = 0; sx < scale; sx++) {
            const px = gx + c * scale + sx;
            if (px < 0 || px >= img.width) continue;
            const i = (py * img.width + px) * 3;
            img.data[i] = color[0];
            img.data[i + 1] = color[1];
            img.data[i + 2] = color[2];
          }
        }
      }
    }
  }
}
