export { deliverCampaign, deliveryCounts } from './delivery.js';
export { CampaignsService, type Campaign } from './service.js';
export { campaignChannels, campaignSenders, closeSenders } from './senders.js';
export { createCampaignLoaders, type CampaignMembership } from './loaders.js';
