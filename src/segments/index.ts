export { parseRule, ruleWithPiiMasked, withRule, type CompiledRule, type SegmentRule } from './rules.js';
export { SegmentsService, type Segment, type SegmentMember, type SegmentPreview } from './service.js';
