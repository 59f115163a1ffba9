import { Worker } from 'node:worker_threads';
import type { WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on `entry` (use `siblingModuleUrl(import.meta.url, 'name')`).
 *
 * A built `.js` entry is started directly. A `.ts` entry (running from sources under tsx or
 * vitest) needs the TypeScript loader inside the worker, and on Node 20 a worker does not get it
 * from an inherited `--import tsx` (the entry fails with ERR_UNKNOWN_FILE_EXTENSION), so the
 * worker starts from a two-line bootstrap that registers tsx's ESM hooks and then imports the
 * entry. `workerData`, `transferList` and other options pass through unchanged.
 */
export function spawnWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const execArgv = withoutTsxImport(options.execArgv ?? process.execArgv);
  if (!execArgv.some((a) => a.includes('@coordconv/source'))) {
    execArgv.push('--conditions=@coordconv/source');
  }
  const bootstrap =
    `import(${JSON.stringify(tsxApi)})` +
    `.then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })` +
    '.catch((err) => { setImmediate(() => { throw err; }); });';
  return new Worker(bootstrap, { ...options, eval: true, execArgv });
}

/** Drops `--import tsx` / `--loader tsx` pairs: the bootstrap registers tsx itself. */
function withoutTsxImport(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (
      (a === '--import' || a === '--loader' || a === '--experimental-loader') &&
      argv[i + 1]?.startsWith('tsx')
    ) {
      i++;
      continue;
    }
    if (/^--(import|loader|experimental-loader)=tsx/.test(a)) continue;
    out.push(a);
  }
  return out;
}
