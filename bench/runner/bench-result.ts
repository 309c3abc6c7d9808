import * as z from 'zod';

// The result format every `bench/*.bench.ts` prints as the LAST line of its stdout (one line of
// JSON; anything printed before it is passed through as the benchmark's own output). Documented in
// bench/README.md. Kept tiny on purpose so a benchmark needs no library to produce it.

const finite = z.number().refine(Number.isFinite, 'expected a finite number');

export const Goal = z.object({
  /** `>=` for rates and shares, `<=` for latencies and sizes. */
  op: z.enum(['>=', '<=']),
  value: finite,
});
export type Goal = z.infer<typeof Goal>;

export const Ceiling = z.object({
  /** What the ceiling is: e.g. `bare Fastify route`. */
  name: z.string().min(1),
  /** The ceiling's own value, measured in the same run, in the figure's unit. */
  value: finite,
});
export type Ceiling = z.infer<typeof Ceiling>;

export const Figure = z.object({
  name: z.string().min(1),
  /** `null` when the benchmark could not measure it (then its goal is neither met nor missed). */
  value: finite.nullable(),
  /** `events/s`, `ms`, `%`, `MiB`, `cores`, `count` … rendered as given. */
  unit: z.string(),
  goal: Goal.optional(),
  ceiling: Ceiling.optional(),
  /** value / ceiling.value; computed by the runner when omitted. */
  ratioToCeiling: finite.optional(),
});
export type Figure = z.infer<typeof Figure>;

export const BenchResult = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case name'),
  figures: z.array(Figure),
  /** Facts about the setup that the runner's machine block does not hold (client CPU, settings). */
  machine: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  notes: z.union([z.string(), z.array(z.string())]).default([]),
  /** Correctness failures (lost or duplicated events…): any makes the benchmark failed. */
  failures: z.array(z.string()).default([]),
});
export type BenchResult = z.output<typeof BenchResult>;
export type BenchResultInput = z.input<typeof BenchResult>;

export type ParsedOutput = { ok: true; result: BenchResult; before: string } | { ok: false; error: string; before: string };

/**
 * The result of a benchmark from its whole stdout: the last non-empty line, as JSON, validated.
 * `before` is everything printed above it.
 */
export function parseBenchOutput(stdout: string): ParsedOutput {
  const lines = stdout.split('\n');
  let last = lines.length - 1;
  while (last >= 0 && lines[last]!.trim() === '') last -= 1;
  if (last < 0) return { ok: false, error: 'no output: a benchmark must print its JSON result as the last line of stdout', before: '' };
  const before = lines.slice(0, last).join('\n');
  let json: unknown;
  try {
    json = JSON.parse(lines[last]!);
  } catch {
    return { ok: false, error: `the last line of stdout is not JSON: ${truncate(lines[last]!, 200)}`, before };
  }
  const parsed = BenchResult.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return { ok: false, error: `the result does not match the format: ${problems.join('; ')}`, before };
  }
  return { ok: true, result: parsed.data, before };
}

/** Notes as a list, whichever form the benchmark used. */
export function notesOf(result: BenchResult): string[] {
  return typeof result.notes === 'string' ? [result.notes] : result.notes;
}

/** For a benchmark: prints its result as the last stdout line (call it once, at the very end). */
export function emitBenchResult(result: BenchResultInput): void {
  process.stdout.write(`\n${JSON.stringify(BenchResult.parse(result))}\n`);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
