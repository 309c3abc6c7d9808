/** A command's result: JSON for scripts (`--json`), else the lines for a person. */
export function emit(json: boolean | undefined, value: unknown, lines: () => string[]): void {
  if (json === true) console.log(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2));
  else for (const line of lines()) console.log(line);
}

/** Whole seconds or minutes/hours, for ages. */
export function formatAge(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  if (seconds < 7_200) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3_600).toFixed(1)} h`;
}
