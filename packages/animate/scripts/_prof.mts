import { Rng } from '@coordconv/common';
import { GifWriter } from '../src/gif-writer.js';
const rng = new Rng(9);
const frame = new Uint8Array(64 * 64 * 3);
for (const palette of ['auto', 'per-frame'] as const) {
  const gif = await GifWriter.create('/tmp/anim/long.gif', { width: 64, height: 64, palette });
  const t0 = performance.now();
  for (let i = 0; i < 50; i++) {
    for (let k = 0; k < frame.length; k++) frame[k] = rng.int(16) * 17;
    await gif.addFrame(frame);
  }
  const s = await gif.close();
  console.log(palette, ((performance.now() - t0) / 50).toFixed(1), 'ms/frame', s);
}
