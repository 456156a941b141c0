import { BarChart } from '../charts.js';
import { useQuery } from '../hooks.js';
import { useT } from '../i18n.js';
import { communityLabel, ErrorBox, formatDate, formatDecimal, formatInt, formatShare, Loading, Panel, Table, UserLink } from '../ui.js';
import { ProfileDocument, type ProfileQuery } from '../generated/operations.js';

type ProfileData = ProfileQuery;

const masked = (value: string | null) => value !== null && value.includes('*');

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** A tag's name as the dashboard's language reads it; a rule tag's own name stays as its author wrote it. */
const tagName = (name: string, t: Translate) => t(`tags.names.${name}`, { defaultValue: name });

/** Coded values (gender, lifecycle stage, value tier, sentiment label) translated; names, regions and figures as they are. */
function tagValue(name: string, value: string, t: Translate): string {
  const key = { gender: 'people.genders', lifecycle: 'people.stages', valueTier: 'tags.tiers', sentiment: 'profile.labels' }[name];
  return key ? t(`${key}.${value}`, { defaultValue: value }) : value;
}

export function Profile({ id }: { id: string }) {
  const t = useT();
  const { data, error, loading } = useQuery(ProfileDocument, { id });
  const u = data?.user;
  const yesNo = (value: boolean) => (value ? t('profile.yes') : t('profile.no'));
  return (
    <>
      <p>
        <a href="#/people">← {t('screens.people')}</a>
      </p>
      <ErrorBox error={error} />
      <Loading when={loading && !data} />
      {data && !u ? <p role="alert">{t('profile.missing', { id })}</p> : null}
      {u ? (
        <>
          <h1>{u.displayName}</h1>
          <div class="grid">
            <Panel title={t('profile.who')}>
              <Table
                columns={[t('profile.field'), t('profile.value')]}
                rows={[
                  [t('profile.id'), u.id],
                  [t('people.gender'), u.gender ? t(`people.genders.${u.gender}`) : '–'],
                  [t('profile.ageBand'), u.ageBand ?? '–'],
                  [t('profile.regionCity'), [u.region, u.city].filter(Boolean).join(' / ') || '–'],
                  [t('profile.occupation'), u.occupation ?? '–'],
                  [t('people.lifecycle'), u.lifecycleStage ? t(`people.stages.${u.lifecycleStage}`) : '–'],
                  [t('people.email'), `${u.email ?? '–'}${masked(u.email) ? t('profile.masked') : ''}`],
                  [t('profile.phone'), `${u.phone ?? '–'}${masked(u.phone) ? t('profile.masked') : ''}`],
                  [t('profile.joined'), `${formatDate(u.createdAt)} / ${formatDate(u.lastActiveAt)}`],
                  [t('profile.consent'), t('profile.consentValue', { profiling: yesNo(u.consentProfiling), marketing: yesNo(u.consentMarketing) })],
                  [t('profile.followersFollowing'), `${formatInt(u.followerCount)} / ${formatInt(u.followingCount)}`],
                  [
                    t('profile.influence'),
                    u.influence
                      ? t('profile.rank', { rank: formatInt(u.influence.rank), top: formatShare(1 - u.influence.percentile) })
                      : t('profile.notAnalysed'),
                  ],
                  [
                    t('kols.community'),
                    u.community ? (
                      <a
                        href={`#/communities/${encodeURIComponent(u.community.id)}`}
                      >{`${communityLabel(u.community.id)} (${t('profile.members', { count: formatInt(u.community.size) })})`}</a>
                    ) : (
                      '–'
                    ),
                  ],
                ]}
              />
            </Panel>
            <Panel title={t('profile.tags')}>
              {u.tags.length ? (
                <ul class="tags" aria-label={t('profile.tags')}>
                  {u.tags.map((tag) => (
                    <li key={`${tag.name}:${tag.value ?? ''}`}>
                      {tagName(tag.name, t)}
                      {tag.value ? `: ${tagValue(tag.name, tag.value, t)}` : ''}
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="muted">{u.consentProfiling ? t('profile.noTagsYet') : t('profile.noTagsConsent')}</p>
              )}
              <h3>{t('profile.valueTier')}</h3>
              {u.value ? (
                <p>
                  {t('profile.valueLine', {
                    tier: t(`tags.tiers.${u.value.tier}`),
                    days: u.value.recencyDays.toFixed(0),
                    purchases: formatInt(u.value.frequency),
                    spent: u.value.monetary.toFixed(2),
                  })}
                </p>
              ) : (
                <p class="muted">{t('profile.noValue')}</p>
              )}
              <h3>{t('profile.churn')}</h3>
              {u.churnRisk ? (
                <>
                  <p>{t('profile.churnLine', { risk: formatShare(u.churnRisk.risk, 0) })}</p>
                  <ul class="reasons">
                    {u.churnRisk.reasons.map((r) => (
                      <li key={r.label}>{r.label}</li>
                    ))}
                  </ul>
                </>
              ) : (
                <p class="muted">{t('profile.notScored')}</p>
              )}
            </Panel>
            <Panel title={t('profile.interests')}>
              <BarChart
                title={t('profile.interestWeights')}
                unit="count"
                bars={u.interests.map((i) => ({
                  label: i.interest.name,
                  value: i.weight,
                  note: t(`tags.interestSources.${i.source}`, { defaultValue: i.source }),
                }))}
              />
            </Panel>
            <Panel title={t('profile.friends', { count: formatInt(u.friends.totalCount) })}>
              <ul class="tags">
                {u.friends.nodes.map((f) => (
                  <li key={f.id}>
                    <UserLink id={f.id} name={f.displayName} />
                  </li>
                ))}
              </ul>
            </Panel>
            <Panel title={t('profile.purchases', { count: formatInt(u.purchases.totalCount) })}>
              <Table
                columns={[t('profile.when'), t('communities.product'), t('profile.category'), t('profile.amount')]}
                rows={u.purchases.nodes.map((p) => [
                  formatDate(p.at),
                  p.product.name,
                  p.product.category ?? '–',
                  p.amount === null ? '–' : p.amount.toFixed(2),
                ])}
              />
            </Panel>
            <Panel title={t('profile.similar')}>
              <Table
                columns={[t('kols.user'), t('profile.why')]}
                rows={u.similarUsers.map((s) => [
                  <UserLink id={s.user.id} name={s.user.displayName} />,
                  s.reasons.map((r) => r.label).join(t('profile.reasonSeparator')),
                ])}
              />
            </Panel>
            <Panel title={t('profile.recommendations')}>
              <Table columns={[t('communities.product'), t('profile.why')]} rows={u.recommendations.map((r) => [r.product.name, r.reason])} />
            </Panel>
            {u.reviewSentiment ? <Reviews summary={u.reviewSentiment} /> : null}
          </div>
        </>
      ) : null}
    </>
  );
}

/** What a user's reviews say: the mean and its label, their topics, and the reviews behind the label with why each reads as it does. */
function Reviews({ summary }: { summary: NonNullable<NonNullable<ProfileData['user']>['reviewSentiment']> }) {
  const t = useT();
  return (
    <Panel title={t('profile.reviews', { count: formatInt(summary.reviews) })} wide>
      {summary.sentiment === null ? (
        <p class="muted">{t('profile.noReviewMean')}</p>
      ) : (
        <p>
          {t('profile.reviewLine', {
            mean: formatDecimal(summary.sentiment, 2),
            label: summary.label ? t(`profile.labels.${summary.label}`) : '–',
            topics: summary.topics.join(', ') || '–',
          })}
        </p>
      )}
      <Table
        caption={t('profile.reviewSources')}
        columns={[t('communities.product'), t('profile.review'), t('profile.rating'), t('profile.sentiment'), t('profile.why')]}
        rows={summary.sources.map((review) => [
          review.product.name,
          review.text,
          review.rating === null ? '–' : formatInt(review.rating),
          `${review.sentiment === null ? '–' : formatDecimal(review.sentiment, 2)} (${t(`profile.sentimentSources.${review.sentimentSource}`)})`,
          review.sentimentReasons.map((reason) => `${reason.word} ${reason.weight >= 0 ? '+' : '−'}${formatDecimal(Math.abs(reason.weight), 2)}`).join(', ') ||
            '–',
        ])}
      />
    </Panel>
  );
}
