/** A group portrait (who is in it, what over-indexes): the same shape for communities, segments, previews and lookalikes. */
import { BarChart } from './charts.js';
import { useT } from './i18n.js';
import { formatInt } from './ui.js';
import type { PortraitFieldsFragment } from './generated/operations.js';

type PortraitData = PortraitFieldsFragment;

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
