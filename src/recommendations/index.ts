export { createRecommendationLoaders, type Recommendation } from './loaders.js';
export { RecommendationsService } from './service.js';
