// Metric names in a PromQL expression, read loosely: enough to check that every series an alert
// or a panel asks for is exported, without a full PromQL parser.

const STRINGS = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;
const MATCHERS = /\{[^}]*\}/g;
const RANGES = /\[[^\]]*\]/g;
const GROUPING = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g;
// Not preceded by a word character or a dot: `1e3` and `5m` are numbers and durations.
const IDENTIFIER = /(?<![\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*/g;
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan']);

/** The metric names an expression selects, each once, in order of appearance. */
export function metricNamesIn(expr: string): string[] {
  const bare = expr.replace(STRINGS, '""').replace(MATCHERS, ' ').replace(RANGES, ' ').replace(GROUPING, ' ');
  const names: string[] = [];
  for (const match of bare.matchAll(IDENTIFIER)) {
    const name = match[0];
    const after = bare.slice(match.index + name.length).trimStart();
    // A name followed by `(` is a function or an aggregation.
    if (after.startsWith('(') || KEYWORDS.has(name.toLowerCase())) continue;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}
