import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli } from '@coordconv/common';
import { a2cConfigFromCli } from './a2c/options.js';
import { envFactoryFromCli, type EnvCliValues } from './env-spec.js';
import { TRAIN_CLI } from './train-cli.js';

const parse = (...argv: string[]) => parseCli(TRAIN_CLI, argv)!;

describe('agent:train options', () => {
  it('defaults to A2C on the bundled Pac-Man with the baselines hyperparameters', () => {
    const o = parse();
    expect(o).toMatchObject({
      algo: 'a2c',
      env: 'pacman',
      obs: 'grid',
      envs: 16,
      workers: 1,
      coordconv: false,
    });
    const env = envFactoryFromCli(o as EnvCliValues);
    expect(env).toMatchObject({ module: '@coordconv/pacman', exportName: 'PacmanEnv' });
    const a2c = a2cConfigFromCli(o, true);
    expect(a2c).toMatchObject({
      numEnvs: 16,
      nSteps: 5,
      learningRate: 7e-4,
      gamma: 0.99,
      entCoef: 0.01,
      vfCoef: 0.5,
      maxGradNorm: 0.5,
      rewardScale: 0.1,
      rewardClip: 1,
    });
    expect(a2cConfigFromCli(parse('--coordconv', '--n-steps', '8'), false)).toMatchObject({
      nSteps: 8,
      rewardScale: 1,
      network: { coordConv: true },
    });
  });

  it('rejects bad values naming the option', () => {
    expect(() => parse('--envs', '0')).toThrow(
      /--envs: expected an integer in \[1, 1024\], got "0"/,
    );
    expect(() => parse('--algo', 'dqn')).toThrow(/--algo: expected one of a2c, apex/);
    expect(() => parse('--obs', 'pixels')).toThrow(/--obs: expected one of grid, rgb/);
    expect(() => parse('--bogus')).toThrow(/unknown option --bogus/);
    expect(() => envFactoryFromCli(parse('--env', 'udp://x:1') as EnvCliValues)).toThrow(
      /--env: expected pacman, cartpole or tcp:\/\/HOST:PORT, got "udp:\/\/x:1"/,
    );
    expect(() => envFactoryFromCli(parse('--layout', 'nowhere') as EnvCliValues)).toThrow(
      /--layout: "nowhere" is neither a bundled layout \(smallGrid, mediumGrid/,
    );
    const bad = join(mkdtempSync(join(tmpdir(), 'lay-')), 'bad.lay');
    writeFileSync(bad, '%%%\n%.%\n%%%\n');
    expect(() => envFactoryFromCli(parse('--layout', bad) as EnvCliValues)).toThrow(
      /--layout .*bad.lay/,
    );
  });

  it('accepts a layout file and a tcp:// env', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lay-')), 'tiny.lay');
    writeFileSync(file, '%%%%%\n%P .%\n%%%%%\n');
    const env = envFactoryFromCli(parse('--layout', file) as EnvCliValues);
    expect((env.args?.[0] as { layout: string }).layout).toContain('%P .%');
    expect(envFactoryFromCli(parse('--env', 'tcp://127.0.0.1:5555') as EnvCliValues)).toMatchObject(
      { exportName: 'makeRemoteEnv', args: [{ endpoint: 'tcp://127.0.0.1:5555' }] },
    );
  });

  it('the CLI refuses invalid options before doing any work (exit 2, nothing written)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'train-')), 'run');
    const r = spawnSync(
      process.execPath,
      [
        '--conditions=@coordconv/source',
        '--import',
        'tsx',
        'apps/agent/src/cli/train.ts',
        '--out',
        out,
        '--env',
        'udp://nope:1',
      ],
      {
        cwd: join(import.meta.dirname, '../../..'),
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--env: expected pacman, cartpole or tcp:\/\/HOST:PORT/);
    expect(r.stderr).not.toMatch(/backend:/);
    expect(existsSync(out)).toBe(false);
  });
});
