import { describe, expect, it } from 'vitest';
import { seedUsers } from '../../helpers/fixtures.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

const ADMIN_KEY = 'admin-key-0123456789abcdef';
const ANALYST_KEY = 'analyst-key-0123456789abcdef';
const SERVICE_KEY = 'service-key-0123456789abcdef';

describe('roles and PII', () => {
  const t = useTestDatabase({ API_KEYS: `${ADMIN_KEY}:admin,${ANALYST_KEY}:analyst,${SERVICE_KEY}:service` });

  it('masks e-mail and phone for roles without PII access', async () => {
    await seedUsers(t, [{ id: 'ana', displayName: 'Ana', email: 'ana.lopez@example.com', phone: '+447912345678' }]);
    const query = `{ user(id: "ana") { email phone } }`;
    expect((await t.graphql(query, {}, { apiKey: ADMIN_KEY })).data?.user).toEqual({ email: 'ana.lopez@example.com', phone: '+447912345678' });
    for (const key of [ANALYST_KEY, SERVICE_KEY]) {
      expect((await t.graphql(query, {}, { apiKey: key })).data?.user).toEqual({ email: 'a***@example.com', phone: '+44********78' });
    }
  });

  it('refuses writes to read-only roles and requests without a valid key', async () => {
    const mutation = `mutation { upsertInterests(input: [{ id: "x", name: "X" }]) { created } }`;
    expect(errorCode(await t.graphql(mutation, {}, { apiKey: ANALYST_KEY }))).toBe('FORBIDDEN');
    expect((await t.graphql(mutation, {}, { apiKey: SERVICE_KEY })).data?.upsertInterests.created).toBe(1);
    await expect(t.graphql(`{ limits { maxPageSize } }`, {}, { apiKey: 'wrong-key-0123456789abcdef' })).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
