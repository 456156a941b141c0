/**
 * User cards: a list of users on a page (followers, following, friends, buyers, members, a
 * community's key opinion leaders) whose selection reads nothing of each user but
 * USER_CARD_FIELDS is fetched with a short map (id, name, consent:
 * cypher/fragments/listed-user-map.cypher) instead of the whole profile map. On
 * the profile page that cut the driver's unpacking by ~100 µs of CPU per request and the page
 * statement's own time by a fifth (bench:peer), for the eleven followers it lists.
 *
 * A card is not a whole user, so it is kept apart by construction: the list loaders key a page
 * of cards under `cards: true` (a selection that reads more asks under `cards: false` and gets
 * whole users), and cards never prime `userById`. The field resolver and the look-ahead derive
 * the flag from the same selection (`selectsUserCardsOnly`, `selectsItemUserCardsOnly`), so they
 * ask for the same key.
 */
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { pageSize } from '../graphql/pagination.js';
import { connectionNodeFields, fieldsOf } from '../graphql/selected-fields.js';
import { afterUserId } from './cursors.js';
import { toUser, type User, type UserMap } from './types.js';

/**
 * The User fields a card answers: each reads only the user's id and name, or a loader keyed by
 * the id (the follow counts). A field added here must not read any other property of the parent.
 */
const USER_CARD_FIELDS: ReadonlySet<string> = new Set(['__typename', 'id', 'displayName', 'followerCount', 'followingCount']);

/** The map listed-user-map.cypher projects for a card. */
export type UserCardMap = Pick<UserMap, 'id' | 'displayName' | 'consentProfiling'>;
/** What listed-user-map.cypher returns: a whole user map, or a card's. */
export type ListedUserMap = UserMap | UserCardMap;

/** The loader arguments of a page of listed users: the page, and whether it holds cards. */
export interface ListedUsersArgs {
  after: string;
  limit: number;
  cards: boolean;
}

const cardsOnly = new WeakMap<readonly FieldNode[], boolean>();

/** Memoised per field-node array: graphql-js hands every parent of a list the same `fieldNodes`, so a walk runs once per field of a document. */
function memo(fieldNodes: readonly FieldNode[], walk: () => readonly FieldNode[]): boolean {
  let known = cardsOnly.get(fieldNodes);
  if (known === undefined) {
    known = walk().every((field) => USER_CARD_FIELDS.has(field.name.value));
    cardsOnly.set(fieldNodes, known);
  }
  return known;
}

/** Whether a connection of users (its field nodes, as the resolver's `info.fieldNodes`) selects nothing on its users but card fields. */
export function selectsUserCardsOnly(connection: readonly FieldNode[], info: Pick<GraphQLResolveInfo, 'fragments'>): boolean {
  return memo(connection, () => connectionNodeFields(connection, info));
}

/**
 * Whether a list of items that each carry a `user` (key opinion leaders) selects nothing on
 * those users but card fields.
 */
export function selectsItemUserCardsOnly(list: readonly FieldNode[], info: Pick<GraphQLResolveInfo, 'fragments'>): boolean {
  return memo(list, () =>
    list
      .flatMap((node) => fieldsOf(node.selectionSet, info))
      .filter((field) => field.name.value === 'user')
      .flatMap((user) => fieldsOf(user.selectionSet, info)),
  );
}

/** The loader arguments a connection of listed users resolves with, from its field arguments and selection. */
export function listedUsersArgs(
  args: { first?: number | null; after?: string | null },
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  maxPageSize: number,
): ListedUsersArgs {
  const limit = pageSize(args.first, maxPageSize); // checked first, as every page field does
  return { after: afterUserId(args.after) ?? '', limit, cards: selectsUserCardsOnly(info.fieldNodes, info) };
}

/**
 * A listed user from the map listed-user-map.cypher returned: a whole user, or a card. A card
 * carries only the fields a card selection reads (the rest are absent, never read: see above),
 * typed as User so one list type serves both.
 */
export function toListedUser(map: ListedUserMap): User {
  if ('gender' in map) return toUser(map);
  return { id: map.id, displayName: map.displayName ?? map.id, consentProfiling: map.consentProfiling === true } as User;
}
