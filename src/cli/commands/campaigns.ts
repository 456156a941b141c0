import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { campaignChannels, campaignSenders, CampaignsService, closeSenders, deliverCampaign, deliveryCounts } from '../../campaigns/index.js';
import type { CampaignResults } from '../../campaigns/results.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/db.js';
import { BadInputError, NotFoundError } from '../../errors.js';
import { createProgress } from '../../lib/progress.js';
import { SegmentsService } from '../../segments/index.js';
import { withDatabase, type CliDeps } from '../session.js';

/** Audience ids per page handed to the launch (as the API's). */
const AUDIENCE_PAGE = 10_000;

const campaignsService = (db: Db, config: Config) =>
  new CampaignsService(db, {
    channels: campaignChannels(config.campaigns),
    frequencyCap: config.campaigns.frequencyCap,
    channelCosts: config.campaigns.channelCosts,
  });

/** User ids from a file, one per line (blank lines and a `user_id` header skipped), a page at a time. */
async function* idsFromFile(file: string): AsyncIterable<string[]> {
  let page: string[] = [];
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    const id = line.trim();
    if (id === '' || id === 'user_id') continue;
    page.push(id);
    if (page.length === AUDIENCE_PAGE) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

const percent = (value: number) => `${(value * 100).toFixed(2)} %`;
const points = (interval: { low: number; high: number }) =>
  `[${Number.isFinite(interval.low) ? (interval.low * 100).toFixed(2) : '−∞'}, ${Number.isFinite(interval.high) ? (interval.high * 100).toFixed(2) : '∞'}] pp`;

/** Each arm's line of `campaigns report`, the control first. */
function reportLines(results: CampaignResults): string[] {
  const lines = results.arms.map((arm) => {
    const head = `${arm.arm.padEnd(12)} assigned ${arm.assigned.toLocaleString('en-US').padStart(9)}  converted ${arm.converted.toLocaleString('en-US').padStart(8)}  rate ${percent(arm.conversionRate).padStart(8)}  revenue/user ${arm.revenuePerUser.toFixed(2)}`;
    if (!arm.uplift) return `${head}  (control)`;
    const uplift = arm.uplift;
    return (
      `${head}\n${''.padEnd(12)} uplift ${(uplift.absolute * 100).toFixed(2)} pp, 95 % ${points(uplift.interval)} (fixed horizon: one look), ` +
      `always-valid ${points(uplift.alwaysValidInterval)} p ${uplift.alwaysValidPValue.toPrecision(2)}${uplift.significant ? ' — significant' : ''}; ` +
      `revenue/user ${uplift.revenuePerUser >= 0 ? '+' : ''}${uplift.revenuePerUser.toFixed(2)} [${uplift.revenueInterval.low.toFixed(2)}, ${uplift.revenueInterval.high.toFixed(2)}]`
    );
  });
  for (const channel of results.byChannel) {
    const spend =
      channel.spend === null
        ? 'no cost configured'
        : `spend ${channel.spend.toFixed(2)}, return on spend ${channel.returnOnSpend === null ? '—' : channel.returnOnSpend.toFixed(2)}`;
    lines.push(
      `channel ${channel.channel} (${channel.arms.join(', ')}): contacted ${channel.contacted.toLocaleString('en-US')}, uplift ${(channel.uplift * 100).toFixed(2)} pp ${points(channel.upliftInterval)}, ` +
        `incremental revenue ${channel.incrementalRevenue.toFixed(2)}, ${spend}`,
    );
  }
  const ratio = results.sampleRatio;
  lines.push(
    `sample ratio: chi-square ${ratio.chiSquare.toFixed(2)}, p ${ratio.pValue.toPrecision(2)}${ratio.mismatch ? ' — MISMATCH: the assignment does not fit the shares; do not trust these results' : ' (fits the shares)'}`,
  );
  return lines;
}

export function registerCampaignsCommands(program: Command, deps: () => CliDeps): void {
  const campaigns = program.command('campaigns').description('campaigns: launch a draft to an audience, deliver it through its channels, read its results');
  campaigns
    .command('launch <campaignId>')
    .description("assign a drafted campaign's audience to its arms (a saved segment, or a file of user ids); run it again if it stopped half-way")
    .option('--segment <segmentId>', 'the audience: a saved segment')
    .option('--ids <file>', 'the audience: a file of user ids, one per line')
    .action(async (campaignId: string, options: { segment?: string; ids?: string }) => {
      const { logger, config } = deps();
      if ((options.segment === undefined) === (options.ids === undefined)) throw new BadInputError('Give the audience as exactly one of --segment or --ids.');
      const progress = createProgress(logger, { activity: 'launching' });
      const report = await withDatabase(deps(), async (database) => {
        let pages: AsyncIterable<readonly string[]>;
        let size = 0;
        if (options.segment !== undefined) {
          const segments = new SegmentsService(database.db);
          if (!(await segments.exists(options.segment))) throw new NotFoundError('Segment', options.segment);
          const ids = await segments.memberIds(options.segment);
          size = ids.length;
          pages = (async function* () {
            for (let start = 0; start < ids.length; start += AUDIENCE_PAGE) yield ids.slice(start, start + AUDIENCE_PAGE);
          })();
        } else pages = idsFromFile(options.ids as string);
        const task = progress.start(`campaign ${campaignId}`, size);
        const done = await campaignsService(database.db, config).launch(campaignId, pages, new Date(), (assigned) => task.update(assigned, assigned));
        task.finish(Object.values(done.assigned).reduce((sum, users) => sum + users, 0));
        return done;
      });
      progress.stop();
      process.stdout.write(
        `${JSON.stringify({ campaignId, status: report.campaign.status, assigned: report.assigned, leftOut: report.leftOut, notFound: report.campaign.notFound })}\n`,
      );
    });
  campaigns
    .command('deliver <campaignId>')
    .description('send every member still to contact (resumable: run it again after an interruption; receivers drop repeats by idempotency key)')
    .action(async (campaignId: string) => {
      const { logger, config } = deps();
      const progress = createProgress(logger, { activity: 'delivering' });
      const result = await withDatabase(deps(), async (database) => {
        const campaign = await campaignsService(database.db, config).byId(campaignId);
        const before = await deliveryCounts(database.db, campaignId);
        const task = progress.start(`campaign ${campaignId}`, before.pending);
        const senders = campaignSenders(config.campaigns, config.kafka.brokers);
        const done = await deliverCampaign(database.db, campaign, senders, {
          now: () => new Date(),
          // The CLI is the operator's, with the database's credentials: admin, who reads PII.
          canReadPii: true,
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
  campaigns
    .command('report <campaignId>')
    .description("a campaign's results: each arm against the control, with the uplift's intervals and the sample-ratio check")
    .option('--json', 'print the results as JSON')
    .action(async (campaignId: string, options: { json?: boolean }) => {
      const { config } = deps();
      const results = await withDatabase(deps(), async (database) => {
        const service = campaignsService(database.db, config);
        const campaign = await service.byId(campaignId);
        if (!campaign) throw new NotFoundError('Campaign', campaignId);
        const found = await service.results(campaign, new Date());
        if (!found) throw new BadInputError(`Campaign ${campaignId} is ${campaign.status}: results come after its launch.`);
        return found;
      });
      process.stdout.write(options.json ? `${JSON.stringify({ campaignId, ...results })}\n` : `${reportLines(results).join('\n')}\n`);
    });
}
