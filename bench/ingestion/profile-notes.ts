import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderProfileSummary, summarizeCpuProfile, type CpuProfile } from '../profiling/cpu-profile-summary';

/**
 * After a profiled run: each `.cpuprofile` the service left, summarized next to it (`.txt`) and
 * its top entries as report notes.
 */
export async function profileNotes(artifactsDir: string, repoRoot: string, top = 12): Promise<string[]> {
  const dir = join(artifactsDir, 'profiles');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) return ['profiled run, but no .cpuprofile was written (the service did not exit cleanly?)'];
  const notes: string[] = [];
  for (const file of files) {
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
    const summary = summarizeCpuProfile(profile, repoRoot.replace(/\/$/, ''), 40);
    await writeFile(join(dir, `${file}.txt`), `${renderProfileSummary(summary)}\n`);
    const groups = summary.groups
      .slice(0, 8)
      .map((g) => `${g.group} ${g.share.toFixed(1)}%`)
      .join(', ');
    const functions = summary.functions
      .slice(0, top)
      .map((f) => `${f.name} (${f.location || f.group}) ${f.share.toFixed(1)}%`)
      .join('; ');
    notes.push(`profile ${join(dir, file)}: busy ${(summary.busyMs / 1000).toFixed(1)} s of ${(summary.totalMs / 1000).toFixed(1)} s; by package: ${groups}`);
    notes.push(`profile top self time: ${functions}`);
  }
  return notes;
}
