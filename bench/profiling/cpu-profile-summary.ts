// Where the time of a `node --cpu-prof` profile goes: self time by function and by package.
// Pure: reads the parsed `.cpuprofile` JSON (V8's Profile object).

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  /** `packages/kit/src/http/raw-body.ts:12`, `fastify lib/route.js:300`, or empty for V8's own entries. */
  location: string;
  group: string;
  selfMs: number;
  /** Share of the busy (non-idle) time, in %. */
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  busyMs: number;
  functions: SelfTime[];
  /** Self time by package / workspace folder / V8 category. */
  groups: { group: string; selfMs: number; share: number }[];
}

const IDLE = '(idle)';

/**
 * Where a script belongs: the npm package for node_modules paths (pnpm's nested layout included),
 * the workspace folder (`packages/kit`, `services/ingestion`) for the repo's own code, `node` for
 * Node's internals, and V8's pseudo-frames (`(garbage collector)`, `(program)`) as they are.
 */
export function groupOf(url: string, functionName: string, repoRoot: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node';
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const [first = '', second = ''] = path.slice(nm + '/node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  const root = repoRoot.endsWith('/') ? repoRoot : `${repoRoot}/`;
  if (path.startsWith(root)) {
    const [top = '', name = ''] = path.slice(root.length).split('/');
    return top === 'packages' || top === 'services' || top === 'tools' ? `${top}/${name}` : top;
  }
  return path;
}

function locationOf(url: string, line: number, repoRoot: string): string {
  if (url === '') return '';
  let path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) path = path.slice(nm + '/node_modules/'.length);
  else if (path.startsWith(repoRoot)) path = path.slice(repoRoot.length).replace(/^\//, '');
  return `${path}:${line + 1}`;
}

export function summarizeCpuProfile(profile: CpuProfile, repoRoot: string, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const functions = new Map<string, { name: string; location: string; group: string; us: number }>();
  const groups = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) continue;
    totalUs += us;
    if (frame.functionName === IDLE) {
      idleUs += us;
      continue;
    }
    const location = locationOf(frame.url, frame.lineNumber, repoRoot);
    const name = frame.functionName || '(anonymous)';
    const key = `${name}@${location}`;
    const group = groupOf(frame.url, frame.functionName, repoRoot);
    const entry = functions.get(key) ?? { name, location, group, us: 0 };
    entry.us += us;
    functions.set(key, entry);
    groups.set(group, (groups.get(group) ?? 0) + us);
  }
  const busyUs = totalUs - idleUs;
  const share = (us: number) => (busyUs > 0 ? (us / busyUs) * 100 : 0);
  return {
    totalMs: totalUs / 1000,
    idleMs: idleUs / 1000,
    busyMs: busyUs / 1000,
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, location: f.location, group: f.group, selfMs: f.us / 1000, share: share(f.us) })),
    groups: [...groups.entries()].sort((a, b) => b[1] - a[1]).map(([group, us]) => ({ group, selfMs: us / 1000, share: share(us) })),
  };
}

/** The summary as text: busy time, then the top groups and functions by self time. */
export function renderProfileSummary(summary: ProfileSummary, topGroups = 12): string {
  const lines = [
    `sampled ${summary.totalMs.toFixed(0)} ms, idle ${summary.idleMs.toFixed(0)} ms, busy ${summary.busyMs.toFixed(0)} ms`,
    '',
    'self time by package:',
    ...summary.groups.slice(0, topGroups).map((g) => `  ${g.share.toFixed(1).padStart(5)}%  ${g.selfMs.toFixed(0).padStart(7)} ms  ${g.group}`),
    '',
    'top functions by self time:',
    ...summary.functions.map((f) => `  ${f.share.toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(0).padStart(7)} ms  ${f.name}  ${f.location}`),
  ];
  return lines.join('\n');
}
