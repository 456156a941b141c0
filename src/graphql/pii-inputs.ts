/**
 * PII in arguments, by construction: an enum value marked `@pii` in the SDL (UserAttribute
 * EMAIL and PHONE) may appear in a request's arguments only for roles that may read PII. A
 * rule that tests an e-mail address is an equality oracle over PII (`previewSegment` with
 * `EMAIL equals "…"` answers size 1 for a right guess; `PHONE in` tests 1,000 guesses a call),
 * so a role that may not read the addresses may not test them either.
 *
 * Every field whose arguments can carry such a value, however deep (a rule inside a portrait
 * group inside a funnel), is found from the schema once and guarded before its resolver runs:
 * a new field that takes a rule is covered the day it is added to the SDL.
 */
import { defaultFieldResolver, type GraphQLEnumType, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { ForbiddenError } from '../errors.js';
import type { RequestContext } from './request-context.js';
import { isEnum, isInputObject, isList, isNonNull, objectFields } from './schema-walk.js';

const PII_DIRECTIVE = 'pii';

/** The @pii values of an enum type (empty for most). */
function piiValues(type: GraphQLEnumType): Set<string> {
  return new Set(
    type.getValues().flatMap((value) => (value.astNode?.directives?.some((directive) => directive.name.value === PII_DIRECTIVE) ? [value.name] : [])),
  );
}

/** Whether a value of this input type can hold a @pii enum value anywhere inside it. */
function carriesPii(type: GraphQLInputType, seen = new Set<string>()): boolean {
  if (isNonNull(type) || isList(type)) return carriesPii(type.ofType, seen);
  if (isEnum(type)) return piiValues(type).size > 0;
  if (!isInputObject(type) || seen.has(type.name)) return false;
  seen.add(type.name);
  return Object.values(type.getFields()).some((field) => carriesPii(field.type, seen));
}

/** The first @pii value in a coerced argument value, with where it is; null if none. */
function findPii(value: unknown, type: GraphQLInputType, path: string): { value: string; path: string } | null {
  if (value === null || value === undefined) return null;
  if (isNonNull(type)) return findPii(value, type.ofType, path);
  if (isList(type)) {
    const items = Array.isArray(value) ? value : [value];
    for (const [index, item] of items.entries()) {
      const found = findPii(item, type.ofType, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (isEnum(type)) return typeof value === 'string' && piiValues(type).has(value) ? { value, path } : null;
  if (isInputObject(type) && typeof value === 'object') {
    for (const [name, field] of Object.entries(type.getFields())) {
      const found = findPii((value as Record<string, unknown>)[name], field.type, `${path}.${name}`);
      if (found) return found;
    }
  }
  return null;
}

/** Wraps, in place, the resolver of every field with an argument that can carry a @pii value. */
export function guardPiiArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const { field } of objectFields<unknown, RequestContext>(schema)) {
    const guarded = field.args.filter((arg) => carriesPii(arg.type));
    if (guarded.length === 0) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args: Record<string, unknown>, context: RequestContext, info) => {
      if (!context.auth.canReadPii) {
        for (const arg of guarded) {
          const found = findPii(args[arg.name], arg.type, arg.name);
          if (found) {
            throw new ForbiddenError(
              `The role "${context.auth.role}" may not use ${found.value} at ${found.path}: it is personal data, and testing it would reveal it. Use a key with PII access.`,
            );
          }
        }
      }
      return resolve(source, args, context, info);
    };
  }
  return schema;
}
