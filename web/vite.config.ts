/**
 * The dashboard's build (npm run build:web): Preact through esbuild's JSX transform (no
 * framework plugin needed), output in dist/web where the API serves it at /. During
 * development (`npx vite web`) /graphql is proxied to the API on :4000.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    reportCompressedSize: true,
    target: 'es2022',
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000' } },
  logLevel: 'info',
});
