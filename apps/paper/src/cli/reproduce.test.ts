import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseCli, readPng } from '@coordconv/common';
import { afterAll, describe, expect, it } from 'vitest';

import { reproduceCli } from './definition.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const cli = 'apps/paper/src/cli/reproduce.ts';
const dirs: string[] = [];

/** Runs the CLI as `nx run paper:reproduce` does (same node flags, cwd = workspace root). */
function run(args: string[], timeout = 240_000) {
  return spawnSync(
    process.execPath,
    ['--conditions=@coordconv/source', '--import', 'tsx', cli, ...args],
    {
      cwd: root,
      encoding: 'utf8',
      timeout,
      env: { ...process.env, COORDCONV_BACKEND: process.env.COORDCONV_BACKEND ?? 'auto' },
    },
  );
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('paper:reproduce options', () => {
  it('defaults to all 12 runs and parses lists and budgets', () => {
    const o = parseCli(reproduceCli, ['--out', '/tmp/x'])!;
    expect(o.tasks).toEqual(['classification', 'regression', 'rendering']);
    expect(o.splits).toEqual(['uniform', 'quadrant']);
    expect(o.models).toEqual(['coordconv', 'baseline']);
    const p = parseCli(reproduceCli, [
      '--out',
      'd',
      '--models',
      'coordconv',
      '--budget-s',
      '2.5',
      '--epochs',
      '3',
    ])!;
    expect([p.models, p.budgetS, p.epochs]).toEqual([['coordconv'], 2.5, 3]);
  });

  it('names the option and what is allowed', () => {
    expect(() => parseCli(reproduceCli, [])).toThrow(/--out is required/);
    expect(() => parseCli(reproduceCli, ['--out', 'd', '--tasks', 'segmentation'])).toThrow(
      /--tasks.*segmentation.*classification, regression, rendering/,
    );
    expect(() => parseCli(reproduceCli, ['--out', 'd', '--budget-s', '0'])).toThrow(/--budget-s/);
    expect(() => parseCli(reproduceCli, ['--out', 'd', '--epochs', '1.5'])).toThrow(/--epochs/);
    expect(() => parseCli(reproduceCli, ['--out', 'd', '--bogus'])).toThrow(/bogus/);
  });
});

describe('paper:reproduce CLI', () => {
  it('exits with code 2 and a one-line error on a bad option', () => {
    const bad = run(['--out', '/tmp/x', '--splits', 'diagonal']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/error: --splits.*diagonal/);
  });

  it('runs a tiny reproduction and writes results.json, RESULTS.md and PNG figures', () => {
    const out = mkdtempSync(join(tmpdir(), 'paper-cli-'));
    dirs.push(out);
    const r = run([
      '--out',
      out,
      '--tasks',
      'regression',
      '--splits',
      'quadrant',
      '--budget-s',
      '0.3',
      '--figure-examples',
      '2',
    ]);
    expect(r.stderr).not.toMatch(/^\w*Error: /m);
    expect(r.status).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Record<
      string,
      unknown
    >[];
    expect(results.map((x) => x.model)).toEqual(['coordconv', 'baseline']);
    for (const x of results) {
      expect(x).toMatchObject({
        task: 'regression',
        split: 'quadrant',
        metricName: 'meanPixelError',
        stoppedBy: 'budget',
      });
      for (const key of ['params', 'epochs', 'seconds', 'trainMetric', 'testMetric']) {
        expect(Number.isFinite(x[key] as number)).toBe(true);
      }
    }
    expect(results[0].params).toBe(906);
    const md = readFileSync(join(out, 'RESULTS.md'), 'utf8');
    expect(md).toMatch(/\| regression \| quadrant \| CoordConvRegressor \| 906 \| 0.3 s/);
    for (const png of ['splits.png', 'regression-quadrant.png']) {
      expect(existsSync(join(out, png))).toBe(true);
      const img = readPng(join(out, png));
      expect(img.width).toBeGreaterThan(100);
    }
  });
});
