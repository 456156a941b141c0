/**
 * A demo graph seeded on a fresh `npm start` gets every analysis once, in the background: the
 * KOLs, Communities and tag screens have something to show by the time someone opens them,
 * and the overview shows the job meanwhile (it is an ordinary job, recorded in the graph, that
 * a Ctrl-C records as interrupted). DEMO_ANALYTICS=false leaves it to the overview's button.
 */
import type { Logger } from '../logger.js';
import type { AnalyticsEngine } from './engine.js';
import type { AnalyticsJob, AnalyticsKind } from './jobs.js';

const EVERY_KIND: readonly AnalyticsKind[] = ['INFLUENCE', 'COMMUNITIES', 'TAGS', 'RECOMMENDATIONS'];

/** Starts the job and resolves with it once it has ended; null when it could not start (logged, never thrown: the API serves anyway). */
export async function analyseSeededGraph(analytics: AnalyticsEngine, logger: Logger): Promise<AnalyticsJob | null> {
  try {
    const { job, done } = await analytics.request({ kinds: EVERY_KIND });
    logger.info(
      { jobId: job.id, kinds: job.kinds, backend: job.backend },
      'demo graph seeded: running its analytics once in the background (the overview shows the job)',
    );
    const ended = await done;
    logger.info({ jobId: ended.id, status: ended.status }, 'first analytics of the demo graph ended');
    return ended;
  } catch (error) {
    logger.warn({ err: error }, 'the demo graph’s first analytics did not run; start them from the overview');
    return null;
  }
}
