/** Several labelled decoders sharing one latent size: the models compared side by side. */
import type { Image8 } from '@coordconv/common';
import { createDecoder } from './decode.js';
import type { Decoder, DecoderOptions, DecoderSource } from './decode.js';

/** A model to show: its panel label and how to decode (source + options, or a ready Decoder). */
export interface LabeledDecoder {
  label: string;
  decode: DecoderSource | Decoder;
  /** Options for `createDecoder` (ignored when `decode` is already a Decoder). */
  options?: DecoderOptions;
}

export interface DecoderSet {
  labels: string[];
  decoders: Decoder[];
  zDim: number;
  /** Decodes the same latents with every model: result[m][i] is model m's image for latent i. */
  decodeAll(z: Float32Array, n: number): Promise<Image8[][]>;
  /** Disposes the models this set loaded itself. */
  dispose(): void;
}

function isDecoder(x: unknown): x is Decoder {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as Decoder).decode === 'function' &&
    'batchSize' in x
  );
}

/**
 * Opens every decoder and checks they agree on the latent size (`zDim`, when given, must match
 * the models; a set of plain functions needs it).
 */
export async function openDecoders(
  specs: readonly LabeledDecoder[],
  zDim?: number,
): Promise<DecoderSet> {
  if (specs.length === 0) throw new RangeError('decoders: give at least one {label, decode}');
  const decoders: Decoder[] = [];
  const owned: Decoder[] = [];
  try {
    for (const s of specs) {
      if (isDecoder(s.decode)) decoders.push(s.decode);
      else {
        const d = await createDecoder(s.decode, { zDim, ...s.options }).catch((err: Error) => {
          throw new (err instanceof RangeError ? RangeError : Error)(
            `decoder '${s.label}': ${err.message}`,
          );
        });
        decoders.push(d);
        owned.push(d);
      }
    }
  } catch (err) {
    for (const d of owned) d.dispose();
    throw err;
  }
  const labels = specs.map((s) => s.label);
  const known = decoders
    .map((d, i) => [labels[i], d.zDim] as const)
    .filter(([, z]) => z !== undefined);
  const dims = new Set(known.map(([, z]) => z));
  if (zDim !== undefined) dims.add(zDim);
  if (dims.size !== 1) {
    for (const d of owned) d.dispose();
    const list = known.map(([l, z]) => `${l}: ${z}`).join(', ');
    throw new RangeError(
      dims.size === 0
        ? 'zDim: none of the decoders declares a latent size; pass zDim'
        : `decoders disagree on the latent size (${list}${zDim !== undefined ? `, zDim option: ${zDim}` : ''})`,
    );
  }
  return {
    labels,
    decoders,
    zDim: [...dims][0] as number,
    async decodeAll(z, n) {
      const out: Image8[][] = [];
      for (const d of decoders) out.push(await d.decode(z, n));
      return out;
    },
    dispose() {
      for (const d of owned) d.dispose();
    },
  };
}
