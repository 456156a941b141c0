/**
 * Lifecycle stage and age band: derived at read time from stored facts, so they never go
 * stale. The same cut-offs feed the Cypher filter (users-page.cypher) through
 * `lifecycleCutoffs`, so the field and the filter cannot disagree.
 */
export type LifecycleStage = 'NEW' | 'ACTIVE' | 'DORMANT' | 'CHURNED';

const DAY_MS = 86_400_000;
export const NEW_DAYS = 30;
export const ACTIVE_DAYS = 30;
export const DORMANT_DAYS = 180;

export function lifecycleCutoffs(now: Date): { newSince: Date; activeSince: Date; dormantSince: Date } {
  return {
    newSince: new Date(now.getTime() - NEW_DAYS * DAY_MS),
    activeSince: new Date(now.getTime() - ACTIVE_DAYS * DAY_MS),
    dormantSince: new Date(now.getTime() - DORMANT_DAYS * DAY_MS),
  };
}

export function lifecycleStage(createdAt: string | null, lastActiveAt: string | null, now: Date): LifecycleStage {
  const { newSince, activeSince, dormantSince } = lifecycleCutoffs(now);
  if (createdAt !== null && new Date(createdAt) >= newSince) return 'NEW';
  if (lastActiveAt === null) return 'CHURNED';
  const last = new Date(lastActiveAt);
  if (last >= activeSince) return 'ACTIVE';
  if (last >= dormantSince) return 'DORMANT';
  return 'CHURNED';
}

/** Marketing age bands: under 18, 18-24, 25-34, 35-44, 45-54, 55-64, 65+. */
export function ageBand(birthYear: number | null, now: Date): string | null {
  if (birthYear === null) return null;
  const age = now.getUTCFullYear() - birthYear;
  if (age < 0 || age > 130) return null;
  if (age < 18) return 'under 18';
  if (age < 25) return '18-24';
  if (age >= 65) return '65+';
  const low = Math.floor((age - 5) / 10) * 10 + 5;
  return `${low}-${low + 9}`;
}
