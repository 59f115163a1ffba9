/**
 * `npm run verify:packages`: builds every package, packs it, installs the tarballs into a fresh
 * project outside the workspace (third-party dependencies from the registry only) and there
 * imports every public entry, trains and reloads a CoordConv model, steps Pac-Man and writes a
 * GIF (consumer-smoke.mjs). Fails on the first problem with a message naming the package.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '@coordconv/common';
import { listPackages, packPackage } from './pack.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');

function run(cmd: string, args: string[], cwd: string): void {
  process.stderr.write(`[verify] ${cwd === root ? '' : `(${cwd}) `}${cmd} ${args.join(' ')}\n`);
  execFileSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false' },
  });
}

await runCli(
  {
    name: 'npm run verify:packages --',
    description:
      'Packs every package and proves the tarballs work in a fresh project outside the workspace.',
    options: {
      keep: { type: 'boolean', help: 'keep the temporary project (its path is printed)' },
      skipBuild: { type: 'boolean', help: 'use the existing dist/ folders' },
      only: {
        type: 'string',
        help: 'comma-separated package names to verify (default: every package)',
      },
    },
    configFile: false,
  },
  async (opts) => {
    const all = listPackages(root);
    const wanted = opts.only?.split(',').map((s) => s.trim());
    const unknown = wanted?.filter((w) => !all.some((p) => p.name === w)) ?? [];
    if (unknown.length)
      throw new Error(
        `--only: unknown package ${unknown.join(', ')}; known: ${all.map((p) => p.name).join(', ')}`,
      );
    const packages = wanted ? all.filter((p) => wanted.includes(p.name)) : all;
    if (!opts.skipBuild)
      run(
        'npx',
        [
          'nx',
          'run-many',
          '-t',
          'build',
          '--projects',
          packages.map((p) => basename(p.dir)).join(','),
          '--outputStyle=stream',
        ],
        root,
      );
    const work = mkdtempSync(join(tmpdir(), 'coordconv-verify-'));
    const tarballs = join(work, 'tarballs');
    mkdirSync(tarballs);
    const deps: Record<string, string> = {};
    for (const pkg of packages) {
      const tgz = packPackage(pkg, tarballs);
      deps[pkg.name] = `file:${tgz}`;
      process.stderr.write(`[verify] packed ${pkg.name}@${pkg.version}\n`);
    }
    const project = join(work, 'project');
    mkdirSync(project);
    // Workspace packages depend on each other by exact version; `overrides` points those at the
    // tarballs too, so nothing is fetched from the registry under the @coordconv scope.
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify(
        {
          name: 'verify-consumer',
          private: true,
          type: 'module',
          dependencies: deps,
          overrides: deps,
        },
        null,
        2,
      ),
    );
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], project);
    copyFileSync(join(here, 'consumer-smoke.mjs'), join(project, 'consumer-smoke.mjs'));
    run('node', ['consumer-smoke.mjs', JSON.stringify(packages.map((p) => p.name))], project);
    if (opts.keep) process.stderr.write(`[verify] kept ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
    process.stdout.write(
      `verify:packages OK: ${packages.length} packages (${packages.map((p) => p.name).join(', ')})\n`,
    );
  },
);
