/**
 * What the charts draw, apart from the components: the Plot modules (plot-bars.ts,
 * plot-uplift.ts) are loaded on first use by charts.tsx and need these types without importing
 * charts.tsx back.
 */
export interface Bar {
  label: string;
  value: number;
  /** Shown after the bar, e.g. "TGI 140". */
  note?: string;
}

/** One arm on one day: its uplift and always-valid band (null ends: unbounded so far). */
export interface UpliftPoint {
  arm: string;
  day: number;
  uplift: number;
  low: number | null;
  high: number | null;
}
