import { useState } from 'preact/hooks';
import { useDebounced, useQuery } from '../hooks.js';
import { useT } from '../i18n.js';
import { ErrorBox, formatDate, formatInt, interestChoices, Loading, Panel, SelectField, Table, UserLink } from '../ui.js';
import { PeopleDocument, type Gender, type LifecycleStage } from '../generated/operations.js';

const STAGES = ['NEW', 'ACTIVE', 'DORMANT', 'CHURNED'];
const GENDERS = ['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'];

export function People() {
  const t = useT();
  const [region, setRegion] = useState('');
  const [stage, setStage] = useState<LifecycleStage | ''>('');
  const [gender, setGender] = useState<Gender | ''>('');
  const [interestId, setInterestId] = useState('');
  const [id, setId] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const settledRegion = useDebounced(region.trim(), 300);
  const filter = {
    ...(settledRegion ? { region: settledRegion } : {}),
    ...(stage ? { lifecycleStage: stage } : {}),
    ...(gender ? { gender } : {}),
    ...(interestId ? { interestId } : {}),
  };
  const after = cursors[cursors.length - 1] ?? null;
  const { data, error, loading } = useQuery(PeopleDocument, { first: 20, after, filter });
  const resetPages = () => setCursors([null]);
  return (
    <>
      <h1>{t('screens.people')}</h1>
      <Panel title={t('people.find')}>
        <form
          class="row"
          onSubmit={(event) => {
            event.preventDefault();
            if (id.trim()) location.hash = `#/people/${encodeURIComponent(id.trim())}`;
          }}
        >
          <div class="field">
            <label for="user-id">{t('people.userId')}</label>
            <input id="user-id" value={id} onInput={(e) => setId(e.currentTarget.value)} placeholder="u0001" />
          </div>
          <button type="submit">{t('people.open')}</button>
        </form>
        <div class="row">
          <div class="field">
            <label for="f-region">{t('people.region')}</label>
            <input id="f-region" value={region} onInput={(e) => (setRegion(e.currentTarget.value), resetPages())} />
          </div>
          <SelectField
            id="f-stage"
            label={t('people.lifecycle')}
            value={stage}
            onChange={(v) => (setStage(v as LifecycleStage | ''), resetPages())}
            blank={t('people.any')}
            choices={STAGES.map((v) => ({ value: v, label: t(`people.stages.${v}`) }))}
          />
          <SelectField
            id="f-gender"
            label={t('people.gender')}
            value={gender}
            onChange={(v) => (setGender(v as Gender | ''), resetPages())}
            blank={t('people.any')}
            choices={GENDERS.map((v) => ({ value: v, label: t(`people.genders.${v}`) }))}
          />
          <SelectField
            id="f-interest"
            label={t('people.interest')}
            value={interestId}
            onChange={(v) => (setInterestId(v), resetPages())}
            blank={t('people.any')}
            choices={interestChoices(data?.interests.nodes)}
          />
        </div>
      </Panel>
      <ErrorBox error={error} />
      <Loading when={loading && !data} />
      {data ? (
        <Panel
          title={t('people.count', { count: data.users.totalCount, formatted: formatInt(data.users.totalCount) })}
          actions={
            <div class="row">
              <button class="secondary" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
                {t('people.previous')}
              </button>
              <button class="secondary" disabled={!data.users.pageInfo.hasNextPage} onClick={() => setCursors([...cursors, data.users.pageInfo.endCursor])}>
                {t('people.next')}
              </button>
            </div>
          }
        >
          <Table
            columns={[t('people.name'), t('people.id'), t('people.region'), t('people.age'), t('people.lifecycle'), t('people.lastActive'), t('people.email')]}
            rows={data.users.nodes.map((u) => [
              <UserLink id={u.id} name={u.displayName} />,
              u.id,
              u.region ?? '–',
              u.ageBand ?? '–',
              u.lifecycleStage ? t(`people.stages.${u.lifecycleStage}`) : '–',
              formatDate(u.lastActiveAt),
              u.email ?? '–',
            ])}
          />
        </Panel>
      ) : null}
    </>
  );
}
