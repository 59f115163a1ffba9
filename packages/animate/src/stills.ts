/** PNG stills: contact sheets of frames and latent grid sweeps, written atomically. */
import { writePng } from '@coordconv/common';
import type { Image8 } from '@coordconv/common';
import { contactSheet } from './layout.js';
import type { ContactSheetOptions } from './layout.js';

/** Writes `frames` as one PNG contact sheet (a single frame is written as is). */
export async function writeStills(
  path: string,
  frames: readonly Image8[],
  options: ContactSheetOptions = {},
): Promise<Image8> {
  const sheet =
    frames.length === 1 && !options.scale ? (frames[0] as Image8) : contactSheet(frames, options);
  await writePng(path, sheet);
  return sheet;
}
