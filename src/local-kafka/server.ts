/**
 * The project's own Kafka broker for development and tests: jars from Maven Central, cached
 * under `.kafka/`, run in KRaft mode (one JVM that is both broker and controller) on loopback.
 *
 * Kafka's distribution archive is not on Maven Central, but its `libs/` folder is the runtime
 * classpath of `org.apache.kafka:kafka_2.13` plus an SLF4J binding, which tools/kafka/pom.xml
 * resolves. We then do what bin/kafka-storage.sh and bin/kafka-server-start.sh do: format the
 * log directory once (kafka.tools.StorageTool) and run kafka.Kafka on a server.properties we
 * write. Unlike Neo4j there is no launcher keeping a pid file, so this module keeps one.
 *
 * Layout:
 *   .kafka/dist/kafka-<v>/libs/*.jar                         shared by every instance
 *   .kafka/instances/<name>/{server.properties,data,logs}    one per instance ("dev", "test", …)
 *   .kafka/instances/<name>/kafka.pid                        while it runs
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Admin } from '@platformatic/kafka';
import { PROJECT_ROOT, type LocalKafkaConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { javaBinary, materialise, requireJava17, resolveRuntimeClasspath } from '../lib/maven-classpath.js';

const POM = path.join(PROJECT_ROOT, 'tools', 'kafka', 'pom.xml');
const START_WAIT_MS = 120_000;
const STOP_WAIT_MS = 30_000;

interface LocalKafkaPaths {
  libs: string;
  instance: string;
  properties: string;
  data: string;
  logs: string;
  pidFile: string;
}

async function readKafkaVersion(): Promise<string> {
  const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(await readFile(POM, 'utf8'))?.[1];
  if (!version) throw new Error(`${POM} must define kafka.version`);
  return version;
}

function localPaths(config: LocalKafkaConfig, version: string): LocalKafkaPaths {
  const instance = path.join(config.dir, 'instances', config.instance);
  return {
    libs: path.join(config.dir, 'dist', `kafka-${version}`, 'libs'),
    instance,
    properties: path.join(instance, 'server.properties'),
    data: path.join(instance, 'data'),
    logs: path.join(instance, 'logs'),
    pidFile: path.join(instance, 'kafka.pid'),
  };
}

/** Obtains the broker's jars into the cache. Idempotent and cheap when cached. */
async function installKafka(config: LocalKafkaConfig, log: Logger): Promise<{ paths: LocalKafkaPaths; version: string }> {
  const version = await readKafkaVersion();
  const paths = localPaths(config, version);
  await requireJava17('Kafka');
  if (!existsSync(paths.libs)) {
    const started = Date.now();
    const listFile = path.join(config.dir, 'classpath.txt');
    const artifacts = await resolveRuntimeClasspath(POM, { listFile, what: 'Apache Kafka' }, log);
    await materialise(
      paths.libs,
      artifacts.map((artifact) => artifact.file),
    );
    log.info({ jars: artifacts.length, seconds: (Date.now() - started) / 1000, version }, 'Apache Kafka installed');
  }
  return { paths, version };
}

function serverProperties(config: LocalKafkaConfig, paths: LocalKafkaPaths): string {
  const controllerPort = config.port + 1;
  return `# Written by src/local-kafka/server.ts on every start; edit KAFKA_LOCAL_* settings instead.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${controllerPort}
listeners=PLAINTEXT://127.0.0.1:${config.port},CONTROLLER://127.0.0.1:${controllerPort}
advertised.listeners=PLAINTEXT://127.0.0.1:${config.port}
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=${paths.data}
num.partitions=${config.partitions}
# One broker: internal topics cannot have more replicas than that.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# A development broker: keep a week, start consumer groups at once.
log.retention.hours=168
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
`;
}

/** A loopback port is taken when something accepts a connection on it. */
async function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

async function runningPid(paths: LocalKafkaPaths): Promise<number | null> {
  let pid: number;
  try {
    pid = Number((await readFile(paths.pidFile, 'utf8')).trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // the broker died without us: a stale pid file
  }
}

/** True once the broker answers a metadata request: it has a controller and accepts clients. */
async function brokerReady(port: number): Promise<boolean> {
  const admin = new Admin({ clientId: 'profile-graph-local-kafka', bootstrapBrokers: [`127.0.0.1:${port}`], retries: 0, timeout: 2_000 });
  try {
    const metadata = await admin.metadata({ topics: [] });
    return metadata.brokers.size > 0;
  } catch {
    return false;
  } finally {
    await admin.close().catch(() => undefined);
  }
}

async function tail(file: string, lines: number): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log yet)';
  }
}

async function java(paths: LocalKafkaPaths, args: readonly string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(javaBinary(), ['-cp', `${paths.libs}/*`, ...args], { cwd: paths.instance, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

export interface StartedKafka {
  brokers: string[];
  alreadyRunning: boolean;
  version: string;
  startMs: number;
}

/**
 * A random cluster id as Kafka's own Uuid.randomUuid() makes them: 16 bytes in URL-safe base64,
 * never starting with "-". One in 64 ids did, and the storage tool's argument parser took it
 * for an option ("argument --cluster-id/-t: expected one argument"): a flaky test start.
 */
export function kafkaClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/**
 * Starts the local broker (installing first if needed) and resolves once it answers clients.
 * If this instance is already up, returns at once: the API, the CLI and tests may share it.
 */
export async function startLocalKafka(config: LocalKafkaConfig, log: Logger): Promise<StartedKafka> {
  const started = Date.now();
  const brokers = [`127.0.0.1:${config.port}`];
  const { paths, version } = await installKafka(config, log);
  const pid = await runningPid(paths);
  if (pid !== null && (await brokerReady(config.port))) return { brokers, alreadyRunning: true, version, startMs: Date.now() - started };
  for (const port of [config.port, config.port + 1]) {
    if (pid === null && (await portAnswers(port))) {
      throw new Error(`Port ${port} on 127.0.0.1 is taken by something other than the local Kafka "${config.instance}". Stop it, or set KAFKA_LOCAL_PORT.`);
    }
  }
  await mkdir(paths.logs, { recursive: true });
  await writeFile(paths.properties, serverProperties(config, paths));
  if (!existsSync(path.join(paths.data, 'meta.properties'))) {
    // KRaft needs its log directory formatted with a cluster id once (bin/kafka-storage.sh format).
    const formatted = await java(paths, ['kafka.tools.StorageTool', 'format', '-t', kafkaClusterId(), '-c', paths.properties]);
    if (formatted.code !== 0) throw new Error(`Formatting the Kafka log directory failed:\n${formatted.output}`);
  }
  if (pid === null) {
    log.info({ instance: config.instance, brokers }, 'starting local Kafka');
    const logFile = path.join(paths.logs, 'server.log');
    const out = openSync(logFile, 'a');
    try {
      const child = spawn(
        javaBinary(),
        [`-Xmx${config.heap}`, `-Xms${config.heap}`, '-XX:+UseG1GC', '-Djava.awt.headless=true', '-cp', `${paths.libs}/*`, 'kafka.Kafka', paths.properties],
        // Detached: the broker outlives the command that started it, as bin/kafka-server-start.sh -daemon.
        { cwd: paths.instance, detached: true, stdio: ['ignore', out, out] },
      );
      if (child.pid === undefined) throw new Error(`Could not run ${javaBinary()} to start Kafka`);
      await writeFile(paths.pidFile, `${child.pid}\n`);
      child.unref();
    } finally {
      closeSync(out);
    }
  }
  while (Date.now() - started < START_WAIT_MS) {
    if (await brokerReady(config.port)) {
      const startMs = Date.now() - started;
      log.info({ instance: config.instance, brokers, seconds: startMs / 1000 }, 'local Kafka is up');
      return { brokers, alreadyRunning: false, version, startMs };
    }
    if ((await runningPid(paths)) === null) {
      throw new Error(
        `Kafka exited during start-up. Last lines of ${path.join(paths.logs, 'server.log')}:\n${await tail(path.join(paths.logs, 'server.log'), 30)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Kafka did not answer on ${brokers[0] ?? '?'} within ${START_WAIT_MS / 1000}s; see ${paths.logs}`);
}

/** Stops the local broker (SIGTERM, as kafka-server-stop.sh; SIGKILL if it hangs); a no-op when stopped. */
export async function stopLocalKafka(config: LocalKafkaConfig, log: Logger): Promise<{ wasRunning: boolean }> {
  const paths = localPaths(config, await readKafkaVersion());
  const pid = await runningPid(paths);
  if (pid === null) {
    await rm(paths.pidFile, { force: true });
    return { wasRunning: false };
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_WAIT_MS;
  while ((await runningPid(paths)) !== null) {
    if (Date.now() > deadline) {
      log.warn({ instance: config.instance, pid }, 'Kafka did not stop within 30 s; killing it');
      process.kill(pid, 'SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await rm(paths.pidFile, { force: true });
  log.info({ instance: config.instance }, 'local Kafka stopped');
  return { wasRunning: true };
}

export async function localKafkaStatus(config: LocalKafkaConfig): Promise<{ installed: boolean; running: boolean; version: string; instanceDir: string }> {
  const version = await readKafkaVersion();
  const paths = localPaths(config, version);
  return { installed: existsSync(paths.libs), running: (await runningPid(paths)) !== null, version, instanceDir: paths.instance };
}
