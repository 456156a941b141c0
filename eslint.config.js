// @ts-check
/**
 * Lint rules that hold the layers of ../shared/STYLE.md and docs/ARCHITECTURE.md (graphql-js
 * does the same with import/no-restricted-paths and no-cycle):
 * - shared machinery (db/, graphql/, analytics/, lib/, config, logger, errors) never imports a
 *   feature or the composition root;
 * - a feature reaches another feature only through that feature's index.ts;
 * - resolvers never touch db/ (they go through loaders and services);
 * - only the composition root (src/context.ts, deps.ts, resolvers.ts, api.ts, main.ts, cli/)
 *   assembles features, and no feature imports it except resolvers for the Context type;
 * - no import cycles.
 */
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// The layers are read from the folder listing, so a new folder under src/ is covered the day it
// is made: a folder is shared machinery or composition root only if it is named here; every
// other folder is a feature.
const SHARED_FOLDERS = ['analytics', 'db', 'graphql', 'lib', 'lifecycle', 'local-kafka', 'local-neo4j', 'text'];
const ROOT_FOLDERS = ['cli'];
const NOT_CODE = ['generated', 'types'];
const FEATURES = readdirSync(new URL('./src', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .filter((name) => ![...SHARED_FOLDERS, ...ROOT_FOLDERS, ...NOT_CODE].includes(name))
  .sort();
// analytics/resolvers.ts is the analytics jobs' GraphQL face: like every resolvers.ts it reads the Context type.
const SHARED = [
  ...SHARED_FOLDERS.map((folder) => (folder === 'analytics' ? './src/analytics/!(resolvers).ts' : `./src/${folder}`)),
  './src/config.ts',
  './src/logger.ts',
  './src/errors.ts',
  './src/input-lengths.ts',
];
const ROOT = [
  ...ROOT_FOLDERS.map((folder) => `./src/${folder}`),
  './src/context.ts',
  './src/deps.ts',
  './src/resolvers.ts',
  './src/api.ts',
  './src/main.ts',
  './src/analytics-tasks.ts',
  './src/analytics-worker.ts',
  './src/web-build.ts',
];

const zones = [
  {
    target: SHARED,
    from: [...FEATURES.map((feature) => `./src/${feature}`), ...ROOT],
    message: 'Shared machinery never imports a feature or the composition root (STYLE.md, layer rules).',
  },
  ...FEATURES.map((feature) => ({
    target: `./src/${feature}`,
    from: FEATURES.filter((other) => other !== feature).map((other) => `./src/${other}/!(index).ts`),
    message: 'Reach another feature through its index.ts only.',
  })),
  {
    target: './src/*/resolvers.ts',
    from: './src/db',
    message: 'Resolvers go through loaders and services, never db/.',
  },
  {
    target: [...FEATURES.map((feature) => `./src/${feature}/!(resolvers).ts`), ...FEATURES.map((feature) => `./src/${feature}/**/!(resolvers).ts`)],
    from: ROOT,
    message: 'Only resolvers may import the composition root (for the Context type).',
  },
  {
    target: './src/lib',
    from: './src/!(lib)/**',
    message: 'src/lib/ is plain code: it imports nothing else of the project.',
  },
  {
    target: './src',
    from: ['./tests', './bench'],
    message: 'Production code never imports tests or benchmarks.',
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.neo4j/', '.ci/node/', 'coverage/', 'src/generated/', 'web/src/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      // Without these, import-x parses only .ts: a cycle through a .tsx module went unseen.
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['./tsconfig.json', './web/tsconfig.json'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-default-export': 'error',
      'import-x/no-duplicates': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='localeCompare']",
          message: 'Order ids with compareIds (src/lib/compare-ids.ts): localeCompare depends on the ICU data of the process.',
        },
      ],
    },
  },
  {
    // Tests read GraphQL responses, untyped JSON, field by field.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['bin/*.js', 'eslint.config.js'],
    languageOptions: { globals: { URL: 'readonly', process: 'readonly', console: 'readonly' } },
  },
  {
    // Config files name their export as the tools expect.
    files: ['eslint.config.js', 'vitest.config.ts', 'knip.config.ts', 'web/vite.config.ts'],
    rules: { 'import-x/no-default-export': 'off' },
  },
);
