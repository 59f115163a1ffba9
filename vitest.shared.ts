// One vitest configuration for every project: each package's vitest.config.ts re-exports it.
// The `@coordconv/source` condition makes workspace packages resolve to their TypeScript
// sources, so tests never need a build step.
import { defineConfig } from 'vitest/config';

const conditions = ['@coordconv/source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@coordconv/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
