/**
 * Charts, loaded on first use so the overview's first load stays small: Observable Plot
 * (plot-bars.ts) draws into a div; until it is loaded the same numbers show as a table-less
 * list, so nothing is hidden from a screen reader or a slow connection.
 */
import { useEffect, useRef } from 'preact/hooks';

export interface Bar {
  label: string;
  value: number;
  /** Shown after the bar, e.g. "TGI 140". */
  note?: string;
}

export function BarChart({ bars, title, unit = 'share' }: { bars: Bar[]; title: string; unit?: 'share' | 'count' | 'index' }) {
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
  }, [JSON.stringify(bars), title, unit]);
  if (bars.length === 0) return <p class="muted">{title}: no data (or every bucket is under the k-anonymity threshold).</p>;
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div ref={host} class="chart-host">
        <ul class="chart-fallback">
          {bars.map((bar) => (
            <li key={bar.label}>
              {bar.label}: {unit === 'share' ? `${(bar.value * 100).toFixed(1)}%` : bar.value.toFixed(unit === 'index' ? 0 : 2)}
            </li>
          ))}
        </ul>
      </div>
    </figure>
  );
}

/** One arm on one day: its uplift and always-valid band (null ends: unbounded so far). */
export interface UpliftPoint {
  arm: string;
  day: number;
  uplift: number;
  low: number | null;
  high: number | null;
}

export function UpliftChart({ points, title }: { points: UpliftPoint[]; title: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    const target = host.current;
    if (!target || points.length === 0) return;
    void import('./plot-uplift.js').then(({ drawUplift }) => {
      if (cancelled) return;
      target.replaceChildren(drawUplift(points, { title, width: Math.max(260, target.clientWidth) }));
    });
    return () => {
      cancelled = true;
    };
  }, [JSON.stringify(points), title]);
  if (points.length === 0) return <p class="muted">{title}: no day has ended since the launch yet.</p>;
  const last = new Map(points.map((point) => [point.arm, point]));
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div ref={host} class="chart-host">
        <ul class="chart-fallback">
          {[...last.values()].map((point) => (
            <li key={point.arm}>
              {point.arm}, day {point.day}: {(point.uplift * 100).toFixed(2)} pp
            </li>
          ))}
        </ul>
      </div>
    </figure>
  );
}
