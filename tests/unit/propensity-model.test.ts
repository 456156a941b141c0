import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../src/lib/logistic.js';
import { fitPropensity, propensityExamples, scorePropensity } from '../../src/tags/propensity-model.js';

const DAY = 86_400_000;
const cutoff = Date.parse('2026-06-01T00:00:00Z');

describe('purchase propensity model', () => {
  it('reads the factors of each category engaged with in the 90 days up to the cutoff, and the label after it', () => {
    const examples = propensityExamples(
      [
        { kind: 'VIEW', category: 'music', interests: [], at: cutoff - DAY },
        { kind: 'PURCHASE', category: 'music', interests: [], at: cutoff - 20 * DAY },
        { kind: 'VIEW', category: 'sport', interests: [], at: cutoff - 100 * DAY }, // before the history window
        { kind: 'PURCHASE', category: 'music', interests: [], at: cutoff + 3 * DAY }, // the label
        { kind: 'PURCHASE', category: 'sport', interests: [], at: cutoff + 3 * DAY }, // sport was not engaged with: no example
      ],
      cutoff,
      14 * DAY,
    );
    expect(examples).toHaveLength(1);
    const [music] = examples;
    expect(music?.group).toBe('music');
    expect(music?.bought).toBe(true);
    expect(music?.factors).toEqual([
      Math.log1p(1), // views in 7 days
      Math.log1p(1), // views in 30 days
      Math.log1p(1), // purchases in 90 days
      -Math.log1p(1), // last event a day ago
      1, // the view came after the purchase: open
      Math.log1p(2), // events in 30 days
      1 / 3, // no view followed by a purchase: (0 + 1) / (1 + 2)
    ]);
  });

  it('per interest: one example per interest of the products engaged with, each labelled by purchases holding it', () => {
    const events = [
      { kind: 'VIEW', category: 'music', interests: ['jazz', 'vinyl'], at: cutoff - 2 * DAY },
      { kind: 'VIEW', category: 'music', interests: ['vinyl'], at: cutoff - DAY },
      { kind: 'PURCHASE', category: 'music', interests: ['vinyl', 'rock'], at: cutoff + 2 * DAY }, // labels vinyl only
    ];
    const examples = propensityExamples(events, cutoff, 14 * DAY, 'interest');
    expect(examples.map((example) => [example.group, example.bought, example.events90])).toEqual([
      ['jazz', false, 1],
      ['vinyl', true, 2],
    ]);
    // The same events per category: one example.
    expect(propensityExamples(events, cutoff, 14 * DAY).map((example) => example.group)).toEqual(['music']);
  });

  it('fits weights that rank what was bought first, and refuses to fit on too few purchases', () => {
    const example = (recent: number, bought: boolean) => ({
      group: 'c',
      factors: [recent, 0, 0, recent, 0, 0, 0],
      events90: 1,
      recencyDays: 1,
      bought,
    });
    const examples = Array.from({ length: 200 }, (_, i) => example(i % 10, i % 10 >= 7 && i % 3 !== 0));
    const model = fitPropensity(examples);
    expect(model).not.toBeNull();
    const scores = examples.map((entry) => (model ? scorePropensity(model, entry.factors).probability : 0));
    expect(
      rocAuc(
        scores,
        examples.map((entry) => entry.bought),
      ),
    ).toBeGreaterThan(0.9);
    expect(model && scorePropensity(model, [9, 0, 0, 9, 0, 0, 0]).reasons).toEqual(expect.arrayContaining(['VIEWS_7D']));
    expect(fitPropensity(examples.slice(0, 10))).toBeNull();
  });

  it('computes ROC AUC with ties counted half', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
    expect(rocAuc([0.5, 0.5], [false, true])).toBe(0.5);
  });
});
