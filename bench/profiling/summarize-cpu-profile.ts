// `pnpm tsx bench/profiling/summarize-cpu-profile.ts <file.cpuprofile> [top]`: where the time of a
// `node --cpu-prof` profile goes (self time by package and by function).
import { readFile } from 'node:fs/promises';
import { REPO_ROOT } from '../support/bench-environment';
import { renderProfileSummary, summarizeCpuProfile, type CpuProfile } from './cpu-profile-summary';

const [file, top = '25'] = process.argv.slice(2).filter((arg) => arg !== '--');
if (file === undefined) {
  console.error('usage: pnpm tsx bench/profiling/summarize-cpu-profile.ts <file.cpuprofile> [top]');
  process.exitCode = 1;
} else {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  console.log(renderProfileSummary(summarizeCpuProfile(profile, REPO_ROOT.replace(/\/$/, ''), Number(top))));
}
