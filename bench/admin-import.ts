/**
 * The offline upper bound: `neo4j-admin database import full` of the generated users and
 * follows into a scratch Neo4j home (never the running server's data). It writes the store
 * files directly, without transactions, so no online loader can beat it; it also cannot
 * update a live database, which is why the product imports online.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';
import type { LocalNeo4jConfig } from '../src/config.js';
import { localPaths, readVersions } from '../src/local-neo4j/server.js';

async function rewrite(from: string, to: string, header: string, pick: (record: Record<string, string>) => string[]): Promise<number> {
  const out = createWriteStream(to);
  out.write(`${header}\n`);
  let rows = 0;
  for await (const record of createReadStream(from).pipe(parse({ columns: true })) as AsyncIterable<Record<string, string>>) {
    if (
      !out.write(
        `${pick(record)
          .map((value) => `"${value.replaceAll('"', '""')}"`)
          .join(',')}\n`,
      )
    ) {
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    rows += 1;
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return rows;
}

export async function adminImportUpperBound(config: LocalNeo4jConfig, csvDir: string): Promise<{ rows: number; seconds: number }> {
  const paths = localPaths(config, await readVersions());
  const home = mkdtempSync(path.join(tmpdir(), 'pg-admin-import-'));
  try {
    const users = await rewrite(path.join(csvDir, 'users.csv'), path.join(home, 'users.csv'), 'id:ID,displayName', (r) => [
      r['id'] ?? '',
      r['displayName'] ?? '',
    ]);
    const follows = await rewrite(path.join(csvDir, 'follows.csv'), path.join(home, 'follows.csv'), ':START_ID,:END_ID,weight:float', (r) => [
      r['followerId'] ?? '',
      r['followeeId'] ?? '',
      r['weight'] ?? '1',
    ]);
    mkdirSync(path.join(home, 'conf'));
    writeFileSync(path.join(home, 'conf', 'neo4j.conf'), `server.directories.lib=${paths.lib}\nserver.directories.data=${path.join(home, 'data')}\n`);
    const started = Date.now();
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(
        'java',
        [
          '-cp',
          `${paths.lib}/*`,
          'org.neo4j.server.startup.Neo4jAdminBoot',
          'database',
          'import',
          'full',
          'neo4j',
          `--nodes=User=${path.join(home, 'users.csv')}`,
          `--relationships=FOLLOWS=${path.join(home, 'follows.csv')}`,
          '--overwrite-destination=true',
        ],
        {
          env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: path.join(home, 'conf') },
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
      child.on('error', reject);
      child.on('close', (exit) => resolve(exit ?? 1));
    });
    if (code !== 0) throw new Error(`neo4j-admin database import exited with ${code}`);
    return { rows: users + follows, seconds: (Date.now() - started) / 1000 };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
