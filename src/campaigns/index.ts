export { completeDueCampaigns } from './completion.js';
export { deliverCampaign } from './delivery.js';
export { deliveryCounts } from './delivery-counts.js';
export { CampaignsService, type Campaign } from './service.js';
export { campaignChannels, campaignSenders, closeSenders } from './senders.js';
export { createCampaignLoaders, type CampaignMembership } from './loaders.js';
