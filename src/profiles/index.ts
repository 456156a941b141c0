export { createProfileLoaders, type ProfileLoaders } from './loaders.js';
export { afterUserId, profileResolvers, userCursor } from './resolvers.js';
export { checkBatch, missingInterestIds, missingUserIds, ProfilesService, type UserFilter, type UserUpsert } from './service.js';
export { GENDERS, toUser, type Gender, type Interest, type User, type UserInterest, type UserMap } from './types.js';
export { ageBand, lifecycleStage, type LifecycleStage } from './lifecycle.js';
