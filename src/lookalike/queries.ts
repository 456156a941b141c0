import type { Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { ProfileItem } from './seed-profile.js';

/** A seed member as the profile statements take it: its id and its cross-validation fold. */
export type SeedMember = { id: string; fold: Integer };
/** One candidate of one variant, ranked in Cypher; `items` index the profile passed in. */
export type Expansion = { variant: Integer; userId: string; score: number; items: Integer[] };
type ExpansionParams = { profile: ProfileItem[]; limits: Integer[] };
/** A holder of some of the profile's interests: which (indexes), its weights on them, its interest count. */
export type InterestHolder = { userId: string; items: Integer[]; weights: number[]; interests: Integer };

export const lookalikeQueries = {
  seedCheck: cypher<{ missing: string[]; usable: string[] }, { seedIds: string[] }>('lookalike/seed-check'),
  userCount: cypher<{ users: Integer }, Record<string, never>>('lookalike/consenting-user-count'),
  seedInterests: cypher<{ id: string; name: string; fold: Integer; share: number; holders: Integer }, { members: SeedMember[] }>('lookalike/seed-interests'),
  seedProducts: cypher<{ id: string; name: string; byFold: { fold: Integer; seedUsers: Integer }[]; engaged: Integer }, { members: SeedMember[]; excludeProductIds: string[] }>(
    'lookalike/seed-products',
  ),
  seedCommunities: cypher<{ id: string; size: Integer; fold: Integer; seedMembers: Integer }, { members: SeedMember[] }>('lookalike/seed-communities'),
  seedSocial: cypher<{ userId: string; byFold: { fold: Integer; links: Integer }[]; degree: Integer }, { members: SeedMember[] }>('lookalike/seed-social'),
  expandInterests: cypher<InterestHolder, { interestIds: string[] }>('lookalike/expand-interests'),
  expandProducts: cypher<Expansion, ExpansionParams>('lookalike/expand-products'),
  expandCommunities: cypher<Expansion, ExpansionParams>('lookalike/expand-communities'),
} as const;
