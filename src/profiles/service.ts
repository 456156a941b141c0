import type { ManagedTransaction } from 'neo4j-driver';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { int, toNeo4jDateTime, toSafeNumber } from '../db/values.js';
import { BadInputError, NotFoundError } from '../errors.js';
import { toPage, type Page } from '../graphql/pagination.js';
import { CountCache } from '../lib/count-cache.js';
import { scrubContactDetails } from './erasure.js';
import { lifecycleCutoffs, type LifecycleStage } from './lifecycle.js';
import type { ProfileLoaders } from './loaders.js';
import { profileQueries, type UserFilterParams, type UserPropsRow } from './queries.js';
import { toUser, type Gender, type Interest, type User } from './types.js';

export interface UserFilter {
  ids?: string[] | null;
  region?: string | null;
  occupation?: string | null;
  gender?: Gender | null;
  interestId?: string | null;
  consentProfiling?: boolean | null;
  consentMarketing?: boolean | null;
  lifecycleStage?: LifecycleStage | null;
}

export interface UserUpsert {
  id: string;
  displayName: string;
  gender?: Gender | null;
  birthYear?: number | null;
  region?: string | null;
  city?: string | null;
  occupation?: string | null;
  createdAt?: Date | null;
  consentProfiling?: boolean | null;
  consentMarketing?: boolean | null;
  email?: string | null;
  phone?: string | null;
  interests?: { interestId: string; weight: number }[] | null;
}

/** Relationships deleted per transaction when a user is erased. */
const DELETE_BATCH = 10_000;

const USER_FIELDS = [
  'displayName',
  'gender',
  'birthYear',
  'region',
  'city',
  'occupation',
  'createdAt',
  'consentProfiling',
  'consentMarketing',
  'email',
  'phone',
] as const;

/** Rejects empty, oversized and duplicate-id batches before anything is written. */
export function checkBatch(ids: readonly string[], maxBatchSize: number, what: string): void {
  if (ids.length > maxBatchSize) {
    throw new BadInputError(`At most ${maxBatchSize} ${what} per call; got ${ids.length}. Split the batch.`, { max: maxBatchSize });
  }
  const blank = ids.findIndex((id) => id.trim() === '');
  if (blank >= 0) throw new BadInputError(`${what} #${blank + 1} has an empty id.`);
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new BadInputError(`Id "${id}" appears twice in one batch of ${what}.`, { id });
    seen.add(id);
  }
}

/** Ids among `ids` with no Interest node; for writes that reference interests, inside their transaction. */
export async function missingInterestIds(db: Db, tx: ManagedTransaction, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const [row] = await db.run(tx, profileQueries.missingInterestIds, { ids });
  return row?.missing ?? [];
}

/** Ids among `ids` with no User node. */
export async function missingUserIds(db: Db, tx: ManagedTransaction, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const [row] = await db.run(tx, profileQueries.missingUserIds, { ids });
  return row?.missing ?? [];
}

function filterParams(filter: UserFilter | null | undefined, now: Date): UserFilterParams {
  const cutoffs = lifecycleCutoffs(now);
  return {
    ids: filter?.ids ?? null,
    region: filter?.region ?? null,
    occupation: filter?.occupation ?? null,
    gender: filter?.gender ?? null,
    interestId: filter?.interestId ?? null,
    consentProfiling: filter?.consentProfiling ?? null,
    consentMarketing: filter?.consentMarketing ?? null,
    stage: filter?.lifecycleStage ?? null,
    newSince: toNeo4jDateTime(cutoffs.newSince),
    activeSince: toNeo4jDateTime(cutoffs.activeSince),
    dormantSince: toNeo4jDateTime(cutoffs.dormantSince),
  };
}

/** Only the fields the caller sent: `SET u += props` then keeps the rest. */
function userProps(input: UserUpsert): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const field of USER_FIELDS) {
    const value = input[field];
    if (value === undefined) continue;
    props[field] = value instanceof Date ? toNeo4jDateTime(value) : field === 'birthYear' && value !== null ? int(value as number) : value;
  }
  return props;
}

export class ProfilesService {
  constructor(
    private readonly db: Db,
    private readonly loaders: ProfileLoaders,
    private readonly limits: Config['limits'],
    private readonly counts: CountCache = new CountCache(0),
    private readonly deleteBatch = DELETE_BATCH,
  ) {}

  async usersPage(filter: UserFilter | null | undefined, after: string | null, limit: number, now: Date): Promise<Page<User>> {
    const rows = await this.db.query(profileQueries.usersPage, { ...filterParams(filter, now), after: after ?? '', limit: int(limit + 1) });
    const users = rows.map((row) => toUser(row.user));
    for (const user of users) this.loaders.userById.prime(user.id, user);
    return toPage(users, limit);
  }

  async usersCount(filter: UserFilter | null | undefined, now: Date): Promise<number> {
    const params = filterParams(filter, now);
    // The lifecycle cut-offs move with the clock; within a cache lifetime they move seconds.
    const key = [
      params.ids,
      params.region,
      params.occupation,
      params.gender,
      params.interestId,
      params.consentProfiling,
      params.consentMarketing,
      params.stage,
    ];
    return this.counts.count(JSON.stringify(key), async () => {
      const [row] = await this.db.query(profileQueries.usersCount, params);
      return row ? toSafeNumber(row.total) : 0;
    });
  }

  async interestsPage(after: [string, string] | null, limit: number): Promise<Page<Interest>> {
    const rows = await this.db.query(profileQueries.interestsPage, {
      afterName: after?.[0] ?? null,
      afterId: after?.[1] ?? null,
      limit: int(limit + 1),
    });
    return toPage(
      rows.map((row) => ({ id: row.id, name: row.name })),
      limit,
    );
  }

  async interestsCount(): Promise<number> {
    const [row] = await this.db.query(profileQueries.interestsCount, {});
    return row ? toSafeNumber(row.total) : 0;
  }

  /** All or nothing: an unknown interest id aborts the transaction before any user is written. */
  async upsertUsers(inputs: readonly UserUpsert[], now: Date): Promise<{ created: number; updated: number; users: User[] }> {
    checkBatch(
      inputs.map((input) => input.id),
      this.limits.maxBatchSize,
      'users',
    );
    for (const input of inputs) {
      if (input.displayName.trim() === '') throw new BadInputError(`User "${input.id}" has an empty displayName.`, { id: input.id });
      if (input.birthYear != null && (input.birthYear < 1900 || input.birthYear > now.getUTCFullYear())) {
        throw new BadInputError(`User "${input.id}" has an implausible birthYear ${input.birthYear}.`, { id: input.id });
      }
    }
    const ids = inputs.map((input) => input.id);
    const interestIds = [...new Set(inputs.flatMap((input) => input.interests?.map((decl) => decl.interestId) ?? []))];
    const rows: UserPropsRow[] = inputs.map((input) => ({
      id: input.id,
      props: userProps(input),
      interests: input.interests ?? null,
    }));
    const existing = await this.db.write(
      async (tx) => {
        const missing = await missingInterestIds(this.db, tx, interestIds);
        if (missing.length > 0) throw new NotFoundError('Interest', missing);
        const [found] = await this.db.run(tx, profileQueries.existingUserIds, { ids });
        await this.db.run(tx, profileQueries.upsertUsers, { rows, now: toNeo4jDateTime(now) });
        return new Set(found?.existing ?? []);
      },
      { name: profileQueries.upsertUsers.name },
    );
    const users = await this.loaders.userById.loadMany(ids);
    return {
      created: ids.filter((id) => !existing.has(id)).length,
      updated: ids.filter((id) => existing.has(id)).length,
      users: users.filter((user): user is User => user !== null && !(user instanceof Error)),
    };
  }

  async upsertInterests(inputs: readonly Interest[]): Promise<{ created: number; updated: number; interests: Interest[] }> {
    checkBatch(
      inputs.map((input) => input.id),
      this.limits.maxBatchSize,
      'interests',
    );
    const blank = inputs.find((input) => input.name.trim() === '');
    if (blank) throw new BadInputError(`Interest "${blank.id}" has an empty name.`, { id: blank.id });
    const ids = inputs.map((input) => input.id);
    const existing = await this.db.write(
      async (tx) => {
        const [found] = await this.db.run(tx, profileQueries.existingInterestIds, { ids });
        await this.db.run(tx, profileQueries.upsertInterests, { rows: inputs.map(({ id, name }) => ({ id, name })) });
        return new Set(found?.existing ?? []);
      },
      { name: profileQueries.upsertInterests.name },
    );
    return {
      created: ids.filter((id) => !existing.has(id)).length,
      updated: ids.filter((id) => existing.has(id)).length,
      interests: inputs.map(({ id, name }) => ({ id, name })),
    };
  }

  async setConsent(userId: string, consentProfiling: boolean | null, consentMarketing: boolean | null): Promise<User> {
    if (consentProfiling === null && consentMarketing === null) {
      throw new BadInputError('Pass consentProfiling, consentMarketing, or both.');
    }
    const [row] = await this.db.mutate(profileQueries.setConsent, { id: userId, consentProfiling, consentMarketing });
    if (!row) throw new NotFoundError('User', userId);
    return toUser(row.user);
  }

  /**
   * Erasure in three steps, each its own transaction, so its cost does not grow with the
   * user's degree: first the user stops counting anywhere (consent off, contact details and
   * stored id lists cleared), then relationships go in batches, then the node. Interrupted, a
   * re-run picks up where it stopped; nothing in between shows the user in an audience.
   */
  async deleteUser(requestedId: string): Promise<{ deletedUserId: string; relationshipsDeleted: number }> {
    const id = await this.db.write(
      async (tx) => {
        // A merged id names its survivor: the person is erased, whichever of their ids was asked for.
        const [target] = await this.db.run(tx, profileQueries.erasureTarget, { id: requestedId });
        if (!target) return null;
        // Contact details typed into saved rules go in the same transaction as the user's own.
        await scrubContactDetails(this.db, tx, target.email, target.phone);
        const [erased] = await this.db.run(tx, profileQueries.eraseUserTraces, { id: target.id });
        return erased?.id ?? null;
      },
      { name: profileQueries.eraseUserTraces.name },
    );
    if (id === null) throw new NotFoundError('User', requestedId);
    this.loaders.userById.clear(requestedId);
    this.loaders.userById.clear(id);
    let relationshipsDeleted = 0;
    for (;;) {
      const [batch] = await this.db.mutate(profileQueries.deleteUserRelationships, { id, batch: int(this.deleteBatch) });
      const deleted = batch ? toSafeNumber(batch.deleted) : 0;
      relationshipsDeleted += deleted;
      if (deleted < this.deleteBatch) break;
    }
    const [row] = await this.db.mutate(profileQueries.deleteUser, { id });
    return { deletedUserId: id, relationshipsDeleted: relationshipsDeleted + (row ? toSafeNumber(row.relationships) : 0) };
  }
}
