/**
 * `npm run bench [-- NAME...] [--seconds S] [--backend B] [--list]`: runs the benchmark suite
 * (../shared/BENCHMARKS.md) and prints one JSON object per line on stdout. Each file in
 * ./workloads exports `benchmarks: Benchmark[]`; NAME selects a benchmark by name or group.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { initBackend, type BackendName } from '@coordconv/backend';
import { runCli } from '@coordconv/common';
import type { Benchmark } from './types.js';

async function loadBenchmarks(): Promise<Benchmark[]> {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'workloads');
  const files = readdirSync(dir)
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts') && !f.includes('.test.'))
    .sort();
  const all: Benchmark[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { benchmarks?: Benchmark[] };
    all.push(...(mod.benchmarks ?? []));
  }
  return all;
}

await runCli(
  {
    name: 'npm run bench --',
    description:
      'Runs the CoordConv Lab benchmark suite; JSON lines on stdout, progress on stderr.',
    options: {
      seconds: { type: 'float', default: 3, min: 0.1, help: 'measured wall time per workload' },
      backend: {
        type: 'enum',
        choices: ['auto', 'tensorflow', 'wasm', 'cpu'],
        default: 'auto',
        help: 'tfjs backend',
      },
      list: { type: 'boolean', help: 'list benchmark names and groups, run nothing' },
    },
    configFile: false,
    epilog:
      'Positional arguments select benchmarks by name or group, e.g. `npm run bench -- backend pacman-env`.',
  },
  async (opts) => {
    const all = await loadBenchmarks();
    if (opts.list) {
      for (const b of all) process.stdout.write(`${b.name}\t${b.groups.join(',')}\n`);
      return;
    }
    const wanted = opts._;
    const known = new Set(all.flatMap((b) => [b.name, ...b.groups]));
    const unknown = wanted.filter((w) => !known.has(w));
    if (unknown.length)
      throw new Error(
        `unknown benchmark ${unknown.join(', ')}; known: ${[...known].sort().join(', ')}`,
      );
    const selected = wanted.length
      ? all.filter((b) => wanted.includes(b.name) || b.groups.some((g) => wanted.includes(g)))
      : all;
    const info = await initBackend({ backend: opts.backend as BackendName });
    const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
    for (const b of selected) {
      log(`${b.name} ...`);
      const lines = await b.run({ seconds: opts.seconds, backend: info.name, log });
      for (const line of lines) process.stdout.write(JSON.stringify(line) + '\n');
    }
  },
);
