/**
 * Two toy "generators" on the same latent loop, side by side, as a GIF with smoothness figures,
 * plus a 2-D grid sweep as a PNG. Run from the workspace root:
 *   node --conditions=@coordconv/source --import tsx packages/animate/examples/moving-square.ts [outDir]
 */
import { join } from 'node:path';
import { GifWriter, renderGrid, renderInterpolation } from '@coordconv/animate';
import type { DecodeFn } from '@coordconv/animate';

const SIZE = 32;
const SQUARE = 8;

/** Latent dims 0 and 1 in [-1, 1] place a red square on white; values in [-1, 1] like a tanh output. */
const slide: DecodeFn = (z, n, zDim) => {
  const data = new Float32Array(n * SIZE * SIZE * 3).fill(1);
  const at = (v: number) => Math.round(((Math.max(-1, Math.min(1, v)) + 1) / 2) * (SIZE - SQUARE));
  for (let k = 0; k < n; k++) {
    const x0 = at(z[k * zDim]!);
    const y0 = at(z[k * zDim + 1]!);
    for (let y = y0; y < y0 + SQUARE; y++) {
      for (let x = x0; x < x0 + SQUARE; x++) {
        const i = ((k * SIZE + y) * SIZE + x) * 3;
        data[i + 1] = -1; // red = (1, -1, -1)
        data[i + 2] = -1;
      }
    }
  }
  return { data, shape: [n, SIZE, SIZE, 3] };
};

/** The same square, but the position snaps to 3 levels per axis: it sits still, then jumps. */
const snap: DecodeFn = (z, n, zDim) => slide(z.map(Math.round), n, zDim);

const outDir = process.argv[2] ?? 'out/animate-example';

const result = await renderInterpolation({
  decoders: [
    { label: 'slides', decode: slide },
    { label: 'jumps', decode: snap },
  ],
  zDim: 2,
  path: { kind: 'loop', keyframes: 4, framesPerSegment: 16, seed: 1 },
  out: join(outDir, 'squares.gif'),
  scale: 3,
  stillsOut: join(outDir, 'squares-stills.png'),
});
console.log(
  `${result.gif.path}: ${result.gif.frames} frames, ${result.gif.width}x${result.gif.height}, ${result.gif.bytes} bytes`,
);
console.log(result.report);

const grid = await renderGrid({
  decoders: [{ label: 'slides', decode: slide }],
  zDim: 2,
  dims: [1, 0],
  rows: 5,
  cols: 5,
  out: join(outDir, 'grid.png'),
  scale: 2,
});
console.log(`grid.png: ${grid.image.width}x${grid.image.height}`);

// The streaming writer on its own (what agent:play uses): frames in, GIF out, memory flat.
const gif = await GifWriter.create(join(outDir, 'stream.gif'), {
  width: 16,
  height: 16,
  delayMs: 50,
  loop: true,
  scale: 4,
});
for (let i = 0; i < 16; i++) {
  const rgb = new Uint8Array(16 * 16 * 3).fill(255);
  for (let y = 4; y < 8; y++)
    for (let x = i; x < Math.min(16, i + 4); x++) rgb.set([0, 0, 255], (y * 16 + x) * 3);
  await gif.addFrame(rgb);
}
console.log(await gif.close());
