export { userCursor } from './cursors.js';
export { createProfileLoaders, type ProfileLoaders } from './loaders.js';
export { checkBatch, missingInterestIds, missingUserIds, ProfilesService } from './service.js';
export { existingUser, GENDERS, toUser, type Interest, type User, type UserInterest, type UserMap } from './types.js';
export { ageBand, lifecycleCutoffs, lifecycleStage } from './lifecycle.js';
export { consentingUsers } from './population.js';
export { listedUsersArgs, selectsItemUserCardsOnly, toListedUser, type ListedUserMap, type ListedUsersArgs } from './user-cards.js';
