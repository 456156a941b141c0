export { SegmentsService, type Segment, type SegmentMember, type SegmentPreview } from './service.js';
