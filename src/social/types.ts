import type { User } from '../profiles/index.js';

/** A follow mutation's payload: both users are loaded (and batched) only if the client selects them. */
export interface FollowPayloadParent {
  follower: () => Promise<User | null>;
  followee: () => Promise<User | null>;
  created: boolean;
}

export interface UnfollowPayloadParent {
  follower: () => Promise<User | null>;
  followee: () => Promise<User | null>;
  removed: boolean;
}
