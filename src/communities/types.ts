import type { Integer } from 'neo4j-driver';
import { toSafeNumber } from '../db/values.js';
import type { Interest } from '../profiles/index.js';
import type { CommunityMap } from './queries.js';

export interface Community {
  id: string;
  index: number;
  size: number;
  modularityShare: number;
}

export const toCommunity = (map: CommunityMap): Community => ({
  id: map.id,
  index: toSafeNumber(map.index),
  size: toSafeNumber(map.size),
  modularityShare: map.modularityShare,
});

export interface CommunityInterest {
  interest: Interest;
  members: number;
  share: number;
}

/** One line of a community's interest portrait: how many members hold it, and what share. */
export function communityInterest(row: { interestId: string; name: string; members: Integer }, size: number | undefined): CommunityInterest {
  const members = toSafeNumber(row.members);
  return { interest: { id: row.interestId, name: row.name }, members, share: members / Math.max(1, size ?? members) };
}
