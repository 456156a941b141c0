/**
 * Campaigns: draft one (arms, channels, control share, goal), launch it to a saved segment (a lookalike audience is one) or a KOL set,
 * watch its delivery, and read each arm against the control — the uplift with its intervals,
 * day by day with the always-valid band, by channel, and who converted against who did not.
 */
import { useEffect, useState } from 'preact/hooks';
import { UpliftChart, type UpliftPoint } from '../charts.js';
import { useMutation, useQuery } from '../hooks.js';
import { useT } from '../i18n.js';
import { ErrorBox, formatDate, formatInt, formatShare, Loading, Panel, segmentChoices, SelectField, Table } from '../ui.js';
import {
  CampaignDocument,
  CampaignSegmentsDocument,
  CampaignsDocument,
  CancelCampaignDocument,
  ConvertersDocument,
  CreateCampaignDocument,
  DeliverCampaignDocument,
  LaunchCampaignDocument,
  type EventKind,
  type CampaignQuery,
} from '../generated/operations.js';

interface Interval {
  low: number | null;
  high: number | null;
}
type CampaignDetail = NonNullable<CampaignQuery['campaign']>;

/** " of product p-1", "在品类 x 中的": the goal's scope as its sentence reads it (empty for any product). */
function goalScope(goal: CampaignDetail['goal'], t: (key: string, values?: Record<string, unknown>) => string): string {
  if (goal.productId) return t('campaigns.goalScopes.productId', { id: goal.productId });
  if (goal.category) return t('campaigns.goalScopes.category', { id: goal.category });
  if (goal.interestId) return t('campaigns.goalScopes.interestId', { id: goal.interestId });
  return '';
}

/** The audience choice that stands for the KOL set (Query.kolSet) rather than a saved segment. */
const KOL_SET = 'kol-set';

const points = (interval: Interval | null | undefined) =>
  interval ? `${interval.low === null ? '−∞' : (interval.low * 100).toFixed(2)} to ${interval.high === null ? '∞' : (interval.high * 100).toFixed(2)} pp` : '–';

interface ArmDraft {
  name: string;
  share: string;
  channel: string;
  template: string;
}

/** What a goal's event must be on: any product, one product, a category, or an interest its product holds. */
const GOAL_SCOPES = ['', 'productId', 'category', 'interestId'] as const;
type GoalScope = (typeof GOAL_SCOPES)[number];

function NewCampaign({ channels, interests, onCreated }: { channels: string[]; interests: { id: string; name: string }[]; onCreated: (id: string) => void }) {
  const [name, setName] = useState('');
  const [controlShare, setControlShare] = useState('10');
  const [arms, setArms] = useState<ArmDraft[]>([
    { name: 'A', share: '45', channel: '', template: 'offer-a' },
    { name: 'B', share: '45', channel: '', template: 'offer-b' },
  ]);
  const [goalKind, setGoalKind] = useState<EventKind>('PURCHASE');
  const [withinDays, setWithinDays] = useState('14');
  const [goalScope, setGoalScope] = useState<GoalScope>('');
  const [goalTarget, setGoalTarget] = useState('');
  const t = useT();
  const create = useMutation(CreateCampaignDocument);
  const channelOf = (arm: ArmDraft) => arm.channel || channels[0] || '';
  const total = Number(controlShare) + arms.reduce((sum, arm) => sum + Number(arm.share), 0);
  const update = (index: number, change: Partial<ArmDraft>) => setArms(arms.map((arm, i) => (i === index ? { ...arm, ...change } : arm)));
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void create
          .run({
            input: {
              name: name.trim(),
              controlShare: Number(controlShare) / 100,
              arms: arms.map((arm) => ({ name: arm.name.trim(), share: Number(arm.share) / 100, channel: channelOf(arm), template: arm.template.trim() })),
              goal: { kind: goalKind, withinDays: Number(withinDays), ...(goalScope ? { [goalScope]: goalTarget.trim() } : {}) },
            },
          })
          .then((created) => created && (setName(''), onCreated(created.createCampaign.id)));
      }}
    >
      <div class="field">
        <label for="campaign-name">{t('campaigns.name')}</label>
        <input id="campaign-name" value={name} onInput={(e) => setName(e.currentTarget.value)} required />
      </div>
      <div class="field">
        <label for="control-share">{t('campaigns.controlShare')}</label>
        <input id="control-share" type="number" min={1} max={99} value={controlShare} onInput={(e) => setControlShare(e.currentTarget.value)} />
      </div>
      {arms.map((arm, index) => (
        <fieldset key={index} class="row arm">
          <legend>{t('campaigns.arm', { n: index + 1 })}</legend>
          <div class="field">
            <label for={`arm-name-${index}`}>{t('campaigns.name')}</label>
            <input id={`arm-name-${index}`} value={arm.name} onInput={(e) => update(index, { name: e.currentTarget.value })} required />
          </div>
          <div class="field">
            <label for={`arm-share-${index}`}>{t('campaigns.sharePercent')}</label>
            <input
              id={`arm-share-${index}`}
              type="number"
              min={1}
              max={99}
              value={arm.share}
              onInput={(e) => update(index, { share: e.currentTarget.value })}
            />
          </div>
          <div class="field">
            <label for={`arm-channel-${index}`}>{t('campaigns.channel')}</label>
            <select id={`arm-channel-${index}`} value={channelOf(arm)} onChange={(e) => update(index, { channel: e.currentTarget.value })}>
              {channels.map((channel) => (
                <option key={channel} value={channel}>
                  {channel}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`arm-template-${index}`}>{t('campaigns.template')}</label>
            <input id={`arm-template-${index}`} value={arm.template} onInput={(e) => update(index, { template: e.currentTarget.value })} required />
          </div>
        </fieldset>
      ))}
      <p class="row">
        <button
          type="button"
          onClick={() => setArms([...arms, { name: String.fromCharCode(65 + arms.length), share: '10', channel: '', template: '' }])}
          disabled={arms.length >= 6}
        >
          {t('campaigns.addArm')}
        </button>
        <button type="button" onClick={() => setArms(arms.slice(0, -1))} disabled={arms.length <= 1}>
          {t('campaigns.removeArm')}
        </button>
      </p>
      <fieldset class="row">
        <legend>{t('campaigns.goal')}</legend>
        <div class="field">
          <label for="goal-kind">{t('segments.event')}</label>
          <select id="goal-kind" value={goalKind} onChange={(e) => setGoalKind(e.currentTarget.value as EventKind)}>
            {['PURCHASE', 'VIEW', 'RATE', 'REVIEW'].map((kind) => (
              <option key={kind} value={kind}>
                {t(`campaigns.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <SelectField
          id="goal-scope"
          label={t('campaigns.on')}
          value={goalScope}
          onChange={(value) => (setGoalScope(value as GoalScope), setGoalTarget(''))}
          choices={GOAL_SCOPES.map((scope) => ({ value: scope, label: t(`campaigns.scopes.${scope || 'any'}`) }))}
        />
        {goalScope === 'interestId' ? (
          <SelectField
            id="goal-target"
            label={t('people.interest')}
            value={goalTarget}
            onChange={setGoalTarget}
            blank={t('campaigns.chooseInterest')}
            choices={interests.map((interest) => ({ value: interest.id, label: interest.name }))}
          />
        ) : goalScope ? (
          <div class="field">
            <label for="goal-target">{goalScope === 'category' ? t('profile.category') : t('campaigns.productId')}</label>
            <input id="goal-target" value={goalTarget} onInput={(e) => setGoalTarget(e.currentTarget.value)} required />
          </div>
        ) : null}
        <div class="field">
          <label for="goal-days">{t('campaigns.withinDays')}</label>
          <input id="goal-days" type="number" min={1} max={365} value={withinDays} onInput={(e) => setWithinDays(e.currentTarget.value)} />
        </div>
      </fieldset>
      <p class={total === 100 ? 'muted' : 'warning'} role="status">
        Shares add up to {total} %{total === 100 ? '' : ' — they must add up to 100 %'}.
      </p>
      <p>
        <button type="submit" disabled={!name.trim() || channels.length === 0 || (goalScope !== '' && !goalTarget.trim()) || create.running}>
          {create.running ? t('campaigns.creating') : t('campaigns.create')}
        </button>
      </p>
      <ErrorBox error={create.error} />
    </form>
  );
}

function Converters({ id }: { id: string }) {
  const portrait = useQuery(ConvertersDocument, { id });
  const data = portrait.data?.portrait;
  const t = useT();
  return (
    <Panel title={t('campaigns.converters')}>
      <ErrorBox error={portrait.error} />
      {data ? (
        data.suppressed ? (
          <p class="muted">{formatInt(data.size)} converters so far: too few to describe without singling anyone out.</p>
        ) : (
          <Table
            caption={`${formatInt(data.size)} converters, ${formatInt(data.compare.base.size)} members who did not convert`}
            columns={[t('lookalike.trait'), t('campaigns.convertersColumn'), t('campaigns.nonConverters'), t('lookalike.index')]}
            rows={data.compare.buckets.map((b) => [
              `${b.dimension}: ${b.value}`,
              formatShare(b.share),
              formatShare(b.baseShare),
              b.index === null ? '–' : b.index.toFixed(0),
            ])}
          />
        )
      ) : null}
      <Loading when={portrait.loading} />
    </Panel>
  );
}

function CampaignView({ id, onChanged }: { id: string; onChanged: () => void }) {
  const detail = useQuery(CampaignDocument, { id });
  const segments = useQuery(CampaignSegmentsDocument, {}, false, { partial: true });
  const [segmentId, setSegmentId] = useState('');
  const [kolSetSize, setKolSetSize] = useState('50');
  const launch = useMutation(LaunchCampaignDocument);
  const cancel = useMutation(CancelCampaignDocument);
  const deliver = useMutation(DeliverCampaignDocument);
  const t = useT();
  const campaign = detail.data?.campaign;
  const delivering = campaign?.delivery?.running === true;
  // While members are still to be contacted, the progress is read again every few seconds.
  useEffect(() => {
    if (!delivering) return;
    const timer = setInterval(detail.reload, 5_000);
    return () => clearInterval(timer);
  }, [delivering, detail.reload]);
  if (detail.error) return <ErrorBox error={detail.error} />;
  if (!campaign) return <Loading when={detail.loading} />;
  const refresh = () => (detail.reload(), onChanged());
  const chart: UpliftPoint[] = (campaign.results?.overTime ?? []).flatMap((day) =>
    day.arms
      .filter((arm) => arm.uplift !== null)
      .map((arm) => ({
        arm: arm.arm,
        day: day.day,
        uplift: arm.uplift as number,
        low: arm.alwaysValidInterval?.low ?? null,
        high: arm.alwaysValidInterval?.high ?? null,
      })),
  );
  return (
    <>
      <Panel title={`${campaign.name}: ${t(`campaigns.statuses.${campaign.status}`)}`}>
        <p>
          {t('campaigns.summaryCreated', { at: formatDate(campaign.createdAt) })}
          {campaign.launchedAt ? t('campaigns.summaryLaunched', { at: formatDate(campaign.launchedAt) }) : ''}
          {t('campaigns.summaryGoal', { kind: t(`campaigns.kinds.${campaign.goal.kind}`), scope: goalScope(campaign.goal, t), days: campaign.goal.withinDays })}
        </p>
        <Table
          caption={t('campaigns.arms')}
          columns={[t('campaigns.armColumn'), t('campaigns.share'), t('campaigns.channel'), t('campaigns.templateColumn'), t('campaigns.assigned')]}
          rows={campaign.arms.map((arm) => [
            arm.control ? t('campaigns.notContacted', { arm: arm.name }) : arm.name,
            formatShare(arm.share, 0),
            arm.channel ?? '–',
            arm.template ?? '–',
            formatInt(campaign.launch?.assigned.find((a) => a.arm === arm.name)?.users ?? null),
          ])}
        />
        {campaign.launch ? (
          <p>
            Left out at the launch:{' '}
            {campaign.launch.leftOut.length === 0
              ? 'nobody'
              : campaign.launch.leftOut.map((l) => `${formatInt(l.users)} ${l.reason.toLowerCase().replaceAll('_', ' ')}`).join(', ')}
            {campaign.launch.notFound > 0 ? `; ${formatInt(campaign.launch.notFound)} ids not in the graph` : ''}.
          </p>
        ) : null}
        {campaign.status === 'DRAFT' ? (
          <form
            class="row"
            onSubmit={(event) => {
              event.preventDefault();
              const audience = segmentId === KOL_SET ? { kolSet: { k: Number(kolSetSize) } } : { segmentId };
              void launch.run({ id, audience }).then((done) => done && refresh());
            }}
          >
            <SelectField
              id="launch-segment"
              label={t('campaigns.audience')}
              value={segmentId}
              onChange={setSegmentId}
              choices={[...segmentChoices(segments.data?.segments.nodes), { value: KOL_SET, label: t('campaigns.kolSet') }]}
              blank={t('campaigns.pickAudience')}
            />
            {segmentId === KOL_SET ? (
              <div class="field">
                <label for="launch-kol-k">{t('campaigns.kolSetSize')}</label>
                <input id="launch-kol-k" type="number" min={1} max={100} value={kolSetSize} onInput={(e) => setKolSetSize(e.currentTarget.value)} required />
              </div>
            ) : null}
            <button type="submit" disabled={!segmentId || launch.running}>
              {launch.running ? t('campaigns.launching') : t('campaigns.launch')}
            </button>
          </form>
        ) : null}
        {campaign.status === 'DRAFT' || campaign.status === 'RUNNING' ? (
          <p>
            <button type="button" class="secondary" disabled={cancel.running} onClick={() => void cancel.run({ id }).then((done) => done && refresh())}>
              {t('campaigns.cancel')}
            </button>
          </p>
        ) : null}
        {campaign.status === 'RUNNING' && (campaign.delivery?.pending ?? 0) > 0 && !delivering ? (
          <p>
            <button type="button" disabled={deliver.running} onClick={() => void deliver.run({ id }).then((done) => done && detail.reload())}>
              {t('campaigns.deliver')}
            </button>
          </p>
        ) : null}
        <ErrorBox error={launch.error} />
        <ErrorBox error={cancel.error} />
        <ErrorBox error={deliver.error} />
        {campaign.delivery ? (
          <p role="status">
            Delivery: {formatInt(campaign.delivery.contacted)} contacted, {formatInt(campaign.delivery.pending)} to contact,{' '}
            {formatInt(campaign.delivery.failed)} failed
            {delivering ? ' — sending now (this updates every 5 s)' : ''}.
          </p>
        ) : null}
      </Panel>
      {campaign.results ? (
        <Panel title={t('campaigns.results')} wide>
          {campaign.results.sampleRatio.mismatch ? (
            <p class="warning" role="alert">
              The arms' sizes do not fit their shares (p = {campaign.results.sampleRatio.pValue.toPrecision(2)}): the assignment is broken and these results
              cannot be trusted.
            </p>
          ) : null}
          <Table
            columns={[
              t('campaigns.armColumn'),
              t('campaigns.assigned'),
              t('campaigns.converted'),
              t('campaigns.rate'),
              t('campaigns.uplift'),
              t('campaigns.readOnce'),
              t('campaigns.alwaysValid'),
              t('campaigns.cuped'),
            ]}
            rows={campaign.results.arms.map((arm) => [
              arm.arm,
              formatInt(arm.assigned),
              formatInt(arm.converted),
              formatShare(arm.conversionRate, 2),
              arm.uplift ? `${(arm.uplift.absolute * 100).toFixed(2)} pp${arm.uplift.significant ? ' ✓' : ''}` : 'control',
              points(arm.uplift?.interval),
              points(arm.uplift?.alwaysValidInterval),
              arm.uplift?.cuped
                ? `${points(arm.uplift.cuped.interval)} (${arm.uplift.cuped.varianceReduction >= 0.005 ? `${formatShare(arm.uplift.cuped.varianceReduction, 0)} less variance` : 'no variance removed'})`
                : '–',
            ])}
          />
          <p class="muted">{t('campaigns.alwaysValidNote')}</p>
          <UpliftChart title={t('campaigns.overTime')} points={chart} />
          <Table
            caption={t('campaigns.byChannel')}
            columns={[
              t('campaigns.channel'),
              t('campaigns.arms'),
              t('campaigns.contacted'),
              t('campaigns.uplift'),
              t('campaigns.incremental'),
              t('campaigns.spend'),
              t('campaigns.returnOnSpend'),
            ]}
            rows={campaign.results.byChannel.map((c) => [
              c.channel,
              c.arms.join(', '),
              formatInt(c.contacted),
              `${(c.uplift * 100).toFixed(2)} pp (${points(c.upliftInterval)})`,
              c.incrementalRevenue.toFixed(2),
              c.spend === null ? 'no cost set' : c.spend.toFixed(2),
              c.returnOnSpend === null ? '–' : c.returnOnSpend.toFixed(2),
            ])}
          />
        </Panel>
      ) : null}
      {campaign.results ? <Converters id={id} /> : null}
    </>
  );
}

export function Campaigns({ selected }: { selected: string | null }) {
  const list = useQuery(CampaignsDocument);
  const open = (id: string) => (location.hash = `#/campaigns/${encodeURIComponent(id)}`);
  const t = useT();
  return (
    <>
      <h1>{t('screens.campaigns')}</h1>
      <div class="grid">
        <Panel title={t('screens.campaigns')}>
          <ErrorBox error={list.error} />
          {list.data && list.data.campaigns.length === 0 ? <p class="muted">{t('campaigns.none')}</p> : null}
          <Table
            columns={[t('campaigns.campaign'), t('overview.status'), t('campaigns.created'), t('campaigns.contacted'), t('campaigns.toContact')]}
            rows={(list.data?.campaigns ?? []).map((c) => [
              <a href={`#/campaigns/${encodeURIComponent(c.id)}`} aria-current={c.id === selected ? 'page' : undefined}>
                {c.name}
              </a>,
              t(`campaigns.statuses.${c.status}`),
              formatDate(c.createdAt),
              formatInt(c.delivery?.contacted ?? null),
              formatInt(c.delivery?.pending ?? null),
            ])}
          />
          <Loading when={list.loading} />
        </Panel>
        <Panel title={t('campaigns.new')}>
          {list.data ? (
            <NewCampaign channels={list.data.campaignChannels} interests={list.data.interests.nodes} onCreated={(id) => (list.reload(), open(id))} />
          ) : null}
        </Panel>
        {selected ? <CampaignView key={selected} id={selected} onChanged={list.reload} /> : null}
      </div>
    </>
  );
}
