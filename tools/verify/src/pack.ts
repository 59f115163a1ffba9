/**
 * Packs workspace packages with `npm pack` and checks what each tarball carries: only files of
 * its own folder, built JavaScript with declarations, no tests, no sources of tests.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkspacePackage {
  dir: string;
  name: string;
  version: string;
  private: boolean;
  dependencies: Record<string, string>;
}

export function listPackages(root: string): WorkspacePackage[] {
  const dir = join(root, 'packages');
  return readdirSync(dir)
    .filter((d) => existsSync(join(dir, d, 'package.json')))
    .map((d) => {
      const pkg = JSON.parse(readFileSync(join(dir, d, 'package.json'), 'utf8')) as {
        name: string;
        version: string;
        private?: boolean;
        dependencies?: Record<string, string>;
      };
      return {
        dir: join(dir, d),
        name: pkg.name,
        version: pkg.version,
        private: pkg.private === true,
        dependencies: pkg.dependencies ?? {},
      };
    })
    .filter((p) => !p.private);
}

interface PackResult {
  filename: string;
  files: { path: string }[];
}

/** Files a tarball must never carry. */
const FORBIDDEN = [
  /\.test\.[cm]?[jt]s(\.map)?$/,
  /\.test\.d\.ts$/,
  /(^|\/)test-[^/]*\.(js|d\.ts)$/,
  /^src\//,
  /tsconfig/,
  /vitest\.config/,
  /\.tsbuildinfo$/,
];

/** Packs `pkg` into `dest`, returns the tarball path; throws if it carries a forbidden file. */
export function packPackage(pkg: WorkspacePackage, dest: string): string {
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dest], {
    cwd: pkg.dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [result] = JSON.parse(out) as PackResult[];
  if (!result) throw new Error(`npm pack printed nothing for ${pkg.name}`);
  const bad = result.files.map((f) => f.path).filter((p) => FORBIDDEN.some((re) => re.test(p)));
  if (bad.length)
    throw new Error(`${pkg.name}: tarball carries files users must not get: ${bad.join(', ')}`);
  const paths = result.files.map((f) => f.path);
  if (!paths.includes('dist/index.js') || !paths.includes('dist/index.d.ts')) {
    throw new Error(`${pkg.name}: tarball lacks dist/index.js or dist/index.d.ts (was it built?)`);
  }
  if (!paths.includes('README.md')) throw new Error(`${pkg.name}: tarball lacks README.md`);
  return join(dest, result.filename);
}
