#!/usr/bin/env node
// The `profile-graph` command. Runs the compiled CLI when `npm run build` has produced it,
// otherwise the TypeScript sources through tsx (a dependency), so it works from a clone too.
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
