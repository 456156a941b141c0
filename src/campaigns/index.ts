export { assignArm } from './assignment.js';
export { deliverCampaign, deliveryCounts, idempotencyKey } from './delivery.js';
export { campaignChannels, CampaignsService, type Campaign } from './service.js';
export { campaignSenders } from './senders.js';
