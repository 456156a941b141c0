/** A group portrait (who is in it, what over-indexes): the same shape for communities, segments, previews and lookalikes. */
import { BarChart } from './charts.js';
import { formatInt } from './ui.js';

export interface PortraitData {
  size: number;
  suppressed: boolean;
  minBucketSize: number;
  distributions: { dimension: string; buckets: { value: string; share: number; users: number }[]; suppressedBuckets: number }[];
  topInterests: { traits: { name: string; share: number; tgi: number }[] };
}

/** The portrait's fields, to splice into a query (a fragment without the fragment machinery). */
export const PORTRAIT_FIELDS = `size suppressed minBucketSize
  distributions(dimensions: [AGE_BAND, GENDER, REGION, LIFECYCLE, VALUE_TIER]) { dimension buckets { value share users } suppressedBuckets }
  topInterests(first: 8) { traits { name share tgi } }`;

const DIMENSION_NAMES: Record<string, string> = {
  AGE_BAND: 'Age band',
  GENDER: 'Gender',
  REGION: 'Region',
  LIFECYCLE: 'Lifecycle',
  VALUE_TIER: 'Value tier',
  OCCUPATION: 'Occupation',
  CHURN_RISK: 'Churn risk',
};

export function Portrait({ portrait, label }: { portrait: PortraitData; label: string }) {
  if (portrait.suppressed) {
    return (
      <p class="muted">
        {label}: {formatInt(portrait.size)} people, under the k-anonymity threshold of {portrait.minBucketSize}: no breakdown shown.
      </p>
    );
  }
  return (
    <div>
      <p>
        {label}: <strong>{formatInt(portrait.size)}</strong> people (buckets under {portrait.minBucketSize} people are hidden).
      </p>
      <BarChart
        title="Top interests, TGI (100 = as in the whole population)"
        unit="index"
        bars={portrait.topInterests.traits.map((t) => ({ label: t.name, value: t.tgi, note: `(${(t.share * 100).toFixed(0)}%)` }))}
      />
      {portrait.distributions.map((d) => (
        <BarChart key={d.dimension} title={DIMENSION_NAMES[d.dimension] ?? d.dimension} bars={d.buckets.map((b) => ({ label: b.value, value: b.share }))} />
      ))}
    </div>
  );
}
