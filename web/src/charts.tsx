/**
 * Charts, loaded on first use so the overview's first load stays small: Observable Plot
 * (plot-bars.ts) draws into a div; until it is loaded the same numbers show as a table-less
 * list, so nothing is hidden from a screen reader or a slow connection.
 */
import { useEffect, useRef } from 'preact/hooks';
import { currentLanguage, useT } from './i18n.js';
import type { Bar, UpliftPoint } from './chart-data.js';
import { barValue, formatDecimal } from './ui.js';

export type { Bar, UpliftPoint } from './chart-data.js';

export function BarChart({ bars, title, unit = 'share' }: { bars: Bar[]; title: string; unit?: 'share' | 'count' | 'index' }) {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    const target = host.current;
    if (!target || bars.length === 0) return;
    void import('./plot-bars.js').then(({ drawBars }) => {
      if (cancelled) return;
      target.replaceChildren(drawBars(bars, { title, unit, width: Math.max(260, target.clientWidth) }));
    });
    return () => {
      cancelled = true;
    };
  }, [JSON.stringify(bars), title, unit, currentLanguage()]);
  if (bars.length === 0) return <p class="muted">{t('charts.noData', { title })}</p>;
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div ref={host} class="chart-host">
        <ul class="chart-fallback">
          {bars.map((bar) => (
            <li key={bar.label}>
              {bar.label}: {barValue(bar.value, unit)}
            </li>
          ))}
        </ul>
      </div>
    </figure>
  );
}

export function UpliftChart({ points, title }: { points: UpliftPoint[]; title: string }) {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    const target = host.current;
    if (!target || points.length === 0) return;
    void import('./plot-uplift.js').then(({ drawUplift }) => {
      if (cancelled) return;
      const axes = { x: t('charts.daysSinceLaunch'), y: t('charts.upliftAxis') };
      target.replaceChildren(drawUplift(points, { title, axes, width: Math.max(260, target.clientWidth) }));
    });
    return () => {
      cancelled = true;
    };
  }, [JSON.stringify(points), title, currentLanguage()]);
  if (points.length === 0) return <p class="muted">{t('charts.noDays', { title })}</p>;
  const last = new Map(points.map((point) => [point.arm, point]));
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div ref={host} class="chart-host">
        <ul class="chart-fallback">
          {[...last.values()].map((point) => (
            <li key={point.arm}>{t('charts.armDay', { arm: point.arm, day: point.day, uplift: formatDecimal(point.uplift * 100, 2) })}</li>
          ))}
        </ul>
      </div>
    </figure>
  );
}
