import { GraphView } from '../graph-view.js';
import { FillWithAnalytics } from '../fill-with-analytics.js';
import { useQuery } from '../hooks.js';
import { useT } from '../i18n.js';
import { Portrait } from '../portrait.js';
import { communityLabel, ErrorBox, formatInt, formatShare, Loading, Panel, Table, UserLink } from '../ui.js';
import { CommunityDocument, CommunityMapDocument, type CommunityMapQuery } from '../generated/operations.js';

type MapData = CommunityMapQuery;

function CommunityPortrait({ id }: { id: string }) {
  const t = useT();
  const { data, error, loading } = useQuery(CommunityDocument, { id });
  const c = data?.community;
  return (
    <Panel title={communityLabel(id)}>
      <ErrorBox error={error} />
      <Loading when={loading && !data} />
      {data && !c ? <p role="alert">{t('communities.missing', { id })}</p> : null}
      {c ? (
        <>
          <h3>{t('communities.kols')}</h3>
          <Table
            columns={[t('communities.user'), t('communities.followers')]}
            rows={c.keyOpinionLeaders.map((k) => [<UserLink id={k.user.id} name={k.user.displayName} />, formatInt(k.followers)])}
          />
          <h3>{t('communities.topProducts')}</h3>
          <Table columns={[t('communities.product'), t('communities.buyers')]} rows={c.topProducts.map((p) => [p.product.name, formatInt(p.buyers)])} />
          <h3>{t('communities.portrait')}</h3>
          <Portrait portrait={c.portrait} label={t('communities.members')} />
        </>
      ) : null}
    </Panel>
  );
}

export function Communities({ selected }: { selected: string | null }) {
  const t = useT();
  const { data, error, loading, reload } = useQuery(CommunityMapDocument);
  const map = data?.communityMap;
  const label = (c: MapData['communityMap']['communities'][number]) =>
    `${communityLabel(c.id)}${c.topInterests[0] ? ` · ${c.topInterests[0].interest.name}` : ''}`;
  return (
    <>
      <h1>{t('screens.communities')}</h1>
      <ErrorBox error={error} />
      <Loading when={loading && !data} />
      {map && map.communities.length === 0 ? <FillWithAnalytics kinds={['COMMUNITIES']} what="communities" onFilled={reload} /> : null}
      {map && map.communities.length > 0 ? (
        <div class="grid">
          <Panel title={t('communities.map')}>
            <GraphView
              title={t('communities.mapTitle', { count: map.communities.length })}
              nodes={map.communities.map((c) => ({
                id: c.id,
                label: label(c),
                size: c.size,
                href: `#/communities/${encodeURIComponent(c.id)}`,
                highlight: c.id === selected,
              }))}
              edges={map.links.map((l) => ({ source: l.source.id, target: l.target.id, weight: l.follows }))}
            />
            <Table
              columns={[t('communities.community'), t('communities.members'), t('communities.modularity'), t('communities.topInterests')]}
              rows={map.communities.map((c) => [
                <a href={`#/communities/${encodeURIComponent(c.id)}`}>{communityLabel(c.id)}</a>,
                formatInt(c.size),
                formatShare(c.modularityShare, 2),
                c.topInterests.map((i) => `${i.interest.name} (${formatShare(i.share, 0)})`).join(', '),
              ])}
            />
          </Panel>
          {selected ? <CommunityPortrait id={selected} /> : <p class="muted">{t('communities.pick')}</p>}
        </div>
      ) : null}
    </>
  );
}
