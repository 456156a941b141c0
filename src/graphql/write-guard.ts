/**
 * Writes need a role that may write, by construction: every Mutation field is guarded before its
 * resolver runs (FORBIDDEN for a read-only role), unless its SDL marks it `@readOnly` (a
 * mutation that changes nothing, such as `whoami`). A new mutation is covered the day it is
 * added to the SDL; tests/integration/graphql/permissions.test.ts walks every one of them with a
 * read-only key.
 */
import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { requireWrite } from './auth.js';
import type { RequestContext } from './request-context.js';
import { directiveOn } from './schema-walk.js';

const READ_ONLY_DIRECTIVE = 'readOnly';

/** Wraps, in place, the resolver of every mutation not marked @readOnly. */
export function guardWrites(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  for (const field of Object.values(mutation?.getFields() ?? {})) {
    if (directiveOn(field, READ_ONLY_DIRECTIVE)) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context: RequestContext, info) => {
      requireWrite(context.auth);
      return resolve(source, args, context, info);
    };
  }
  return schema;
}
