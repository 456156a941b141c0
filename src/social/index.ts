export { createSocialLoaders, type SocialLoaders } from './loaders.js';
export { SocialService } from './service.js';
export type { FollowPayloadParent, UnfollowPayloadParent } from './types.js';
