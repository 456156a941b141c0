/**
 * Every .cypher file: plans on the real server (EXPLAIN, nothing runs), declares in its header
 * exactly the $parameters it uses, and is referenced by the code (no dead Cypher).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { CYPHER_ROOT, statementText, withFragments } from '../../../src/db/cypher.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const SRC = path.resolve(CYPHER_ROOT, '..', 'src');
const BENCH = path.resolve(CYPHER_ROOT, '..', 'bench');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name)) : entry.name.endsWith('.cypher') ? [path.join(dir, entry.name)] : [],
  );
}

const files = walk(CYPHER_ROOT)
  .map((file) => path.relative(CYPHER_ROOT, file).replace(/\.cypher$/, ''))
  .filter((name) => !name.startsWith('schema/') && !name.startsWith('fragments/'))
  .sort();
const readSources = function read(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) =>
      entry.isDirectory() ? read(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? readFileSync(path.join(dir, entry.name), 'utf8') : '',
    )
    .join('\n');
};
const allSource = [SRC, BENCH].map(readSources).join('\n');

function sample(type: string): unknown {
  if (type.startsWith('LIST')) return [];
  if (type.startsWith('MAP')) return {};
  switch (type) {
    case 'STRING':
      return 'x';
    case 'INTEGER':
      return neo4j.int(1);
    case 'FLOAT':
      return 1.5;
    case 'BOOLEAN':
      return true;
    case 'DATETIME':
      return neo4j.types.DateTime.fromStandardDate(new Date());
    default:
      throw new Error(`unknown parameter type ${type}`);
  }
}

function header(text: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const line of text.split('\n').filter((l) => l.trim().startsWith('//'))) {
    for (const match of line.matchAll(/\$(\w+):\s*([A-Z]+(?:<[^$]*?>)?)(?=\s|$)/g)) params.set(match[1] ?? '', match[2] ?? '');
  }
  return params;
}

describe('cypher/ files', () => {
  const t = useTestDatabase();

  it.each(files)('%s plans, declares its parameters and is used', async (name) => {
    const text = readFileSync(path.join(CYPHER_ROOT, `${name}.cypher`), 'utf8');
    const declared = header(text);
    // A rule template plans with an always-true rule; the rules themselves are tested in segments/rules.test.ts.
    const body = statementText(withFragments(text, name)).replaceAll('{{rule}}', 'true');
    const used = new Set([...body.matchAll(/\$(\w+)/g)].map((m) => m[1] ?? ''));
    expect([...used].sort(), 'parameters used vs declared in the header').toEqual([...declared.keys()].sort());
    expect(allSource.includes(`'${name}'`), `no code references '${name}'`).toBe(true);
    if (name === 'system/gds-version' && !t.deps.server.gds) return; // the function exists only with the plugin
    const params = Object.fromEntries([...declared].map(([key, type]) => [key, sample(type)]));
    await t.db.read((tx) => tx.run(`EXPLAIN ${body}`, params));
  });

  // Plans that matter: a page of users seeks the User(id) index from the cursor and reads in
  // index order, so LIMIT stops early whatever the graph's size (no scan, no sort).
  it('users-page seeks User(id) from the cursor and never sorts', async () => {
    const text = statementText(withFragments(readFileSync(path.join(CYPHER_ROOT, 'profiles/users-page.cypher'), 'utf8'), 'profiles/users-page'));
    const params = Object.fromEntries([...header(readFileSync(path.join(CYPHER_ROOT, 'profiles/users-page.cypher'), 'utf8')).keys()].map((key) => [key, null]));
    const result = await t.db.read((tx) => tx.run(`EXPLAIN ${text}`, { ...params, after: '', limit: neo4j.int(20) }));
    const operators = (function walkPlan(plan: { operatorType: string; children: unknown[] }): string[] {
      return [plan.operatorType.replace(/@.*/, ''), ...plan.children.flatMap((child) => walkPlan(child as typeof plan))];
    })(result.summary.plan as unknown as { operatorType: string; children: unknown[] });
    expect(operators).toContain('NodeUniqueIndexSeekByRange');
    expect(operators).not.toContain('NodeByLabelScan');
    expect(operators.filter((operator) => /Sort|Top/.test(operator))).toEqual([]); // ORDER BY + LIMIT plans as Top
  });

  // A filtered count reads only the users its leading filter's index gives; no filter reads nothing.
  it('users-count is driven by an index per filter and by the count store without one', async () => {
    const file = readFileSync(path.join(CYPHER_ROOT, 'profiles/users-count.cypher'), 'utf8');
    const params = Object.fromEntries([...header(file).keys()].map((key) => [key, null]));
    const result = await t.db.read((tx) => tx.run(`EXPLAIN ${statementText(withFragments(file, 'profiles/users-count'))}`, params));
    const details = (function walkPlan(plan: { operatorType: string; arguments: Record<string, unknown>; children: unknown[] }): string[] {
      return [
        `${plan.operatorType.replace(/@.*/, '')} ${String(plan.arguments['Details'] ?? '')}`,
        ...plan.children.flatMap((child) => walkPlan(child as typeof plan)),
      ];
    })(result.summary.plan as unknown as { operatorType: string; arguments: Record<string, unknown>; children: unknown[] });
    for (const property of ['region', 'occupation', 'gender', 'consentProfiling']) {
      expect(
        details.some((line) => line.startsWith('NodeIndexSeek') && line.includes(`:User(${property})`)),
        property,
      ).toBe(true);
    }
    expect(details.some((line) => line.startsWith('NodeUniqueIndexSeek') && line.includes(':Interest(id)'))).toBe(true);
    expect(details.some((line) => line.startsWith('NodeCountFromCountStore'))).toBe(true);
  });

  it.each(walk(path.join(CYPHER_ROOT, 'fragments')).map((file) => path.basename(file, '.cypher')))('fragment %s is included by some statement', (fragment) => {
    const includes = files.filter((name) => readFileSync(path.join(CYPHER_ROOT, `${name}.cypher`), 'utf8').includes(`{{${fragment} `));
    expect(includes.length).toBeGreaterThan(0);
  });
});
