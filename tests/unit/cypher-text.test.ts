import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CYPHER_ROOT, statementText, withFragments } from '../../src/db/cypher.js';

function cypherFiles(dir = CYPHER_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? cypherFiles(path.join(dir, entry.name)) : entry.name.endsWith('.cypher') ? [path.join(dir, entry.name)] : [],
  );
}

describe('statement text sent to Neo4j', () => {
  it('drops comment lines, indentation and blank lines, and keeps every statement line', () => {
    const file = '// why\n// $id: STRING\nMATCH (u:User {id: $id})\n\n  // inner note\n  RETURN u.name AS name\n';
    expect(statementText(file)).toBe('MATCH (u:User {id: $id})\nRETURN u.name AS name');
  });

  it('keeps a string literal that spans lines as it is', () => {
    const file = "CALL p(\n  'MATCH (a)\n   // not a comment\n   RETURN a')\n// note\nRETURN 1";
    expect(statementText(file)).toBe("CALL p(\n'MATCH (a)\n   // not a comment\n   RETURN a')\nRETURN 1");
  });

  // Comment lines are dropped whole: a comment after code on the same line would be sent.
  it('every cypher file keeps its comments on their own lines', () => {
    const offending = cypherFiles().flatMap((file) =>
      statementText(readFileSync(file, 'utf8'))
        .split('\n')
        .filter((line) => line.replace(/'[^']*'|"[^"]*"/g, '').includes('//'))
        .map((line) => `${path.relative(CYPHER_ROOT, file)}: ${line}`),
    );
    expect(offending).toEqual([]);
  });
});

describe('fragments', () => {
  it('includes a fragment with its variable and parameters renamed, whole names only', () => {
    const text = withFragments(
      'CALL (u) {\n  {{purchases-page u $afterAt=$purchasesAfterAt $afterProductId=$purchasesAfterProductId $limit=$purchasesLimit}}\n}',
      'test',
    );
    expect(text).toContain('MATCH (u)-[r:PURCHASED]->(p:Product)');
    expect(text).toContain('r.at < $purchasesAfterAt OR (r.at = $purchasesAfterAt AND p.id > $purchasesAfterProductId)');
    expect(text).toContain('LIMIT coalesce($purchasesLimit, 0)');
    expect(text).not.toMatch(/\$(afterAt|afterProductId|limit|var)\b/);
    // Without renames, the fragment keeps its own parameter names.
    expect(withFragments('{{followers-page v}}', 'test')).toContain('MATCH (v)<-[:FOLLOWS]-(other:User)\nWHERE other.id > $after');
  });

  it('names the missing fragment', () => {
    expect(() => withFragments('{{no-such-list u}}', 'x/y')).toThrow(
      'cypher/x/y.cypher includes {{no-such-list}}, but cypher/fragments/no-such-list.cypher does not exist',
    );
  });
});
