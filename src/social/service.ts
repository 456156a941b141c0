import type { Db } from '../db/db.js';
import { toNeo4jDateTime } from '../db/values.js';
import { BadInputError, NotFoundError } from '../errors.js';
import { missingUserIds } from '../profiles/index.js';
import { socialQueries } from './queries.js';

export type Neighbourhood = 'following' | 'followers' | 'friends';

export class SocialService {
  constructor(private readonly db: Db) {}

  /** Idempotent: following twice keeps one relationship and updates its weight. */
  async follow(followerId: string, followeeId: string, weight: number, now: Date): Promise<{ created: boolean }> {
    if (followerId === followeeId) throw new BadInputError('A user cannot follow themselves.', { followerId });
    return this.db.write(
      async (tx) => {
        const missing = await missingUserIds(this.db, tx, [followerId, followeeId]);
        if (missing.length > 0) throw new NotFoundError('User', missing);
        const [row] = await this.db.run(tx, socialQueries.follow, { followerId, followeeId, weight, now: toNeo4jDateTime(now) });
        return { created: row?.created ?? false };
      },
      { name: socialQueries.follow.name },
    );
  }

  async unfollow(followerId: string, followeeId: string): Promise<{ removed: boolean }> {
    return this.db.write(
      async (tx) => {
        const missing = await missingUserIds(this.db, tx, [followerId, followeeId]);
        if (missing.length > 0) throw new NotFoundError('User', missing);
        const [row] = await this.db.run(tx, socialQueries.unfollow, { followerId, followeeId });
        return { removed: row?.removed ?? false };
      },
      { name: socialQueries.unfollow.name },
    );
  }
}
