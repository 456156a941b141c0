export { deliverCampaign, deliveryCounts } from './delivery.js';
export { campaignChannels, CampaignsService, type Campaign } from './service.js';
export { campaignSenders } from './senders.js';
export { createCampaignLoaders, type CampaignMembership } from './loaders.js';
