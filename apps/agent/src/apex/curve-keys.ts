/**
 * CURVE keys of a distributed Ape-X run: the learner's key pair lives in the run directory
 * (`curve.json`, readable by its owner only), created on first use with the gym bridge's
 * `curveKeyPair`, and reused on resume so actors keep the same `--server-key`.
 */
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@coordconv/common';
import { curveKeyPair, type CurveKeyPair } from '@coordconv/gym';

export const CURVE_FILE = 'curve.json';

export async function loadOrCreateCurveKeys(outDir: string): Promise<CurveKeyPair> {
  const file = join(outDir, CURVE_FILE);
  if (existsSync(file)) {
    const keys = JSON.parse(readFileSync(file, 'utf8')) as Partial<CurveKeyPair>;
    if (typeof keys.publicKey !== 'string' || typeof keys.secretKey !== 'string')
      throw new Error(`${file} must hold {"publicKey": ..., "secretKey": ...} (Z85 CURVE keys)`);
    return { publicKey: keys.publicKey, secretKey: keys.secretKey };
  }
  const keys = curveKeyPair();
  await writeFileAtomic(file, `${JSON.stringify(keys, null, 2)}\n`);
  chmodSync(file, 0o600); // the secret key: owner only
  return keys;
}
