/**
 * Delivery started from the API (`deliverCampaign`): the same resumable delivery the CLI runs
 * (delivery.ts), in the background of the API process that took the campaign's lease. The
 * lease (a time on the Campaign, renewed after every page) keeps one deliverer per campaign
 * across replicas; if the process dies the lease runs out and any replica can be asked again,
 * carrying on from the members still pending (the receivers drop the page in flight by key).
 * Progress is the members' state in the graph: `Campaign.delivery` on any replica.
 */
import { randomUUID } from 'node:crypto';
import type { DateTime, Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { Db } from '../db/db.js';
import { toNeo4jDateTime } from '../db/values.js';
import { AppError, NotFoundError } from '../errors.js';
import type { Logger } from '../logger.js';
import { checkSenders, deliverCampaign, type ChannelSender } from './delivery.js';
import { toCampaign, type Campaign, type CampaignMap } from './service.js';

const campaignById = cypher<{ campaign: CampaignMap }, { ids: string[] }>('campaigns/campaigns-by-ids');
const leaseQueries = {
  acquire: cypher<{ campaign: CampaignMap }, { id: string; owner: string; now: DateTime; until: DateTime }>('campaigns/acquire-delivery-lease'),
  renew: cypher<{ renewed: Integer }, { id: string; owner: string; until: DateTime | null }>('campaigns/renew-delivery-lease'),
};

/** How long a lease holds without a renewal: several pages' time, so a slow receiver does not lose it. */
export const DELIVERY_LEASE_MS = 120_000;

/**
 * Takes the lease and starts the delivery without waiting for it; resolves with the campaign
 * once it is under way. CONFLICT when the campaign is not running or another process delivers it.
 */
export async function startCampaignDelivery(
  db: Db,
  campaignId: string,
  senders: Readonly<Record<string, ChannelSender>>,
  options: { logger: Logger; now: () => Date; canReadPii: boolean; closeSenders: () => Promise<void> },
): Promise<Campaign> {
  const owner = randomUUID();
  const leaseUntil = () => toNeo4jDateTime(new Date(options.now().getTime() + DELIVERY_LEASE_MS));
  const [taken] = await db.mutate(leaseQueries.acquire, { id: campaignId, owner, now: toNeo4jDateTime(options.now()), until: leaseUntil() });
  if (!taken) {
    await options.closeSenders();
    const [exists] = await db.query(campaignById, { ids: [campaignId] });
    if (!exists) throw new NotFoundError('Campaign', campaignId);
    const campaign = toCampaign(exists.campaign);
    throw new AppError(
      campaign.status === 'RUNNING'
        ? `Campaign ${campaignId} is being delivered by another process; its progress is in Campaign.delivery.`
        : `Campaign ${campaignId} is ${campaign.status}: only a running campaign is delivered.`,
      'CONFLICT',
      { status: campaign.status },
    );
  }
  const campaign = toCampaign(taken.campaign);
  try {
    checkSenders(campaign, senders);
  } catch (error) {
    await options.closeSenders();
    await db.mutate(leaseQueries.renew, { id: campaignId, owner, until: null });
    throw error;
  }
  const log = options.logger.child({ campaignId, owner });
  void (async () => {
    try {
      const done = await deliverCampaign(db, campaign, senders, {
        now: options.now,
        canReadPii: options.canReadPii,
        onPage: () =>
          void db
            .mutate(leaseQueries.renew, { id: campaignId, owner, until: leaseUntil() })
            .catch((error: unknown) => log.warn({ err: error }, 'delivery lease not renewed')),
      });
      log.info(done, 'campaign delivered');
    } catch (error) {
      log.error({ err: error }, 'campaign delivery stopped; deliverCampaign again carries on from the members still pending');
    } finally {
      await options.closeSenders().catch((error: unknown) => log.warn({ err: error }, 'channel senders not closed'));
      await db
        .mutate(leaseQueries.renew, { id: campaignId, owner, until: null })
        .catch((error: unknown) => log.warn({ err: error }, 'delivery lease not released'));
    }
  })();
  return campaign;
}
