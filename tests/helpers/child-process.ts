import { spawn, type ChildProcess } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/config.js';

/** A CLI command (`profile-graph …`) run as a user runs it, in a child process; `done` says how it ended and what it wrote to stderr. */
export function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.resume(); // read, so a chatty command never blocks on a full pipe
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, done };
}

/** Resolves with the first stderr line matching `pattern` (pino writes JSON lines there). */
export function waitForLog(child: ChildProcess, pattern: RegExp, log: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no log line matching ${pattern} in ${timeoutMs} ms:\n${log.join('').slice(-3000)}`)), timeoutMs);
    const check = () => {
      const line = log
        .join('')
        .split('\n')
        .find((candidate) => pattern.test(candidate));
      if (line) {
        clearTimeout(timer);
        child.stderr?.off('data', check);
        resolve(line);
      }
    };
    child.stderr?.on('data', check);
    check();
  });
}

/** `npm start` as a user (or a supervisor) runs it, in a child process, on its own local Neo4j instance. */
export interface ApiProcess {
  child: ChildProcess;
  /** What it wrote to stderr (pino's JSON lines), chunk by chunk. */
  log: string[];
  exited: Promise<number | null>;
  /** The environment it runs with (its local instance: loadConfig(env).localNeo4j). */
  env: NodeJS.ProcessEnv;
  url: string;
}

export async function startApiProcess(options: {
  instance: string;
  boltPort: string;
  port: number;
  demoUsers: number;
  pageCache?: string;
}): Promise<ApiProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    NEO4J_URI: '',
    NEO4J_LOCAL_INSTANCE: options.instance,
    NEO4J_LOCAL_BOLT_PORT: options.boltPort,
    NEO4J_LOCAL_HEAP: '512m',
    NEO4J_LOCAL_PAGECACHE: options.pageCache ?? '256m',
    NEO4J_LOCAL_GDS: 'false',
    PORT: String(options.port),
    LOG_LEVEL: 'info',
    DEMO_USERS: String(options.demoUsers),
    // These tests time shutdown and recovery with jobs they start themselves; the first-run analytics
    // of the demo graph (tests/integration/analytics/first-run.test.ts) would run beside them.
    DEMO_ANALYTICS: 'false',
  };
  // `npm start` itself: a signal to npm's pid alone (what a supervisor sends) must reach the API.
  const child = spawn('npm', ['start', '--silent'], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, which killApiProcess reaches after a failed test.
    detached: true,
  });
  const log: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, log, exited, env, url: `http://127.0.0.1:${options.port}/graphql` };
}

/**
 * Test cleanup: kills the API and the npm process group it runs in (a SIGKILL to npm alone
 * cannot be passed on, and would leave the API serving, orphaned, after a failed test).
 */
export function killApiProcess(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
