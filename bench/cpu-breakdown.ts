/**
 * Where a server's CPU goes per request, from a V8 CPU profile (`node --cpu-prof`) taken under
 * load: every sample is charged to the first frame, from the leaf up, that belongs to a stage
 * of serving a request. Frames that every stage uses (graphql's visitor and TypeInfo, native
 * socket writes and streams, microtasks, events) are passed through to their caller, so a visit made by
 * the cost analysis counts as cost and a socket write made by the driver counts as driver.
 * Module loading (the process's start) and idle time are left out.
 */
import { readFileSync } from 'node:fs';

export const CPU_STAGES = ['http', 'apollo', 'parse', 'validate', 'cost', 'context', 'execute', 'driver', 'serialise', 'logging', 'gc', 'other'] as const;
export type CpuStage = (typeof CPU_STAGES)[number];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A frame's stage, 'pass' to ask its caller, or 'skip' for time that is not serving. */
function stageOf({ functionName, url }: ProfileNode['callFrame']): CpuStage | 'pass' | 'skip' {
  if (functionName === '(idle)') return 'skip';
  if (functionName === '(garbage collector)') return 'gc';
  if (functionName === '(program)') return 'other';
  if (/node:internal\/modules|compileSourceTextModule|wrapSafe/.test(`${url} ${functionName}`)) return 'skip';
  if (url.includes('graphql-query-complexity') || url.endsWith('/graphql/cost.js')) return 'cost';
  if (url.includes('neo4j-driver') || url.includes('/dist/db/')) return 'driver';
  if (/\/(pino|pino-[a-z-]+|sonic-boom|thread-stream)\//.test(url)) return 'logging';
  if (url.includes('/graphql/validation/') || url.includes('graphql-armor')) return 'validate';
  if (url.includes('/graphql/language/parser') || url.includes('/graphql/language/lexer')) return 'parse';
  if (url.includes('/dist/context.js')) return 'context';
  if (functionName === 'prettyJSONStringify' || functionName === 'stringify') return 'serialise';
  if (url.includes('/graphql/execution/') || url.includes('/dataloader/')) return 'execute';
  // Socket and stream frames pass: a write belongs to whoever wrote (the driver, or the response).
  if (url.includes('/dist/graphql/http.js') || /node:(_http|internal\/http)/.test(url) || url.includes('negotiator')) return 'http';
  if (url.includes('@apollo/')) return 'apollo';
  // Our resolvers, services and guards: executing the operation.
  if (url.includes('/dist/')) return 'execute';
  return 'pass';
}

/** CPU microseconds per stage over the whole profile. */
export function cpuByStage(profilePath: string): Map<CpuStage, number> {
  const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  // Each node's stage once (walking up), then each sample's time onto its node's stage.
  const stageOfNode = new Map<number, CpuStage | 'skip'>();
  const resolve = (id: number): CpuStage | 'skip' => {
    const known = stageOfNode.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const own = node ? stageOf(node.callFrame) : 'other';
    const up = parent.get(id);
    const stage = own !== 'pass' ? own : up === undefined ? 'other' : resolve(up);
    stageOfNode.set(id, stage);
    return stage;
  };
  const totals = new Map<CpuStage, number>(CPU_STAGES.map((stage) => [stage, 0]));
  profile.samples.forEach((id, i) => {
    const stage = resolve(id);
    if (stage !== 'skip') totals.set(stage, (totals.get(stage) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return totals;
}

/** Rows for bench/common.ts's table: µs of CPU per request per stage, and each stage's share. */
export function breakdownRows(byStage: Map<CpuStage, number>, requests: number): Record<string, string>[] {
  const total = [...byStage.values()].reduce((sum, us) => sum + us, 0);
  const rows: Record<string, string>[] = CPU_STAGES.map((stage) => ({
    stage,
    'µs/request': ((byStage.get(stage) ?? 0) / Math.max(requests, 1)).toFixed(0),
    share: `${((100 * (byStage.get(stage) ?? 0)) / Math.max(total, 1)).toFixed(1)}%`,
  }));
  rows.push({ stage: 'total', 'µs/request': (total / Math.max(requests, 1)).toFixed(0), share: '100%' });
  return rows;
}
