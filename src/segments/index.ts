export { parseRule, ruleWithPiiMasked, sampledRule, withRule, type CompiledRule, type SegmentRule } from './rules.js';
export { currentRuleContext, holdReferencedSegments, SegmentsService, type Segment, type SegmentMember, type SegmentPreview } from './service.js';
export { NO_SAMPLING, populationSampling, scaled, sizeEstimate, type Sampling, type SizeEstimate } from './sampling.js';
export { hashedIdentifiers } from './export.js';
