import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone } from '../../src/graphql/auth.js';
import { ageBand, lifecycleStage } from '../../src/profiles/index.js';

const now = new Date('2026-06-15T00:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();

describe('derived profile tags', () => {
  it('puts users in lifecycle stages by creation and last activity', () => {
    expect(lifecycleStage(daysAgo(5), null, now)).toBe('NEW');
    expect(lifecycleStage(daysAgo(400), daysAgo(2), now)).toBe('ACTIVE');
    expect(lifecycleStage(daysAgo(400), daysAgo(90), now)).toBe('DORMANT');
    expect(lifecycleStage(daysAgo(400), daysAgo(200), now)).toBe('CHURNED');
    expect(lifecycleStage(daysAgo(400), null, now)).toBe('CHURNED');
  });

  it('bands ages the way marketing reports do', () => {
    expect(ageBand(2010, now)).toBe('under 18');
    expect(ageBand(2004, now)).toBe('18-24');
    expect(ageBand(2001, now)).toBe('25-34');
    expect(ageBand(1990, now)).toBe('35-44');
    expect(ageBand(1961, now)).toBe('65+');
    expect(ageBand(null, now)).toBeNull();
    expect(ageBand(2100, now)).toBeNull();
  });

  it('masks PII but keeps what analysis needs', () => {
    expect(maskEmail('ana.lopez@example.com')).toBe('a***@example.com');
    expect(maskEmail('broken')).toBe('***');
    expect(maskPhone('+447912345678')).toBe('+44********78');
    expect(maskPhone(null)).toBeNull();
  });
});
