import { useState } from 'preact/hooks';
import { BarChart } from '../charts.js';
import { useMutation, useQuery } from '../hooks.js';
import { useT } from '../i18n.js';
import { ErrorBox, formatInt, formatShare, Loading, Panel, segmentChoices, SelectField, Table, UserLink } from '../ui.js';
import { LookalikeDocument, SaveLookalikeDocument, SeedSegmentsDocument } from '../generated/operations.js';

export function Lookalike() {
  const segments = useQuery(SeedSegmentsDocument, {}, false, { partial: true });
  const [source, setSource] = useState<'segment' | 'list'>('segment');
  const [segmentId, setSegmentId] = useState('');
  const [ids, setIds] = useState('');
  const [size, setSize] = useState(100);
  const [name, setName] = useState('');
  const run = useMutation(LookalikeDocument);
  const save = useMutation(SaveLookalikeDocument);
  const userIds = ids.split(/[\s,;]+/).filter(Boolean);
  const seed = source === 'segment' ? { segmentId } : { userIds };
  const base = source === 'segment' ? { segmentId } : { userIds };
  const ready = source === 'segment' ? segmentId !== '' : userIds.length > 0;
  const audience = run.data?.lookalike;
  const t = useT();
  return (
    <>
      <h1>{t('lookalike.title')}</h1>
      <div class="grid">
        <Panel title={t('lookalike.seed')}>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void run.run({ seed, size, base });
            }}
          >
            <fieldset class="row">
              <legend>{t('lookalike.seedFrom')}</legend>
              <label>
                <input type="radio" name="seed-source" checked={source === 'segment'} onChange={() => setSource('segment')} /> {t('lookalike.fromSegment')}
              </label>
              <label>
                <input type="radio" name="seed-source" checked={source === 'list'} onChange={() => setSource('list')} /> {t('lookalike.fromList')}
              </label>
            </fieldset>
            {source === 'segment' ? (
              <SelectField
                id="seed-segment"
                label={t('lookalike.segment')}
                value={segmentId}
                onChange={setSegmentId}
                choices={segmentChoices(segments.data?.segments.nodes)}
                blank={t('lookalike.pickSegment')}
              />
            ) : (
              <div class="field">
                <label for="seed-ids">{t('lookalike.ids')}</label>
                <textarea id="seed-ids" rows={4} value={ids} onInput={(e) => setIds(e.currentTarget.value)} />
              </div>
            )}
            <div class="field">
              <label for="audience-size">{t('lookalike.size', { size: formatInt(size) })}</label>
              <input id="audience-size" type="range" min={10} max={2000} step={10} value={size} onInput={(e) => setSize(Number(e.currentTarget.value))} />
            </div>
            <p>
              <button type="submit" disabled={!ready || run.running}>
                {run.running ? t('lookalike.finding') : t('lookalike.find')}
              </button>
            </p>
          </form>
          <ErrorBox error={run.error} />
          <ErrorBox error={segments.error} />
        </Panel>
        {audience ? (
          <Panel title={t('lookalike.audience', { size: formatInt(audience.size), seed: formatInt(audience.seedSize) })}>
            <p>
              {t('lookalike.fusion', {
                fusion: audience.fusion,
                precision: audience.holdoutPrecision === null ? '–' : formatShare(audience.holdoutPrecision),
              })}
            </p>
            <Table
              caption={t('lookalike.signals')}
              columns={[t('lookalike.signal'), t('lookalike.weight'), t('lookalike.alone')]}
              rows={audience.signals.map((s) => [s.signal, s.weight.toFixed(2), s.holdoutPrecision === null ? '–' : formatShare(s.holdoutPrecision)])}
            />
            <form
              class="row"
              onSubmit={(event) => {
                event.preventDefault();
                void save.run({ name: name.trim(), seed, size }).then((saved) => saved && setName(''));
              }}
            >
              <div class="field">
                <label for="audience-name">{t('lookalike.saveAs')}</label>
                <input id="audience-name" value={name} onInput={(e) => setName(e.currentTarget.value)} required />
              </div>
              <button type="submit" disabled={!name.trim() || save.running}>
                {t('lookalike.save')}
              </button>
            </form>
            <ErrorBox error={save.error} />
            {save.data ? (
              <p role="status">{t('lookalike.saved', { name: save.data.saveLookalikeSegment.name, size: formatInt(save.data.saveLookalikeSegment.size) })}</p>
            ) : null}
          </Panel>
        ) : null}
        {audience ? (
          <Panel title={t('lookalike.versus')}>
            <BarChart
              title={t('lookalike.interestsChart')}
              unit="index"
              bars={audience.portrait.compare.interests
                .filter((i) => i.index !== null)
                .map((i) => ({ label: i.name, value: i.index as number, note: `(${formatShare(i.share, 0)} vs ${formatShare(i.baseShare, 0)})` }))}
            />
            <Table
              columns={[t('lookalike.trait'), t('lookalike.audienceColumn'), t('lookalike.seed'), t('lookalike.index')]}
              rows={audience.portrait.compare.buckets.map((b) => [
                `${b.dimension}: ${b.value}`,
                formatShare(b.share),
                formatShare(b.baseShare),
                b.index === null ? '–' : b.index.toFixed(0),
              ])}
            />
          </Panel>
        ) : null}
        {audience ? (
          <Panel title={t('lookalike.members')}>
            <Table
              columns={[t('kols.user'), t('kols.score'), t('profile.why')]}
              rows={audience.members.nodes.map((m) => [
                <UserLink id={m.user.id} name={m.user.displayName} />,
                m.score.toFixed(3),
                <ul class="reasons">
                  {m.reasons.map((r) => (
                    <li key={r.kind}>{r.label}</li>
                  ))}
                </ul>,
              ])}
            />
          </Panel>
        ) : null}
        <Loading when={run.running} />
      </div>
    </>
  );
}
