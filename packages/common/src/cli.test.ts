import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError, defineCli, formatHelp, parseCli } from './cli.js';

const def = defineCli({
  name: 'demo',
  description: 'A demo command.',
  options: {
    steps: { type: 'int', default: 100, min: 1, help: 'training steps' },
    lr: { type: 'float', default: 0.01, min: 0, help: 'learning rate' },
    obs: {
      type: 'enum',
      choices: ['grid', 'rgb'] as const,
      default: 'grid',
      help: 'observation mode',
    },
    coordconv: { type: 'boolean', help: 'use CoordConv' },
    out: { type: 'string', help: 'output directory' },
    tasks: { type: 'list', choices: ['a', 'b', 'c'], default: ['a', 'b'], help: 'tasks' },
    budgetS: { type: 'float', help: 'budget in seconds' },
  },
});

describe('parseCli', () => {
  it('applies defaults and parses every type', () => {
    const o = parseCli(def, [
      '--steps',
      '5',
      '--lr=0.5',
      '--obs',
      'rgb',
      '--coordconv',
      '--tasks',
      'c,a',
      '--budget-s',
      '2.5',
      'pos',
    ])!;
    expect(o).toMatchObject({
      steps: 5,
      lr: 0.5,
      obs: 'rgb',
      coordconv: true,
      tasks: ['c', 'a'],
      budgetS: 2.5,
      _: ['pos'],
    });
    // Compile-time: parsed values carry the option types.
    const typed: {
      steps: number;
      obs: 'grid' | 'rgb';
      coordconv: boolean;
      tasks: ('a' | 'b' | 'c')[];
      out?: string;
    } = o;
    expect(typed.steps).toBe(5);
    const d = parseCli(def, [])!;
    expect(d).toMatchObject({ steps: 100, obs: 'grid', coordconv: false, tasks: ['a', 'b'] });
    expect(d.out).toBeUndefined();
  });

  it('names the option and the allowed values in errors', () => {
    expect(() => parseCli(def, ['--steps', '0'])).toThrow(
      /--steps: expected an integer >= 1, got "0"/,
    );
    expect(() => parseCli(def, ['--steps', '1.5'])).toThrow(CliError);
    expect(() => parseCli(def, ['--obs', 'pixels'])).toThrow(/--obs: expected one of grid, rgb/);
    expect(() => parseCli(def, ['--tasks', 'a,z'])).toThrow(/"z" is not allowed/);
    expect(() => parseCli(def, ['--bogus'])).toThrow(
      /unknown option --bogus; valid options: --steps/,
    );
    expect(() => parseCli(def, ['--out'])).toThrow(/--out: missing value/);
  });

  it('reads --config and lets flags win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ steps: 7, obs: 'rgb', 'budget-s': 3 }));
    expect(parseCli(def, ['--config', file, '--steps', '9'])).toMatchObject({
      steps: 9,
      obs: 'rgb',
      budgetS: 3,
    });
    writeFileSync(file, JSON.stringify({ nope: 1 }));
    expect(() => parseCli(def, ['--config', file])).toThrow(/unknown option "nope"/);
    writeFileSync(file, JSON.stringify({ steps: -1 }));
    expect(() => parseCli(def, ['--config', file])).toThrow(/--steps/);
  });

  it('returns null for --help and the help lists every option', () => {
    expect(parseCli(def, ['--help'])).toBeNull();
    const help = formatHelp(def);
    for (const flag of [
      '--steps',
      '--lr',
      '--obs grid|rgb',
      '--coordconv',
      '--budget-s',
      '--config FILE',
    ])
      expect(help).toContain(flag);
  });
});
