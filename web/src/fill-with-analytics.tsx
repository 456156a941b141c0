/**
 * What an empty analytics screen says: which analysis fills it, and the action one click away —
 * run it now, or, when a job with that analysis is running (the first run after the demo graph
 * is seeded, say), its progress, read again every few seconds; `onFilled` reloads the screen
 * once it has ended.
 */
import { useEffect, useRef } from 'preact/hooks';
import { useMutation, useQuery } from './hooks.js';
import { useT } from './i18n.js';
import { ErrorBox, formatShare } from './ui.js';
import { AnalyticsJobsForEmptyScreenDocument, RunAnalyticsFromEmptyScreenDocument } from './generated/operations.js';

type Kind = 'INFLUENCE' | 'COMMUNITIES' | 'TAGS' | 'RECOMMENDATIONS';

export function FillWithAnalytics({ kinds, what, onFilled }: { kinds: Kind[]; what: 'kols' | 'communities'; onFilled: () => void }) {
  const t = useT();
  const named = kinds.join(t('emptyAnalytics.and'));
  const jobs = useQuery(AnalyticsJobsForEmptyScreenDocument);
  const run = useMutation(RunAnalyticsFromEmptyScreenDocument);
  const running = jobs.data?.analyticsJobs.find((job) => job.status === 'RUNNING' && job.kinds.some((kind) => kinds.includes(kind)));
  const wasRunning = useRef(false);
  useEffect(() => {
    if (running) {
      wasRunning.current = true;
      const timer = setInterval(jobs.reload, 3_000);
      return () => clearInterval(timer);
    }
    if (wasRunning.current) {
      wasRunning.current = false;
      onFilled();
    }
    return undefined;
  }, [running?.id, running?.progress]);
  return (
    <div class="muted" role="status">
      <p>
        {t('emptyAnalytics.notRun', { what: t(`emptyAnalytics.what.${what}`), kinds: named })}{' '}
        {running ? (
          <>
            {t('emptyAnalytics.running', { progress: formatShare(running.progress, 0), phase: running.phase ? `, ${running.phase}` : '' })}{' '}
            <a href="#/overview">{t('emptyAnalytics.seeJob')}</a>
          </>
        ) : null}
      </p>
      {running ? null : (
        <p>
          <button type="button" disabled={run.running || jobs.loading} onClick={() => void run.run({ kinds }).then((started) => started && jobs.reload())}>
            {run.running ? t('emptyAnalytics.starting') : t('emptyAnalytics.run', { kinds: named })}
          </button>
        </p>
      )}
      <ErrorBox error={run.error} />
    </div>
  );
}
