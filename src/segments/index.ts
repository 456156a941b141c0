export { SegmentsService, type Segment, type SegmentMember } from './service.js';
