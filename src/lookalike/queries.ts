import type { Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';

type Hit = { userId: string; score: number; labels: string[]; count: Integer | number };

export const lookalikeQueries = {
  interests: cypher<Hit, { seedIds: string[]; profileSize: Integer; limit: Integer }>('lookalike/interests-signal'),
  coEngagement: cypher<Hit, { seedIds: string[]; excludeProductIds: string[]; profileSize: Integer; limit: Integer; userCount: Integer }>(
    'lookalike/co-engagement-signal',
  ),
  social: cypher<Hit, { seedIds: string[]; limit: Integer }>('lookalike/social-signal'),
  community: cypher<Hit, { seedIds: string[]; limit: Integer; userCount: Integer }>('lookalike/community-signal'),
  userCount: cypher<{ users: Integer }, Record<string, never>>('lookalike/consenting-user-count'),
  seedCheck: cypher<{ missing: string[]; usable: string[] }, { seedIds: string[] }>('lookalike/seed-check'),
} as const;
