/**
 * Worker-thread entry points work both from sources (development, `.ts` run through tsx) and
 * from the published build (`.js`): resolve the sibling file with the caller's own extension.
 * Workers inherit `process.execArgv`, so the tsx loader and the `@coordconv/source` condition
 * follow them.
 */
export function siblingModuleUrl(importMetaUrl: string, baseName: string): URL {
  const ext = importMetaUrl.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${baseName}${ext}`, importMetaUrl);
}
