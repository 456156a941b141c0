import * as Plot from '@observablehq/plot';
import { formatDecimal } from './ui.js';
import type { UpliftPoint } from './chart-data.js';

/**
 * Each arm's uplift day by day with its always-valid band (valid at every look, so a marketer
 * can watch it daily), and the 0 line: an arm has won once its band leaves 0 behind.
 */
export function drawUplift(points: UpliftPoint[], options: { title: string; axes: { x: string; y: string }; width: number }): Element {
  // A difference of two rates lies in [−1, 1]: an early look's band (or an unbounded end) is drawn to there.
  const clip = (value: number | null, fallback: number) => Math.max(-1, Math.min(1, value ?? fallback));
  const bounded = points.map((point) => ({ ...point, low: clip(point.low, -1), high: clip(point.high, 1) }));
  const chart = Plot.plot({
    width: options.width,
    height: 260,
    marginLeft: 56,
    x: { label: options.axes.x, tickFormat: 'd' },
    y: { label: options.axes.y, grid: true, tickFormat: (value: number) => formatDecimal(value * 100, 1) },
    color: { legend: true },
    style: { fontSize: '12px', color: '#1d2433', background: 'transparent' },
    ariaLabel: options.title,
    marks: [
      Plot.areaY(bounded, { x: 'day', y1: 'low', y2: 'high', fill: 'arm', fillOpacity: 0.15 }),
      Plot.lineY(points, { x: 'day', y: 'uplift', stroke: 'arm', marker: 'dot' }),
      Plot.ruleY([0], { stroke: '#b3261e', strokeDasharray: '4,3' }),
    ],
  });
  for (const group of chart.querySelectorAll('g[aria-label]')) group.setAttribute('role', 'group');
  return chart;
}
