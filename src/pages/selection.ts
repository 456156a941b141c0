/**
 * Reads, before any child resolver runs, which per-user lists a page selects and with which
 * arguments: the look-ahead that lets one Cypher statement serve a whole profile page
 * (neo4j/graphql compiles the selection into Cypher the same way; we keep our resolvers and
 * use the selection only to prefetch into their DataLoaders).
 */
import type { FieldNode, GraphQLObjectType, GraphQLResolveInfo, SelectionSetNode, ValueNode } from 'graphql';

/** Arguments of each list a page selects on its users; absent: not selected. */
export interface UserPagePlan {
  interests?: { first: number | null };
  followers?: { first: number | null; after: string | null };
  following?: { first: number | null; after: string | null };
  purchases?: { first: number | null; after: string | null };
}

const LISTS = ['interests', 'followers', 'following', 'purchases'] as const;

/** Field nodes under `selectionSet`, with fragments spread in (skip/include are ignored: prefetching more is harmless). */
function fieldsOf(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo, into: FieldNode[] = []): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === 'Field') into.push(selection);
    else if (selection.kind === 'InlineFragment') fieldsOf(selection.selectionSet, info, into);
    else fieldsOf(info.fragments[selection.name.value]?.selectionSet, info, into);
  }
  return into;
}

/** The fields selected on User, for a field returning a User (`user`) or a UserConnection (`users`, `nodes`/`edges.node`). */
export function userSelection(info: GraphQLResolveInfo, shape: 'user' | 'connection'): FieldNode[] {
  const top = info.fieldNodes.flatMap((node) => fieldsOf(node.selectionSet, info));
  if (shape === 'user') return top;
  return top.flatMap((field) => {
    if (field.name.value === 'nodes') return fieldsOf(field.selectionSet, info);
    if (field.name.value === 'edges') {
      return fieldsOf(field.selectionSet, info).filter((edge) => edge.name.value === 'node').flatMap((node) => fieldsOf(node.selectionSet, info));
    }
    return [];
  });
}

/**
 * An argument's value: `first: Int` and `after: String` are all the lists take. Read by hand
 * rather than with graphql-js's getArgumentValues, whose instanceof checks fail when the schema
 * was built by another copy of graphql (vitest resolves graphql's ESM build, Apollo its CJS one).
 * A value of the wrong type is passed on as is: the field resolver's own check reports it.
 */
function literal(value: ValueNode, variables: Record<string, unknown>): unknown {
  switch (value.kind) {
    case 'Variable': return variables[value.name.value] ?? null;
    case 'IntValue': return Number.parseInt(value.value, 10);
    case 'StringValue': return value.value;
    case 'NullValue': return null;
    default: return undefined;
  }
}

/** The lists selected on User and their arguments (variables and defaults applied); the first occurrence wins. */
export function planUserPage(info: GraphQLResolveInfo, fields: readonly FieldNode[]): UserPagePlan {
  const userType = info.schema.getType('User') as GraphQLObjectType | undefined;
  if (!userType || !('getFields' in userType)) return {};
  const definitions = userType.getFields();
  const plan: UserPagePlan = {};
  for (const field of fields) {
    const name = field.name.value as (typeof LISTS)[number];
    if (!LISTS.includes(name) || plan[name]) continue;
    const definition = definitions[name];
    if (!definition) continue;
    const argument = (argName: 'first' | 'after') => {
      const node = field.arguments?.find((arg) => arg.name.value === argName);
      if (node) return literal(node.value, info.variableValues);
      return definition.args.find((arg) => arg.name === argName)?.defaultValue ?? null;
    };
    plan[name] = { first: argument('first'), after: argument('after') } as never;
  }
  return plan;
}
