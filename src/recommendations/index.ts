export { createRecommendationLoaders, type Recommendation } from './loaders.js';
export { recommendationsTask } from './jobs.js';
export { RecommendationsService } from './service.js';
