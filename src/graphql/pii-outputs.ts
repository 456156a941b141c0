/**
 * PII in answers, by construction: a field the SDL marks `@masked(as: …)` is answered masked for
 * roles that may not read PII, after its resolver runs and whatever it returned (a resolver of
 * its own, the default one reading a prefetched page). The masks live in auth.ts. A field that
 * carries personal data is covered by adding the directive; tests/unit/pii-fields.test.ts walks
 * every marked field with a role of each kind.
 *
 * Masks that depend on more than the value (a review's sentiment reasons, which follow its masked
 * text; a segment's rule, masked inside its structure) stay in their features' resolvers.
 */
import { defaultFieldResolver, type GraphQLField, type GraphQLSchema } from 'graphql';
import { maskEmail, maskIdentity, maskPhone, maskPiiInText } from './auth.js';
import type { RequestContext } from './request-context.js';
import { directiveOn, objectFields } from './schema-walk.js';

const MASKED_DIRECTIVE = 'masked';

/** One per PiiKind value of base.graphql. */
const MASKS: Record<string, (value: string) => string | null> = {
  EMAIL: maskEmail,
  PHONE: maskPhone,
  FREE_TEXT: maskPiiInText,
  IDENTITY: maskIdentity,
};

/** The mask a field's @masked names, or null when it has none; an unknown kind fails the schema build. */
function maskOf(typeName: string, field: GraphQLField<unknown, RequestContext>): ((value: string) => string | null) | null {
  const directive = directiveOn(field, MASKED_DIRECTIVE);
  if (!directive) return null;
  const argument = directive.arguments?.find((node) => node.name.value === 'as')?.value;
  const kind = argument?.kind === 'EnumValue' ? argument.value : '';
  const mask = MASKS[kind];
  if (!mask) throw new Error(`${typeName}.${field.name}: @masked(as: ${kind}) names no mask in src/graphql/pii-outputs.ts.`);
  return mask;
}

/** Wraps, in place, the resolver of every @masked field. */
export function maskPiiFields(schema: GraphQLSchema): GraphQLSchema {
  for (const { typeName, field } of objectFields<unknown, RequestContext>(schema)) {
    const mask = maskOf(typeName, field);
    if (!mask) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = async (source, args, context: RequestContext, info) => {
      const value: unknown = await resolve(source, args, context, info);
      return context.auth.canReadPii || typeof value !== 'string' ? value : mask(value);
    };
  }
  return schema;
}
