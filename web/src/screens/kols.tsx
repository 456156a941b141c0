import { useState } from 'preact/hooks';
import { GraphView } from '../graph-view.js';
import { FillWithAnalytics } from '../fill-with-analytics.js';
import { useT } from '../i18n.js';
import { useDebounced, useQuery } from '../hooks.js';
import { communityLabel, ErrorBox, formatInt, formatShare, interestChoices, Loading, Panel, SelectField, Table, UserLink } from '../ui.js';
import { EgoDocument, KolsDocument } from '../generated/operations.js';

function EgoGraph({ id }: { id: string }) {
  const t = useT();
  const { data, error } = useQuery(EgoDocument, { id });
  const u = data?.user;
  return (
    <>
      <ErrorBox error={error} />
      {u ? (
        <GraphView
          title={t('kols.egoTitle', { name: u.displayName, shown: u.followers.nodes.length, followers: formatInt(u.followerCount) })}
          nodes={[
            { id: u.id, label: u.displayName, size: u.followerCount, highlight: true },
            ...u.followers.nodes.map((f) => ({ id: f.id, label: f.displayName, size: f.followerCount, href: `#/people/${encodeURIComponent(f.id)}` })),
          ]}
          edges={u.followers.nodes.map((f) => ({ source: f.id, target: u.id, weight: 1 }))}
        />
      ) : null}
    </>
  );
}

export function Kols() {
  const t = useT();
  const [interest, setInterest] = useState('');
  const [community, setCommunity] = useState('');
  const [k, setK] = useState(10);
  const [ego, setEgo] = useState<string | null>(null);
  const settledK = useDebounced(k, 250);
  const { data, error, loading, reload } = useQuery(KolsDocument, { interest: interest || null, community: community || null, k: settledK });
  return (
    <>
      <h1>{t('kols.title')}</h1>
      <Panel title={t('kols.scope')}>
        <div class="row">
          <SelectField
            id="kol-interest"
            label={t('kols.interest')}
            value={interest}
            onChange={setInterest}
            blank={t('kols.all')}
            choices={interestChoices(data?.interests.nodes)}
          />
          <SelectField
            id="kol-community"
            label={t('kols.community')}
            value={community}
            onChange={setCommunity}
            blank={t('kols.all')}
            choices={(data?.communities.nodes ?? []).map((c) => ({ value: c.id, label: `${communityLabel(c.id)} (${formatInt(c.size)})` }))}
          />
          <div class="field">
            <label for="kol-k">{t('kols.setSize', { k })}</label>
            <input id="kol-k" type="range" min={1} max={50} value={k} onInput={(e) => setK(Number(e.currentTarget.value))} />
          </div>
        </div>
      </Panel>
      <ErrorBox error={error} />
      <Loading when={loading && !data} />
      {data ? (
        <div class="grid">
          <Panel title={t('kols.ranked')}>
            {data.keyOpinionLeaders.length === 0 ? <FillWithAnalytics kinds={['INFLUENCE']} what="kols" onFilled={reload} /> : null}
            <Table
              columns={['#', t('kols.user'), t('kols.followers'), interest || community ? t('kols.reachInScope') : t('kols.score'), '']}
              rows={data.keyOpinionLeaders.map((kol) => [
                kol.rank,
                <UserLink id={kol.user.id} name={kol.user.displayName} />,
                formatInt(kol.followers),
                kol.topicalReach !== null ? formatInt(kol.topicalReach) : kol.score.toFixed(4),
                <button class="secondary" onClick={() => setEgo(kol.user.id)} aria-label={t('kols.showFollowers', { name: kol.user.displayName })}>
                  {t('kols.followers')}
                </button>,
              ])}
            />
          </Panel>
          <Panel title={t('kols.setTitle', { k: settledK })}>
            <p>
              {t('kols.chosen', { method: data.kolSet.method === 'EXPECTED_SPREAD' ? t('kols.byCascade') : t('kols.byFollowers') })}{' '}
              <strong data-testid="kol-set-reach">{formatInt(data.kolSet.estimatedReach)}</strong>{' '}
              {t('kols.versusTop', { reach: formatInt(data.kolSet.topKByScoreReach), k: settledK })}
            </p>
            <Table
              columns={[t('kols.user'), t('kols.followers')]}
              rows={data.kolSet.members.map((kol) => [<UserLink id={kol.user.id} name={kol.user.displayName} />, formatInt(kol.followers)])}
            />
            {data.kolSet.reachByProbability.length ? (
              <Table
                caption={t('kols.reachCaption')}
                columns={['p', t('kols.reach'), t('kols.bestForP'), t('kols.ratio')]}
                rows={data.kolSet.reachByProbability.map((r) => [
                  r.probability,
                  formatInt(r.estimatedReach),
                  formatInt(r.bestReach),
                  formatShare(r.ratioToBest),
                ])}
              />
            ) : null}
          </Panel>
          {ego ? (
            <Panel title={t('kols.ego')}>
              <EgoGraph id={ego} />
            </Panel>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
