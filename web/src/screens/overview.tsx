import { useEffect, useState } from 'preact/hooks';
import { useMutation, useQuery } from '../hooks.js';
import { useT } from '../i18n.js';
import { ErrorBox, formatDate, formatInt, formatRelative, Loading, Panel, Stat, Table } from '../ui.js';
import { OverviewDocument, RunAnalyticsDocument, type AnalyticsKind } from '../generated/operations.js';

const KINDS = ['INFLUENCE', 'COMMUNITIES', 'TAGS', 'RECOMMENDATIONS'] as const;

export function Overview() {
  const t = useT();
  const { data, error, loading, reload } = useQuery(OverviewDocument);
  const run = useMutation(RunAnalyticsDocument);
  const [kinds, setKinds] = useState<AnalyticsKind[]>([...KINDS]);
  const running = data?.analyticsJobs.some((job) => job.status === 'RUNNING') ?? false;
  // While a job runs the panel polls once a second; jobs live in the graph, so any replica answers.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, 1_000);
    return () => clearInterval(timer);
  }, [running, reload]);
  const o = data?.overview;
  return (
    <>
      <h1>{t('screens.overview')}</h1>
      <ErrorBox error={error} />
      <Loading when={loading && !data} />
      {o ? (
        <div class="grid">
          <Panel title={t('overview.graph')}>
            <div class="stats" data-testid="counts">
              <Stat label={t('overview.users')} value={formatInt(o.users)} />
              <Stat label={t('overview.products')} value={formatInt(o.products)} />
              <Stat label={t('overview.interests')} value={formatInt(o.interests)} />
              <Stat label={t('overview.communities')} value={formatInt(o.communities)} />
              <Stat label={t('overview.follows')} value={formatInt(o.follows)} />
              <Stat label={t('overview.purchases')} value={formatInt(o.purchases)} />
              <Stat label={t('overview.views')} value={formatInt(o.views)} />
              <Stat label={t('overview.ratings')} value={formatInt(o.ratings)} />
            </div>
            <h3>{t('overview.freshness')}</h3>
            <p>
              {t('overview.lastActivity')} <strong>{formatDate(o.lastActivityAt)}</strong>
              {o.lastActivityAt ? ` (${formatRelative(o.lastActivityAt)})` : ''}
              <br />
              {t('overview.lastImport')}{' '}
              {o.lastImport ? (
                <strong>
                  {o.lastImport.source}, {o.lastImport.status}, {formatDate(o.lastImport.finishedAt ?? o.lastImport.startedAt)} (
                  {t('overview.rows', { rows: formatInt(o.lastImport.rows) })})
                </strong>
              ) : (
                <strong>{t('overview.noImport')}</strong>
              )}
              <br />
              <span class="muted">
                Neo4j {data.health.neo4jVersion}, {data.health.gds ? t('overview.gds') : t('overview.noGds')}
              </span>
            </p>
          </Panel>
          <Panel title={t('overview.analytics')}>
            <form
              class="row"
              onSubmit={async (event) => {
                event.preventDefault();
                if (await run.run({ kinds })) reload();
              }}
            >
              <fieldset class="row">
                <legend>{t('overview.kinds')}</legend>
                {KINDS.map((kind) => (
                  <label key={kind}>
                    <input
                      type="checkbox"
                      checked={kinds.includes(kind)}
                      onChange={(e) => setKinds(e.currentTarget.checked ? [...kinds, kind] : kinds.filter((k) => k !== kind))}
                    />{' '}
                    {kind}
                  </label>
                ))}
              </fieldset>
              <button type="submit" disabled={run.running || kinds.length === 0}>
                {t('overview.run')}
              </button>
            </form>
            <ErrorBox error={run.error} />
            <Table
              caption={t('overview.jobs')}
              columns={[t('overview.started'), t('overview.kinds'), t('overview.status'), t('overview.progress')]}
              rows={data.analyticsJobs.map((job) => [
                formatDate(job.createdAt),
                job.kinds.join(', '),
                <span data-testid="job-status">{job.status}</span>,
                job.status === 'RUNNING' ? (
                  <span>
                    <progress value={job.progress} max={1} aria-label={t('overview.jobProgress', { id: job.id })} /> {job.phase}
                  </span>
                ) : (
                  (job.error ?? (job.finishedAt ? t('overview.done', { at: formatDate(job.finishedAt) }) : job.phase))
                ),
              ])}
            />
          </Panel>
        </div>
      ) : null}
    </>
  );
}
