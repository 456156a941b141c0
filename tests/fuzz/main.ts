/**
 * `npm run fuzz [-- --requests N --seed S --writes]`: thousands of fuzzed requests against the
 * real API on its own local Neo4j instance ("fuzz", port 7699, wiped only if a benchmark or
 * fuzz run created it). Prints the figures and exits 1 on any failure.
 *
 * Default: read-only operations (queries; mutations with the analyst key), and the graph's
 * fingerprint must not change. --writes also sends admin mutations (they may write; the
 * response rules still hold).
 */
import { Command } from 'commander';
import { openBenchDatabase, table, wipe } from '../../bench/common.js';
import { freePort } from '../helpers/net.js';
import { fuzz } from './fuzzer.js';
import { auditAfterWrites, FUZZ_API_KEYS, graphFingerprint, startFuzzTarget } from './setup.js';

const options = new Command()
  .option('--requests <n>', 'requests to send', '5000')
  .option('--seed <n>', 'seed (same seed, same requests)', '1')
  .option('--concurrency <n>', 'requests at once', '8')
  .option('--writes', 'also send admin mutations (skips the no-write check)', false)
  .parse()
  .opts<{ requests: string; seed: string; concurrency: string; writes: boolean }>();

const { config, logger, database } = await openBenchDatabase('fuzz', 7699, { API_KEYS: FUZZ_API_KEYS, NODE_ENV: 'development', INTROSPECTION: 'true' });
try {
  await wipe(database);
  const { target, stop } = await startFuzzTarget(database.db, config, logger, database.server, await freePort(), 300);
  try {
    const before = await graphFingerprint(database.db);
    const requests = Number(options.requests);
    const report = await fuzz(target, {
      seed: Number(options.seed),
      requests,
      concurrency: Number(options.concurrency),
      readOnly: !options.writes,
      onProgress: (done) => {
        if (done % 1_000 === 0) process.stderr.write(`  ${done} / ${requests}\n`);
      },
    });
    const unchanged = (await graphFingerprint(database.db)) === before;
    const broken = options.writes ? await auditAfterWrites(database.db, target.ids.users, target.url) : [];
    process.stdout.write(
      `\nfuzz: ${report.requests} requests (seed ${options.seed}, ${options.writes ? 'with writes' : 'read-only'}) in ${report.seconds.toFixed(1)} s, ${(report.requests / report.seconds).toFixed(0)} requests/s\n\n`,
    );
    process.stdout.write(`${table(Object.entries(report.byStatus).map(([status, n]) => ({ 'HTTP status': status, requests: n })))}\n\n`);
    process.stdout.write(
      `${table(
        Object.entries(report.byCode)
          .sort((a, b) => b[1] - a[1])
          .map(([code, n]) => ({ 'error code': code, errors: n })),
      )}\n\n`,
    );
    process.stdout.write(
      `failures: ${report.failures.length}${options.writes ? `; invariants after writes: ${broken.length === 0 ? 'hold' : broken.join('; ')}` : `; graph unchanged: ${unchanged ? 'yes' : 'NO'}`}\n`,
    );
    for (const failure of report.failures.slice(0, 10))
      process.stdout.write(`- ${failure.reason}\n  request: ${failure.request}\n  response: ${failure.response}\n`);
    if (report.failures.length > 0 || broken.length > 0 || (!options.writes && !unchanged)) process.exitCode = 1;
  } finally {
    await stop();
  }
} finally {
  await database.close();
}
