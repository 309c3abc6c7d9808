import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderProfileSummary, summarizeCpuProfile, type CpuProfile, type ProfileSummary } from '../profiling/cpu-profile-summary';

/**
 * After a profiled run: every `.cpuprofile` the service left (one per thread: the main thread and
 * tsx's module-loader worker) summarized next to it (`.txt`), and the busiest one — the main
 * thread, where requests are handled — as report notes.
 */
export async function profileNotes(artifactsDir: string, repoRoot: string, top = 15): Promise<string[]> {
  const dir = join(artifactsDir, 'profiles');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) return ['profiled run, but no .cpuprofile was written (the service did not exit cleanly?)'];
  let busiest: { file: string; summary: ProfileSummary } | undefined;
  for (const file of files) {
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
    const summary = summarizeCpuProfile(profile, repoRoot.replace(/\/$/, ''), 40);
    await writeFile(join(dir, `${file}.txt`), `${renderProfileSummary(summary)}\n`);
    if (busiest === undefined || summary.busyMs > busiest.summary.busyMs) busiest = { file, summary };
  }
  const { file, summary } = busiest!;
  const groups = summary.groups
    .slice(0, 10)
    .map((g) => `${g.group} ${g.share.toFixed(1)}%`)
    .join(', ');
  const functions = summary.functions
    .slice(0, top)
    .map((f) => `${f.name} (${f.location || f.group}) ${f.share.toFixed(1)}%`)
    .join('; ');
  return [
    `profile ${join(dir, file)} (busiest of ${files.length} threads): busy ${(summary.busyMs / 1000).toFixed(1)} s of ${(summary.totalMs / 1000).toFixed(1)} s; self time by package: ${groups}`,
    `profile top self time: ${functions}`,
  ];
}
