import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CliError, parseCli, readJsonl } from '@coordconv/common';
import { trainGanCli, trainGanMain } from './train-gan.js';
import { trainVaeCli, trainVaeMain } from './train-vae.js';
import { evaluateCli, evaluateMain } from './evaluate.js';
import { interpolateCli, interpolateMain } from './interpolate.js';

const root = resolve(import.meta.dirname, '../../../..');
const work = mkdtempSync(join(tmpdir(), 'generative-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `fn` capturing stdout; returns the lines written. */
async function captureStdout(fn: () => Promise<void>): Promise<string[]> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    chunks.push(String(c));
    return true;
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('').trim().split('\n');
}

describe('CLI validation', () => {
  it('rejects bad values naming the option and the allowed values', () => {
    expect(() => parseCli(trainGanCli, ['--arch', 'stylegan'])).toThrow(
      /--arch: expected one of dcgan, paper-coordconv, got "stylegan"/,
    );
    expect(() => parseCli(trainGanCli, ['--image-size', '48'])).toThrow(
      /--image-size: expected one of 32, 64/,
    );
    expect(() => parseCli(trainGanCli, ['--steps', '0'])).toThrow(
      /--steps: expected an integer >= 1/,
    );
    expect(() => parseCli(trainGanCli, ['--coordconv', 'encoder'])).toThrow(/--coordconv/);
    expect(() => parseCli(trainVaeCli, ['--likelihood', 'poisson'])).toThrow(
      /--likelihood: expected one of bernoulli, gaussian/,
    );
    expect(() => parseCli(evaluateCli, [])).toThrow(/--run is required/);
    expect(() => parseCli(interpolateCli, ['--run', 'x', '--frames', '0'])).toThrow(/--frames/);
  });

  it('refuses impossible combinations before any work', async () => {
    const o = parseCli(trainGanCli, [
      '--arch',
      'paper-coordconv',
      '--coordconv',
      'none',
      '--out',
      join(work, 'never'),
    ]);
    await expect(trainGanMain(o!)).rejects.toThrow(CliError);
    expect(existsSync(join(work, 'never'))).toBe(false);
    await expect(
      evaluateMain(parseCli(evaluateCli, ['--run', join(work, 'missing')])!),
    ).rejects.toThrow(/--run: .* does not exist/);
  });

  it("the authors' config file parses", () => {
    const o = parseCli(trainGanCli, [
      '--config',
      join(root, 'apps/generative/configs/paper-gan.json'),
    ])!;
    expect(o).toMatchObject({
      arch: 'paper-coordconv',
      imageSize: '64',
      gSteps: '2',
      batch: 16,
      lrG: 1e-4,
      lrD: 5e-4,
      kernelSize: 5,
    });
  });
});

describe('end to end (tiny)', () => {
  const tiny = [
    '--steps',
    '4',
    '--width',
    '4',
    '--z-dim',
    '8',
    '--batch',
    '4',
    '--log-every',
    '2',
    '--sample-every',
    '2',
    '--eval-samples',
    '20',
  ];
  const gan = join(work, 'gan');

  it('train-gan through its nx entry point: exit 0, metrics, samples, checkpoint, JSON summary last', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--conditions=@coordconv/source',
        '--import',
        'tsx',
        'apps/generative/src/cli/train-gan.ts',
        ...tiny,
        '--out',
        gan,
      ],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1) as string);
    expect(summary).toMatchObject({ run: gan, steps: 4, stoppedBy: 'steps' });
    expect(summary.validRate).toBeGreaterThanOrEqual(0);
    expect(readJsonl(join(gan, 'metrics.jsonl')).map((l) => l.step)).toEqual([2, 4]);
    for (const f of [
      'run.json',
      'data.png',
      'samples/step-000004.png',
      'checkpoint/manifest.json',
      'eval/coverage.png',
    ]) {
      expect(existsSync(join(gan, f)), f).toBe(true);
    }
    const bad = spawnSync(
      process.execPath,
      [
        '--conditions=@coordconv/source',
        '--import',
        'tsx',
        'apps/generative/src/cli/train-gan.ts',
        '--batch',
        'many',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--batch: expected an integer/);
  });

  it('evaluate and interpolate read the run', async () => {
    const lines = await captureStdout(() =>
      evaluateMain(parseCli(evaluateCli, ['--run', gan, '--samples', '30'])!),
    );
    const summary = JSON.parse(lines.at(-1) as string);
    expect(summary).toMatchObject({
      run: gan,
      kind: 'gan',
      step: 4,
      samples: 30,
      dataValidRate: 1,
    });
    const gif = join(work, 'cmp.gif');
    const out = await captureStdout(() =>
      interpolateMain(
        parseCli(interpolateCli, [
          '--run',
          gan,
          '--compare',
          gan,
          '--frames',
          '2',
          '--keyframes',
          '2',
          '--out',
          gif,
        ])!,
      ),
    );
    expect(JSON.parse(out.at(-1) as string)).toMatchObject({ out: gif, frames: 4 });
    expect(existsSync(gif)).toBe(true);
    const png = join(work, 'grid.png');
    await captureStdout(() =>
      interpolateMain(
        parseCli(interpolateCli, ['--run', gan, '--grid', '--grid-size', '2', '--out', png])!,
      ),
    );
    expect(existsSync(png)).toBe(true);
  });

  it('train-vae runs and resumes', async () => {
    const vae = join(work, 'vae');
    const args = [
      '--steps',
      '2',
      '--width',
      '4',
      '--z-dim',
      '4',
      '--batch',
      '4',
      '--log-every',
      '1',
      '--eval-samples',
      '10',
    ];
    await captureStdout(() => trainVaeMain(parseCli(trainVaeCli, [...args, '--out', vae])!));
    const lines = await captureStdout(() =>
      trainVaeMain(
        parseCli(trainVaeCli, ['--resume', vae, '--steps', '3', '--eval-samples', '10'])!,
      ),
    );
    expect(JSON.parse(lines.at(-1) as string)).toMatchObject({ run: vae, steps: 3 });
    expect(readJsonl(join(vae, 'metrics.jsonl')).map((l) => l.step)).toEqual([1, 2, 3]);
  });
});
