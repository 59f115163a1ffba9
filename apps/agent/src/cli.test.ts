/**
 * End-to-end runs of the real entry points with tiny sizes (CleanRL-style): train on a corridor
 * layout, evaluate, play a GIF, and stop a run with Ctrl-C.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GifReader } from 'omggif';
import { decodePng, readJsonl } from '@coordconv/common';

const ROOT = join(import.meta.dirname, '../../..');
const NODE_ARGS = ['--conditions=@coordconv/source', '--import', 'tsx'];
const dir = mkdtempSync(join(tmpdir(), 'agent-cli-'));
const layout = join(dir, 'corridor.lay');
writeFileSync(layout, '%%%%%%%\n%P   .%\n%%%%%%%\n');
const run = join(dir, 'run');

function cli(name: string, args: string[]) {
  const r = spawnSync(process.execPath, [...NODE_ARGS, `apps/agent/src/cli/${name}.ts`, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`agent:${name} exited with ${r.status}:\n${r.stderr}`);
  return r;
}

describe('agent CLIs', () => {
  it('train writes config.json, metrics.jsonl, checkpoint/ and curve.png and says where', () => {
    const r = cli('train', [
      '--layout',
      layout,
      '--max-steps',
      '20',
      '--steps',
      '400',
      '--envs',
      '4',
      '--log-every',
      '5',
      '--out',
      run,
      '--quiet',
    ]);
    expect(r.stdout).toContain(`outputs in ${run}/`);
    expect(r.stdout).toMatch(
      /mean return of the last 100 episodes: -?\d+\.\d \(random policy: -?\d+\.\d\)/,
    );
    const config = JSON.parse(readFileSync(join(run, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ algo: 'a2c', frames: 400, a2c: { numEnvs: 4 } });
    const lines = readJsonl<{ frames: number }>(join(run, 'metrics.jsonl'));
    expect(lines.map((l) => l.frames)).toEqual([100, 200, 300, 400]);
    const manifest = JSON.parse(readFileSync(join(run, 'checkpoint', 'manifest.json'), 'utf8'));
    expect(manifest.counters).toMatchObject({ frames: 400, updates: 20 });
    const png = decodePng(readFileSync(join(run, 'curve.png')));
    expect(png.width).toBeGreaterThan(100);
  });

  it('eval prints one line per episode and a JSON summary line last', () => {
    const r = cli('eval', ['--run', run, '--episodes', '3']);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^episode 1: return -?\d+ \(\d+ steps (win|loss)\)$/);
    const summary = JSON.parse(lines[3]!);
    expect(Object.keys(summary)).toEqual(
      expect.arrayContaining(['episodes', 'meanReturn', 'stdReturn', 'winRate']),
    );
    expect(summary.episodes).toBe(3);
    const random = JSON.parse(
      cli('eval', [
        '--policy',
        'random',
        '--layout',
        layout,
        '--max-steps',
        '20',
        '--episodes',
        '2',
      ])
        .stdout.trim()
        .split('\n')
        .at(-1)!,
    );
    expect(random).toMatchObject({ episodes: 2, policy: 'random' });
  });

  it('play writes a GIF with one frame per step plus the first', () => {
    const gif = join(dir, 'episode.gif');
    const r = cli('play', ['--run', run, '--out', gif, '--cell', '4']);
    const steps = Number(/(\d+) steps/.exec(r.stdout)![1]);
    const reader = new GifReader(new Uint8Array(readFileSync(gif)));
    expect(reader.numFrames()).toBe(steps + 1);
    expect([reader.width, reader.height]).toEqual([7 * 4, 3 * 4]);
  });

  it('compare trains both variants, writes compare.json and compare.png, and continues a rerun', () => {
    const out = join(dir, 'compare');
    const args = [
      '--layout',
      layout,
      '--max-steps',
      '20',
      '--steps',
      '200',
      '--envs',
      '4',
      '--log-every',
      '5',
      '--seeds',
      '1',
      '--out',
      out,
      '--quiet',
    ];
    const r = cli('compare', args);
    expect(r.stdout).toMatch(/^plain: final mean return -?\d+\.\d \+- 0\.0 over 1 seed/m);
    expect(r.stdout).toMatch(/^coordconv: final mean return/m);
    const json = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
    expect(json.variants.map((v: { variant: string }) => v.variant)).toEqual([
      'plain',
      'coordconv',
    ]);
    expect(json.runs).toHaveLength(2);
    expect(Number.isFinite(json.randomReturn)).toBe(true);
    expect(decodePng(readFileSync(join(out, 'compare.png'))).width).toBeGreaterThan(100);
    const plainMetrics = join(out, 'plain-seed0', 'metrics.jsonl');
    const before = readJsonl<{ frames: number }>(plainMetrics);
    expect(before.at(-1)!.frames).toBe(200);
    // Same command again: both runs are complete, so nothing trains and the same files return.
    const again = cli('compare', args);
    expect(again.stderr).toContain(`resuming ${join(out, 'plain-seed0')}`);
    // The finished runs report their last figures, not NaN.
    expect(again.stdout).toMatch(/^plain: final mean return -?\d+\.\d \+- 0\.0 over 1 seed/m);
    expect(again.stdout).toMatch(/^coordconv: final mean return -?\d+\.\d/m);
    expect(readJsonl<{ frames: number }>(plainMetrics).at(-1)!.frames).toBe(200);
    expect(JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8')).runs).toHaveLength(2);
  });

  it('Ctrl-C writes a checkpoint and a final metrics line, then exits cleanly', async () => {
    const out = join(dir, 'interrupted');
    const child = spawn(
      process.execPath,
      [
        ...NODE_ARGS,
        'apps/agent/src/cli/train.ts',
        '--layout',
        layout,
        '--steps',
        '10000000',
        '--envs',
        '4',
        '--log-every',
        '2',
        '--out',
        out,
        '--quiet',
      ],
      { cwd: ROOT },
    );
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    // Wait for the first metrics line: training is under way.
    const metrics = join(out, 'metrics.jsonl');
    for (
      let i = 0;
      i < 600 && !(existsSync(metrics) && readFileSync(metrics, 'utf8').length > 0);
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'checkpoint', 'manifest.json'), 'utf8'));
    expect(manifest.counters.frames).toBeGreaterThan(0);
    expect(readJsonl<{ frames: number }>(metrics).at(-1)!.frames).toBe(manifest.counters.frames);
    expect(stdout).toContain('stopped early');
  });
});
