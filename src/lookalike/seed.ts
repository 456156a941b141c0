import { BadInputError, NotFoundError } from '../errors.js';

export interface LookalikeSeedInput {
  userIds?: string[] | null;
  segmentId?: string | null;
}

/** What seeding from a saved segment needs (SegmentsService provides it; segments depends on lookalike, not the reverse). */
export interface SeedSegments {
  exists(segmentId: string): Promise<boolean>;
  memberIds(segmentId: string): Promise<string[]>;
}

/** The seed's user ids: the list given, or a saved segment's members (read in pages). */
export async function resolveSeed(seed: LookalikeSeedInput, segments: SeedSegments): Promise<string[]> {
  const hasIds = seed.userIds !== undefined && seed.userIds !== null;
  const hasSegment = seed.segmentId !== undefined && seed.segmentId !== null;
  if (hasIds === hasSegment) throw new BadInputError('Give the seed as exactly one of userIds or segmentId.', { argument: 'seed' });
  if (seed.userIds) return seed.userIds;
  const segmentId = seed.segmentId as string;
  if (!(await segments.exists(segmentId))) throw new NotFoundError('Segment', segmentId);
  return segments.memberIds(segmentId);
}
