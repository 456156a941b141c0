import type { Db } from '../db/db.js';
import { cypher } from '../db/cypher.js';
import { toSafeNumber } from '../db/values.js';
import type { CountCache } from '../lib/count-cache.js';
import type { Integer } from 'neo4j-driver';

const consentingUserCount = cypher<{ users: Integer }, Record<string, never>>('profiles/consenting-user-count');

/**
 * How many users may be profiled. Counted through the consent index (about 90 ms at a million
 * users), so kept a while in `counts` once large: lookalikes divide by it, and previews and
 * portraits sample above a size of it.
 */
export function consentingUsers(db: Db, counts: CountCache): Promise<number> {
  return counts.count('population:consenting-users', async () => {
    const [row] = await db.query(consentingUserCount, {});
    return row ? toSafeNumber(row.users) : 0;
  });
}
