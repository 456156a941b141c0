import type { Scored } from './scoring.js';

/** One member of a lookalike audience (or a similar user) as its GraphQL parent: the scored member, and its position in the audience when paged. */
export interface LookalikeMemberParent {
  member: Scored;
  position?: number;
}
