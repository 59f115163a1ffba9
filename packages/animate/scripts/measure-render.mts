/**
 * Throughput and memory of a long side-by-side render (two 64x64 plain-function decoders, scale
 * 2, 1000 GIF frames). Run from the workspace root:
 *   node --conditions=@coordconv/source --import tsx packages/animate/scripts/measure-render.mts
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderInterpolation } from '../src/index.js';
import { movingSquareDecoder } from '../src/test-scenes.js';

const square = movingSquareDecoder(64, 16);
const out = join(mkdtempSync(join(tmpdir(), 'render-')), 'long.gif');
let peakRss = 0;
const rssAt: Record<number, number> = {};
const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
const r = await renderInterpolation({
  decoders: [
    { label: 'a', decode: square },
    {
      label: 'b',
      decode: (z, n, d) =>
        square(
          z.map((v) => Math.round(2 * v) / 2),
          n,
          d,
        ),
    },
  ],
  zDim: 2,
  path: { kind: 'loop', keyframes: 10, framesPerSegment: 100, seed: 0 },
  out,
  onProgress: (done) => {
    if (done % 50 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (done === 100 || done === 500 || done === 1000)
      rssAt[done] = Math.round(process.memoryUsage().rss / 2 ** 20);
  },
});
const s = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify({
    frames: r.gif.frames,
    size: `${r.gif.width}x${r.gif.height}`,
    seconds: Number(s.toFixed(2)),
    msPerFrame: Number(((1000 * s) / r.gif.frames).toFixed(2)),
    gifKiB: Math.round(r.gif.bytes / 1024),
    rssStartMiB: Math.round(rss0 / 2 ** 20),
    rssPeakMiB: Math.round(peakRss / 2 ** 20),
    rssMiBAtFrame: rssAt,
  }),
);
console.log(r.report);
