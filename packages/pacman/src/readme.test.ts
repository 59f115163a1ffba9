import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

const read = (rel: string) => readFileSync(new URL(rel, import.meta.url), 'utf8');

describe('README example', () => {
  it('is the runnable examples/random-agent.ts, verbatim', () => {
    expect(read('../README.md')).toContain(read('../examples/random-agent.ts'));
  });

  it('runs: five episodes, then the board as text', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.join(' '));
    });
    try {
      await import('../examples/random-agent.js');
    } finally {
      spy.mockRestore();
    }
    expect(
      lines.filter((l) => /^episode \d: return -?\d+, score -?\d+, \d+ steps/.test(l)),
    ).toHaveLength(5);
    expect(lines.at(-1)).toMatch(/^%{20}\n[\s\S]*Score: /);
  });
});
