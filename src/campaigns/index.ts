export { assignArm, type ArmShare } from './assignment.js';
export { campaignChannels, CampaignsService, CONTROL_ARM, type Campaign, type LaunchReport } from './service.js';
