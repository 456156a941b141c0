export { segmentResolvers } from './resolvers.js';
export { SegmentsService, type Segment } from './service.js';
