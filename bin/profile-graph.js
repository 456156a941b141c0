#!/usr/bin/env -S node --max-semi-space-size=128
// The `profile-graph` command. Runs the compiled CLI when `npm run build` has produced it and
// no source is newer than it, otherwise the TypeScript sources through tsx (a dependency), so it
// works from a clone too, and a clone edited since its last build runs what it holds (a stale
// build ran yesterday's code without a word). Comparing ~250 files' times costs a few ms.
// A 128 MB young generation (V8's default is 16–32 MB): an import allocates a row object per
// CSV line that dies at once, and scavenging them took ~20 % of `import --initial`'s staging;
// with it staging runs ~20 % faster for ~300 MB more peak memory (docs/SCALING.md).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
const sources = fileURLToPath(new URL('../src', import.meta.url));

/** True when the build exists and no TypeScript source changed after it (Cypher and SDL are read at run time by both). */
function buildIsCurrent() {
  const file = fileURLToPath(compiled);
  if (!existsSync(file)) return false;
  if (!existsSync(sources)) return true; // an installed package: the build is all there is
  const builtAt = statSync(file).mtimeMs;
  return readdirSync(sources, { recursive: true }).every(
    (name) => !String(name).endsWith('.ts') || statSync(path.join(sources, String(name))).mtimeMs <= builtAt,
  );
}

if (buildIsCurrent()) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
