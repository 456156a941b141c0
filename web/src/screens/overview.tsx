import { useEffect, useState } from 'preact/hooks';
import { useMutation, useQuery } from '../hooks.js';
import { ErrorBox, formatDate, formatInt, Loading, Panel, Stat, Table } from '../ui.js';

interface Job {
  id: string;
  kinds: string[];
  backend: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  progress: number;
  phase: string;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
}
interface OverviewData {
  overview: {
    users: number;
    products: number;
    interests: number;
    communities: number;
    follows: number;
    purchases: number;
    views: number;
    ratings: number;
    lastActivityAt: string | null;
    lastImport: { source: string; status: string; startedAt: string; finishedAt: string | null; rows: number | null } | null;
  };
  analyticsJobs: Job[];
  health: { neo4jVersion: string; gds: boolean };
}

const JOB = 'id kinds backend status progress phase createdAt finishedAt error';
const OVERVIEW = `query Overview {
  overview { users products interests communities follows purchases views ratings lastActivityAt lastImport { source status startedAt finishedAt rows } }
  analyticsJobs(first: 5) { ${JOB} }
  health { neo4jVersion gds }
}`;
const RUN = `mutation RunAnalytics($kinds: [AnalyticsKind!]!) { runAnalytics(kinds: $kinds) { ${JOB} } }`;
const KINDS = ['INFLUENCE', 'COMMUNITIES', 'TAGS', 'RECOMMENDATIONS'] as const;

export function Overview() {
  const { data, error, loading, reload } = useQuery<OverviewData>(OVERVIEW);
  const run = useMutation<{ runAnalytics: Job }>(RUN);
  const [kinds, setKinds] = useState<string[]>([...KINDS]);
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
      <h1>Overview</h1>
      <ErrorBox error={error} />
      <Loading when={loading && !data} />
      {o ? (
        <div class="grid">
          <Panel title="The graph">
            <div class="stats" data-testid="counts">
              <Stat label="users" value={formatInt(o.users)} />
              <Stat label="products" value={formatInt(o.products)} />
              <Stat label="interests" value={formatInt(o.interests)} />
              <Stat label="communities" value={formatInt(o.communities)} />
              <Stat label="follows" value={formatInt(o.follows)} />
              <Stat label="purchases" value={formatInt(o.purchases)} />
              <Stat label="products viewed" value={formatInt(o.views)} />
              <Stat label="ratings" value={formatInt(o.ratings)} />
            </div>
            <h3>Freshness</h3>
            <p>
              Last activity: <strong>{formatDate(o.lastActivityAt)}</strong>
              <br />
              Last import:{' '}
              {o.lastImport ? (
                <strong>
                  {o.lastImport.source}, {o.lastImport.status}, {formatDate(o.lastImport.finishedAt ?? o.lastImport.startedAt)} ({formatInt(o.lastImport.rows)}{' '}
                  rows)
                </strong>
              ) : (
                <strong>none yet</strong>
              )}
              <br />
              <span class="muted">
                Neo4j {data.health.neo4jVersion}, {data.health.gds ? 'Graph Data Science available' : 'no Graph Data Science (analytics run in-process)'}
              </span>
            </p>
          </Panel>
          <Panel title="Analytics">
            <form
              class="row"
              onSubmit={async (event) => {
                event.preventDefault();
                if (await run.run({ kinds })) reload();
              }}
            >
              <fieldset class="row">
                <legend>Kinds</legend>
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
                Run analytics
              </button>
            </form>
            <ErrorBox error={run.error} />
            <Table
              caption="Most recent jobs"
              columns={['Started', 'Kinds', 'Status', 'Progress']}
              rows={data.analyticsJobs.map((job) => [
                formatDate(job.createdAt),
                job.kinds.join(', '),
                <span data-testid="job-status">{job.status}</span>,
                job.status === 'RUNNING' ? (
                  <span>
                    <progress value={job.progress} max={1} aria-label={`job ${job.id} progress`} /> {job.phase}
                  </span>
                ) : (
                  (job.error ?? (job.finishedAt ? `done ${formatDate(job.finishedAt)}` : job.phase))
                ),
              ])}
            />
          </Panel>
        </div>
      ) : null}
    </>
  );
}
