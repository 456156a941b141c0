/**
 * Reads, before any child resolver runs, which per-user lists a page selects and with which
 * arguments: the look-ahead that lets one Cypher statement serve a whole profile page
 * (neo4j/graphql compiles the selection into Cypher the same way; we keep our resolvers and
 * use the selection only to prefetch into their DataLoaders).
 */
import type { FieldNode, GraphQLObjectType, GraphQLResolveInfo, ValueNode } from 'graphql';
import { connectionNodeFields, fieldsOf } from '../graphql/selected-fields.js';
import { listedUsersArgs, type ListedUsersArgs } from '../profiles/index.js';

/** A list a page selects, with its `first`/`after` arguments and its own selection. */
export interface ListPlan {
  first: number | null;
  after: string | null;
  field: FieldNode;
  /**
   * Every node of the page's selection answering under the field's response name (the field
   * repeated, or spread from fragments): the `info.fieldNodes` its resolver will see.
   */
  responseFields: FieldNode[];
}

/** The lists a page selects on its users; absent: not selected. */
export type UserPagePlan = Partial<Record<(typeof USER_LISTS)[number], ListPlan>>;
/** The lists a page selects on its products; absent: not selected. */
export type ProductPagePlan = Partial<Record<(typeof PRODUCT_LISTS)[number], ListPlan>>;
/** The lists a page selects on its communities; absent: not selected. */
export type CommunityPagePlan = Partial<Record<(typeof COMMUNITY_LISTS)[number], ListPlan>>;

const USER_LISTS = ['interests', 'followers', 'following', 'purchases'] as const;
const PRODUCT_LISTS = ['interests', 'buyers'] as const;
const COMMUNITY_LISTS = ['members', 'keyOpinionLeaders', 'topInterests'] as const;

/**
 * The fields selected on the node type, for a field returning one node (`user`, `product`) or
 * a connection of them (`users`, `products`: `nodes` / `edges.node`).
 */
export function nodeSelection(info: GraphQLResolveInfo, shape: 'node' | 'connection'): FieldNode[] {
  return shape === 'node' ? info.fieldNodes.flatMap((node) => fieldsOf(node.selectionSet, info)) : connectionNodeFields(info.fieldNodes, info);
}

/**
 * An argument's value: `first: Int` and `after: String` are all the lists take. Read by hand
 * rather than with graphql-js's getArgumentValues, whose instanceof checks fail when the schema
 * was built by another copy of graphql (vitest resolves graphql's ESM build, Apollo its CJS one).
 * A value of the wrong type is passed on as is: the field resolver's own check reports it.
 */
function literal(value: ValueNode, variables: Record<string, unknown>): unknown {
  switch (value.kind) {
    case 'Variable':
      return variables[value.name.value] ?? null;
    case 'IntValue':
      return Number.parseInt(value.value, 10);
    case 'StringValue':
      return value.value;
    case 'NullValue':
      return null;
    default:
      return undefined;
  }
}

/** Whether `field` selects `name` directly (fragments spread in). */
export function selects(field: FieldNode, name: string, info: GraphQLResolveInfo): boolean {
  return fieldsOf(field.selectionSet, info).some((child) => child.name.value === name);
}

/** The `lists` selected on `typeName` and their arguments (variables and defaults applied); the first occurrence wins. */
function planLists<List extends string>(
  info: GraphQLResolveInfo,
  fields: readonly FieldNode[],
  typeName: string,
  lists: readonly List[],
): Partial<Record<List, ListPlan>> {
  const type = info.schema.getType(typeName) as GraphQLObjectType | undefined;
  if (!type || !('getFields' in type)) return {};
  const definitions = type.getFields();
  const plan: Partial<Record<List, ListPlan>> = {};
  for (const field of fields) {
    const name = field.name.value as List;
    if (!lists.includes(name) || plan[name]) continue;
    const definition = definitions[name];
    if (!definition) continue;
    const argument = (argName: 'first' | 'after') => {
      const node = field.arguments?.find((arg) => arg.name.value === argName);
      if (node) return literal(node.value, info.variableValues);
      return definition.args.find((arg) => arg.name === argName)?.defaultValue ?? null;
    };
    const responseName = field.alias?.value ?? name;
    const responseFields = fields.filter((other) => (other.alias?.value ?? other.name.value) === responseName);
    plan[name] = { first: argument('first'), after: argument('after'), field, responseFields } as ListPlan;
  }
  return plan;
}

export const planUserPage = (info: GraphQLResolveInfo, fields: readonly FieldNode[]): UserPagePlan => planLists(info, fields, 'User', USER_LISTS);
export const planProductPage = (info: GraphQLResolveInfo, fields: readonly FieldNode[]): ProductPagePlan => planLists(info, fields, 'Product', PRODUCT_LISTS);
export const planCommunityPage = (info: GraphQLResolveInfo, fields: readonly FieldNode[]): CommunityPagePlan =>
  planLists(info, fields, 'Community', COMMUNITY_LISTS);

/**
 * The loader arguments a selected list of users (followers, buyers, members) will resolve with,
 * cards or whole users as its resolver decides (src/profiles/user-cards.ts); null when not
 * selected. Throws on a bad `first` or cursor, as the resolver will.
 */
export function plannedListedUsers(list: ListPlan | undefined, info: GraphQLResolveInfo, maxPageSize: number): ListedUsersArgs | null {
  if (!list) return null;
  return listedUsersArgs({ first: list.first, after: list.after }, { fieldNodes: list.responseFields, fragments: info.fragments }, maxPageSize);
}
