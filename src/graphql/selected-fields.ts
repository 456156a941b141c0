/**
 * The fields a query selects under a field, read from the document before any child resolver
 * runs: what the page look-ahead (src/pages/) and user cards (src/profiles/user-cards.ts) plan
 * their statements from. Fragments are spread in; @skip/@include are ignored (planning for a
 * field that is then skipped only fetches more than needed).
 */
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** Field nodes under `selectionSet`, with fragments spread in. */
export function fieldsOf(selectionSet: SelectionSetNode | undefined, info: Pick<GraphQLResolveInfo, 'fragments'>, into: FieldNode[] = []): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === 'Field') into.push(selection);
    else if (selection.kind === 'InlineFragment') fieldsOf(selection.selectionSet, info, into);
    else fieldsOf(info.fragments[selection.name.value]?.selectionSet, info, into);
  }
  return into;
}

/** The fields selected on the nodes of a connection field (`nodes { … }` and `edges { node { … } }`). */
export function connectionNodeFields(connection: readonly FieldNode[], info: Pick<GraphQLResolveInfo, 'fragments'>): FieldNode[] {
  return connection
    .flatMap((node) => fieldsOf(node.selectionSet, info))
    .flatMap((field) => {
      if (field.name.value === 'nodes') return fieldsOf(field.selectionSet, info);
      if (field.name.value === 'edges') {
        return fieldsOf(field.selectionSet, info)
          .filter((edge) => edge.name.value === 'node')
          .flatMap((node) => fieldsOf(node.selectionSet, info));
      }
      return [];
    });
}
