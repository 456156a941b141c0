/**
 * What profiling derives about a user (tags, scores, propensities, sentiment, influence,
 * community) is hidden for users without profiling consent, by construction: every field the SDL
 * marks `@profilingConsent` answers empty (null, or [] for a list) unless its parent user has
 * `consentProfiling`, before its resolver runs. A derived field added to the SDL with the
 * directive is covered without a check in its resolver; tests/unit/profiling-consent.test.ts
 * walks every marked field for a user who withdrew consent.
 */
import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { directiveOn, objectFields } from './schema-walk.js';

const CONSENT_DIRECTIVE = 'profilingConsent';

/** Wraps, in place, every field marked @profilingConsent; refuses to build a schema where a marked field could not answer empty. */
export function guardProfilingConsent(schema: GraphQLSchema): GraphQLSchema {
  for (const { typeName, field } of objectFields<{ consentProfiling?: boolean | null }>(schema)) {
    if (!directiveOn(field, CONSENT_DIRECTIVE)) continue;
    const typeText = field.type.toString();
    // A nullable field answers null; a list (even a non-null one) answers [].
    const empty = typeText.startsWith('[') ? [] : typeText.endsWith('!') ? undefined : null;
    if (empty === undefined) throw new Error(`${typeName}.${field.name} is @${CONSENT_DIRECTIVE} but non-null: it could not answer empty.`);
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source: { consentProfiling?: boolean | null }, args, context, info) =>
      source.consentProfiling === true ? resolve(source, args, context, info) : Array.isArray(empty) ? [] : null;
  }
  return schema;
}
