/** Small shared pieces: error and loading states, number formats, a page header, a data table. */
import type { ComponentChildren } from 'preact';
import type { ApiError } from './api.js';
import i18next from 'i18next';
import { currentLanguage, useT } from './i18n.js';

/** Intl's locale for numbers and for dates in the dashboard's language (English keeps 1,234 and 6 Dec 2026). */
const numberLocale = () => (currentLanguage() === 'zh-CN' ? 'zh-CN' : 'en-US');
const dateLocale = () => (currentLanguage() === 'zh-CN' ? 'zh-CN' : 'en-GB');

export const formatInt = (value: number | null | undefined) => (value === null || value === undefined ? '–' : value.toLocaleString(numberLocale()));
export const formatShare = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined
    ? '–'
    : value.toLocaleString(numberLocale(), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
/** A decimal in the dashboard's locale, with `digits` after the point. */
export const formatDecimal = (value: number, digits: number) =>
  value.toLocaleString(numberLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A chart bar's value as its label reads: a share, an index (TGI) or a plain number. */
export const barValue = (value: number, unit: 'share' | 'count' | 'index') =>
  unit === 'share' ? formatShare(value) : formatDecimal(value, unit === 'index' ? 0 : 2);

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 minutes ago", "3分钟前": how long ago, in the largest whole unit, by Intl for the locale. */
export function formatRelative(value: string | null | undefined, now = Date.now()): string {
  if (!value) return '–';
  const elapsed = new Date(value).getTime() - now;
  const format = new Intl.RelativeTimeFormat(numberLocale(), { numeric: 'auto' });
  for (const [unit, ms] of RELATIVE_UNITS) {
    if (Math.abs(elapsed) >= ms) return format.format(Math.round(elapsed / ms), unit);
  }
  return format.format(0, 'minute');
}
export const formatDate = (value: string | null | undefined) =>
  value ? new Date(value).toLocaleString(dateLocale(), { dateStyle: 'medium', timeStyle: 'short' }) : '–';

/** A coded API error, readable: the code says what kind of problem, the message what to do. */
/** Community ids are `<run id>-<index>`: the index is what people can read and say ("community 3"). */
export const communityLabel = (id: string) => {
  const index = /-(\d+)$/.exec(id)?.[1];
  return index === undefined ? id : i18next.t('communities.label', { index });
};

/**
 * A coded API error: the code (what clients branch on) stays visible; in Chinese a sentence
 * from the catalogue says what kind of problem it is, before the API's own message (English,
 * marked as such for screen readers).
 */
export function ErrorBox({ error }: { error: ApiError | null }) {
  const t = useT();
  if (!error) return null;
  const sentence = currentLanguage() === 'en' ? null : t(`errors.${error.code}`, { defaultValue: '' });
  return (
    <div class="error" role="alert">
      <strong>{error.code}</strong> {sentence ? <span>{sentence} </span> : null}
      <span lang="en">{error.message}</span>
      {error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN' ? <span> {t('errors.setKey')}</span> : null}
    </div>
  );
}

export function Loading({ when }: { when: boolean }) {
  return when ? (
    <p class="muted" aria-live="polite">
      Loading…
    </p>
  ) : null;
}

/** `wide`: the whole row of the grid (a table of many columns, a chart over time). */
export function Panel({ title, children, actions, wide = false }: { title: string; children: ComponentChildren; actions?: ComponentChildren; wide?: boolean }) {
  return (
    <section class={wide ? 'panel wide' : 'panel'} aria-label={title}>
      <header class="panel-head">
        <h2>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div class="stat">
      <span class="stat-value">{value}</span>
      <span class="stat-label">{label}</span>
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
}

/** A labelled select; `blank` is the first option's label for "no choice" (all, any, pick one). */
export function SelectField({
  id,
  label,
  value,
  onChange,
  choices,
  blank,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  choices: readonly Choice[];
  blank?: string;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {blank !== undefined ? <option value="">{blank}</option> : null}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Saved segments as select choices, each with its size. */
export const segmentChoices = (segments: readonly { id: string; name: string; size: number | null }[] | undefined): Choice[] =>
  (segments ?? []).map((s) => ({ value: s.id, label: `${s.name} (${formatInt(s.size)})` }));

/** Interests as select choices. */
export const interestChoices = (interests: readonly { id: string; name: string }[] | undefined): Choice[] =>
  (interests ?? []).map((i) => ({ value: i.id, label: i.name }));

export function UserLink({ id, name }: { id: string; name?: string | null }) {
  return <a href={`#/people/${encodeURIComponent(id)}`}>{name || id}</a>;
}

/**
 * A plain accessible table; `rows` are arrays of cells in `columns` order. A wide table scrolls
 * in its own box, which keyboard users must be able to reach and scroll: the box is a
 * focusable, named region (axe: scrollable-region-focusable).
 */
export function Table({ columns, rows, caption }: { columns: string[]; rows: ComponentChildren[][]; caption?: string }) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={caption ?? columns.join(', ')}>
      <table>
        {caption ? <caption>{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, c) => (
                <td key={c}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
