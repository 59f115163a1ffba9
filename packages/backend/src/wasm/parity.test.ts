import { describe, expect, it } from 'vitest';
import { initBackend } from '../index.js';
import { PARITY_CASES } from './test-parity-cases.js';
import { compareBackends } from './test-parity.js';

await initBackend({ backend: 'wasm', log: () => {} });

describe('wasm gradients match cpu (relative error <= 1e-4)', () => {
  it.each(PARITY_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { relError, worst } = await compareBackends(c);
    expect(relError, `worst: ${worst}`).toBeLessThanOrEqual(1e-4);
  });
});
