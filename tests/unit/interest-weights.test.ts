import { describe, expect, it } from 'vitest';
import { applySignals, baseSignal, decayAndAdd, HALF_LIFE_DAYS } from '../../src/activity/index.js';

const DAY = 86_400_000;
const t0 = new Date('2026-01-01T00:00:00Z');
const after = (days: number) => new Date(t0.getTime() + days * DAY);

describe('interest weights', () => {
  it('halves every half-life and adds the new signal', () => {
    const state = decayAndAdd({ weight: 8, updatedAt: t0 }, 1, after(HALF_LIFE_DAYS));
    expect(state.weight).toBeCloseTo(5, 10);
    expect(state.updatedAt).toEqual(after(HALF_LIFE_DAYS));
    expect(decayAndAdd({ weight: 8, updatedAt: t0 }, 0, after(2 * HALF_LIFE_DAYS)).weight).toBeCloseTo(2, 10);
  });

  it('adds a late event already decayed, keeping the newer timestamp', () => {
    const state = decayAndAdd({ weight: 1, updatedAt: after(HALF_LIFE_DAYS) }, 4, t0);
    expect(state.weight).toBeCloseTo(3, 10);
    expect(state.updatedAt).toEqual(after(HALF_LIFE_DAYS));
  });

  it('never goes below zero, so bad ratings cannot make negative interest', () => {
    expect(baseSignal('RATE', 1)).toBe(-2);
    expect(decayAndAdd({ weight: 1, updatedAt: t0 }, -2, t0).weight).toBe(0);
    expect(decayAndAdd({ weight: 0, updatedAt: null }, -2, t0).weight).toBe(0);
  });

  it('applies signals in time order over product tags and reports only changed weights', () => {
    const tags = new Map([
      [
        'p1',
        [
          { interestId: 'jazz', weight: 1 },
          { interestId: 'vinyl', weight: 0.5 },
        ],
      ],
      ['p2', []],
    ]);
    const signals = [
      { userId: 'u', productId: 'p1', at: after(HALF_LIFE_DAYS), base: baseSignal('VIEW', null) },
      { userId: 'u', productId: 'p1', at: t0, base: baseSignal('PURCHASE', null) },
      { userId: 'u', productId: 'p2', at: t0, base: 5 },
    ];
    const changed = applySignals(new Map(), tags, signals);
    expect([...changed.values()].map(({ interestId, weight }) => [interestId, weight])).toEqual([
      ['jazz', 5 * 0.5 + 1],
      ['vinyl', 2.5 * 0.5 + 0.5],
    ]);
  });
});
