/**
 * Typed access to gifenc (https://github.com/mattdesl/gifenc). It ships CommonJS for Node with
 * no type declarations and no `exports` map, so an ESM named import only sees `default`;
 * `createRequire` loads the CommonJS build the same way under Node, tsx and vitest.
 */
import { createRequire } from 'node:module';

/** A colour table: up to 256 `[r, g, b]` entries. */
export type Palette = number[][];

/** gifenc's colour key formats: bits per channel used for quantization and palette lookups. */
export type QuantizeFormat = 'rgb565' | 'rgb444';

export interface GifencStream {
  reset(): void;
  bytesView(): Uint8Array;
}

export interface GifencEncoder {
  writeHeader(): void;
  writeFrame(
    index: Uint8Array,
    width: number,
    height: number,
    opts: { palette?: Palette; first?: boolean; delay?: number; repeat?: number; dispose?: number },
  ): void;
  finish(): void;
  bytesView(): Uint8Array;
  readonly stream: GifencStream;
}

interface GifencModule {
  GIFEncoder(opts?: { auto?: boolean; initialCapacity?: number }): GifencEncoder;
  quantize(rgba: Uint8Array, maxColors: number, opts?: { format?: QuantizeFormat }): Palette;
  applyPalette(rgba: Uint8Array, palette: Palette, format?: QuantizeFormat): Uint8Array;
}

export const gifenc = createRequire(import.meta.url)('gifenc') as GifencModule;
