/**
 * JVM servers the project runs for development and tests (Neo4j, Kafka) are not downloaded as
 * distribution archives: their jars come from Maven Central through a small pom of ours
 * (tools/<server>/pom.xml), and Maven's resolved runtime classpath is copied into a cache
 * folder. This module is that shared step, plus finding a Java 17+ to run them.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../logger.js';

const execFileAsync = promisify(execFile);

export interface ResolvedArtifact {
  /** groupId:artifactId — what decides whether two jars are the same library. */
  key: string;
  file: string;
}

/**
 * Asks Maven for a pom's runtime classpath (optionally under some profiles), downloading into
 * ~/.m2 as needed. `listFile` keeps Maven's listing for a person to read when it goes wrong.
 */
export async function resolveRuntimeClasspath(
  pom: string,
  options: { profiles?: string; listFile: string; what: string },
  log: Logger,
): Promise<ResolvedArtifact[]> {
  const { profiles, listFile, what } = options;
  await mkdir(path.dirname(listFile), { recursive: true });
  // Maven writes a file of this process's own, renamed to listFile once read: another process
  // resolving the same pom at the same time must not rewrite it under us.
  const ownList = `${listFile}.${process.pid}`;
  log.info({ what, profiles }, 'resolving artifacts from Maven Central (first run only)');
  try {
    await execFileAsync(
      'mvn',
      [
        '-B',
        '-q',
        '-f',
        pom,
        ...(profiles ? ['-P', profiles] : []),
        'dependency:list',
        '-DincludeScope=runtime',
        '-DoutputAbsoluteArtifactFilename=true',
        `-DoutputFile=${ownList}`,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (error) {
    const detail = error instanceof Error && 'stdout' in error ? String((error as { stdout: unknown }).stdout).slice(-2000) : '';
    const missing = error instanceof Error && 'code' in error && (error as { code: unknown }).code === 'ENOENT';
    throw new Error(
      missing
        ? `Maven (mvn) is not on PATH: it is needed once to fetch ${what} from Maven Central. Install Maven, or point the project at a running server (docs/DEVELOPING.md).`
        : `Maven could not resolve ${what}${profiles ? ` (${profiles})` : ''} from ${pom}:\n${detail}`,
    );
  }
  const artifacts: ResolvedArtifact[] = [];
  // Lines look like: "   org.neo4j:neo4j-kernel:jar:5.26.30:compile:/root/.m2/…/neo4j-kernel-5.26.30.jar -- module …"
  const listing = await readFile(ownList, 'utf8');
  await rename(ownList, listFile);
  for (const line of listing.split('\n')) {
    const match = /^\s*([^:\s]+):([^:\s]+):jar:(?:[^:\s]+:)?[^:\s]+:(?:compile|runtime):(\S+\.jar)/.exec(line);
    if (match?.[1] && match[2] && match[3]) artifacts.push({ key: `${match[1]}:${match[2]}`, file: match[3] });
  }
  if (artifacts.length === 0) throw new Error(`Maven listed no artifacts for ${what}; see ${listFile}`);
  return artifacts;
}

/**
 * Copies into a folder of this process's own (`<target>.partial-<pid>`) then renames it to
 * `target`, so a half-copied folder is never taken as done. Two processes may install at once
 * (two servers started on a fresh machine): the first rename wins, and a later one finds the
 * target there and drops its own copy, never the other's, which a server may already run from.
 */
export async function materialise(target: string, files: readonly string[]): Promise<void> {
  const partial = `${target}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  for (const file of files) await copyFile(file, path.join(partial, path.basename(file)));
  try {
    await rename(partial, target);
  } catch (error) {
    if (!existsSync(target)) throw error;
    await rm(partial, { recursive: true, force: true });
  }
}

export function javaBinary(): string {
  // JAVA_HOME is the JVM's convention, not application config, so it is read here.
  const javaHome = process.env['JAVA_HOME'];
  return javaHome ? path.join(javaHome, 'bin', 'java') : 'java';
}

/** Throws a sentence a person can act on unless a Java 17 or newer is on PATH (or in JAVA_HOME). */
export async function requireJava17(server: string): Promise<void> {
  let stderr: string;
  try {
    ({ stderr } = await execFileAsync(javaBinary(), ['-version']));
  } catch {
    throw new Error(`Java is not on PATH (nor in JAVA_HOME): ${server} needs Java 17 or 21.`);
  }
  const major = Number(/version "(\d+)/.exec(stderr)?.[1] ?? 0);
  if (major < 17) throw new Error(`${server} needs Java 17 or 21; found: ${stderr.split('\n')[0] ?? '?'}`);
}
