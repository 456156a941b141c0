import { useState } from 'preact/hooks';
import { download, gql } from '../api.js';
import { asApiError, useDebounced, useMutation, useQuery } from '../hooks.js';
import { useT } from '../i18n.js';
import { Portrait } from '../portrait.js';
import { ErrorBox, formatDate, formatInt, interestChoices, Loading, Panel, SelectField, Table, UserLink } from '../ui.js';
import type { ApiError } from '../api.js';
import {
  CreateSegmentDocument,
  ExportDocument,
  OverlapDocument,
  PreviewDocument,
  SegmentListsDocument,
  type ExportTarget,
  type ExportQuery,
  type SegmentRuleInput,
  type ValueTier,
  type SegmentListsQuery,
} from '../generated/operations.js';

/** One condition of the builder; compiled to a SegmentRuleInput leaf by toRule. */
export interface Condition {
  kind: 'attribute' | 'birthYear' | 'interest' | 'event' | 'community' | 'influence' | 'valueTier' | 'churnRisk';
  attribute?: string;
  text?: string;
  min?: string;
  max?: string;
  interestId?: string;
  eventKind?: string;
  atLeast?: string;
  withinDays?: string;
  tier?: string;
}

/** Condition kinds in the order the picker lists them; their names are in the catalogues (segments.kinds). */
const KINDS: Condition['kind'][] = ['attribute', 'birthYear', 'interest', 'event', 'community', 'influence', 'valueTier', 'churnRisk'];
// Every tier the schema has, in the order the form lists them: a tier added to the SDL fails tsc here until it is placed.
const TIER_ORDER: Record<ValueTier, number> = { HIGH_VALUE: 0, LOYAL: 1, PROMISING: 2, AT_RISK: 3, HIBERNATING: 4, NEEDS_ATTENTION: 5 };
const TIERS = (Object.keys(TIER_ORDER) as ValueTier[]).sort((a, b) => TIER_ORDER[a] - TIER_ORDER[b]);
const num = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : Number(value));

function leaf(c: Condition): Record<string, unknown> | null {
  switch (c.kind) {
    case 'attribute':
      return c.text?.trim() ? { attribute: { attribute: c.attribute ?? 'REGION', equals: c.text.trim() } } : null;
    case 'birthYear':
      return num(c.min) !== undefined || num(c.max) !== undefined ? { attribute: { attribute: 'BIRTH_YEAR', min: num(c.min), max: num(c.max) } } : null;
    case 'interest':
      return c.interestId ? { interest: { interestId: c.interestId, minWeight: num(c.min) ?? 0 } } : null;
    case 'event':
      return {
        event: { kind: c.eventKind ?? 'PURCHASE', atLeast: num(c.atLeast) ?? 1, ...(num(c.withinDays) !== undefined ? { withinDays: num(c.withinDays) } : {}) },
      };
    case 'community':
      return c.text?.trim() ? { community: { communityId: c.text.trim() } } : null;
    case 'influence':
      return num(c.min) !== undefined ? { influence: { minPercentile: 1 - (num(c.min) as number) / 100 } } : null;
    case 'valueTier':
      return { valueTier: { in: [c.tier ?? 'HIGH_VALUE'] } };
    case 'churnRisk':
      return num(c.min) !== undefined ? { churnRisk: { min: num(c.min) } } : null;
  }
}

/** The builder's conditions as one rule: all (and) or any (or) of the complete ones; null with none. */
export function toRule(conditions: Condition[], combine: 'and' | 'or'): Record<string, unknown> | null {
  const leaves = conditions.map(leaf).filter((rule): rule is Record<string, unknown> => rule !== null);
  if (leaves.length === 0) return null;
  return leaves.length === 1 ? (leaves[0] as Record<string, unknown>) : { [combine]: leaves };
}

type Lists = SegmentListsQuery;

function ConditionRow({
  condition,
  interests,
  onChange,
  onRemove,
  index,
}: {
  condition: Condition;
  interests: Lists['interests']['nodes'];
  onChange: (c: Condition) => void;
  onRemove: () => void;
  index: number;
}) {
  const t = useT();
  const set = (patch: Partial<Condition>) => onChange({ ...condition, ...patch });
  const id = (name: string) => `c${index}-${name}`;
  return (
    <div class="condition" data-testid="condition">
      <div class="field">
        <label for={id('kind')}>{t('segments.condition')}</label>
        <select id={id('kind')} value={condition.kind} onChange={(e) => onChange({ kind: e.currentTarget.value as Condition['kind'] })}>
          {KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`segments.kinds.${value}`)}
            </option>
          ))}
        </select>
      </div>
      {condition.kind === 'attribute' ? (
        <>
          <div class="field">
            <label for={id('attr')}>{t('segments.attribute')}</label>
            <select id={id('attr')} value={condition.attribute ?? 'REGION'} onChange={(e) => set({ attribute: e.currentTarget.value })}>
              {['REGION', 'CITY', 'GENDER', 'OCCUPATION'].map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={id('text')}>{t('segments.equals')}</label>
            <input id={id('text')} value={condition.text ?? ''} onInput={(e) => set({ text: e.currentTarget.value })} />
          </div>
        </>
      ) : null}
      {condition.kind === 'birthYear' ? (
        <>
          <div class="field">
            <label for={id('min')}>{t('segments.from')}</label>
            <input id={id('min')} type="number" value={condition.min ?? ''} onInput={(e) => set({ min: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for={id('max')}>{t('segments.to')}</label>
            <input id={id('max')} type="number" value={condition.max ?? ''} onInput={(e) => set({ max: e.currentTarget.value })} />
          </div>
        </>
      ) : null}
      {condition.kind === 'interest' ? (
        <>
          <SelectField
            id={id('interest')}
            label={t('people.interest')}
            value={condition.interestId ?? ''}
            onChange={(v) => set({ interestId: v })}
            blank={t('segments.pickOne')}
            choices={interestChoices(interests)}
          />
          <div class="field">
            <label for={id('min')}>{t('segments.minWeight')}</label>
            <input id={id('min')} type="number" step="0.1" value={condition.min ?? ''} onInput={(e) => set({ min: e.currentTarget.value })} />
          </div>
        </>
      ) : null}
      {condition.kind === 'event' ? (
        <>
          <div class="field">
            <label for={id('event')}>{t('segments.event')}</label>
            <select id={id('event')} value={condition.eventKind ?? 'PURCHASE'} onChange={(e) => set({ eventKind: e.currentTarget.value })}>
              {['PURCHASE', 'VIEW', 'RATE'].map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={id('atleast')}>{t('segments.atLeast')}</label>
            <input id={id('atleast')} type="number" min={1} value={condition.atLeast ?? '1'} onInput={(e) => set({ atLeast: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for={id('days')}>{t('segments.withinDays')}</label>
            <input id={id('days')} type="number" min={1} value={condition.withinDays ?? ''} onInput={(e) => set({ withinDays: e.currentTarget.value })} />
          </div>
        </>
      ) : null}
      {condition.kind === 'community' ? (
        <div class="field">
          <label for={id('text')}>{t('segments.communityId')}</label>
          <input id={id('text')} value={condition.text ?? ''} onInput={(e) => set({ text: e.currentTarget.value })} />
        </div>
      ) : null}
      {condition.kind === 'influence' ? (
        <div class="field">
          <label for={id('min')}>{t('segments.topPercent')}</label>
          <input id={id('min')} type="number" min={0} max={100} value={condition.min ?? ''} onInput={(e) => set({ min: e.currentTarget.value })} />
        </div>
      ) : null}
      {condition.kind === 'valueTier' ? (
        <div class="field">
          <label for={id('tier')}>{t('segments.tier')}</label>
          <select id={id('tier')} value={condition.tier ?? 'HIGH_VALUE'} onChange={(e) => set({ tier: e.currentTarget.value })}>
            {TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {t(`tags.tiers.${tier}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {condition.kind === 'churnRisk' ? (
        <div class="field">
          <label for={id('min')}>{t('segments.risk')}</label>
          <input id={id('min')} type="number" step="0.05" min={0} max={1} value={condition.min ?? ''} onInput={(e) => set({ min: e.currentTarget.value })} />
        </div>
      ) : null}
      <button class="secondary" onClick={onRemove} aria-label={t('segments.removeCondition', { n: index + 1 })}>
        {t('segments.remove')}
      </button>
    </div>
  );
}

function SavedSegments({ segments }: { segments: Lists['segments']['nodes'] }) {
  const t = useT();
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [target, setTarget] = useState<ExportTarget>('IDS');
  const [exportState, setExportState] = useState<{ error: ApiError | null; message: string }>({ error: null, message: '' });
  const overlap = useQuery(OverlapDocument, { a, b }, !a || !b || a === b);
  const exportSegment = async (id: string, name: string) => {
    setExportState({ error: null, message: t('segments.exporting', { name }) });
    try {
      const lines: string[] = [];
      let header = '';
      let after: string | null = null;
      for (;;) {
        const data: ExportQuery = await gql(ExportDocument, { id, target, after });
        const page = data.segment?.export;
        if (!page) break;
        header = page.header;
        lines.push(...page.lines);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      download(`${name.replace(/[^\w-]+/g, '_')}-${target.toLowerCase()}.csv`, [header, ...lines].join('\n') + '\n');
      setExportState({ error: null, message: t('segments.exported', { count: formatInt(lines.length), name }) });
    } catch (error) {
      setExportState({ error: asApiError(error), message: '' });
    }
  };
  return (
    <Panel title={t('segments.saved')}>
      <div class="row">
        <div class="field">
          <label for="export-target">{t('segments.exportFormat')}</label>
          <select id="export-target" value={target} onChange={(e) => setTarget(e.currentTarget.value as ExportTarget)}>
            <option value="IDS">{t('segments.formats.IDS')}</option>
            <option value="GOOGLE">{t('segments.formats.GOOGLE')}</option>
            <option value="META">{t('segments.formats.META')}</option>
          </select>
        </div>
      </div>
      {segments.length === 0 ? <p class="muted">{t('segments.none')}</p> : null}
      <Table
        columns={[t('people.name'), t('segments.kind'), t('segments.size'), t('segments.savedAt'), '']}
        rows={segments.map((s) => [
          s.name,
          s.kind,
          formatInt(s.size),
          formatDate(s.createdAt),
          <button class="secondary" onClick={() => void exportSegment(s.id, s.name)} aria-label={t('segments.exportOne', { name: s.name })}>
            {t('segments.export')}
          </button>,
        ])}
      />
      <p aria-live="polite" data-testid="export-status">
        {exportState.message}
      </p>
      <ErrorBox error={exportState.error} />
      <h3>{t('segments.overlap')}</h3>
      <div class="row">
        {[
          ['overlap-a', t('segments.first'), a, setA],
          ['overlap-b', t('segments.second'), b, setB],
        ].map(([id, label, value, set]) => (
          <div class="field" key={id as string}>
            <label for={id as string}>{label as string}</label>
            <select id={id as string} value={value as string} onChange={(e) => (set as (v: string) => void)(e.currentTarget.value)}>
              <option value="">{t('lookalike.pickSegment')}</option>
              {segments.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <ErrorBox error={overlap.error} />
      {overlap.data?.segment && a && b && a !== b ? <p>{t('segments.inBoth', { count: formatInt(overlap.data.segment.overlap) })}</p> : null}
    </Panel>
  );
}

export function Segments() {
  const lists = useQuery(SegmentListsDocument, {}, false, { partial: true });
  const [conditions, setConditions] = useState<Condition[]>([{ kind: 'event', eventKind: 'PURCHASE', atLeast: '1' }]);
  const [combine, setCombine] = useState<'and' | 'or'>('and');
  const [name, setName] = useState('');
  // Debounced as JSON text: the rule object is rebuilt on every render.
  const ruleText = useDebounced(JSON.stringify(toRule(conditions, combine)), 400);
  const rule = JSON.parse(ruleText) as Record<string, unknown> | null;
  // The rule is built from the form's conditions (toRule): the SDL's SegmentRuleInput shape.
  const preview = useQuery(PreviewDocument, { rule: (rule ?? {}) as SegmentRuleInput }, rule === null);
  const create = useMutation(CreateSegmentDocument);
  const p = preview.data?.previewSegment;
  const t = useT();
  return (
    <>
      <h1>{t('screens.segments')}</h1>
      <ErrorBox error={lists.error} />
      <div class="grid">
        <Panel title={t('segments.rule')}>
          <div class="row">
            <div class="field">
              <label for="combine">{t('segments.match')}</label>
              <select id="combine" value={combine} onChange={(e) => setCombine(e.currentTarget.value as 'and' | 'or')}>
                <option value="and">{t('segments.all')}</option>
                <option value="or">{t('segments.any')}</option>
              </select>
            </div>
          </div>
          {conditions.map((condition, index) => (
            <ConditionRow
              key={index}
              index={index}
              condition={condition}
              interests={lists.data?.interests.nodes ?? []}
              onChange={(next) => setConditions(conditions.map((c, i) => (i === index ? next : c)))}
              onRemove={() => setConditions(conditions.filter((_, i) => i !== index))}
            />
          ))}
          <button class="secondary" onClick={() => setConditions([...conditions, { kind: 'interest' }])}>
            {t('segments.add')}
          </button>
          <form
            class="row"
            onSubmit={async (event) => {
              event.preventDefault();
              if (rule && (await create.run({ name: name.trim(), rule }))) {
                setName('');
                lists.reload();
              }
            }}
          >
            <div class="field">
              <label for="segment-name">{t('segments.name')}</label>
              <input id="segment-name" value={name} onInput={(e) => setName(e.currentTarget.value)} required />
            </div>
            <button type="submit" disabled={!rule || create.running || !name.trim()}>
              {t('segments.save')}
            </button>
          </form>
          <ErrorBox error={create.error} />
          {create.data ? <p role="status">{t('segments.savedOne', { name: create.data.createSegment.name })}</p> : null}
        </Panel>
        <Panel title={t('segments.preview')}>
          {rule === null ? <p class="muted">{t('segments.incomplete')}</p> : null}
          <ErrorBox error={preview.error} />
          <Loading when={preview.loading && !p} />
          {p && rule !== null ? (
            <>
              <p data-testid="preview-size">
                <strong>
                  {p.estimate ? '≈ ' : ''}
                  {formatInt(p.size)}
                </strong>{' '}
                {t('segments.matchLine', { left: formatInt(p.withoutMarketingConsent) })}
              </p>
              {p.estimate ? (
                <p class="muted" data-testid="preview-estimate">
                  {t('segments.estimate', { sampled: formatInt(p.estimate.sampledUsers), low: formatInt(p.estimate.low), high: formatInt(p.estimate.high) })}
                </p>
              ) : null}
              <ul class="tags" aria-label={t('segments.sample')}>
                {p.sample.map((u) => (
                  <li key={u.id}>
                    <UserLink id={u.id} name={u.displayName} />
                  </li>
                ))}
              </ul>
              <Portrait portrait={p.portrait} label={t('segments.matching')} />
            </>
          ) : null}
        </Panel>
        {lists.data ? <SavedSegments segments={lists.data.segments.nodes} /> : null}
      </div>
    </>
  );
}
