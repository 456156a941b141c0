import type { ManagedTransaction } from 'neo4j-driver';
import { afterCommit, type AfterWrite, type TagRefreshFailure } from '../activity/index.js';
import type { Db } from '../db/db.js';
import { retryConcurrentChange } from '../db/neo4j-errors.js';
import { toNeo4jDateTime } from '../db/values.js';
import { AppError, BadInputError, NotFoundError } from '../errors.js';
import { toIdentity, type Identity, type IdentityInput } from './identity.js';
import { lockForMerge, mergeInTransaction } from './merge.js';
import { overLimit, planResolution, typeCounts, type IdentityPolicy, type RefusedLink, type RefusedMerge } from './policy.js';
import { identityQueries } from './queries.js';

/** An event's keys as recordEvents and the importers give them. */
export interface EventKeysInput {
  userId: string | null;
  identities: readonly IdentityInput[];
}

/** What resolving a batch's identities did, for the recordEvents payload and the import summary. */
export interface IdentityResolution {
  /** Per event, its user; null only when creating users is off and its identities are unknown. */
  userIds: (string | null)[];
  usersCreated: number;
  identitiesLinked: number;
  merges: { survivorId: string; mergedId: string }[];
  refusedMerges: RefusedMerge[];
  refusedLinks: RefusedLink[];
}

export interface MergeResult {
  survivorId: string;
  /** false: the merged id had already been merged into the survivor (a retry); nothing changed. */
  merged: boolean;
  relationshipsMoved: number;
  /** What could not be refreshed for the survivor once the merge had committed. */
  tagRefreshFailures: TagRefreshFailure[];
}

const conflict = (message: string, details: Record<string, unknown>) => new AppError(message, 'CONFLICT', details);

export class IdentitiesService {
  /** @param usersTouched called after a merge commits, with the survivor (tags refresh). */
  constructor(
    private readonly db: Db,
    readonly policy: IdentityPolicy,
    private readonly usersTouched: AfterWrite = async () => [],
  ) {}

  /** Normalises every event's identities; BAD_USER_INPUT naming the first bad one. Nothing is written. */
  check(events: readonly { identities?: readonly IdentityInput[] | null }[]): void {
    events.forEach((event, index) => this.identities(event.identities ?? [], `events[${index}].identities`));
  }

  /**
   * Links identities to a user, all or none: CONFLICT if another user holds one (merge the
   * users instead) or if the user would exceed a per-type limit. Identities the user already
   * holds are counted, not linked again.
   */
  async link(userId: string, inputs: readonly IdentityInput[], now: Date): Promise<{ linked: number; alreadyLinked: number }> {
    // One identity given twice (or as two spellings of one e-mail) is linked once.
    const identities = [...new Map(this.identities(inputs, 'identities').map((identity) => [identity.key, identity])).values()];
    return this.db.write(
      async (tx) => {
        const [user] = await this.db.run(tx, identityQueries.usersIdentityTypes, { userIds: [userId] });
        if (!user) throw new NotFoundError('User', userId);
        const owners = new Map(
          (await this.db.run(tx, identityQueries.owners, { keys: identities.map((identity) => identity.key) })).map((row) => [row.key, row.userId]),
        );
        const taken = identities.find((identity) => (owners.get(identity.key) ?? userId) !== userId);
        if (taken) {
          throw conflict(`The ${taken.type} identity is held by user "${owners.get(taken.key)}": merge the two users (mergeUsers) instead of linking it.`, {
            type: taken.type,
            heldBy: owners.get(taken.key),
          });
        }
        const fresh = identities.filter((identity) => !owners.has(identity.key));
        const adding: Record<string, number> = {};
        for (const identity of fresh) adding[identity.type] = (adding[identity.type] ?? 0) + 1;
        const limit = overLimit(typeCounts(user.types), adding, this.policy.limits);
        if (limit) throw conflict(`User "${userId}" ${limit}; nothing was linked.`, { reason: 'IDENTITY_LIMIT' });
        if (fresh.length > 0) await this.db.run(tx, identityQueries.link, { rows: [{ userId, identities: fresh }], now: toNeo4jDateTime(now) });
        return { linked: fresh.length, alreadyLinked: identities.length - fresh.length };
      },
      { name: 'identities/link' },
    );
  }

  /**
   * Merges `mergedId` into `survivorId` in one transaction (src/identities/merge.ts). A retry
   * after success changes nothing and says so (`merged: false`); a merge that would give the
   * survivor more identities of a type than the limits allow is refused (CONFLICT).
   */
  async merge(survivorId: string, mergedId: string, now: Date): Promise<MergeResult> {
    if (survivorId === mergedId) throw new BadInputError('A user cannot be merged into itself.', { argument: 'mergedId' });
    // A merge of the same pair (or the pair reversed) that commits while this one runs leaves
    // it working on a user that is gone: run it again, and its check answers as for a retry.
    return retryConcurrentChange(() => this.mergeOnce(survivorId, mergedId, now));
  }

  private async mergeOnce(survivorId: string, mergedId: string, now: Date): Promise<MergeResult> {
    const result = await this.db.write(
      async (tx) => {
        await lockForMerge(this.db, tx, survivorId, mergedId);
        const [state] = await this.db.run(tx, identityQueries.mergeCheck, { survivorId, mergedId });
        if (!state) throw new Error('merge check returned nothing');
        if (!state.mergedExists) {
          if (state.mergedInto === survivorId) return { survivorId, merged: false, relationshipsMoved: 0 };
          if (state.mergedInto !== null) {
            throw conflict(`User "${mergedId}" was already merged into "${state.mergedInto}".`, { mergedInto: state.mergedInto });
          }
          throw new NotFoundError('User', mergedId);
        }
        if (!state.survivorExists) {
          if (state.survivorInto === mergedId) {
            throw conflict(`User "${survivorId}" was already merged into "${mergedId}": they are one user, "${mergedId}".`, { mergedInto: mergedId });
          }
          if (state.survivorInto !== null) {
            throw new BadInputError(`User "${survivorId}" was merged into "${state.survivorInto}": merge into that user instead.`, {
              argument: 'survivorId',
              mergedInto: state.survivorInto,
            });
          }
          throw new NotFoundError('User', survivorId);
        }
        const limit = overLimit(typeCounts(state.survivorTypes), typeCounts(state.mergedTypes), this.policy.limits);
        if (limit) {
          throw conflict(`Merge refused: user "${survivorId}" ${limit} (IDENTITY_LIMITS guards against over-merging).`, { reason: 'IDENTITY_LIMIT' });
        }
        const relationshipsMoved = await mergeInTransaction(this.db, tx, survivorId, mergedId, now);
        return { survivorId, merged: true, relationshipsMoved };
      },
      { name: 'identities/merge' },
    );
    // After the commit: the merge stands whatever the refresh does (reported, never thrown).
    const tagRefreshFailures = result.merged ? await afterCommit(this.usersTouched, [survivorId], now) : [];
    return { ...result, tagRefreshFailures };
  }

  /**
   * Resolves a batch of events to users inside the caller's transaction (recordEvents): reads
   * who holds the identities, plans (src/identities/policy.ts), then creates anonymous users,
   * links identities and runs the merges the plan allows. Four statements plus five per merge.
   */
  async resolve(tx: ManagedTransaction, events: readonly EventKeysInput[], now: Date): Promise<IdentityResolution> {
    const keyed = events.map((event, index) => ({ userId: event.userId, identities: this.identities(event.identities, `events[${index}].identities`) }));
    const keys = [...new Set(keyed.flatMap((event) => event.identities.map((identity) => identity.key)))];
    const owners = new Map((await this.db.run(tx, identityQueries.owners, { keys })).map((row) => [row.key, row.userId]));
    const involved = [...new Set([...owners.values(), ...keyed.flatMap((event) => (event.userId === null ? [] : [event.userId]))])];
    const users = new Map(
      (await this.db.run(tx, identityQueries.usersIdentityTypes, { userIds: involved })).map((row) => [row.id, { anonymous: row.anonymous, types: row.types }]),
    );
    const plan = planResolution(keyed, { owners, users }, this.policy);
    const stamp = toNeo4jDateTime(now);
    const rows = [...plan.links].map(([userId, identities]) => ({ userId, identities }));
    for (const userId of plan.newUsers) if (!plan.links.has(userId)) rows.push({ userId, identities: [] });
    if (rows.length > 0) await this.db.run(tx, identityQueries.link, { rows, now: stamp });
    for (const { survivorId, mergedId } of plan.merges) await mergeInTransaction(this.db, tx, survivorId, mergedId, now);
    return {
      userIds: plan.userIds,
      usersCreated: plan.newUsers.length,
      identitiesLinked: rows.reduce((sum, row) => sum + row.identities.length, 0),
      merges: plan.merges,
      refusedMerges: plan.refusedMerges,
      refusedLinks: plan.refusedLinks,
    };
  }

  private identities(inputs: readonly IdentityInput[], path: string): Identity[] {
    return inputs.map((input, index) => toIdentity(input, `${path}[${index}]`, this.policy.defaultCountry));
  }
}
