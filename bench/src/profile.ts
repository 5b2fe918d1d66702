// `tsx bench/src/profile.ts <file.cpuprofile>…`: where a profiled server spent its CPU, by package and by function.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

/** "hono", "@aws-sdk/…", "node:http", or our own file relative to the repo. */
function owner(url: string): string {
  if (!url) return '(native / idle / gc)';
  if (url.startsWith('node:')) return url;
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const repo = url.indexOf('/apps/') >= 0 ? url.indexOf('/apps/') : url.indexOf('/packages/');
  return repo >= 0 ? url.slice(repo + 1) : url;
}

function summarize(path: string, top = 15) {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  // Shares of the time the process was busy: idle samples say nothing about the cost of a request.
  const idleIds = new Set(
    profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id),
  );
  const total = profile.samples.filter((id) => !idleIds.has(id)).length;
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0 || idleIds.has(node.id)) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const who = owner(url);
    byOwner.set(who, (byOwner.get(who) ?? 0) + hits);
    const name = `${functionName || '(anonymous)'} ${who}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
  }
  const seconds = (profile.endTime - profile.startTime) / 1e6;
  const print = (title: string, rows: Map<string, number>) => {
    console.log(`  ${title}`);
    for (const [name, hits] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`    ${((hits / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
  };
  const busy = (total / profile.samples.length) * 100;
  console.log(`${path}: ${seconds.toFixed(1)} s, busy ${busy.toFixed(0)} % of it; shares of busy time:`);
  print('self time by package / file', byOwner);
  print('self time by function', byFunction);
}

for (const path of process.argv.slice(2)) summarize(path);
