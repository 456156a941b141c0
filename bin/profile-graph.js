#!/usr/bin/env -S node --max-semi-space-size=128
// The `profile-graph` command. Runs the compiled CLI when `npm run build` has produced it,
// otherwise the TypeScript sources through tsx (a dependency), so it works from a clone too.
// A 128 MB young generation (V8's default is 16–32 MB): an import allocates a row object per
// CSV line that dies at once, and scavenging them took ~20 % of `import --initial`'s staging;
// with it staging runs ~20 % faster for ~300 MB more peak memory (docs/SCALING.md).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(fileURLToPath(compiled))) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
