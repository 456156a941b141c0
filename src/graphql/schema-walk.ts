/**
 * What the schema guards (write-guard.ts, pii-inputs.ts, pii-outputs.ts, consent-guard.ts) share
 * to walk the schema. Types are told apart by their tag, not `instanceof`: graphql ships a
 * CommonJS and an ES module build, and the schema (built by @graphql-tools) may hold classes of
 * the other one (under vitest it does), where every `instanceof` would be false and guard nothing.
 */
import type {
  GraphQLEnumType,
  GraphQLField,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
} from 'graphql';

const tagOf = (type: unknown): string => Object.prototype.toString.call(type).slice(8, -1);
export const isNonNull = (type: unknown): type is GraphQLNonNull<GraphQLInputType> => tagOf(type) === 'GraphQLNonNull';
export const isList = (type: unknown): type is GraphQLList<GraphQLInputType> => tagOf(type) === 'GraphQLList';
export const isEnum = (type: unknown): type is GraphQLEnumType => tagOf(type) === 'GraphQLEnumType';
export const isInputObject = (type: unknown): type is GraphQLInputObjectType => tagOf(type) === 'GraphQLInputObjectType';
export const isScalar = (type: unknown): boolean => tagOf(type) === 'GraphQLScalarType';
const isObject = (type: unknown): type is GraphQLObjectType => tagOf(type) === 'GraphQLObjectType';

/**
 * Every field of every object type the schema defines (introspection types aside), with its
 * type's name; typed with the source and context the caller's wrapper reads (the schema does not
 * know them).
 */
export function objectFields<TSource = unknown, TContext = unknown>(schema: GraphQLSchema): { typeName: string; field: GraphQLField<TSource, TContext> }[] {
  return Object.values(schema.getTypeMap())
    .filter((type): type is GraphQLObjectType => isObject(type) && !type.name.startsWith('__'))
    .flatMap((type) => Object.values(type.getFields()).map((field) => ({ typeName: type.name, field: field as unknown as GraphQLField<TSource, TContext> })));
}

/** The field's use of a directive in the SDL, if any. */
export function directiveOn<TSource, TContext>(field: GraphQLField<TSource, TContext>, name: string) {
  return field.astNode?.directives?.find((directive) => directive.name.value === name);
}
