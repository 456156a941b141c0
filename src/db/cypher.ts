import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Resolved from this file, not from process.cwd(): src/db/ and dist/db/ both sit two
// levels below the package root, so the same relative path works before and after build.
export const CYPHER_ROOT = fileURLToPath(new URL('../../cypher/', import.meta.url));

export interface CypherQuery<Row, Params> {
  readonly name: string;
  readonly text: string;
  readonly _types?: [Row, Params]; // compile-time only: ties a file to its row and params
}

/** Reads cypher/<name>.cypher once, at module load, so a missing file stops startup. */
export function cypher<Row, Params extends Record<string, unknown>>(name: string): CypherQuery<Row, Params> {
  const text = readFileSync(path.join(CYPHER_ROOT, `${name}.cypher`), 'utf8');
  return { name, text: statementText(withFragments(text, name)) };
}

const FRAGMENT = /\{\{([a-z][a-z-]*) ([A-Za-z_][A-Za-z0-9_]*)((?: \$[A-Za-z_]\w*=\$[A-Za-z_]\w*)*)\}\}/g;

/**
 * Static includes: `{{user-map u}}` is replaced by cypher/fragments/user-map.cypher with its
 * `$var` renamed to `u`. Parameters may be renamed too, where one statement includes a fragment
 * twice or names its parameters after what they page: `{{followers-page u $after=$followersAfter
 * $limit=$followersLimit}}`. Only file text and identifiers written in our own .cypher files go
 * in, so statements stay parameters-only; a missing fragment stops startup like a missing file.
 */
export function withFragments(text: string, name: string): string {
  return text.replace(FRAGMENT, (_match, fragment: string, variable: string, renames: string) => {
    const file = path.join(CYPHER_ROOT, 'fragments', `${fragment}.cypher`);
    let body: string;
    try {
      body = readFileSync(file, 'utf8');
    } catch {
      throw new Error(`cypher/${name}.cypher includes {{${fragment}}}, but cypher/fragments/${fragment}.cypher does not exist`);
    }
    const parameters = new Map(
      renames
        .trim()
        .split(' ')
        .filter(Boolean)
        .map((rename) => rename.split('=').map((side) => side.slice(1)) as [string, string]),
    );
    // A fragment may include another ({{user-filter-props $var}}): renamed first, then expanded.
    const renamed = statementText(body).replace(/\$(\w+)\b/g, (whole, parameter: string) =>
      parameter === 'var' ? variable : parameters.has(parameter) ? `$${parameters.get(parameter)}` : whole,
    );
    return withFragments(renamed, name);
  });
}

/**
 * The text sent to Neo4j: the file without its comment lines, indentation and blank lines.
 * The driver packs and writes the whole text on every request, and a page statement's comments
 * are close to half its bytes (bench:peer's CPU profile had packing and writing statements as
 * the API's largest cost). Lines that begin inside a string literal are kept as they are; our
 * files keep comments on their own lines (tests/unit/cypher-text.test.ts).
 */
export function statementText(file: string): string {
  const kept: string[] = [];
  let quote: string | null = null; // the quote of a string literal still open at the end of the previous line
  for (const line of file.split('\n')) {
    const code = quote === null ? line.trim() : line;
    if (quote === null && (code === '' || code.startsWith('//'))) continue; // an apostrophe in a comment opens no string
    kept.push(code);
    for (let i = 0; i < line.length; i++) {
      const char = line[i];
      if (quote !== null && char === '\\') i++;
      else if (quote !== null && char === quote) quote = null;
      else if (quote === null && (char === "'" || char === '"')) quote = char;
    }
  }
  return kept.join('\n');
}
