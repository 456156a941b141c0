/**
 * The project's own Neo4j: obtained from Maven Central, cached under `.neo4j/`, run on loopback.
 *
 * Neo4j publishes no distribution archive on Maven Central, only the server's jars. The
 * official assembly (org.neo4j.assembly:neo4j-community-standalone) is a `lib/` folder holding
 * the runtime classpath of `org.neo4j.app:neo4j-server`, `org.neo4j:neo4j` (the community
 * entry point) and `org.neo4j:neo4j-bootcheck` (the launcher behind `bin/neo4j`), so we let
 * Maven resolve exactly that (tools/neo4j/pom.xml) and copy the jars. The launcher
 * (`Neo4jBoot start|stop|status`) then behaves as `bin/neo4j` does: it reads neo4j.conf,
 * forks the server JVM with the configured heap and JVM flags, and keeps a pid file.
 *
 * The Graph Data Science plugin is assembled the same way from the open-source modules
 * (`org.neo4j.gds:proc` + `org.neo4j.gds:opengds-extension`), minus every artifact the
 * server's classpath already holds. If that fails the server still starts, without GDS, and
 * the reason is written to `.neo4j/dist/gds-<version>.unavailable`.
 *
 * Layout:
 *   .neo4j/dist/neo4j-community-<v>/lib/*.jar     shared by every instance
 *   .neo4j/dist/gds-<v>/*.jar                      the plugin folder, when GDS is enabled
 *   .neo4j/instances/<name>/{conf,data,logs,run}   one per instance ("dev", "test", …)
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import neo4j from 'neo4j-driver';
import { PROJECT_ROOT, type LocalNeo4jConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { cypher } from '../db/cypher.js';
import { javaBinary, materialise, requireJava17, resolveRuntimeClasspath, type ResolvedArtifact } from '../lib/maven-classpath.js';

const POM = path.join(PROJECT_ROOT, 'tools', 'neo4j', 'pom.xml');
const BOLT_WAIT_MS = 180_000;
/** bin/neo4j's own default (NEO4J_SHUTDOWN_TIMEOUT): a server checkpoints before it exits. */
const STOP_WAIT_MS = 120_000;

export interface LocalNeo4jVersions {
  neo4j: string;
  gds: string;
}

export interface LocalNeo4jPaths {
  lib: string;
  gdsPlugins: string;
  gdsUnavailable: string;
  emptyPlugins: string;
  instance: string;
  conf: string;
  logs: string;
  authFile: string;
}

/** Versions come from tools/neo4j/pom.xml so Maven and this module cannot disagree. */
export async function readVersions(): Promise<LocalNeo4jVersions> {
  const pom = await readFile(POM, 'utf8');
  const neo4jVersion = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(pom)?.[1];
  const gdsVersion = /<gds\.version>([^<]+)<\/gds\.version>/.exec(pom)?.[1];
  if (!neo4jVersion || !gdsVersion) throw new Error(`${POM} must define neo4j.version and gds.version`);
  return { neo4j: neo4jVersion, gds: gdsVersion };
}

export function localPaths(config: LocalNeo4jConfig, versions: LocalNeo4jVersions): LocalNeo4jPaths {
  const dist = path.join(config.dir, 'dist');
  const instance = path.join(config.dir, 'instances', config.instance);
  return {
    lib: path.join(dist, `neo4j-community-${versions.neo4j}`, 'lib'),
    gdsPlugins: path.join(dist, `gds-${versions.gds}`),
    gdsUnavailable: path.join(dist, `gds-${versions.gds}.unavailable`),
    emptyPlugins: path.join(dist, 'no-plugins'),
    instance,
    conf: path.join(instance, 'conf'),
    logs: path.join(instance, 'logs'),
    authFile: path.join(instance, 'data', 'dbms', 'auth.ini'),
  };
}

/** Asks Maven for a profile of tools/neo4j/pom.xml, listing into .neo4j/ for a person to read. */
async function resolveClasspath(profiles: string, log: Logger): Promise<ResolvedArtifact[]> {
  const listFile = path.join(PROJECT_ROOT, '.neo4j', `classpath-${profiles.replace(/[^a-z]/g, '')}.txt`);
  return resolveRuntimeClasspath(POM, { profiles, listFile, what: 'Neo4j' }, log);
}

/** Installs in this process, one after another (see installNeo4j). */
let installing: Promise<unknown> = Promise.resolve();

/**
 * Obtains Neo4j (and GDS, when enabled) into the cache. Idempotent and cheap when cached.
 * Calls in one process run one after another: the test setup starts one server per worker at
 * once, and on a fresh machine both found no cache and installed it together, one renaming its
 * copy while the other removed it. The second call now finds the first one's install.
 */
export function installNeo4j(config: LocalNeo4jConfig, log: Logger): Promise<{ gds: boolean; paths: LocalNeo4jPaths; versions: LocalNeo4jVersions }> {
  const install = installing.then(() => installNeo4jNow(config, log));
  installing = install.catch(() => undefined);
  return install;
}

async function installNeo4jNow(config: LocalNeo4jConfig, log: Logger): Promise<{ gds: boolean; paths: LocalNeo4jPaths; versions: LocalNeo4jVersions }> {
  const versions = await readVersions();
  const paths = localPaths(config, versions);
  await requireJava17('Neo4j 5');
  let serverKeys: Set<string> | null = null;
  if (!existsSync(paths.lib)) {
    const started = Date.now();
    const server = await resolveClasspath('server', log);
    await materialise(
      paths.lib,
      server.map((artifact) => artifact.file),
    );
    serverKeys = new Set(server.map((artifact) => artifact.key));
    log.info({ jars: server.length, seconds: (Date.now() - started) / 1000, version: versions.neo4j }, 'Neo4j Community installed');
  }
  await mkdir(paths.emptyPlugins, { recursive: true });
  if (!config.withGds) return { gds: false, paths, versions };
  if (existsSync(paths.gdsPlugins)) return { gds: true, paths, versions };
  if (existsSync(paths.gdsUnavailable)) return { gds: false, paths, versions };
  try {
    serverKeys ??= new Set((await resolveClasspath('server', log)).map((artifact) => artifact.key));
    // GDS declares Neo4j as 'provided', but shares libraries (jackson, eclipse-collections…)
    // with the server. The server's copy wins: two versions of one library in one JVM would
    // be picked arbitrarily by class loading order.
    const gds = (await resolveClasspath('gds,!server', log)).filter((artifact) => !serverKeys?.has(artifact.key));
    await materialise(
      paths.gdsPlugins,
      gds.map((artifact) => artifact.file),
    );
    log.info({ jars: gds.length, version: versions.gds }, 'Graph Data Science plugin installed');
    return { gds: true, paths, versions };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await writeFile(paths.gdsUnavailable, `${new Date().toISOString()}\n${reason}\n`);
    log.warn({ reason }, 'GDS plugin unavailable; continuing without it (delete the .unavailable file to retry)');
    return { gds: false, paths, versions };
  }
}

function neo4jConf(config: LocalNeo4jConfig, paths: LocalNeo4jPaths, pluginsDir: string): string {
  return `# Written by src/db/local-neo4j.ts on every start; edit NEO4J_LOCAL_* settings instead.
server.default_listen_address=127.0.0.1
server.bolt.listen_address=127.0.0.1:${config.boltPort}
server.bolt.advertised_address=127.0.0.1:${config.boltPort}
server.http.enabled=false
server.https.enabled=false
server.directories.lib=${paths.lib}
server.directories.plugins=${pluginsDir}
server.memory.heap.initial_size=${config.heap}
server.memory.heap.max_size=${config.heap}
server.memory.pagecache.size=${config.pageCache}
# Analytics write-backs are large; bound them but leave room (2-core / 24 GiB machine).
db.memory.transaction.total.max=${config.heap}
dbms.security.procedures.unrestricted=gds.*
# Transaction logs serve recovery here, not backups or a cluster: keep about 1 GB of them, not
# the default two days (a bench's evening of events kept 22 GB and filled the disk).
db.tx_log.rotation.retention_policy=1G size
dbms.usage_report.enabled=false
db.logs.query.enabled=OFF
# Bolt waits 5 s for connections and 5 s more for its threads on shutdown (internal settings,
# 5.26): 10 of the 12 s a Ctrl-C took. Our clients have closed their drivers when we stop it.
internal.server.bolt.connection_shutdown_wait_time=1s
internal.server.bolt.thread_pool_shutdown_wait_time=1s
server.jvm.additional=-XX:+UseG1GC
server.jvm.additional=-XX:-OmitStackTraceInFastThrow
server.jvm.additional=-XX:+UnlockExperimentalVMOptions
server.jvm.additional=-XX:+TrustFinalNonStaticFields
server.jvm.additional=-XX:+DisableExplicitGC
server.jvm.additional=-Djdk.nio.maxCachedBufferSize=1024
server.jvm.additional=-Dio.netty.tryReflectionSetAccessible=true
server.jvm.additional=--add-opens=java.base/java.nio=ALL-UNNAMED
server.jvm.additional=--add-opens=java.base/java.io=ALL-UNNAMED
server.jvm.additional=--add-opens=java.base/sun.nio.ch=ALL-UNNAMED
server.jvm.additional=--add-opens=java.base/java.lang=ALL-UNNAMED
server.jvm.additional=-Dlog4j2.disable.jmx=true
server.jvm.additional=-Dfile.encoding=UTF-8
`;
}

/**
 * Runs the launcher (Neo4jBoot / Neo4jAdminBoot) the way bin/neo4j would. `detached` puts it, and
 * the server JVM it forks, in a session of its own: Ctrl-C in the terminal then reaches only our
 * process, which stops the server itself after closing its driver (otherwise the server shut
 * down under the API's last writes, and the driver logged connection errors).
 */
async function launcher(
  paths: LocalNeo4jPaths,
  mainClass: string,
  args: readonly string[],
  options: { detached?: boolean } = {},
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(javaBinary(), ['-cp', `${paths.lib}/*`, mainClass, ...args], {
      cwd: paths.instance,
      detached: options.detached ?? false,
      // The launcher is a child process: it needs PATH and JAVA_HOME as the user has them.
      env: { ...process.env, NEO4J_HOME: paths.instance, NEO4J_CONF: paths.conf },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function boltAnswers(uri: string, username: string, password: string): Promise<'yes' | 'no' | 'auth-failed'> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(username, password), {
    connectionTimeout: 2_000,
    logging: { level: 'error', logger: () => undefined },
  });
  try {
    await driver.getServerInfo();
    return 'yes';
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    return code.startsWith('Neo.ClientError.Security') ? 'auth-failed' : 'no';
  } finally {
    await driver.close();
  }
}

const serverHomeQuery = cypher<{ home: string }, Record<string, never>>('system/server-home');

/** The home folder of the server answering on `uri` (null when it will not say). */
async function serverHome(uri: string, password: string): Promise<string | null> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password), { connectionTimeout: 2_000, logging: { level: 'error', logger: () => undefined } });
  try {
    const result = await driver.executeQuery(serverHomeQuery.text, {}, { database: 'system', routing: 'READ' });
    return (result.records[0]?.get('home') as string | undefined) ?? null;
  } catch {
    return null;
  } finally {
    await driver.close();
  }
}

async function tail(file: string, lines: number): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log yet)';
  }
}

export interface StartedNeo4j {
  uri: string;
  alreadyRunning: boolean;
  gds: boolean;
  versions: LocalNeo4jVersions;
  startMs: number;
}

/**
 * Starts the local instance (installing first if needed) and resolves once Bolt answers.
 * If it is already up, returns at once: several processes (API, CLI, tests) may share it.
 */
export async function startLocalNeo4j(config: LocalNeo4jConfig, password: string, log: Logger): Promise<StartedNeo4j> {
  const started = Date.now();
  const uri = `bolt://127.0.0.1:${config.boltPort}`;
  const { gds, paths, versions } = await installNeo4j(config, log);
  const state = await boltAnswers(uri, 'neo4j', password);
  if (state === 'yes') {
    // Accepting our password is not enough (the default is shared by every checkout): the
    // server must run from this instance's folder, or we would read, write and wipe another
    // instance's data (issue 12: a benchmark did).
    const home = await serverHome(uri, password);
    if (home === null || path.resolve(home) !== path.resolve(paths.instance)) {
      throw new Error(
        `Another Neo4j answers on ${uri} (running from ${home ?? 'an unknown folder'}), not the local instance "${config.instance}" (${paths.instance}). ` +
          'Stop it, or give this instance another NEO4J_LOCAL_BOLT_PORT.',
      );
    }
    return { uri, alreadyRunning: true, gds, versions, startMs: Date.now() - started };
  }
  if (state === 'auth-failed') {
    throw new Error(`Something on ${uri} speaks Bolt but refuses our password: another Neo4j holds the port. Stop it, or set NEO4J_LOCAL_BOLT_PORT.`);
  }
  await mkdir(paths.conf, { recursive: true });
  await writeFile(path.join(paths.conf, 'neo4j.conf'), neo4jConf(config, paths, gds ? paths.gdsPlugins : paths.emptyPlugins));
  if (!existsSync(paths.authFile)) {
    // Only possible before the first start; afterwards the password lives in the system database.
    // Passed in an argument file (neo4j-admin's documented @-file), never on the command line,
    // where any local user could read it with `ps`. Owner-only, removed at once.
    const argFile = path.join(paths.instance, `.initial-password-${process.pid}.args`);
    await writeFile(argFile, `"${password.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"\n`, { mode: 0o600 });
    try {
      const result = await launcher(paths, 'org.neo4j.server.startup.Neo4jAdminBoot', ['dbms', 'set-initial-password', `@${argFile}`]);
      if (result.code !== 0) throw new Error(`neo4j-admin set-initial-password failed:\n${result.output.replaceAll(password, '***')}`);
    } finally {
      await rm(argFile, { force: true });
    }
  }
  log.info({ instance: config.instance, uri, gds }, 'starting local Neo4j');
  const launched = await launcher(paths, 'org.neo4j.server.startup.Neo4jBoot', ['start'], { detached: true });
  if (launched.code !== 0 && !/already running/i.test(launched.output)) {
    throw new Error(
      `Neo4j did not start:\n${launched.output}\n--- ${path.join(paths.logs, 'neo4j.log')} ---\n${await tail(path.join(paths.logs, 'neo4j.log'), 30)}`,
    );
  }
  while (Date.now() - started < BOLT_WAIT_MS) {
    const answer = await boltAnswers(uri, 'neo4j', password);
    if (answer === 'yes') {
      const startMs = Date.now() - started;
      log.info({ instance: config.instance, uri, seconds: startMs / 1000 }, 'local Neo4j is up');
      return { uri, alreadyRunning: false, gds, versions, startMs };
    }
    if (answer === 'auth-failed') {
      throw new Error(
        `Local Neo4j at ${uri} rejects the configured password. Its data was created with another one: delete ${paths.instance} to start afresh, or set NEO4J_PASSWORD.`,
      );
    }
    if (!(await isRunning(paths))) {
      throw new Error(
        `Neo4j exited during start-up. Last lines of ${path.join(paths.logs, 'neo4j.log')}:\n${await tail(path.join(paths.logs, 'neo4j.log'), 30)}`,
      );
    }
    await sleep(250);
  }
  throw new Error(`Bolt did not answer on ${uri} within ${BOLT_WAIT_MS / 1000}s; see ${paths.logs}`);
}

/** Stops the local instance; a no-op when it is not running. */
export async function stopLocalNeo4j(config: LocalNeo4jConfig, log: Logger): Promise<{ wasRunning: boolean }> {
  const versions = await readVersions();
  const paths = localPaths(config, versions);
  if (!existsSync(path.join(paths.conf, 'neo4j.conf')) || !existsSync(paths.lib)) return { wasRunning: false };
  const server = await serverProcess(paths);
  let wasRunning: boolean;
  if (server.state === 'unknown') {
    const result = await launcher(paths, 'org.neo4j.server.startup.Neo4jBoot', ['stop']);
    wasRunning = !/not running/i.test(result.output);
    if (result.code !== 0 && wasRunning) throw new Error(`Neo4j did not stop cleanly:\n${result.output}`);
  } else {
    wasRunning = server.state === 'running';
    if (server.state === 'running') await stopServerProcess(server.pid, paths);
    await rm(pidFile(paths), { force: true });
  }
  log.info({ instance: config.instance, wasRunning }, 'local Neo4j stopped');
  return { wasRunning };
}

/**
 * What `Neo4jBoot stop` does (SIGTERM, then wait for the server to finish its shutdown), without
 * starting a launcher JVM and with a finer poll: the launcher took 4.3 s to stop an idle server
 * that shut down in 2.1 s, and 8 s under the restart test's load.
 */
async function stopServerProcess(pid: number, paths: LocalNeo4jPaths): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return; // gone between the check and the signal
  }
  const deadline = Date.now() + STOP_WAIT_MS;
  while ((await serverProcess(paths)).state === 'running') {
    if (Date.now() > deadline) {
      throw new Error(`Neo4j (pid ${pid}) did not stop within ${STOP_WAIT_MS / 1000}s of SIGTERM; see ${path.join(paths.logs, 'neo4j.log')}`);
    }
    await sleep(100);
  }
}

function pidFile(paths: LocalNeo4jPaths): string {
  return path.join(paths.instance, 'run', 'neo4j.pid');
}

type ServerProcess = { state: 'running'; pid: number } | { state: 'stopped' } | { state: 'unknown' };

/**
 * Whether this instance's server runs, read from the launcher's pid file and confirmed in /proc:
 * the process must be the server started with this instance's home (`--home-dir=…` on its command
 * line), so a stale pid file whose number now belongs to another process is never signalled, and
 * a server that exited but was not yet reaped (a zombie has an empty command line) counts as
 * stopped. 'unknown' without /proc (not Linux): callers then ask the launcher, as bin/neo4j does.
 */
async function serverProcess(paths: LocalNeo4jPaths): Promise<ServerProcess> {
  if (!existsSync('/proc/self/cmdline')) return { state: 'unknown' };
  let pid: number;
  try {
    pid = Number((await readFile(pidFile(paths), 'utf8')).trim());
  } catch {
    return { state: 'stopped' };
  }
  if (!Number.isInteger(pid) || pid <= 0) return { state: 'stopped' };
  try {
    const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return argv.includes(`--home-dir=${path.resolve(paths.instance)}`) ? { state: 'running', pid } : { state: 'stopped' };
  } catch {
    return { state: 'stopped' };
  }
}

async function isRunning(paths: LocalNeo4jPaths): Promise<boolean> {
  const server = await serverProcess(paths);
  if (server.state !== 'unknown') return server.state === 'running';
  const status = await launcher(paths, 'org.neo4j.server.startup.Neo4jBoot', ['status']);
  return status.code === 0 && !/not running/i.test(status.output);
}

export async function localNeo4jStatus(
  config: LocalNeo4jConfig,
): Promise<{ installed: boolean; running: boolean; gds: boolean; versions: LocalNeo4jVersions; instanceDir: string }> {
  const versions = await readVersions();
  const paths = localPaths(config, versions);
  const installed = existsSync(paths.lib);
  const running = installed && existsSync(path.join(paths.conf, 'neo4j.conf')) && (await isRunning(paths));
  return { installed, running, gds: existsSync(paths.gdsPlugins) && config.withGds, versions, instanceDir: paths.instance };
}

/**
 * Runs `neo4j-admin database import full` (given its arguments after `import full`) on this
 * instance's stopped database, as bin/neo4j-admin would; the output is returned for the log.
 */
export async function adminImportLocal(config: LocalNeo4jConfig, args: readonly string[], log: Logger): Promise<{ seconds: number; output: string }> {
  const paths = localPaths(config, await readVersions());
  const started = Date.now();
  log.info({ instance: config.instance }, 'running neo4j-admin database import full');
  const result = await launcher(paths, 'org.neo4j.server.startup.Neo4jAdminBoot', ['database', 'import', 'full', ...args]);
  if (result.code !== 0) throw new Error(`neo4j-admin database import failed (exit ${result.code}):\n${result.output.split('\n').slice(-40).join('\n')}`);
  return { seconds: (Date.now() - started) / 1000, output: result.output };
}
