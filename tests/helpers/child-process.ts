import type { ChildProcess } from 'node:child_process';

/** Resolves with the first stderr line matching `pattern` (pino writes JSON lines there). */
export function waitForLog(child: ChildProcess, pattern: RegExp, log: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no log line matching ${pattern} in ${timeoutMs} ms:\n${log.join('').slice(-3000)}`)), timeoutMs);
    const check = () => {
      const line = log.join('').split('\n').find((candidate) => pattern.test(candidate));
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
