/** A group portrait (who is in it, what over-indexes): the same shape for communities, segments, previews and lookalikes. */
import { BarChart } from './charts.js';
import { useT } from './i18n.js';
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

const DIMENSIONS = ['AGE_BAND', 'GENDER', 'REGION', 'LIFECYCLE', 'VALUE_TIER', 'OCCUPATION', 'CHURN_RISK'];

export function Portrait({ portrait, label }: { portrait: PortraitData; label: string }) {
  const t = useT();
  if (portrait.suppressed) {
    return <p class="muted">{t('portrait.suppressed', { label, size: formatInt(portrait.size), threshold: portrait.minBucketSize })}</p>;
  }
  return (
    <div>
      <p>
        {label}: <strong>{formatInt(portrait.size)}</strong> {t('portrait.people', { threshold: portrait.minBucketSize })}
      </p>
      <BarChart
        title={t('portrait.topInterests')}
        unit="index"
        bars={portrait.topInterests.traits.map((trait) => ({ label: trait.name, value: trait.tgi, note: `(${(trait.share * 100).toFixed(0)}%)` }))}
      />
      {portrait.distributions.map((d) => (
        <BarChart
          key={d.dimension}
          title={DIMENSIONS.includes(d.dimension) ? t(`portrait.dimensions.${d.dimension}`) : d.dimension}
          bars={d.buckets.map((b) => ({ label: b.value, value: b.share }))}
        />
      ))}
    </div>
  );
}
