import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { guardProfilingConsent } from './consent-guard.js';
import { guardPiiArguments } from './pii-inputs.js';
import { maskPiiFields } from './pii-outputs.js';
import { guardWrites } from './write-guard.js';

// src/graphql/ and dist/graphql/ both sit two levels below the package root.
const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));

/** base.graphql first (it declares the roots), then every feature file in name order. */
export function loadTypeDefs(): string[] {
  const files = readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return files.map((file) => readFileSync(path.join(SCHEMA_DIR, file), 'utf8'));
}

/**
 * Resolver maps are plain objects per feature; makeExecutableSchema merges them and refuses a
 * resolver for a field the SDL lacks, so a renamed field cannot silently lose its resolver.
 */
/** One feature's resolvers: type name → field name → resolver (typed by src/generated/resolvers-types.ts in the features). */
export type ResolverMap = object;

export function buildSchema(resolvers: readonly ResolverMap[]): GraphQLSchema {
  const schema = makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: resolvers as Parameters<typeof makeExecutableSchema>[0]['resolvers'],
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
  // Mutations need a role that writes; arguments that can carry a @pii enum value (EMAIL, PHONE
  // in rules) need a role that reads PII; what profiling derives needs the user's consent (all
  // checked before any resolver runs); fields marked @masked are masked for roles without PII.
  return maskPiiFields(guardProfilingConsent(guardPiiArguments(guardWrites(schema))));
}
