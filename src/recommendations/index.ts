export { recommendationResolvers } from './resolvers.js';
export { RecommendationsService, type Recommendation, type RequestedStrategy } from './service.js';
