import { useState } from 'preact/hooks';
import { useDebounced, useQuery } from '../hooks.js';
import { ErrorBox, formatDate, formatInt, Loading, Panel, Table, UserLink } from '../ui.js';

interface UsersData {
  users: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: {
      id: string;
      displayName: string;
      region: string | null;
      ageBand: string | null;
      lifecycleStage: string;
      lastActiveAt: string | null;
      email: string | null;
    }[];
  };
  interests: { nodes: { id: string; name: string }[] };
}
const USERS = `query People($first: Int!, $after: String, $filter: UserFilter) {
  users(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id displayName region ageBand lifecycleStage lastActiveAt email }
  }
  interests(first: 100) { nodes { id name } }
}`;
const STAGES = ['', 'NEW', 'ACTIVE', 'DORMANT', 'CHURNED'];
const GENDERS = ['', 'FEMALE', 'MALE', 'OTHER', 'UNKNOWN'];

export function People() {
  const [region, setRegion] = useState('');
  const [stage, setStage] = useState('');
  const [gender, setGender] = useState('');
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
  const { data, error, loading } = useQuery<UsersData>(USERS, { first: 20, after, filter });
  const resetPages = () => setCursors([null]);
  return (
    <>
      <h1>People</h1>
      <Panel title="Find people">
        <form
          class="row"
          onSubmit={(event) => {
            event.preventDefault();
            if (id.trim()) location.hash = `#/people/${encodeURIComponent(id.trim())}`;
          }}
        >
          <div class="field">
            <label for="user-id">User id</label>
            <input id="user-id" value={id} onInput={(e) => setId(e.currentTarget.value)} placeholder="u0001" />
          </div>
          <button type="submit">Open profile</button>
        </form>
        <div class="row">
          <div class="field">
            <label for="f-region">Region</label>
            <input id="f-region" value={region} onInput={(e) => (setRegion(e.currentTarget.value), resetPages())} />
          </div>
          <div class="field">
            <label for="f-stage">Lifecycle</label>
            <select id="f-stage" value={stage} onChange={(e) => (setStage(e.currentTarget.value), resetPages())}>
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {s || 'any'}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-gender">Gender</label>
            <select id="f-gender" value={gender} onChange={(e) => (setGender(e.currentTarget.value), resetPages())}>
              {GENDERS.map((g) => (
                <option key={g} value={g}>
                  {g || 'any'}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-interest">Interest</label>
            <select id="f-interest" value={interestId} onChange={(e) => (setInterestId(e.currentTarget.value), resetPages())}>
              <option value="">any</option>
              {(data?.interests.nodes ?? []).map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      </Panel>
      <ErrorBox error={error} />
      <Loading when={loading && !data} />
      {data ? (
        <Panel
          title={`${formatInt(data.users.totalCount)} people`}
          actions={
            <div class="row">
              <button class="secondary" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
                Previous
              </button>
              <button class="secondary" disabled={!data.users.pageInfo.hasNextPage} onClick={() => setCursors([...cursors, data.users.pageInfo.endCursor])}>
                Next
              </button>
            </div>
          }
        >
          <Table
            columns={['Name', 'Id', 'Region', 'Age', 'Lifecycle', 'Last active', 'E-mail']}
            rows={data.users.nodes.map((u) => [
              <UserLink id={u.id} name={u.displayName} />,
              u.id,
              u.region ?? '–',
              u.ageBand ?? '–',
              u.lifecycleStage,
              formatDate(u.lastActiveAt),
              u.email ?? '–',
            ])}
          />
        </Panel>
      ) : null}
    </>
  );
}
