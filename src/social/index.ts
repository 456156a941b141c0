export { createSocialLoaders, type SocialLoaders } from './loaders.js';
export { socialResolvers } from './resolvers.js';
export { SocialService, type Neighbourhood } from './service.js';
