import type { DateTime, Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';

type Pair = { survivorId: string; mergedId: string };
type IdentityRow = { key: string; type: string; value: string; namespace: string | null };

export const identityQueries = {
  owners: cypher<{ key: string; userId: string }, { keys: string[] }>('identities/owners'),
  usersIdentityTypes: cypher<{ id: string; anonymous: boolean; types: string[] }, { userIds: string[] }>('identities/users-identity-types'),
  link: cypher<{ linked: Integer }, { rows: { userId: string; identities: IdentityRow[] }[]; now: DateTime }>('identities/link-identities'),
  identitiesByUserIds: cypher<{ id: string; identities: { type: string; value: string; namespace: string | null; linkedAt: DateTime }[] }, { ids: string[] }>(
    'identities/identities-by-user-ids',
  ),
  mergedIdsByUserIds: cypher<{ id: string; mergedIds: string[] }, { ids: string[] }>('identities/merged-ids-by-user-ids'),
  lockUsers: cypher<{ locked: Integer }, { ids: string[] }>('identities/lock-users'),
  mergeCheck: cypher<
    { survivorExists: boolean; mergedExists: boolean; mergedInto: string | null; survivorInto: string | null; survivorTypes: string[]; mergedTypes: string[] },
    Pair
  >('identities/merge-check'),
  mergeFollows: cypher<{ moved: Integer }, Pair>('identities/merge-follows'),
  mergeEvents: cypher<{ moved: Integer }, Pair>('identities/merge-events'),
  mergeInterests: cypher<{ moved: Integer }, Pair & { halfLifeMs: number }>('identities/merge-interests'),
  mergeMemberships: cypher<{ moved: Integer }, Pair>('identities/merge-memberships'),
  mergeFinish: cypher<{ left: string[] }, Pair & { now: DateTime }>('identities/merge-finish'),
} as const;
