import type DataLoader from 'dataloader';
import type { DateTime } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { Db } from '../db/db.js';
import { toIsoString } from '../db/values.js';
import { byIdListLoader, byIdLoader, groupBy, type LoaderOptions } from '../graphql/grouped-loader.js';
import { toCampaign, type Campaign, type CampaignMap } from './service.js';

/** One campaign in a user's history. */
export interface CampaignMembership {
  campaignId: string;
  name: string;
  status: string;
  /** Null: left out (see leftOut). */
  arm: string | null;
  leftOut: string | null;
  assignedAt: string;
  contactedAt: string | null;
  deliveryFailed: boolean;
}

const membershipsByUserIds = cypher<
  {
    userId: string;
    campaignId: string;
    name: string;
    status: string;
    arm: string | null;
    leftOut: string | null;
    assignedAt: DateTime;
    contactedAt: DateTime | null;
    deliveryFailed: boolean;
  },
  { userIds: string[] }
>('campaigns/memberships-by-user-ids');

const campaignsByIds = cypher<{ campaign: CampaignMap }, { ids: string[] }>('campaigns/campaigns-by-ids');

export interface CampaignLoaders {
  membershipsByUserId: DataLoader<string, CampaignMembership[]>;
  /** Campaigns of a page of histories, in one statement. */
  campaignById: DataLoader<string, Campaign | null>;
}

export function createCampaignLoaders(db: Db, options?: LoaderOptions): CampaignLoaders {
  return {
    campaignById: byIdLoader(async (ids) => {
      const rows = await db.query(campaignsByIds, { ids });
      return new Map(rows.map((row) => [row.campaign.id, toCampaign(row.campaign)]));
    }, options),
    membershipsByUserId: byIdListLoader(async (userIds) => {
      const rows = await db.query(membershipsByUserIds, { userIds });
      return groupBy(
        rows,
        (row) => row.userId,
        (row): CampaignMembership => ({
          campaignId: row.campaignId,
          name: row.name,
          status: row.status,
          arm: row.arm,
          leftOut: row.leftOut,
          assignedAt: toIsoString(row.assignedAt) ?? '',
          contactedAt: toIsoString(row.contactedAt),
          deliveryFailed: row.deliveryFailed,
        }),
      );
    }, options),
  };
}
