import type { Command } from 'commander';
import { campaignChannels, campaignSenders, CampaignsService, closeSenders, deliverCampaign, deliveryCounts } from '../../campaigns/index.js';
import { createProgress } from '../../lib/progress.js';
import { withDatabase, type CliDeps } from '../session.js';

export function registerCampaignsCommands(program: Command, deps: () => CliDeps): void {
  const campaigns = program.command('campaigns').description('campaigns: deliver a launched campaign through its channels, and its progress');
  campaigns
    .command('deliver <campaignId>')
    .description('send every member still to contact (resumable: run it again after an interruption; receivers drop repeats by idempotency key)')
    .action(async (campaignId: string) => {
      const { logger, config } = deps();
      const progress = createProgress(logger, { activity: 'delivering' });
      const result = await withDatabase(deps(), async (database) => {
        const service = new CampaignsService(database.db, {
          channels: campaignChannels(config.campaigns),
          frequencyCap: config.campaigns.frequencyCap,
        });
        const campaign = await service.byId(campaignId);
        const before = await deliveryCounts(database.db, campaignId);
        const task = progress.start(`campaign ${campaignId}`, before.pending);
        const senders = campaignSenders(config.campaigns, config.kafka.brokers);
        const done = await deliverCampaign(database.db, campaign, senders, {
          now: () => new Date(),
          onPage: (sofar) => {
            const handled = sofar.contacted + sofar.withdrawn + sofar.failed;
            task.update(handled, handled);
          },
        }).finally(() => closeSenders(senders));
        task.finish(done.contacted + done.withdrawn + done.failed);
        return done;
      });
      progress.stop();
      process.stderr.write(
        `delivered: ${result.contacted.toLocaleString('en-US')} contacted, ${result.withdrawn.toLocaleString('en-US')} left out (withdrew marketing consent since the launch), ` +
          `${result.failed.toLocaleString('en-US')} in dead letters\n`,
      );
    });
  campaigns
    .command('status <campaignId>')
    .description("a campaign's delivery: members pending, contacted and failed")
    .action(async (campaignId: string) => {
      const counts = await withDatabase(deps(), (database) => deliveryCounts(database.db, campaignId));
      process.stdout.write(`${JSON.stringify({ campaignId, ...counts })}\n`);
    });
}
