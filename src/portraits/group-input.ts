import { BadInputError } from '../errors.js';
import type { PortraitGroupInput } from '../generated/resolvers-types.js';
import type { PortraitGroup } from './service.js';

const MAX_USER_IDS = 100_000;

/** A GraphQL group to the rule it is: exactly one of segmentId, communityId, rule, userIds. */
export function toGroup(input: PortraitGroupInput): PortraitGroup {
  const given = (['segmentId', 'communityId', 'rule', 'userIds'] as const).filter((key) => input[key] != null);
  if (given.length !== 1) {
    throw new BadInputError(`Give exactly one of segmentId, communityId, rule, userIds; got ${given.length === 0 ? 'none' : given.join(', ')}.`, {
      argument: 'group',
    });
  }
  if (input.segmentId) return { rule: { segment: { segmentId: input.segmentId } }, reachableOnly: true };
  if (input.communityId) return { rule: { community: { communityId: input.communityId } }, reachableOnly: false };
  if (input.rule) return { rule: input.rule, reachableOnly: true, sampled: true };
  const ids = [...new Set(input.userIds ?? [])];
  if (ids.length === 0 || ids.length > MAX_USER_IDS)
    throw new BadInputError(`userIds takes 1 to ${MAX_USER_IDS} ids; got ${ids.length}.`, { argument: 'userIds' });
  return { rule: { userIds: ids }, reachableOnly: false };
}
