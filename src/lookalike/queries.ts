import type { Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';

/** A seed member as the profile statements take it: its id and its cross-validation fold. */
export type SeedMember = { id: string; fold: Integer };
/** One of the profile's products (`index`) and its engagers, each with its engagement count (same position). */
export type ProductEngagers = { index: Integer; userIds: string[]; engagements: Integer[] };
/** One of the profile's communities (`index` into the ids passed in) and its consenting members. */
export type CommunityMembers = { index: Integer; userIds: string[] };
/** A holder of some of the profile's interests: which (indexes), its weights on them, its interest count. */
export type InterestHolder = { userId: string; items: Integer[]; weights: number[]; interests: Integer };

export const lookalikeQueries = {
  seedCheck: cypher<{ missing: string[]; usable: string[] }, { seedIds: string[] }>('lookalike/seed-check'),
  seedInterests: cypher<{ id: string; name: string; fold: Integer; share: number; holders: Integer }, { members: SeedMember[] }>('lookalike/seed-interests'),
  seedProducts: cypher<
    { id: string; name: string; byFold: { fold: Integer; seedUsers: Integer }[]; engaged: Integer },
    { members: SeedMember[]; excludeProductIds: string[] }
  >('lookalike/seed-products'),
  seedCommunities: cypher<{ id: string; size: Integer; fold: Integer; seedMembers: Integer }, { members: SeedMember[] }>('lookalike/seed-communities'),
  seedSocial: cypher<{ fold: Integer; userIds: string[]; links: Integer[]; degrees: Integer[] }, { members: SeedMember[] }>('lookalike/seed-social'),
  expandInterests: cypher<InterestHolder, { interestIds: string[] }>('lookalike/expand-interests'),
  expandProducts: cypher<ProductEngagers, { productIds: string[] }>('lookalike/expand-products'),
  expandCommunities: cypher<CommunityMembers, { communityIds: string[] }>('lookalike/expand-communities'),
  assignInterestDimensions: cypher<{ dimensions: [string, Integer][] }, { dimensions: Integer }>('lookalike/assign-interest-dimensions'),
  maxInterestNorm: cypher<{ norm: number | null }, Record<string, never>>('lookalike/max-interest-norm'),
  publishInterestVectors: cypher<{ jobId: string }, { jobId: string }>('lookalike/publish-interest-vectors'),
  nearestInterestHolders: cypher<
    { indexed: boolean; userId: string | null; items: Integer[] | null; weights: number[] | null },
    { interestIds: string[]; weights: number[]; k: Integer; dimensions: Integer }
  >('lookalike/nearest-interest-holders'),
  interestProfiles: cypher<{ userId: string; interests: { interestId: string; weight: number }[] }, { after: string; limit: Integer }>(
    'lookalike/interest-profiles',
  ),
  writeInterestVectors: cypher<{ written: Integer }, { rows: { userId: string; vector: number[] }[]; jobId: string }>('lookalike/write-interest-vectors'),
  clearStaleInterestVectors: cypher<{ cleared: Integer }, { jobId: string }>('lookalike/clear-stale-interest-vectors'),
} as const;
