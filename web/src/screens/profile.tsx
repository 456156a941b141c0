import { BarChart } from '../charts.js';
import { useQuery } from '../hooks.js';
import { communityLabel, ErrorBox, formatDate, formatInt, formatShare, Loading, Panel, Table, UserLink } from '../ui.js';

interface ProfileData {
  user: {
    id: string;
    displayName: string;
    gender: string;
    ageBand: string | null;
    region: string | null;
    city: string | null;
    occupation: string | null;
    lifecycleStage: string;
    consentProfiling: boolean;
    consentMarketing: boolean;
    email: string | null;
    phone: string | null;
    createdAt: string | null;
    lastActiveAt: string | null;
    followerCount: number;
    followingCount: number;
    tags: { kind: string; name: string; value: string | null }[];
    interests: { interest: { id: string; name: string }; weight: number; source: string }[];
    value: { tier: string; recencyDays: number; frequency: number; monetary: number } | null;
    churnRisk: { risk: number; reasons: { label: string }[] } | null;
    influence: { rank: number; percentile: number } | null;
    community: { id: string; size: number } | null;
    friends: { totalCount: number; nodes: { id: string; displayName: string }[] };
    purchases: { totalCount: number; nodes: { at: string; amount: number | null; quantity: number; product: { name: string; category: string | null } }[] };
    similarUsers: { user: { id: string; displayName: string }; score: number; reasons: { label: string }[] }[];
    recommendations: { product: { id: string; name: string }; strategy: string; reason: string }[];
  } | null;
}
const PROFILE = `query Profile($id: ID!) {
  user(id: $id) {
    id displayName gender ageBand region city occupation lifecycleStage consentProfiling consentMarketing email phone createdAt lastActiveAt
    followerCount followingCount
    tags { kind name value }
    interests(first: 10) { interest { id name } weight source }
    value { tier recencyDays frequency monetary }
    churnRisk { risk reasons { label } }
    influence { rank percentile }
    community { id size }
    friends(first: 10) { totalCount nodes { id displayName } }
    purchases(first: 10) { totalCount nodes { at amount quantity product { name category } } }
    similarUsers(first: 5) { user { id displayName } score reasons { label } }
    recommendations(first: 5) { product { id name } strategy reason }
  }
}`;

const masked = (value: string | null) => value !== null && value.includes('*');

export function Profile({ id }: { id: string }) {
  const { data, error, loading } = useQuery<ProfileData>(PROFILE, { id });
  const u = data?.user;
  return (
    <>
      <p>
        <a href="#/people">← People</a>
      </p>
      <ErrorBox error={error} />
      <Loading when={loading && !data} />
      {data && !u ? <p role="alert">No user with id {id}.</p> : null}
      {u ? (
        <>
          <h1>{u.displayName}</h1>
          <div class="grid">
            <Panel title="Who">
              <Table
                columns={['Field', 'Value']}
                rows={[
                  ['Id', u.id],
                  ['Gender', u.gender],
                  ['Age band', u.ageBand ?? '–'],
                  ['Region / city', [u.region, u.city].filter(Boolean).join(' / ') || '–'],
                  ['Occupation', u.occupation ?? '–'],
                  ['Lifecycle', u.lifecycleStage],
                  ['E-mail', `${u.email ?? '–'}${masked(u.email) ? ' (masked for your role)' : ''}`],
                  ['Phone', `${u.phone ?? '–'}${masked(u.phone) ? ' (masked for your role)' : ''}`],
                  ['Joined / last active', `${formatDate(u.createdAt)} / ${formatDate(u.lastActiveAt)}`],
                  ['Consent', `profiling ${u.consentProfiling ? 'yes' : 'no'}, marketing ${u.consentMarketing ? 'yes' : 'no'}`],
                  ['Followers / following', `${formatInt(u.followerCount)} / ${formatInt(u.followingCount)}`],
                  ['Influence', u.influence ? `rank ${formatInt(u.influence.rank)} (top ${formatShare(1 - u.influence.percentile)})` : 'not analysed'],
                  [
                    'Community',
                    u.community ? (
                      <a
                        href={`#/communities/${encodeURIComponent(u.community.id)}`}
                      >{`${communityLabel(u.community.id)} (${formatInt(u.community.size)} members)`}</a>
                    ) : (
                      '–'
                    ),
                  ],
                ]}
              />
            </Panel>
            <Panel title="Tags">
              {u.tags.length ? (
                <ul class="tags" aria-label="Tags">
                  {u.tags.map((t) => (
                    <li key={`${t.name}:${t.value ?? ''}`}>
                      {t.name}
                      {t.value ? `: ${t.value}` : ''}
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="muted">No tags {u.consentProfiling ? 'yet (run TAGS analytics)' : '(no profiling consent)'}.</p>
              )}
              <h3>Value</h3>
              {u.value ? (
                <p>
                  {u.value.tier}: last purchase {u.value.recencyDays.toFixed(0)} days ago, {formatInt(u.value.frequency)} purchases and{' '}
                  {u.value.monetary.toFixed(2)} spent in a year
                </p>
              ) : (
                <p class="muted">No purchases scored.</p>
              )}
              <h3>Churn risk</h3>
              {u.churnRisk ? (
                <>
                  <p>{formatShare(u.churnRisk.risk, 0)} chance of going inactive in 180 days, because:</p>
                  <ul class="reasons">
                    {u.churnRisk.reasons.map((r) => (
                      <li key={r.label}>{r.label}</li>
                    ))}
                  </ul>
                </>
              ) : (
                <p class="muted">Not scored yet.</p>
              )}
            </Panel>
            <Panel title="Interests">
              <BarChart title="Interest weights" unit="count" bars={u.interests.map((i) => ({ label: i.interest.name, value: i.weight, note: i.source }))} />
            </Panel>
            <Panel title={`Friends (${formatInt(u.friends.totalCount)})`}>
              <ul class="tags">
                {u.friends.nodes.map((f) => (
                  <li key={f.id}>
                    <UserLink id={f.id} name={f.displayName} />
                  </li>
                ))}
              </ul>
            </Panel>
            <Panel title={`Purchases (${formatInt(u.purchases.totalCount)})`}>
              <Table
                columns={['When', 'Product', 'Category', 'Amount']}
                rows={u.purchases.nodes.map((p) => [
                  formatDate(p.at),
                  p.product.name,
                  p.product.category ?? '–',
                  p.amount === null ? '–' : p.amount.toFixed(2),
                ])}
              />
            </Panel>
            <Panel title="Similar users">
              <Table
                columns={['User', 'Why']}
                rows={u.similarUsers.map((s) => [<UserLink id={s.user.id} name={s.user.displayName} />, s.reasons.map((r) => r.label).join('; ')])}
              />
            </Panel>
            <Panel title="Recommendations">
              <Table columns={['Product', 'Why']} rows={u.recommendations.map((r) => [r.product.name, r.reason])} />
            </Panel>
          </div>
        </>
      ) : null}
    </>
  );
}
