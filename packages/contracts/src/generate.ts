// Writes generated/asyncapi.yaml and generated/schemas/*.schema.json from the zod schemas.
// Run: pnpm --filter @rapport/contracts generate
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderGenerated, SCHEMAS_DIR } from './docs/render';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
const files = renderGenerated(version);

// A schema that was renamed or removed must not linger as a stale file.
const schemasDir = join(packageDir, SCHEMAS_DIR);
mkdirSync(schemasDir, { recursive: true });
for (const f of readdirSync(schemasDir)) {
  if (!files.has(`${SCHEMAS_DIR}/${f}`)) rmSync(join(schemasDir, f));
}
for (const [path, content] of files) {
  mkdirSync(dirname(join(packageDir, path)), { recursive: true });
  writeFileSync(join(packageDir, path), content);
}
console.log(`wrote ${files.size} files under ${join(packageDir, 'generated')}`);
