import type { DateTime, Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { EpochMillis } from '../db/values.js';
import type { UserMap } from './types.js';

type Ids = { ids: string[] };

export interface UserFilterParams extends Record<string, unknown> {
  ids: string[] | null;
  region: string | null;
  occupation: string | null;
  gender: string | null;
  interestId: string | null;
  consentProfiling: boolean | null;
  consentMarketing: boolean | null;
  stage: string | null;
  newSince: DateTime;
  activeSince: DateTime;
  dormantSince: DateTime;
}

export interface UserPropsRow extends Record<string, unknown> {
  id: string;
  props: Record<string, unknown>;
  interests: { interestId: string; weight: number }[] | null;
}

export const profileQueries = {
  usersByIds: cypher<{ id: string; user: UserMap }, Ids>('profiles/users-by-ids'),
  usersPage: cypher<{ user: UserMap }, UserFilterParams & { after: string; limit: Integer }>('profiles/users-page'),
  usersCount: cypher<{ total: Integer }, UserFilterParams>('profiles/users-count'),
  interestsByUserIds: cypher<
    { userId: string; interestId: string; name: string; weight: number; source: string | null; updatedAt: EpochMillis | null },
    { userIds: string[]; limit: Integer }
  >('profiles/interests-by-user-ids'),
  interestsByIds: cypher<{ id: string; name: string }, Ids>('profiles/interests-by-ids'),
  interestUserCounts: cypher<{ id: string; userCount: Integer }, Ids>('profiles/interest-user-counts'),
  interestsPage: cypher<{ id: string; name: string }, { afterName: string | null; afterId: string | null; limit: Integer }>('profiles/interests-page'),
  interestsCount: cypher<{ total: Integer }, Record<string, never>>('profiles/interests-count'),
  missingInterestIds: cypher<{ missing: string[] }, Ids>('profiles/missing-interest-ids'),
  missingUserIds: cypher<{ missing: string[] }, Ids>('profiles/missing-user-ids'),
  existingUserIds: cypher<{ existing: string[] }, Ids>('profiles/existing-user-ids'),
  existingInterestIds: cypher<{ existing: string[] }, Ids>('profiles/existing-interest-ids'),
  upsertUsers: cypher<{ written: Integer }, { rows: UserPropsRow[]; now: DateTime }>('profiles/upsert-users'),
  upsertInterests: cypher<{ written: Integer }, { rows: { id: string; name: string }[] }>('profiles/upsert-interests'),
  setConsent: cypher<{ user: UserMap }, { id: string; consentProfiling: boolean | null; consentMarketing: boolean | null }>('profiles/set-consent'),
  erasureTarget: cypher<{ id: string; email: string | null; phone: string | null }, { id: string }>('profiles/erasure-target'),
  eraseUserTraces: cypher<{ id: string }, { id: string }>('profiles/erase-user-traces'),
  deleteUserRelationships: cypher<{ deleted: Integer }, { id: string; batch: Integer }>('profiles/delete-user-relationships'),
  deleteUser: cypher<{ relationships: Integer }, { id: string }>('profiles/delete-user'),
} as const;
