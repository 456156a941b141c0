/**
 * Funnels: how many users of a group go through ordered steps (view a category, then buy in
 * it, …) within a time, with conversion and the median time between steps. One statement over
 * the event log whatever the number of steps or users (cypher/funnels/funnel.cypher).
 * k-anonymity as for portraits: a step fewer than `minGroupSize` users reached shows no count.
 */
import type { Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { Db } from '../db/db.js';
import { int, toSafeNumber } from '../db/values.js';
import { BadInputError } from '../errors.js';
import type { PortraitGroup } from '../portraits/index.js';
import { NO_SAMPLING, scaled, sizeEstimate, withRule, type CompiledRule, type Sampling, type SegmentRule, type SizeEstimate } from '../segments/index.js';

export type FunnelEventKind = 'VIEW' | 'PURCHASE' | 'RATE' | 'REVIEW';

export interface FunnelStepSpec {
  kind: FunnelEventKind;
  productId?: string | null;
  interestId?: string | null;
  category?: string | null;
}

export interface FunnelStepResult extends FunnelStepSpec {
  position: number;
  users: number | null;
  conversion: number | null;
  overallConversion: number | null;
  medianSecondsFromPrevious: number | null;
}

export interface FunnelResult {
  since: Date;
  until: Date;
  within: string;
  steps: FunnelStepResult[];
  minGroupSize: number;
  /** How step 1's count was estimated, when the funnel read a sample of users; null: exact. */
  estimate: SizeEstimate | null;
}

export interface FunnelRequest {
  steps: readonly FunnelStepSpec[];
  within: string;
  withinMs: number;
  since: Date;
  until: Date;
  /** null: every user with profiling consent. */
  group: PortraitGroup | null;
}

type StepParam = { kind: string; productId: string | null; interestId: string | null; category: string | null };
type FunnelRow = { position: Integer; users: Integer; medianSeconds: number | null };
type FunnelParams = {
  steps: StepParam[];
  firstKind: string;
  laterKinds: string[];
  sinceMs: Integer;
  untilMs: Integer;
  withinMs: Integer;
  reachableOnly: boolean;
};
const funnelQuery = cypher<FunnelRow, FunnelParams>('funnels/funnel');
/** The same over the users of a uniform sample (segments/sampling.ts). */
const sampledFunnelQuery = cypher<FunnelRow, FunnelParams & { sampleFraction?: number }>('funnels/funnel-sampled');

export const FUNNEL_LIMITS = { maxSteps: 8, maxWithinMs: 366 * 86_400_000, defaultSinceMs: 30 * 86_400_000 } as const;

/** Everyone the funnel may count when no group is given (the template adds profiling consent). */
const EVERYONE: CompiledRule = { predicate: 'true', params: {} };

export class FunnelsService {
  constructor(
    private readonly db: Db,
    private readonly compile: (rule: SegmentRule) => Promise<CompiledRule>,
    private readonly minGroupSize: number,
    private readonly sampling: Sampling = NO_SAMPLING,
  ) {}

  async funnel(request: FunnelRequest): Promise<FunnelResult> {
    const { steps, since, until, withinMs, group } = request;
    checkRequest(request);
    const rule = group ? await this.compile(group.rule) : EVERYONE;
    const params: StepParam[] = steps.map((step) => ({
      kind: step.kind,
      productId: step.productId ?? null,
      interestId: step.interestId ?? null,
      category: step.category ?? null,
    }));
    const run = (fraction: number | null) => {
      const template = fraction === null ? funnelQuery : sampledFunnelQuery;
      return this.db.query(withRule(template, rule), {
        ...rule.params,
        steps: params,
        firstKind: steps[0]?.kind ?? 'VIEW',
        laterKinds: [...new Set(steps.slice(1).map((step) => step.kind))],
        sinceMs: int(since.getTime()),
        untilMs: int(until.getTime()),
        withinMs: int(withinMs),
        reachableOnly: group?.reachableOnly ?? false,
        ...(fraction === null ? {} : { sampleFraction: fraction }),
      });
    };
    const countsOf = (rows: Awaited<ReturnType<typeof run>>) =>
      steps.map((_, index) => toSafeNumber(rows.find((row) => toSafeNumber(row.position) === index)?.users ?? 0));
    // Everyone, or a group given as a rule, over a large population: a uniform sample of users
    // (segments/sampling.ts), counted exactly when too few of them enter.
    let fraction = group === null || group.sampled ? await this.sampling.fraction() : null;
    let rows = await run(fraction);
    if (fraction !== null && (countsOf(rows)[0] ?? 0) < this.sampling.minMembers) {
      fraction = null;
      rows = await run(null);
    }
    const counts = countsOf(rows);
    // Below k a count is hidden, 0 included ("none of these 3 users bought" is about each of
    // them); k = 1 turns hiding off. Judged on the counts as read (the sample's when sampled).
    const shown = (index: number): number | null => {
      const users = counts[index] ?? 0;
      if (!(users >= this.minGroupSize || this.minGroupSize <= 1)) return null;
      return fraction === null ? users : scaled(users, fraction);
    };
    const ratio = (part: number | null, whole: number | null) => (part === null || whole === null || whole === 0 ? null : part / whole);
    return {
      since,
      until,
      within: request.within,
      minGroupSize: this.minGroupSize,
      estimate: fraction === null ? null : sizeEstimate(counts[0] ?? 0, fraction, await this.sampling.sampledUsers(fraction)),
      steps: steps.map((step, index) => {
        const users = shown(index);
        const median = rows.find((row) => toSafeNumber(row.position) === index)?.medianSeconds ?? null;
        return {
          ...step,
          position: index + 1,
          users,
          conversion: index === 0 ? null : ratio(users, shown(index - 1)),
          overallConversion: ratio(users, shown(0)),
          medianSecondsFromPrevious: index === 0 || users === null ? null : median,
        };
      }),
    };
  }
}

function checkRequest({ steps, since, until, withinMs }: FunnelRequest): void {
  if (steps.length === 0 || steps.length > FUNNEL_LIMITS.maxSteps) {
    throw new BadInputError(`A funnel has 1 to ${FUNNEL_LIMITS.maxSteps} steps; got ${steps.length}.`, { argument: 'steps' });
  }
  for (const [index, step] of steps.entries()) {
    const narrowed = [step.productId, step.interestId, step.category].filter((value) => value !== null && value !== undefined);
    if (narrowed.length > 1) {
      throw new BadInputError(`Step ${index + 1} names more than one of productId, interestId, category; give at most one.`, {
        argument: `steps[${index}]`,
      });
    }
  }
  if (withinMs <= 0 || withinMs > FUNNEL_LIMITS.maxWithinMs) {
    throw new BadInputError('within must be more than 0 and at most 366 days.', { argument: 'within' });
  }
  if (since.getTime() >= until.getTime()) throw new BadInputError('since must be before until.', { argument: 'since' });
}
