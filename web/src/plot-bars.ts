import * as Plot from '@observablehq/plot';
import { barValue, formatShare } from './ui.js';
import type { Bar } from './chart-data.js';

/** Horizontal bars, largest first, labelled; `index` charts draw the 100 line (TGI's "as usual"). */
export function drawBars(bars: Bar[], options: { title: string; unit: 'share' | 'count' | 'index'; width: number }): Element {
  const height = 28 + bars.length * 24;
  const marks: Plot.Markish[] = [
    Plot.barX(bars, { x: 'value', y: 'label', fill: '#3b6ea5', sort: { y: '-x' } }),
    Plot.text(bars, {
      x: 'value',
      y: 'label',
      text: (bar: Bar) => barValue(bar.value, options.unit) + (bar.note ? ` ${bar.note}` : ''),
      dx: 4,
      textAnchor: 'start',
      fill: '#1d2433',
    }),
    Plot.ruleX([0]),
  ];
  if (options.unit === 'index') marks.push(Plot.ruleX([100], { stroke: '#b3261e', strokeDasharray: '4,3' }));
  const chart = Plot.plot({
    width: options.width,
    height,
    marginLeft: 140,
    marginRight: bars.some((bar) => bar.note) ? 130 : 60,
    x: { label: null, tickFormat: options.unit === 'share' ? (value: number) => formatShare(value, 0) : undefined, grid: true },
    y: { label: null },
    style: { fontSize: '12px', color: '#1d2433', background: 'transparent' },
    ariaLabel: options.title,
    marks,
  });
  // Plot labels each mark's <g> ("bar", "rule") without a role, which ARIA does not allow on a
  // plain g: as groups, screen readers announce them and the labels are valid.
  for (const group of chart.querySelectorAll('g[aria-label]')) group.setAttribute('role', 'group');
  return chart;
}
